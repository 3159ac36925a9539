// Copy maths as TeX. The maths are typeset at build time (hooks/maths.mjs),
// which keeps each formula's source in data-latex on its <mjx-container>.
// Without this script a copy still works: it holds the formula's characters.
document.addEventListener("copy", (event) => {
  const selection = document.getSelection();
  if (!event.clipboardData || !selection || selection.isCollapsed) return;
  const range = selection.getRangeAt(0);
  const tex = (c) => {
    const source = c.getAttribute("data-latex");
    if (c.getAttribute("display") !== "true") return `$${source}$`;
    return /^\\begin\{/.test(source) ? source : `$$${source}$$`;   // \begin{equation}: as is
  };
  let node = range.commonAncestorContainer;
  if (node.nodeType !== Node.ELEMENT_NODE) node = node.parentElement;
  const inside = node.closest("mjx-container[data-latex]");
  let text;
  if (inside) {
    text = tex(inside);                          // part of one formula: all of its TeX
  } else {
    const fragment = range.cloneContents();
    const formulas = fragment.querySelectorAll("mjx-container[data-latex]");
    if (!formulas.length) return;
    formulas.forEach((c) => c.replaceWith(tex(c)));
    fragment.querySelectorAll("mjx-assistive-mml").forEach((m) => m.remove());
    text = fragment.textContent;
  }
  event.clipboardData.setData("text/plain", text);
  event.preventDefault();
});
