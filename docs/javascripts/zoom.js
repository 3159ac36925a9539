// Figure zoom on click, without a library: a click on a figure's image opens
// it in a modal <dialog> as large as the viewport allows; a click anywhere or
// Escape (native to <dialog>) closes it. Light and dark figures both work
// because the clicked <img> itself is shown.
(() => {
  const dialog = document.createElement("dialog");
  dialog.className = "ll-zoom";
  // A dialog needs an accessible name (Lighthouse: aria-dialog-name); when it
  // opens, the figure's own alt text names it.
  dialog.setAttribute(
    "aria-label",
    document.documentElement.lang === "zh" ? "放大的图" : "Enlarged figure"
  );
  dialog.addEventListener("click", () => dialog.close());
  document.body.appendChild(dialog);

  document.addEventListener("click", (event) => {
    const img = event.target.closest(".md-typeset figure img");
    if (!img || img.closest("a")) {
      return;
    }
    const copy = img.cloneNode(false);
    copy.removeAttribute("id");
    copy.removeAttribute("width");
    copy.removeAttribute("height");
    if (img.alt) {
      dialog.setAttribute("aria-label", img.alt);
    }
    dialog.replaceChildren(copy);
    dialog.showModal();
  });
})();
