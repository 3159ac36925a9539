/*
 * The print edition, put together in the browser from the built pages of one language.
 *
 * The printer (printer.py) opens a page of its own at "<language root>print-edition/" on
 * the served site, so every built page is fetched from the same origin. assembleBook()
 * reads the reading order from the home page's navigation, takes each chapter's <article>,
 * makes it fit for paper (see prepare()) and lays out title page, contents and chapters;
 * paginate() then hands them to Paged.js, which cuts them into pages with running heads,
 * page numbers and the contents' page numbers (book.css). It leaves out on purpose: the
 * chapters the printer names in `skip`, the dark-theme figures, and whatever only works on
 * screen (buttons, the lab's widget).
 */
"use strict";

(() => {
  /** Tables of up to this many rows are never cut across pages. */
  const SHORT_TABLE_ROWS = 8;

  /** The text of an element, its white space collapsed. */
  const text = (element) => element.textContent.replace(/\s+/g, " ").trim();

  async function load(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    return new DOMParser().parseFromString(await response.text(), "text/html");
  }

  /** The chapters in reading order, from the home page's primary navigation. */
  function readNavigation(home, root) {
    const list = home.querySelector(".md-nav--primary > .md-nav__list");
    if (!list) throw new Error("the home page has no navigation");
    const chapters = [];
    const add = (link, part) => {
      const url = new URL(link.getAttribute("href"), root);
      const path = url.pathname.slice(root.pathname.length);
      chapters.push({ url: url.href, path, title: text(link), part });
    };
    for (const item of list.children) {
      const link = item.querySelector(":scope > a.md-nav__link");
      if (link) {
        add(link, null);
        continue;
      }
      const label = item.querySelector(":scope > label.md-nav__link");
      const part = label ? text(label) : null;
      for (const nested of item.querySelectorAll(":scope > nav > ul > li > a.md-nav__link")) {
        add(nested, part);
      }
    }
    return chapters;
  }

  /** A chapter's id in the book: its path with "/" as "-" ("story-why-slow"). */
  const slugOf = (path) => path.replace(/\/$/, "").replace(/\//g, "-") || "introduction";

  /** `<a href=url>` followed by its address in print, for a reader holding paper. */
  function printAddress(link, url, texts) {
    link.href = url;
    link.classList.add("external");
    if (text(link) === url) return;
    const note = document.createElement("span");
    note.className = "print-url";
    const shown = document.createElement("a");
    shown.href = url;
    shown.textContent = url;
    note.append(texts.urlOpen, shown, texts.urlClose);
    link.after(note);
  }

  /** Turn one page's article into a chapter: ids made unique, links made to work on paper. */
  function prepare(article, chapter, byPath, site, texts) {
    const prefix = `${chapter.slug}--`;
    // What only works on screen.
    const drop = [
      ".md-content__button", "a.headerlink", "a.anchor-link", "script", "noscript", "style",
      "img[src$='#only-dark']", ".md-code__nav", ".clipboard-copy-txt", "[hidden]",
      ".jp-Collapser",
    ];
    for (const element of article.querySelectorAll(drop.join(","))) element.remove();
    // The lab: its prose and table stay, its widget gives way to its address.
    const widget = article.querySelector("#neuron-lab");
    if (widget) {
      const line = document.createElement("p");
      line.className = "online-only";
      const link = document.createElement("a");
      link.textContent = site.publicUrl(chapter.url);
      const [before, after] = texts.labLine.split("{url}");
      line.append(before, link, after);
      widget.replaceWith(line);
      printAddress(link, link.textContent, texts);
    }
    // A solution that is folded away on screen is an open box on paper: a <div>, since a
    // <details> cut across two pages would show a default summary at the top of the second.
    for (const details of article.querySelectorAll("details")) {
      const box = document.createElement("div");
      box.className = `admonition ${details.className}`;
      for (const child of [...details.childNodes]) {
        if (child.nodeName === "SUMMARY") {
          const title = document.createElement("p");
          title.className = "admonition-title";
          title.append(...child.childNodes);
          box.append(title);
        } else {
          box.append(child);
        }
      }
      details.replaceWith(box);
    }
    // A short table stays on one page (book.css); a long one runs on, its head repeated.
    for (const table of article.querySelectorAll("table")) {
      if (table.querySelectorAll("tbody > tr").length <= SHORT_TABLE_ROWS) {
        table.dataset.bookKeep = "";
      }
    }
    for (const image of article.querySelectorAll("img")) {
      image.src = new URL(image.getAttribute("src"), chapter.url).href;
      image.removeAttribute("loading");
    }
    // Ids, and everything that names one, take the chapter's prefix.
    for (const element of article.querySelectorAll("[id]")) element.id = prefix + element.id;
    for (const name of ["for", "aria-labelledby", "aria-describedby", "aria-controls", "headers"]) {
      for (const element of article.querySelectorAll(`[${name}]`)) {
        const ids = element.getAttribute(name).split(/\s+/).filter(Boolean);
        element.setAttribute(name, ids.map((id) => prefix + id).join(" "));
      }
    }
    for (const link of article.querySelectorAll("a[href]")) {
      const href = link.getAttribute("href");
      if (href.startsWith("#")) {
        link.setAttribute("href", `#${prefix}${decodeURIComponent(href.slice(1))}`);
        continue;
      }
      const url = new URL(href, chapter.url);
      const target = url.search ? null : byPath.get(url.origin + url.pathname);
      if (target) {
        const fragment = decodeURIComponent(url.hash.slice(1));
        link.setAttribute("href", fragment ? `#${target.slug}--${fragment}` : `#${target.slug}`);
      } else if (url.origin === location.origin) {
        printAddress(link, site.publicUrl(url.href), texts);
      } else {
        printAddress(link, url.href, texts);
      }
    }
  }

  function element(tag, className, content) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (content !== undefined) made.append(content);
    return made;
  }

  /** The contents: parts as labels, chapters as links whose page numbers book.css adds. */
  function contents(chapters, texts) {
    const toc = element("nav", "book-toc");
    toc.setAttribute("aria-label", texts.contents);
    toc.append(element("p", "toc-title", texts.contents));
    const list = element("ol", "toc-list");
    let group = list;
    let part = null;
    for (const chapter of chapters) {
      if (chapter.part !== part) {
        part = chapter.part;
        const item = element("li", "toc-part");
        item.append(element("span", "toc-part-title", part ?? ""));
        group = element("ol", "toc-list");
        item.append(group);
        list.append(item);
      }
      const link = element("a");
      link.href = `#${chapter.slug}`;
      if (chapter.number) link.append(element("span", "toc-number", String(chapter.number)));
      link.append(element("span", "toc-text", chapter.title), element("span", "toc-leader"));
      group.append(element("li", "toc-chapter", link));
    }
    toc.append(list);
    return toc;
  }

  /**
   * Fetch and lay out the book; returns what the printer writes into the PDF's metadata.
   *
   * config: {root (the language's root on the served site), siteRoot (from there to the
   * site's root), skip (paths left out), front (the title page and its back, HTML), texts
   * (the book's own words)}.
   */
  async function assembleBook(config) {
    const root = new URL(config.root, location.href);
    const texts = config.texts;
    const home = await load(root.href);
    const canonical = home.querySelector('link[rel="canonical"]').href;
    // Served pages and their published addresses: the same paths under two site roots.
    const servedRoot = new URL(config.siteRoot, root);
    const publishedRoot = new URL(config.siteRoot, canonical);
    const site = {
      publicUrl(url) {
        const parsed = new URL(url);
        const path = parsed.pathname.slice(servedRoot.pathname.length);
        return new URL(path + parsed.search + parsed.hash, publishedRoot).href;
      },
    };

    let chapters = readNavigation(home, root).filter((c) => !config.skip.includes(c.path));
    const firstPart = chapters.find((c) => c.part !== null)?.part;
    let number = 0;
    chapters = chapters.map((chapter, index) => ({
      ...chapter,
      slug: slugOf(chapter.path),
      // The home page opens the book as its introduction; the story's chapters are numbered.
      title: index === 0 && chapter.part === null ? texts.introduction : chapter.title,
      number: chapter.part !== null && chapter.part === firstPart ? ++number : null,
    }));
    const byPath = new Map(chapters.map((c) => {
      const url = new URL(c.url);
      return [url.origin + url.pathname, c];
    }));

    // The site's own stylesheets, as they are (Paged.js leaves them alone).
    for (const sheet of home.querySelectorAll('link[rel="stylesheet"]')) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL(sheet.getAttribute("href"), root).href;
      link.dataset.pagedjsIgnore = "";
      document.head.append(link);
    }
    document.title = text(home.querySelector("title"));

    const book = document.createDocumentFragment();
    const front = element("div", "book-front");
    front.innerHTML = config.front;
    const fill = {
      title: document.title,
      description: home.querySelector('meta[name="description"]').content,
      author: home.querySelector('meta[name="author"]').content,
      copyright: text(home.querySelector(".md-copyright__highlight")),
    };
    for (const slot of front.querySelectorAll("[data-fill]")) {
      slot.textContent = fill[slot.dataset.fill];
    }
    for (const link of front.querySelectorAll("a[data-address]")) {
      link.href = link.dataset.address === "site" ? canonical : home.querySelector(".md-source").href;
      link.textContent = link.href;
    }
    book.append(front, contents(chapters, texts));

    const pages = await Promise.all(chapters.map((c) => load(c.url)));
    chapters.forEach((chapter, index) => {
      const article = pages[index].querySelector("article.md-content__inner");
      if (!article) throw new Error(`no article on ${chapter.url}`);
      prepare(article, chapter, byPath, site, texts);
      const section = element("section", "chapter md-typeset");
      section.id = chapter.slug;
      section.append(...article.childNodes);
      const heading = section.querySelector("h1");
      heading.textContent = chapter.title;
      heading.classList.add("chapter-title");
      if (chapter.number) {
        heading.before(element("p", "chapter-number", texts.chapter.replace("{n}", chapter.number)));
      }
      book.append(section);
    });
    window.bookContent = book;
    return {
      title: fill.title,
      author: fill.author,
      subject: fill.description,
      lang: document.documentElement.lang,
      chapters: chapters.map((c) => c.title),
    };
  }

  /**
   * A table cut across pages shows its head again at the top of each page it runs on to:
   * when the first row of a continued table is laid out, a copy of the head goes before it,
   * so that it is measured with the page.
   */
  function repeatTableHeads() {
    class RepeatTableHead extends window.Paged.Handler {
      renderNode(clone, node) {
        const rendered = clone.nodeType === Node.ELEMENT_NODE ? clone : clone.parentElement;
        const table = rendered?.closest("table[data-split-from]");
        if (!table || table.querySelector(":scope > thead")) return;
        const source = (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement)
          .closest("table");
        const head = source?.querySelector(":scope > thead");
        if (!head || head.contains(node)) return;
        table.prepend(head.cloneNode(true));
      }
    }
    window.Paged.registerHandlers(RepeatTableHead);
  }

  /** Cut the book into pages (Paged.js); returns the number of pages. */
  async function paginate(stylesheets) {
    repeatTableHeads();
    // Every font the site's stylesheets declare, loaded before anything is measured.
    await Promise.all([...document.fonts].map((font) => font.load().catch(() => null)));
    const previewer = new window.Paged.Previewer();
    const flow = await previewer.preview(window.bookContent, stylesheets, document.body);
    await document.fonts.ready;
    return flow.total;
  }

  window.assembleBook = assembleBook;
  window.paginate = paginate;
})();
