"""Chinese typography, measured in the browser on the built site.

What docs/stylesheets/extra.css ("Chinese typography") and hooks/maths.mjs (inlineMaths)
promise, after the W3C's Requirements for Chinese Text Layout: no text with Chinese characters
is set in italic (Chinese has none; a browser would slant the glyphs), the quotation marks
of Chinese pages come from the reader's Chinese font, full width, and no line of Chinese
prose starts with closing punctuation or ends with opening punctuation, on a phone or on a
desktop, formulas included. Each check also runs once on a page made to fail it, so that a
check which sees nothing cannot pass unnoticed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from first_visit import pages
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

PUNCTUATION_FACE = '"LL Chinese Punctuation"'
# The local fonts the face is made of (extra.css), as the browser names the font it used.
CHINESE_FONTS = (
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
)
WIDTHS = (360, 1280)


def chinese_pages(built_site: Path) -> list[str]:
    found = [path for path in pages(built_site) if not path.startswith("en/")]
    assert len(found) >= 12, found
    return found


# ---------------------------------------------------------------------------------------
# No italic
# ---------------------------------------------------------------------------------------
# Every text node with a Chinese character (the whole page: navigation, captions, tables,
# the generated reference) whose element is set italic or oblique.
ITALIC = r"""() => {
  const cjk = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!cjk.test(node.data) || node.parentElement.closest("script, style")) continue;
    const style = getComputedStyle(node.parentElement).fontStyle;
    if (style !== "normal") {
      found.push(`<${node.parentElement.tagName.toLowerCase()}> ${style}: ` +
        node.data.trim().slice(0, 30));
    }
  }
  return found;
}"""


def italic_text(page: Page) -> list[str]:
    return page.evaluate(ITALIC)


def test_no_text_with_chinese_characters_is_italic(
    browser: Browser, base_url: str, built_site: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = []
    for path in pages(built_site):  # both languages: English pages quote Chinese terms
        page.goto(base_url + path, wait_until="load")
        found += [f"/{path}: {item}" for item in italic_text(page)]
    context.close()
    assert not found, f"{len(found)} italic text(s):\n" + "\n".join(found)


def test_the_italic_check_sees_italic_chinese(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content(
        '<html lang="zh"><body><p>正文<em>强调</em></p>'
        "<figure><figcaption>图注</figcaption></figure></body></html>"
    )
    assert italic_text(page) == ["<em> italic: 强调"]
    page.close()


# ---------------------------------------------------------------------------------------
# Quotation marks
# ---------------------------------------------------------------------------------------
# The elements of the article holding a quotation mark, dash or ellipsis, outside code and
# maths, whose font list does not start with the punctuation face.
QUOTE_FONTS = r"""(face) => {
  const marks = /[\u2014\u2018\u2019\u201c\u201d\u2026]/;
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  let seen = 0;
  const wrong = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!marks.test(node.data) || node.parentElement.closest("code, pre, kbd, mjx-container")) {
      continue;
    }
    seen++;
    const family = getComputedStyle(node.parentElement).fontFamily;
    if (!family.startsWith(face)) wrong.push(`${node.data.trim().slice(0, 20)}: ${family}`);
  }
  return {seen, wrong};
}"""


def test_quotation_marks_on_chinese_pages_come_first_from_the_punctuation_face(
    browser: Browser, base_url: str, built_site: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen, wrong = 0, []
    for path in chinese_pages(built_site):
        page.goto(base_url + path, wait_until="load")
        found = page.evaluate(QUOTE_FONTS, PUNCTUATION_FACE)
        seen += found["seen"]
        wrong += [f"/{path}: {item}" for item in found["wrong"]]
    context.close()
    assert seen > 20, "too few quotation marks seen for the check to mean anything"
    assert not wrong, "\n".join(wrong)


# Wrap the first “ of the article and a Chinese character in spans of their own: the font the
# browser drew each with is then the one font of its element.
WRAP = r"""() => {
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  const wrap = (node, i, id) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const span = document.createElement("span");
    span.id = id;
    range.surroundContents(span);
    return span;
  };
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const i = node.data.indexOf("\u201c");
    if (i > 0 && /[\u4e00-\u9fff]/.test(node.data[i - 1])) {
      const quote = wrap(node, i, "ll-quote");
      wrap(quote.previousSibling, quote.previousSibling.length - 1, "ll-han");
      const size = parseFloat(getComputedStyle(quote).fontSize);
      return {width: quote.getBoundingClientRect().width / size};
    }
  }
  return null;
}"""


def used_font(page: Page, selector: str) -> str:
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return fonts[0]["familyName"]


def test_a_quotation_mark_in_chinese_text_is_drawn_full_width_by_a_chinese_font(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "story/cross-entropy/", wait_until="load")
    page.evaluate("document.fonts.ready")
    measured = page.evaluate(WRAP)
    assert measured, "no “ after a Chinese character on the page"
    han = used_font(page, "#ll-han")
    if han not in CHINESE_FONTS:
        pytest.skip(f"none of the fonts the face names is installed (Han drawn by {han})")
    assert used_font(page, "#ll-quote") in CHINESE_FONTS
    assert measured["width"] > 0.9  # em: a full-width mark, not a narrow Latin one
    context.close()


# ---------------------------------------------------------------------------------------
# Line breaks
# ---------------------------------------------------------------------------------------
# Every visible character of the article in order (maths glyphs included, their hidden
# MathML and code blocks left out), with its box; a character starts a line when it sits
# below the character before it in the same block and to its left. Reported: closing
# punctuation that starts a line, opening punctuation that ends one.
LINE_STARTS = r"""() => {
  const CLOSING = "，。、；：！？）》」』】〉”’";
  const OPENING = "（《「『【〈“‘";
  const article = document.querySelector("article");
  const skip = "pre, script, style, mjx-assistive-mml, .headerlink";
  const blocks = new Map();
  const blockOf = (element) => {
    if (!blocks.has(element)) {
      const display = getComputedStyle(element).display;
      const inline = display.startsWith("inline") || display === "contents";
      blocks.set(element, inline && element !== article ? blockOf(element.parentElement) : element);
    }
    return blocks.get(element);
  };
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const glyphs = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest(skip)) continue;
    let offset = 0;
    for (const ch of node.data) {
      const next = offset + ch.length;
      if (!/[\s\u200b\u2060]/.test(ch)) {
        range.setStart(node, offset);
        range.setEnd(node, next);
        const rects = [...range.getClientRects()].filter((r) => r.width || r.height);
        if (rects.length) {
          glyphs.push({ch, block: blockOf(node.parentElement), first: rects[0],
                       last: rects[rects.length - 1]});
        }
      }
      offset = next;
    }
  }
  const found = [];
  const around = (i) => glyphs.slice(Math.max(0, i - 8), i + 4)
    .filter((g) => g.block === glyphs[i].block).map((g) => g.ch).join("");
  for (let i = 1; i < glyphs.length; i++) {
    const glyph = glyphs[i], before = glyphs[i - 1];
    if (glyph.block !== before.block) continue;
    const below = glyph.first.top >= before.last.bottom - 2;
    if (!below || glyph.first.left >= before.last.left) continue;
    if (CLOSING.includes(glyph.ch)) found.push(`starts a line: ${around(i)}`);
    if (OPENING.includes(before.ch)) found.push(`ends a line: ${around(i)}`);
  }
  return {glyphs: glyphs.length, found};
}"""

OPEN_DETAILS = "() => document.querySelectorAll('details').forEach((d) => { d.open = true; })"
# The page as read: every image loaded, lazy ones too. A figure is as wide as its image
# and its caption as wide as the figure, so before the image loads a caption is one
# character wide, every character a line of its own.
LOAD_IMAGES = """async () => {
  const images = [...document.images];
  for (const img of images) img.loading = "eager";
  await Promise.all(images.map((img) => img.complete ? null : new Promise((resolve) => {
    img.addEventListener("load", resolve);
    img.addEventListener("error", resolve);
  })));
}"""


def line_breaks(page: Page) -> dict:
    page.evaluate(OPEN_DETAILS)
    page.evaluate(LOAD_IMAGES)
    return page.evaluate(LINE_STARTS)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_of_chinese_prose_starts_with_closing_punctuation(
    browser: Browser, base_url: str, built_site: Path, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    found, glyphs = [], 0
    for path in chinese_pages(built_site):
        page.goto(base_url + path, wait_until="load")
        seen = line_breaks(page)
        glyphs += seen["glyphs"]
        found += [f"/{path}: {item}" for item in seen["found"]]
    context.close()
    assert glyphs > 20_000, "too few characters seen for the check to mean anything"
    assert not found, f"{len(found)} line(s) at {width} px:\n" + "\n".join(found)


def test_the_line_check_sees_punctuation_at_either_end_of_a_line(browser: Browser) -> None:
    page = browser.new_page()
    page.set_content(
        '<html lang="zh"><body><article><p>一二三（<br>四五<br>。六</p>'
        "<p>一二三四五六。</p></article></body></html>"
    )
    # The second paragraph, a block of its own, continues no line of the first.
    assert line_breaks(page)["found"] == [
        "ends a line: 一二三（四五。六",
        "starts a line: 一二三（四五。六",
    ]
    page.close()
