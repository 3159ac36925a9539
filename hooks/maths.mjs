// The Node half of hooks/maths.py: typeset every formula of a built MkDocs site, in place.
//
//   node hooks/maths.mjs SITE_DIR CACHE_FILE
//
// One process walks SITE_DIR/**/*.html, finds the elements that hold maths
// (pymdownx.arithmatex's spans and divs, notebook Markdown cells, navigation
// entries), typesets them with MathJax 4 (TeX in, CommonHTML out, with hidden
// MathML for screen readers) through its lite DOM adaptor, and splices the
// result back into the page text: the rest of each page stays byte for byte
// as MkDocs wrote it. The pages then need no script to show a formula.
//
// Each formula keeps its TeX in data-latex on its <mjx-container> (for a copy as
// TeX, docs/javascripts/copy-tex.js). All pages share one stylesheet,
// SITE_DIR/assets/mathjax/mathjax.css, holding the rules of the characters the
// site uses, with the font files it names beside it (woff2/), each cut down to
// the characters the site's maths show (about a sixth of their size).
//
// Cache: a formula is typeset once. CACHE_FILE (ndjson) keys each typeset region
// (see `regionKeys`) on the settings and its TeX, and, where its form depends on the
// rest of the page, on what that depends on: the page's numbered equations for an
// equation number or an \eqref. So a prose edit typesets nothing, and a formula
// that two pages share (the twin pages of the two languages share nearly all) is
// typeset for the first of them. A run reads every *.ndjson beside CACHE_FILE (the
// other language's too) and writes CACHE_FILE with the entries it used.
//
// Errors fail the run (exit status 1), one line each, naming the page and the
// formula: TeX errors, an \eqref to an unknown label (MathJax would show
// "(???)"), and maths MathJax could not find (an unbalanced brace hides the
// closing \) and the TeX would be shown raw).

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';


const MJ = '@mathjax/src/js';
// The TeX packages the pages use, loaded below: at build time nothing is autoloaded, and
// an unknown macro is an error (no noundefined package).
const PACKAGES = ['base', 'ams', 'newcommand', 'boldsymbol', 'cancel'];
const OUTPUT = {fontURL: 'woff2', adaptiveCSS: true, displayOverflow: 'overflow',
  linebreaks: {inline: true}};
const require = (await import('node:module')).createRequire(import.meta.url);
const MATHJAX_PACKAGE = path.dirname(require.resolve('@mathjax/src/package.json'));
const VERSION = JSON.parse(fs.readFileSync(path.join(MATHJAX_PACKAGE, 'package.json'))).version;
const SETTINGS = JSON.stringify({VERSION, PACKAGES, OUTPUT, cache: 2});

// MathJax itself, loaded on the first page that is not in the cache.
let MathJax = null;
async function loadMathJax() {
  const {mathjax} = await import(`${MJ}/mathjax.js`);
  const {TeX} = await import(`${MJ}/input/tex.js`);
  const {CHTML} = await import(`${MJ}/output/chtml.js`);
  const {liteAdaptor} = await import(`${MJ}/adaptors/liteAdaptor.js`);
  const {RegisterHTMLHandler} = await import(`${MJ}/handlers/html.js`);
  const {AssistiveMmlHandler} = await import(`${MJ}/a11y/assistive-mml.js`);
  await import(`${MJ}/util/asyncLoad/esm.js`);   // the font's data for rarer characters
  for (const name of PACKAGES) {
    const title = name[0].toUpperCase() + name.slice(1);
    await import(`${MJ}/input/tex/${name}/${title}Configuration.js`);
  }
  const adaptor = liteAdaptor({fontSize: 16});
  AssistiveMmlHandler(RegisterHTMLHandler(adaptor));
  return {mathjax, TeX, CHTML, adaptor};
}

const ASSETS = 'assets/mathjax';
const FONT_PACKAGE = path.dirname(require.resolve('@mathjax/mathjax-newcm-font/package.json'));
const SITE_CSS = fs.readFileSync(new URL('maths.css', import.meta.url), 'utf8');
const hash = (text) => crypto.createHash('sha256').update(text).digest('base64url').slice(0, 24);

// ------------------------------------------------------------------ pages --

