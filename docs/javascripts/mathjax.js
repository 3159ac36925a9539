// MathJax 3 configuration; must load before assets/mathjax/startup.js.
//
// Only two kinds of elements hold maths: pymdownx.arithmatex's output
// (class "arithmatex", generic mode: \(...\) and \[...\]) and the Markdown
// cells of mkdocs-jupyter's notebook pages (class "jp-MarkdownOutput", where
// authors write $...$ and $$...$$). Everything else is skipped, so a dollar
// sign in prose or code is never taken for maths.
//
// MathJax marks an element "ignored" when its class attribute matches
// ignoreHtmlClass, and that mark is inherited by all descendants until an
// element matches processHtmlClass. Material's documented ".*|" also matches
// an empty class attribute, so inside a notebook's Markdown cell every <p>
// and <li> (no class) would be ignored again and its maths left raw. ".+"
// matches only a non-empty class attribute: the page's (classed) containers
// are skipped, while the unclassed children of a processed element are not.
window.MathJax = {
  // Components fetched by startup.js (see hooks/assets.py for the choice):
  // no right-click menu, which alone would weigh 0.43 MB.
  loader: {
    load: ["input/tex", "output/chtml", "a11y/assistive-mml"]
  },
  tex: {
    inlineMath: [["\\(", "\\)"], ["$", "$"]],
    displayMath: [["\\[", "\\]"], ["$$", "$$"]],
    processEscapes: true,
    processEnvironments: true,
    // Number the equations that carry \label, so prose can \eqref them.
    tags: "ams"
  },
  options: {
    ignoreHtmlClass: ".+",
    // md-ellipsis: navigation and table-of-contents entries, whose headings
    // may carry maths (a notebook heading such as "$\\sigma$ cancels").
    processHtmlClass: "arithmatex|jp-MarkdownOutput|md-ellipsis"
  },
  startup: {
    // Typeset from the ready hook below, once Material's document$ exists.
    typeset: false,
    ready() {
      MathJax.startup.defaultReady();
      const typeset = () => {
        // Equation numbers and labels restart on every (re)typeset.
        MathJax.startup.output.clearCache();
        MathJax.typesetClear();
        MathJax.texReset();
        return MathJax.typesetPromise();
      };
      if (window.document$) {
        window.document$.subscribe(typeset);
      } else {
        typeset();
      }
    }
  }
};
