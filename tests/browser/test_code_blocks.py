"""Code as a reader sees it, on every page of both languages, on a desktop and on a phone.

- A code block is never wider than its box; code wider than the column scrolls inside it,
  with a cue on the clipped edge and keyboard access (on the phone, a touch screen that
  cannot hover, where the theme gives none: docs/javascripts/accessible.js does).
- The copy button covers no character of the code, with the code scrolled to either end.
- Inline code does not break inside a short run without spaces (``--help``).
- The copy button of a shell session copies the commands alone.

The checks measure the page (boxes of elements and of the text's glyphs); they do not look
at the classes the build gives, so they hold whatever the means.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from first_visit import pages
from playwright.sync_api import Browser

from .test_accessibility import OPEN_EVERYTHING  # every solution and note opened

pytestmark = pytest.mark.browser

SCREENS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
}
# Inline code this long at most never breaks inside a run without spaces (hooks/inline_code.py
# keeps such runs whole: this is its promise, measured).
SHORT_RUN = 24

CHECK = """(shortRun) => {
  const problems = [];
  const name = (el) => Array.from(el.textContent.replace(/\\s+/g, " ").trim()).slice(0, 50)
    .join("");
  const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 &&
                            a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const clip = (r, box) => ({
    left: Math.max(r.left, box.left), right: Math.min(r.right, box.right),
    top: Math.max(r.top, box.top), bottom: Math.min(r.bottom, box.bottom),
  });
  // The boxes of the glyphs a text node shows, line by line (spaces left out).
  const glyphs = (root) => {
    const boxes = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        boxes.push(...range.getClientRects());
      }
    }
    return boxes;
  };
  let blocks = 0, scrolling = 0, buttons = 0;
  for (const pre of document.querySelectorAll("article pre")) {
    if (!pre.getClientRects().length || pre.closest(".jp-OutputArea-output")) continue;
    blocks += 1;
    const box = pre.getBoundingClientRect();
    const holder = pre.parentElement.getBoundingClientRect();
    if (box.left < holder.left - 1 || box.right > holder.right + 1) {
      problems.push(`wider than its box: ${name(pre)}`);
    }
    // What scrolls: the theme's <pre><code>, or the <pre> itself (notebook cells).
    const code = pre.querySelector(":scope > code");
    const scroller = code && /auto|scroll/.test(getComputedStyle(code).overflowX) ? code : pre;
    if (scroller.scrollWidth > scroller.clientWidth + 1) {
      scrolling += 1;
      if (!getComputedStyle(scroller).backgroundImage.includes("gradient")) {
        problems.push(`scrolls without a cue: ${name(pre)}`);
      }
      if (scroller.getAttribute("tabindex") !== "0") {
        problems.push(`scrolls without keyboard access: ${name(pre)}`);
      }
    }
    const button = pre.closest(".highlight, .CodeMirror")?.querySelector(".md-code__nav");
    if (!button || !button.getClientRects().length) continue;
    buttons += 1;
    const nav = button.getBoundingClientRect();
    const view = scroller.getBoundingClientRect();
    for (const left of [0, scroller.scrollWidth]) {
      scroller.scrollLeft = left;
      const hidden = glyphs(code || pre).map((r) => clip(r, view))
        .filter((r) => r.right > r.left && r.bottom > r.top && overlap(r, nav));
      if (hidden.length) {
        const where = left ? "the end" : "the start";
        problems.push(`the copy button covers code (scrolled to ${where}): ${name(pre)}`);
      }
    }
    scroller.scrollLeft = 0;
  }
  // Inline code: a short run without spaces takes one line.
  let runs = 0;
  for (const code of document.querySelectorAll("article code")) {
    if (code.closest("pre") || !code.getClientRects().length) continue;
    const text = [];
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      for (let i = 0; i < walker.currentNode.data.length; i++) text.push([walker.currentNode, i]);
    }
    const chars = text.map(([node, i]) => node.data[i]).join("");
    for (const m of chars.matchAll(/\\S+/g)) {
      if (Array.from(m[0]).length > shortRun) continue;
      runs += 1;
      const range = document.createRange();
      range.setStart(...text[m.index]);
      const [endNode, endIndex] = text[m.index + m[0].length - 1];
      range.setEnd(endNode, endIndex + 1);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0)
        .map((r) => Math.round(r.top / 4)));
      if (tops.size > 1) problems.push(`inline code broken across lines: ${m[0]}`);
    }
  }
  return {problems, blocks, scrolling, buttons, runs};
}"""


@pytest.mark.parametrize("screen", SCREENS)
def test_code_fits_or_scrolls_with_a_cue_and_the_copy_button_covers_none(
    browser: Browser, base_url: str, built_site: Path, screen: str
) -> None:
    found, seen = [], {"blocks": 0, "scrolling": 0, "buttons": 0, "runs": 0}
    context = browser.new_context(**SCREENS[screen])
    try:
        page = context.new_page()
        for path in pages(built_site):
            page.goto(base_url + path, wait_until="load")
            page.evaluate(OPEN_EVERYTHING)
            result = page.evaluate(CHECK, SHORT_RUN)
            found += [f"/{path}: {problem}" for problem in result.pop("problems")]
            for what, count in result.items():
                seen[what] += count
    finally:
        context.close()
    # Enough of each kind, in both languages, for the checks to mean something.
    assert seen["blocks"] >= 40, seen
    assert seen["buttons"] >= 40, seen
    assert seen["runs"] >= 200, seen
    assert seen["scrolling"] >= 4, seen  # CSV lines scroll even on a desktop
    assert not found, f"{len(found)} problem(s):\n" + "\n".join(found)


@pytest.mark.parametrize("path", ["reference/cli/", "en/reference/cli/"])
def test_copying_a_shell_session_copies_the_commands_alone(
    browser: Browser, base_url: str, path: str
) -> None:
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        session = page.locator(".language-console").filter(has_text="--every 25").first
        shown = session.locator("code").inner_text()
        session.locator(".md-code__button").click()
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        context.close()
    lines = shown.splitlines()
    typed = [lines[0].removeprefix("$ ")]
    while typed[-1].endswith("\\"):  # the command goes on over more lines
        typed.append(lines[len(typed)])
    assert lines[0].startswith("$ ")
    assert len(lines) > len(typed) + 5  # then the table it prints
    assert copied.splitlines() == typed