// The elements that hold maths, as the page text has them: [start, end) of each
// outermost span or div of these classes (navigation entries only if they hold maths).
const CLASSES = new Set(['arithmatex', 'jp-MarkdownOutput', 'md-ellipsis']);
function regions(html) {
  const found = [];
  const open = /<(span|div)\b[^>]*?\bclass="([^"]*)"[^>]*>/g;
  let match;
  while ((match = open.exec(html))) {
    const classes = match[2].split(/\s+/);
    if (!classes.some((c) => CLASSES.has(c))) continue;
    const tag = new RegExp(`<${match[1]}\\b[^>]*>|</${match[1]}>`, 'g');
    tag.lastIndex = open.lastIndex;
    let depth = 1;
    let t;
    while (depth && (t = tag.exec(html))) depth += t[0][1] === '/' ? -1 : 1;
    if (depth) throw new Error(`unclosed <${match[1]}> at offset ${match.index}`);
    const text = html.slice(match.index, tag.lastIndex);
    if (!classes.includes('md-ellipsis') || /\\\(|\\\[|\$|\\begin/.test(text)) {
      found.push({start: match.index, end: tag.lastIndex, text});
    }
    open.lastIndex = tag.lastIndex;
  }
  return found;
}

// Typeset regions of one page (`texts`, the regions' HTML) in one small document, in
// page order, so that equation numbers and forward \eqref work as in the page. Returns
// the typeset regions and the stylesheet they need; records every error in `errors`.
async function typeset(page, texts, errors) {
  MathJax ??= await loadMathJax();
  const {mathjax, TeX, CHTML, adaptor} = MathJax;
  const fail = (tex, message) => errors.push(`${page}: ${message} in "${tex.trim()}"`);
  const tex = new TeX({
    packages: PACKAGES, tags: 'ams', processEscapes: true, processEnvironments: true,
    inlineMath: [['\\(', '\\)'], ['$', '$']], displayMath: [['\\[', '\\]'], ['$$', '$$']],
    formatError(jax, error) {
      fail(jax.latex, `TeX error (${error.message})`);
      return jax.formatError(error);
    },
  });
  const output = new CHTML(OUTPUT);
  const body = texts.map((text) => `<div>${text}</div>`).join('');
  const doc = mathjax.document(`<!DOCTYPE html><html><head></head><body>${body}</body></html>`, {
    InputJax: tex, OutputJax: output, enableAssistiveMml: true,
    ignoreHtmlClass: '.+', processHtmlClass: 'arithmatex|jp-MarkdownOutput|md-ellipsis',
  });
  await doc.renderPromise();
  const ids = new Set();
  const links = [];
  const visit = (node, math) => {
    if (adaptor.kind(node).startsWith('#')) return;
    if (adaptor.getAttribute(node, 'id')) ids.add(adaptor.getAttribute(node, 'id'));
    if (adaptor.kind(node) === 'a') links.push([adaptor.getAttribute(node, 'href') || '', math]);
    adaptor.removeAttribute(node, 'data-latex');       // MathJax marks every node;
    adaptor.removeAttribute(node, 'data-latex-item');  // the container keeps the whole
    for (const child of adaptor.childNodes(node) || []) visit(child, math);
  };
  for (const math of doc.math) {
    visit(math.typesetRoot, math);
    adaptor.setAttribute(math.typesetRoot, 'data-latex', math.math.trim());
  }
  for (const [href, math] of links) {
    if (!href.startsWith('#') || !ids.has(decodeURIComponent(href.slice(1)))) {
      fail(math.math, `\\eqref or \\ref to an unknown label (link "${href}")`);
    }
  }
  const wrappers = adaptor.childNodes(adaptor.body(doc.document));
  wrappers.forEach((wrapper, i) => {
    const element = adaptor.firstChild(wrapper);
    const arithmatex = /\barithmatex\b/.test(adaptor.getAttribute(element, 'class') || '');
    if (arithmatex && adaptor.tags(element, 'mjx-container').length !== 1) {
      fail(adaptor.textContent(element), 'maths not found (unbalanced braces or delimiters?)');
    }
  });
  // The container's style from the lite adaptor's fixed metrics moves into the
  // stylesheet (font-size in ex units there: the maths match the reader's font).
  const html = wrappers.map((w) => adaptor.innerHTML(w).replace(
    /(<mjx-container [^>]*?) style="font-size: [\d.]+%; position: relative;"/g, '$1'));
  return {html, css: adaptor.textContent(output.styleSheet(doc)), xHeight: output.font.params.x_height};
}

// Inline formulas and line breaks. MathJax marks where a long inline formula may break
// (<mjx-break>, before a relation or an operator); the browser breaks at the first one that
// helps, however short the formula, and "η = 0.15" would end a line with "η". A short formula
// (at most WHOLE characters shown, about 9em, under half a phone's line) gets the class
// ll-whole and stays in one piece (maths.css). A longer one breaks outside short brackets
// when it can: such a break point gets the class ll-keep (maths.css).
//
// And punctuation stays on the line of the formula it touches: a browser may break a line
// between a formula (inline-blocks inside a nowrap <mjx-container>) and the text next to it,
// even before a comma or a full stop, so that "。" or "," starts the next line; and after an
// opening bracket or quotation mark. An inline formula with the punctuation right after it
// (and an opening mark right before it) is wrapped in <span class="ll-glue">, which
// maths.css sets nowrap: no break between them. The formula's own break points stay,
// because MathJax's <mjx-break> sets white-space: normal itself.
const WHOLE = 16;
const CLOSING = new Set('，。、；：！？）》」』】〉”’.,;:!?)]}');
const OPENING = new Set('（《「『【〈“‘([{');
const INLINE_MATH = new RegExp(
  '<span class="arithmatex"><mjx-container [^>]*>[\\s\\S]*?</mjx-container></span>' +
  '|<mjx-container (?![^>]*display="true")[^>]*>[\\s\\S]*?</mjx-container>', 'g');
// A break point is kept closed when the innermost pair of brackets around it holds at most
// SHORT_GROUP characters, "(1 − y)" but not a whole "[y ln a + (1 − y) ln(1 − a)]", which may
// be wider than a phone's line; and only when the formula keeps a break point elsewhere.
const SHORT_GROUP = 12;
const TOKEN = /<mjx-c class="mjx-c([0-9A-F]+)|<mjx-break\b/g;
function breakOutsideBrackets(formula) {
  const groups = [];
  const kept = [];
  let glyphs = 0;
  let free = 0;
  for (const token of formula.matchAll(TOKEN)) {
    if (token[0].startsWith('<mjx-break')) {
      if (groups.length) groups.at(-1).breaks.push(token.index);
      else free++;
      continue;
    }
    glyphs++;
    if (token[1] === '28' || token[1] === '5B') {
      groups.push({start: glyphs, breaks: []});
    } else if ((token[1] === '29' || token[1] === '5D') && groups.length) {
      const group = groups.pop();
      if (glyphs - group.start - 1 <= SHORT_GROUP) kept.push(...group.breaks);
      else free += group.breaks.length;
    }
  }
  for (const group of groups) free += group.breaks.length;   // brackets left open
  if (!free) return formula;
  for (const index of kept.sort((a, b) => b - a)) {
    formula = formula.slice(0, index) + '<mjx-break class="ll-keep"' +
      formula.slice(index + '<mjx-break'.length);
  }
  return formula;
}

function inlineMaths(html) {
  let out = '';
  let last = 0;
  for (const match of html.matchAll(INLINE_MATH)) {
    if (match.index < last) continue;   // its closing mark went to the formula before it
    const end = match.index + match[0].length;
    let formula = match[0];
    const shown = formula.replace(/<mjx-assistive-mml\b[\s\S]*?<\/mjx-assistive-mml>/, '');
    if (shown.includes('<mjx-break') && (shown.match(/<mjx-c\b/g) || []).length <= WHOLE) {
      formula = formula.replace('class="MathJax"', 'class="MathJax ll-whole"');
    } else if (shown.includes('<mjx-break')) {
      formula = breakOutsideBrackets(formula);
    }
    const opening = match.index > last && OPENING.has(html[match.index - 1]);
    const closing = CLOSING.has(html[end]);
    out += html.slice(last, opening ? match.index - 1 : match.index);
    if (opening || closing) {
      formula = '<span class="ll-glue">' + (opening ? html[match.index - 1] : '') + formula +
        (closing ? html[end] : '') + '</span>';
    }
    out += formula;
    last = closing ? end + 1 : end;
  }
  return out + html.slice(last);
}

function* walk(dir) {
  for (const entry of fs.readdirSync(dir, {withFileTypes: true})) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(file);
    else if (entry.name.endsWith('.html')) yield file;
  }
}

