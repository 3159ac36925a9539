"""Fonts as Chromium's PDF writer needs them: TrueType outlines, one character per glyph.

Chromium's PDF writer embeds a TrueType-outline font as a subset font program, but draws
a font with CFF outlines (the MathJax fonts the site serves, the system's Noto CJK) as
Type 3 glyph procedures: no font program, poor text in some readers, a font object per
page. The printer hands the browser the maths fonts converted by `truetype`; metrics and
glyph order stay as they are, so every formula is laid out exactly as on the site. Only
the outlines change: each cubic curve becomes quadratic ones within `MAX_ERROR` of it.

The writer also maps each glyph back to one character, for copying and searching: the
lowest of the characters the font draws with that glyph. A CJK font draws a Kangxi radical
with the glyph of the ideograph it looks like, so 言 would come back as ⾔ (U+2F94), and an
en dash as a figure dash. `text_face` drops such look-alikes from the text face's character
map (`LOOK_ALIKES`); the book contains none of them.
"""

from __future__ import annotations

import io

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

MAX_ERROR = 1.0
"""The largest distance, in font units (1/1000 em here), between a curve and its stand-in."""


LOOK_ALIKES = (
    (0x2E80, 0x2FDF),  # radicals, drawn as the ideograph
    (0xF900, 0xFAFF),  # compatibility ideographs, likewise
    (0x2F800, 0x2FA1F),
    (0x2003, 0x2003),  # em space, drawn as the ideographic space U+3000
    (0x2012, 0x2012),  # figure dash, as the en dash U+2013
    (0x2329, 0x232A),  # angle brackets, as 〈〉 U+3008-U+3009
    (0x301C, 0x301C),  # wave dash, as the fullwidth tilde U+FF5E
)
"""Characters that share a glyph with a more common one, lower in Unicode (ranges)."""


def text_face(data: bytes) -> bytes:
    """A TrueType text face whose every ideograph glyph maps back to its ideograph only."""
    font = TTFont(io.BytesIO(data), lazy=True)
    for table in font["cmap"].tables:
        for code in [c for c in table.cmap if any(lo <= c <= hi for lo, hi in LOOK_ALIKES)]:
            del table.cmap[code]
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def truetype(data: bytes) -> bytes:
    """``data`` (an OpenType, WOFF or WOFF2 font) as a TrueType font with glyf outlines.

    A font that already has TrueType outlines comes back as an uncompressed TrueType font.
    """
    font = TTFont(io.BytesIO(data))
    font.flavor = None
    if "CFF " in font:
        _redraw(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _redraw(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # TrueType contours run clockwise, PostScript ones anticlockwise.
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        glyph.recalcBounds(glyf)
        width, _ = hmtx[name]
        hmtx[name] = (width, getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
