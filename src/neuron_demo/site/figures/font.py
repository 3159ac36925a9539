"""Where the figures' Chinese glyphs come from, without importing matplotlib.

The CJK font is Noto Sans SC (SIL Open Font Licence 1.1) from the npm package
``@expo-google-fonts/noto-sans-sc``, pinned in ``package-lock.json`` and installed by the
README's setup (``npm ci``) on any machine, root or not. One pinned file everywhere means the
SVGs, whose text is drawn as paths, come out byte-identical on every machine. The
environment variable ``LL_CJK_FONT`` points elsewhere if needed.
"""

from __future__ import annotations

import os
from pathlib import Path

CJK_FONT_FAMILY = "Noto Sans SC"
FONT_FAMILY = ["DejaVu Sans", CJK_FONT_FAMILY]
"""Per-glyph fallback: Latin letters, digits and Greek from DejaVu Sans in both languages."""

_REPO_ROOT = Path(__file__).resolve().parents[4]
CJK_FONT_FILE = Path(
    os.environ.get(
        "LL_CJK_FONT",
        _REPO_ROOT / "node_modules/@expo-google-fonts/noto-sans-sc/400Regular"
        "/NotoSansSC_400Regular.ttf",
    )
)


def register_cjk_font() -> None:
    """Add the CJK font file to matplotlib's font manager, once per process.

    Idempotent on purpose: every ``addfont`` appends another entry to the font list and
    empties matplotlib's font lookup cache, so registering once per figure made every later
    text lookup score a longer list from scratch (a third of a cold build's drawing time).
    """
    from matplotlib import font_manager

    if not CJK_FONT_FILE.is_file():
        raise FileNotFoundError(
            f"CJK font not found at {CJK_FONT_FILE}: run `npm ci` (or ./dev setup)"
        )
    manager = font_manager.fontManager
    path = str(CJK_FONT_FILE)
    if not any(entry.fname == path for entry in manager.ttflist):
        manager.addfont(path)