// ------------------------------------------------------------------ cache --

// The key of each region of a page. A region's typeset form depends on its TeX alone,
// except for equation numbers: a region that numbers equations (a numbered environment,
// \label or \tag) is keyed on the page's list of such regions and its place in it, and
// a region that refers to one (\eqref, \ref) on that list. A page that defines macros
// keys every region on the whole page, in order.
const NUMBERS = /\\(?:label|tag)\b|\\begin\{(?:equation|align|x{0,2}alignat|gather|multline|flalign|eqnarray)\}/;
const REFERS = /\\(?:eqref|ref)\b/;
const MACROS = /\\(?:newcommand|renewcommand|providecommand|def|let|DeclareMathOperator|newenvironment)\b/;
function regionKeys(texts) {
  if (texts.some((text) => MACROS.test(text))) {
    const page = JSON.stringify(texts);
    return texts.map((text, i) => hash(`${SETTINGS}\0${page}#${i}`));
  }
  const numbered = JSON.stringify(texts.filter((text) => NUMBERS.test(text)));
  let n = 0;
  return texts.map((text) => {
    const context = NUMBERS.test(text) ? `${numbered}#${n++}` : REFERS.test(text) ? numbered : '';
    return hash(`${SETTINGS}\0${context}\0${text}`);
  });
}

