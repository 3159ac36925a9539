"""Accessibility and the phone: axe-core over every page, and what a 360 px screen shows.

axe-core (WCAG 2.0/2.1/2.2 A and AA, best practices) audits every page of both languages on a
desktop and on a phone screen, with the reader asking for light and for dark
(``scripts/axe_audit.py``, which prints the same audit). No rule is disabled. On the phone,
nothing may stick out of the page, every display formula fits or scrolls with a cue and
keyboard access, and the lab keeps its chart in view next to the control being changed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_audit import SCHEMES, SCREENS, audit_all, reader
from first_visit import pages
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("screen", SCREENS)
def test_axe_finds_nothing_on_any_page(
    browser: Browser, base_url: str, built_site: Path, screen: str, scheme: str
) -> None:
    urls = [base_url + path for path in pages(built_site)]
    assert len(urls) >= 20, urls  # both languages, every page
    found = []
    with reader(browser, scheme, screen) as context:
        for url, violations in audit_all(context, urls, scheme):
            found += [
                f"/{url.removeprefix(base_url)} {v['rule']}: {node}"
                for v in violations
                for node in v["nodes"]
            ]
    assert not found, f"{len(found)} violating element(s):\n" + "\n".join(found)


def test_the_audit_sees_a_violation_when_there_is_one(browser: Browser, base_url: str) -> None:
    """The same machinery, on a page with two faults slipped in, reports both."""
    faults = (
        '<p style="color:#bbb;background:#fff">faint text</p>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">'
    )

    def with_faults(route) -> None:
        response = route.fetch()
        route.fulfill(
            response=response, body=response.text().replace("</article>", faults + "</article>")
        )

    with reader(browser, "light", "desktop") as context:
        context.route("**/story/slowdown/", with_faults)
        [(_, violations)] = audit_all(context, [base_url + "story/slowdown/"], "light")
    rules = {v["rule"] for v in violations}
    assert {"color-contrast", "image-alt"} <= rules, rules


# As a reader who opens every solution and note: then two frames, for the page's scripts.
OPEN_EVERYTHING = """() => {
  const closed = [...document.querySelectorAll("details")].filter((d) => !d.open);
  const opened = Promise.all(closed.map((d) =>
    new Promise((done) => d.addEventListener("toggle", done, {once: true}))));
  closed.forEach((d) => { d.open = true; });
  return opened.then(() => new Promise((done) =>
    requestAnimationFrame(() => requestAnimationFrame(done))));
}"""

# Elements that stick out of a 360 px page (outside anything that scrolls sideways), and
# display formulas that are wider than their box without keyboard access or a cue.
PHONE_CHECK = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => /auto|scroll|hidden|clip/.test(getComputedStyle(el).overflowX);
  const inScroller = (el) => {
    for (let up = el.parentElement; up && up.tagName !== "ARTICLE"; up = up.parentElement) {
      if (scrolls(up)) return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : "");
  const out = [];
  for (const el of document.querySelectorAll("article *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || getComputedStyle(el).visibility === "hidden") continue;
    const outside = box.right > width + 1 || box.left < -1;
    if (outside && !inScroller(el)) out.push("sticks out: " + name(el));
  }
  const formulas = [...document.querySelectorAll("div.arithmatex")];
  for (const div of formulas) {
    if (div.scrollWidth <= div.clientWidth + 1) continue;
    const cue = getComputedStyle(div).backgroundImage.includes("gradient");
    if (div.getAttribute("tabindex") !== "0" || !cue) {
      out.push("formula scrolls without " + (cue ? "keyboard access" : "a cue") + ": " +
        Array.from(div.textContent).slice(0, 30).join(""));
    }
  }
  return {problems: out, pageWidth: document.documentElement.scrollWidth, width,
          formulas: formulas.length};
}"""


def test_nothing_sticks_out_of_a_phone_screen(
    browser: Browser, base_url: str, built_site: Path
) -> None:
    found, formulas = [], 0
    with reader(browser, "light", "phone") as context:
        page = context.new_page()
        for path in pages(built_site):
            page.goto(base_url + path, wait_until="load")
            page.evaluate(OPEN_EVERYTHING)
            seen = page.evaluate(PHONE_CHECK)
            assert seen["width"] == SCREENS["phone"]["width"]
            formulas += seen["formulas"]
            found += [f"/{path}: {problem}" for problem in seen["problems"]]
            if seen["pageWidth"] > seen["width"]:
                found.append(f"/{path}: the page is {seen['pageWidth']} px wide")
    assert formulas > 50, "the check saw too few display formulas to mean anything"
    assert not found, f"{len(found)} problem(s):\n" + "\n".join(found)


@pytest.mark.parametrize("path", ["practice/lab/", "en/practice/lab/"])
def test_on_a_phone_the_chart_stays_in_view_next_to_the_control_being_changed(
    browser: Browser, base_url: str, path: str
) -> None:
    with reader(browser, "light", "phone") as context:
        page = context.new_page()
        page.goto(base_url + path, wait_until="load")
        chart = page.locator('[data-plot="chart"]')
        for control in ("#nl-w", "#nl-eta", "#nl-y"):
            page.focus(control)  # as the Tab key does: the browser scrolls it into view
            page.keyboard.press("ArrowUp")
            boxes = page.evaluate(
                """([chart, control]) => [chart, control].map((s) => {
                     const r = document.querySelector(s).getBoundingClientRect();
                     return {top: r.top, bottom: r.bottom};
                   })""",
                ['[data-plot="chart"]', control],
            )
            (plot, field), height = boxes, SCREENS["phone"]["height"]
            assert plot["top"] >= 0, (control, plot)
            assert plot["bottom"] <= field["top"], (control, plot, field)
            assert field["bottom"] <= height + 1, (control, field)  # sub-pixel: in view
        assert chart.is_visible()