// The cache's two kinds of line: {key, html, sheet} a typeset region, and
// {sheet, css, xHeight} the stylesheet of the document it was typeset in. Also the text of
// `cacheFile` itself (`own`, null if there is none), to tell whether it needs writing.
function readCache(cacheFile) {
  const regions = new Map();
  const sheets = new Map();
  let own = null;
  const folder = path.dirname(cacheFile);
  const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => f.endsWith('.ndjson')) : [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(folder, file), 'utf8');
    if (path.join(folder, file) === cacheFile) own = text;
    for (const line of text.split('\n')) {
      if (!line) continue;
      const entry = JSON.parse(line);
      if (entry.key) regions.set(entry.key, entry);
      else sheets.set(entry.sheet, entry);
    }
  }
  return {regions, sheets, own};
}

// Text as the lite adaptor escapes it, unescaped.
const ENTITIES = {amp: '&', lt: '<', gt: '>', quot: '"'};
function unescape(text) {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (entity, hex, decimal, name) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : decimal ? String.fromCodePoint(+decimal)
      : ENTITIES[name] ?? entity);
}

// Whether a TrueType font maps any character: its cmap table has at least one subtable.
function hasCharacters(font) {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  for (let i = 0; i < view.getUint16(4); i++) {
    const record = 12 + 16 * i;
    if (font.subarray(record, record + 4).toString('latin1') === 'cmap') {
      return view.getUint16(view.getUint32(record + 8) + 2) > 0;
    }
  }
  return false;
}

// --------------------------------------------------------------- preloads --

// A formula is laid out with a fallback font's line heights and break widths until its own
// fonts arrive, and then again: the text below it moves (Lighthouse's "layout shift"). A
// page therefore asks for the fonts of its first formulas at once, beside the stylesheet:
// MJX-NCM-ZERO (first in every maths font list), MJX-BRK if they have line-break points,
// and each variant they use (NCM-N, NCM-V, ...). Only the first FIRST formulas of the
// article outside closed <details>, about what a phone's first screen can hold (short
// inline symbols come many to a line): a font preloaded and not used is wasted bytes and a
// console warning, and rarer fonts further down load as they are needed.
const FIRST = 20;
function firstFonts(html) {
  const article = html.slice(html.indexOf('<article'), html.lastIndexOf('</article>'));
  const open = article.replace(/<details(?![^>]*\bopen\b)[\s\S]*?<\/details>/g, '');
  const fonts = new Set();
  let count = 0;
  for (const [formula] of open.matchAll(/<mjx-container\b[\s\S]*?<\/mjx-container>/g)) {
    if (count++ === FIRST) break;
    const shown = formula.replace(/<mjx-assistive-mml\b[\s\S]*?<\/mjx-assistive-mml>/g, '');
    fonts.add('MJX-NCM-ZERO');
    for (const [, variant] of shown.matchAll(/class="[^"]*\bNCM-([\w-]+)/g)) {
      fonts.add(`MJX-NCM-${variant}`);
    }
    if (/<mjx-break\b|<mjx-linestack[^>]*\bbreakable/.test(shown)) fonts.add('MJX-BRK');
  }
  return fonts;
}

// Write each typeset page, with preload links before its link to the stylesheet for the
// fonts the stylesheet keeps (`css`: their @font-face rules name family and file). Pages
// are written once, here, when the fonts are known.
function writePages(pages, css) {
  const files = new Map();
  for (const [, family, file] of css.matchAll(
    /@font-face[^{]*\{\s*font-family: ([\w-]+); src: url\("?([^")]+\.woff2)"?\)/g)) {
    files.set(family, file);
  }
  const sheet = /<link rel="stylesheet" href="([^"]*)assets\/mathjax\/mathjax\.css">/;
  for (const {file, html} of pages) {
    const link = html.match(sheet);
    const links = link ? [...firstFonts(html)].filter((f) => files.has(f)).sort().map((f) =>
      `<link rel="preload" href="${link[1]}${ASSETS}/${files.get(f)}" as="font" ` +
      'type="font/woff2" crossorigin>') : [];
    fs.writeFileSync(file, links.length ?
      html.replace(link[0], links.join('\n') + '\n' + link[0]) : html);
  }
}

// ------------------------------------------------------------------- run --

async function main() {
  const [siteArg, cacheArg] = process.argv.slice(2);
  if (!siteArg || !cacheArg || !fs.existsSync(siteArg)) {
    console.error('usage: node hooks/maths.mjs SITE_DIR CACHE_FILE');
    process.exit(2);
  }
  const SITE = path.resolve(siteArg);
  const CACHE = path.resolve(cacheArg);
  const cache = readCache(CACHE);
  const used = new Map();   // the regions and stylesheets this run uses, by key
  const usedSheets = new Map();

  // The pages, each with its regions and their keys; the regions to typeset, by page: those
  // not in the cache, and with them the page's numbered equations (their numbers and labels).
  const pages = [];
  const jobs = [];
  for (const file of walk(SITE)) {
    const html = fs.readFileSync(file, 'utf8');
    if (html.includes('<mjx-container')) continue;   // typeset already (an unchanged copy)
    const parts = regions(html);
    if (!parts.length) continue;
    const texts = parts.map((part) => part.text);
    const keys = regionKeys(texts);
    const page = {file, html, parts, keys};
    pages.push(page);
    const wanted = keys.map((key, i) => !cache.regions.has(key) || NUMBERS.test(texts[i]));
    if (keys.some((key) => !cache.regions.has(key))) {
      jobs.push({page: path.relative(SITE, file), texts: texts.filter((_, i) => wanted[i]),
        keys: keys.filter((_, i) => wanted[i])});
    }
  }
  const errors = [];
  const done = [];
  for (const job of jobs) done.push(await typeset(job.page, job.texts, errors));
  if (errors.length) {
    console.error([...new Set(errors)].join('\n'));
    process.exit(1);
  }
  let fresh = 0;
  jobs.forEach((job, j) => {
    const {html, css, xHeight} = done[j];
    const sheet = hash(css);
    cache.sheets.set(sheet, {sheet, css, xHeight});
    for (const [i, key] of job.keys.entries()) {   // a region two pages share: the first's
      if (!cache.regions.has(key)) cache.regions.set(key, {key, html: html[i], sheet});
    }
    fresh += html.join('').split('<mjx-container ').length - 1;
  });

  const outputs = [];   // {file, html}: the pages typeset here, written with their preloads
  let formulas = 0;
  for (const {file, html, parts, keys} of pages) {
    const entries = keys.map((key) => cache.regions.get(key));
    for (const entry of entries) {
      used.set(entry.key, entry);
      usedSheets.set(entry.sheet, cache.sheets.get(entry.sheet));
    }
    // The page's text between its regions, and each region typeset: joined once (splicing
    // region by region copied the whole page for each, most of a cached run's time).
    const pieces = [];
    let at = 0;
    parts.forEach((part, i) => {
      pieces.push(html.slice(at, part.start), entries[i].html);
      at = part.end;
    });
    pieces.push(html.slice(at));
    const out = inlineMaths(pieces.join(''));
    outputs.push({file, html: out});
    formulas += out.split('<mjx-container ').length - 1;
  }
  const stylesheets = [...usedSheets.values()].map((sheet) => sheet.css);
  const xHeight = usedSheets.size ? [...usedSheets.values()][0].xHeight : null;

  // ------------------------------------------------------------ stylesheet --

  // One stylesheet: the rules of every document the regions were typeset in, each once, in
  // the order first met. (A region typeset with others keeps their document's rules; rules
  // for characters no page shows any more cost a few bytes until the cache is cleared.)
  const rules = [];
  const seen = new Set();
  for (const css of stylesheets) {
    let depth = 0;
    let start = 0;
    for (let i = 0; i < css.length; i++) {
      if (css[i] === '{') depth++;
      else if (css[i] === '}' && --depth === 0) {
        const rule = css.slice(start, i + 1).trim().replace(/\s*\n\s*/g, ' ');
        if (!seen.has(rule)) seen.add(rule) && rules.push(rule);
        start = i + 1;
      }
    }
  }
  if (xHeight !== null) {
    rules.push(`mjx-container[jax="CHTML"] { font-size: calc(1ex / ${xHeight}); position: relative; }`);
  }
  const css = rules.join('\n') + '\n' + SITE_CSS;
  const assets = path.join(SITE, ASSETS);
  fs.mkdirSync(path.join(assets, 'woff2'), {recursive: true});
  // MathJax 4 writes each character of a formula as text (in <mjx-c>, and the spaces of the
  // <mjx-break> line-break points, which take their widths from the MJX-BRK font): a font
  // needs the glyphs of those characters only, plus the space that MathJax's own rules put in
  // generated content. The cut fonts are kept beside the cache, keyed on font and text. A font
  // left with none of them would be an empty font, which browsers reject (and report): it is
  // left out, and so is its @font-face rule; the font-family lists then fall through to the
  // next font, as they do for any character a font lacks.
  const characters = new Set(' ');
  for (const entry of used.values()) {
    for (const [formula] of entry.html.matchAll(/<mjx-container\b[\s\S]*?<\/mjx-container>/g)) {
      const shown = formula.replace(/<mjx-assistive-mml\b[\s\S]*?<\/mjx-assistive-mml>/g, '');
      for (const [, text] of shown.matchAll(/>([^<]+)</g)) {
        for (const character of unescape(text)) characters.add(character);
      }
    }
  }
  const text = [...characters].sort().join('');
  const fonts = path.join(path.dirname(CACHE), 'fonts');
  fs.mkdirSync(fonts, {recursive: true});
  const unused = [];
  for (const [, font] of css.matchAll(/url\("?([^")]+\.woff2)"?\)/g)) {
    const original = fs.readFileSync(path.join(FONT_PACKAGE, 'chtml', font));
    const cut = path.join(fonts, `${hash(original.toString('base64') + text)}.woff2`);
    const none = `${cut}.none`;   // marks a font none of whose characters are used
    if (!fs.existsSync(cut) && !fs.existsSync(none)) {
      // Loaded only when a font is cut (its WebAssembly takes a tenth of a cached run).
      const {default: subsetFont} = await import('subset-font');
      if (hasCharacters(await subsetFont(original, text, {targetFormat: 'truetype'}))) {
        fs.writeFileSync(cut, await subsetFont(original, text, {targetFormat: 'woff2'}));
      } else {
        fs.writeFileSync(none, '');
      }
    }
    if (fs.existsSync(cut)) fs.copyFileSync(cut, path.join(assets, font));
    else unused.push(font);
  }
  const kept = css.replace(/@font-face[^{]*\{[^}]*url\("?([^")]+\.woff2)"?\)[^}]*\}\n?/g,
    (rule, font) => (unused.includes(font) ? '' : rule));
  fs.writeFileSync(path.join(assets, 'mathjax.css'), kept);
  writePages(outputs, kept);
  // MathJax and its font package are both Apache-2.0; the font package ships no licence file.
  fs.copyFileSync(path.join(MATHJAX_PACKAGE, 'LICENSE'), path.join(assets, 'LICENSE'));

  // The cache file, rewritten when this run used other entries than it holds. (A run over
  // pages typeset already knows none of their keys: it keeps the file.)
  const lines = [...usedSheets.values(), ...used.values()].map((e) => JSON.stringify(e));
  const content = lines.join('\n') + '\n';
  if (pages.length && content !== cache.own) {
    fs.mkdirSync(path.dirname(CACHE), {recursive: true});
    fs.writeFileSync(`${CACHE}.part`, content);
    fs.renameSync(`${CACHE}.part`, CACHE);
  }
  console.log(`MathJax ${VERSION}: ${formulas} formulas on ${pages.length} pages ` +
    `(${fresh} typeset, ${formulas - fresh} from the cache)`);
}

await main();
