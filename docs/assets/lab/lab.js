/* The neuron lab: controls, readout and three canvases around neuronLab.train.
 *
 * Loaded on every page of the site, it does nothing where there is no #neuron-lab. It
 * trains once per change of the setup and only moves an index along the result while
 * playing; each frame copies a cached background and draws at most two points per pixel
 * column, so a frame costs the same whatever the number of epochs. The setup lives in the
 * query string, colours in the theme's CSS variables (lab.css), words in STRINGS.
 */
(() => {
  "use strict";

  const STRINGS = {
    en: {
      start: "Press Play to watch the neuron learn; change any setting and the curves follow.",
      presets: "The story's starts", near: "Near start", far: "Far start",
      presetHint: "Each also sets η = {eta}, {epochs} epochs, x = {x}, y = {y}.",
      w: "Starting weight w", b: "Starting bias b", eta: "Learning rate η", epochs: "Epochs",
      x: "Input x", y: "Target y", slider: "{label}, slider",
      cost: "Cost function", quadratic: "Quadratic", "cross-entropy": "Cross-entropy",
      both: "Both, side by side", play: "Play", pause: "Pause", step: "Step", reset: "Reset",
      epochOf: "Epoch {k} of {n}", final: "Output after {n} epochs: ",
      rows: ["weight w", "bias b", "output a", "cost C", "∂C/∂w"], quantity: "Quantity",
      done: "Finished after {n} epochs. {final}", invalid: "{label}: must be {allowed}.",
      allowed: { w: "a number from −100 to 100", b: "a number from −100 to 100",
        x: "a number from −100 to 100", eta: "a number above 0, at most 100",
        epochs: "a whole number from 0 to 100000", y: "a number from 0 to 1" },
      ignored: "This link's {list} could not be used, so the lab shows its defaults " +
        "for them.", listSep: ", ", andMore: " and {n} more",
      stop: ". ", chart: "Output a and cost C against epoch",
      chartNote: "Faint: the whole run; solid: up to the current epoch.",
      neuron: "The neuron: input x, weight w, bias b and output a (darker fill: larger a)",
      mechanism: "Output error |δ| = |∂C/∂z| against the output a; the dot is the " +
        "current state",
      mechanismNote: "Quadratic: |δ| = |a − y|·a(1 − a), which vanishes as a nears 0 or 1, " +
        "however wrong a is. Cross-entropy: |δ| = |a − y|.",
      epoch: "epoch", output: "output a", costAxis: "cost C",
      more: "More experiments of the site", inverter: "Inverter from ({w}, {b})",
      widget: "The book's widget, η = {eta}",
      moreHint: "Inverter: the two samples x = 1 → y = 0 and x = 0 → y = 1 of the cost " +
        "surfaces and the heatmap, η = {ieta}, {iepochs} epochs. Widget: the book's " +
        "cross-entropy widget, which steps along ∂C/∂a = 1/(1 − a), against true gradient " +
        "descent, x = 1, y = 0, η = {weta}, {wepochs} epochs.",
      task: "Training data", single: "One sample (x, y below)",
      "task-inverter": "Inverter (two samples)",
      "book-widget": "Book's widget step", "mode-widget": "Book's widget vs. gradient descent",
      sample: "sample x = {x} → y = {y}", sampleRow: "output a (x = {x})",
      fixed: "Fixed by the task or the widget: x and y are not used."
    },
    zh: {
      start: "按“播放”观看神经元的学习过程；改动任一设置，曲线随之更新。",
      presets: "正文中的起点", near: "近起点", far: "远起点",
      presetHint: "两者都同时设定 η = {eta}、{epochs} 轮、x = {x}、y = {y}。",
      w: "初始权重 w", b: "初始偏置 b", eta: "学习率 η", epochs: "训练轮数",
      x: "输入 x", y: "目标 y", slider: "{label}（滑块）",
      cost: "代价函数", quadratic: "二次代价", "cross-entropy": "交叉熵",
      both: "两者并排对比", play: "播放", pause: "暂停", step: "单步", reset: "重置",
      epochOf: "第 {k} 轮，共 {n} 轮", final: "{n} 轮后的输出：",
      rows: ["权重 w", "偏置 b", "输出 a", "代价 C", "∂C/∂w"], quantity: "项目",
      done: "已完成 {n} 轮。{final}", invalid: "{label}：须为{allowed}。",
      stop: "。", chart: "输出 a 与代价 C 随训练轮数的变化",
      chartNote: "浅色：整个训练过程；深色：到当前这一轮为止。",
      neuron: "神经元：输入 x、权重 w、偏置 b 和输出 a（a 越大，填色越深）",
      mechanism: "输出误差 |δ| = |∂C/∂z| 与输出 a 的关系，圆点为当前状态",
      mechanismNote: "二次代价：|δ| = |a − y|·a(1 − a)，a 接近 0 或 1 时趋于零，" +
        "无论错得多离谱。交叉熵：|δ| = |a − y|。",
      epoch: "训练轮数", output: "输出 a", costAxis: "代价 C",
      allowed: { w: "−100 到 100 之间的数", b: "−100 到 100 之间的数",
        x: "−100 到 100 之间的数", eta: "大于 0、不超过 100 的数",
        epochs: "0 到 100000 之间的整数", y: "0 到 1 之间的数" },
      ignored: "链接中的 {list} 无法使用，实验室已改用默认值。", listSep: "、",
      andMore: " 等另外 {n} 项",
      more: "网站上的其他实验", inverter: "反相器，起点 ({w}, {b})",
      widget: "原书的演示，η = {eta}",
      moreHint: "反相器：代价曲面和热力图所用的两个样本 x = 1 → y = 0 与 x = 0 → y = 1，" +
        "η = {ieta}，{iepochs} 轮。演示：原书的交叉熵演示沿 ∂C/∂a = 1/(1 − a) 更新，" +
        "与真正的梯度下降对比，x = 1、y = 0，η = {weta}，{wepochs} 轮。",
      task: "训练数据", single: "单个样本（x、y 见下）",
      "task-inverter": "反相器（两个样本）",
      "book-widget": "原书演示的更新", "mode-widget": "原书演示与梯度下降对比",
      sample: "样本 x = {x} → y = {y}", sampleRow: "输出 a（x = {x}）",
      fixed: "由任务或演示决定：不使用这里的 x 和 y。"
    }
  };
  /* The story's experiments and the site's others, from the library when the site is built:
   * the page carries them as JSON in <script id="neuron-lab-setups">
   * (neuron_demo.site.facts.lab_setups), so the lab holds no copy of the numbers. */
  let STORY_RUN, PRESETS, DEFAULTS, TASKS, MORE;
  function readSetups(element) {
    const s = JSON.parse(element.textContent);
    STORY_RUN = s.story;
    PRESETS = s.starts;
    DEFAULTS = { cost: "both", task: "single", ...PRESETS.far, ...STORY_RUN };
    TASKS = { single: null, inverter: { x: s.inverter.x, y: s.inverter.y } };
    MORE = {
      inverter: { task: "inverter", cost: "both", ...PRESETS.far, eta: s.inverter.eta,
        epochs: s.inverter.epochs },
      widget: { task: "single", cost: "widget", ...PRESETS.far, eta: s.widget.eta,
        epochs: s.widget.epochs, x: STORY_RUN.x, y: STORY_RUN.y }
    };
  }
  /* min/max bound the slider; lo/hi bound what may be typed or linked (neuronLab accepts any
   * finite number, but |w|, |b|, |x| and η beyond 100 say nothing more and can overflow). */
  const FIELDS = [
    { key: "w", min: -20, max: 20, step: 0.01, lo: -100, hi: 100 },
    { key: "b", min: -20, max: 20, step: 0.01, lo: -100, hi: 100 },
    // the slider moves log10(η)
    { key: "eta", min: -3, max: 1, step: 0.01, log: true, lo: 0, hi: 100 },
    { key: "epochs", min: 0, max: 1000, step: 1, lo: 0, hi: Infinity },
    { key: "x", min: -5, max: 5, step: 0.1, lo: -100, hi: 100 },
    { key: "y", min: 0, max: 1, step: 0.01, lo: 0, hi: 1 }
  ];
  const MAX_LISTED = 5; // ignored link values named one by one, the rest counted
  const MAX_SHOWN = 40; // characters of one ignored value shown
  const MODES = ["quadratic", "cross-entropy", "both", "widget"];
  /* The runs each cost choice shows, and how neuronLab.train computes each run. */
  const SERIES = { quadratic: ["quadratic"], "cross-entropy": ["cross-entropy"],
    both: ["quadratic", "cross-entropy"], widget: ["cross-entropy", "book-widget"] };
  const RUN = { quadratic: { cost: "quadratic", step: "gradient" },
    "cross-entropy": { cost: "cross-entropy", step: "gradient" },
    "book-widget": { cost: "cross-entropy", step: "book-widget" } };
  const DASHES = [[], [7, 4]]; // sample 1 solid, sample 2 dashed
  const FRAMES_PER_RUN = 180; // a whole run plays in about 3 s at 60 frames per second
  const HEIGHT = { chart: 280, mechanism: 230, neuronRow: 78 };

  const fill = (text, vars) => text.replace(/\{(\w+)\}/g, (_, name) => vars[name]);

  /* Every number the lab shows: three significant digits (so 0.203, 0.0120 and 4.02 carry
   * the same precision), an exponent outside [1e-3, 1e5), a true minus. Whole numbers up to
   * 1e5 (epochs, inputs such as x = 1) are shown as they are. The full values are in
   * data-value attributes. */
  function fmt(v, digits = 3) {
    const a = Math.abs(v);
    const s = a === 0 || (Number.isInteger(v) && a < 1e5) ? String(v)
      : a >= 1e-3 && a < 1e5 ? v.toPrecision(digits)
        : v.toExponential(digits - 1);
    return s.replaceAll("-", "−");
  }

  /* Round ticks (1, 2 or 5 times a power of ten) covering [lo, hi], about `count` of them. */
  function ticks(lo, hi, count) {
    const raw = (hi - lo) / Math.max(1, count), mag = 10 ** Math.floor(Math.log10(raw));
    const norm = raw / mag;
    const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
    const digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    const list = [];
    for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
      list.push({ v, text: v.toFixed(digits) });
    }
    return { list, step };
  }

  function niceCeil(v) {
    const step = ticks(0, v, 4).step;
    return Math.max(step, Math.ceil(v / step - 1e-9) * step);
  }

  /* Indices to draw so that each pixel column keeps its smallest and largest value. */
  function decimate(values, columns) {
    const n = values.length, idx = [0];
    const add = (i) => { if (i > idx[idx.length - 1]) idx.push(i); };
    for (let c = 0; c < columns; c++) {
      const i0 = Math.floor(c * n / columns), i1 = Math.floor((c + 1) * n / columns);
      let lo = i0, hi = i0;
      for (let i = i0 + 1; i < i1; i++) {
        if (values[i] < values[lo]) lo = i;
        if (values[i] > values[hi]) hi = i;
      }
      if (i1 > i0) { add(Math.min(lo, hi)); add(Math.max(lo, hi)); }
    }
    add(n - 1);
    return idx;
  }

  /* Whether `value` may be used for field `key`: neuronLab's own check, then the lab's bounds. */
  function acceptable(key, value) {
    const f = FIELDS.find((g) => g.key === key);
    try {
      window.neuronLab.checkSetup({ ...DEFAULTS, cost: "quadratic", [key]: value });
    } catch (error) {
      return false;
    }
    return value >= f.lo && value <= f.hi;
  }

  /* The setup a link asks for, and what of the link was ignored, as "key=value" texts.
   * Every part of the query is untrusted: only a known key with a valid value, given once,
   * is used (Object.hasOwn, never `in`, so "constructor" is no task). Nothing read here is
   * ever put into markup. */
  const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i; // no hex, no "Infinity"

  function fromQuery(search) {
    const setup = { ...DEFAULTS }, ignored = [], seen = new Set();
    const choices = { cost: (v) => MODES.includes(v), task: (v) => Object.hasOwn(TASKS, v) };
    for (const [key, text] of new URLSearchParams(search)) {
      const field = FIELDS.some((f) => f.key === key);
      const number = DECIMAL.test(text.trim()) ? Number(text) : NaN;
      const valid = !seen.has(key) && (field ? acceptable(key, number)
        : Object.hasOwn(choices, key) && choices[key](text));
      seen.add(key);
      if (!valid) {
        const shown = `${key}=${text}`;
        ignored.push(shown.length > MAX_SHOWN ? shown.slice(0, MAX_SHOWN - 1) + "…" : shown);
      } else {
        setup[key] = field ? number : text;
      }
    }
    return { setup, ignored };
  }

  /* One sentence naming the ignored values of the link, or "" if none. */
  function ignoredNote(s, ignored) {
    if (!ignored.length) return "";
    const listed = ignored.slice(0, MAX_LISTED).join(s.listSep);
    const rest = ignored.length - MAX_LISTED;
    return fill(s.ignored, { list: listed + (rest > 0 ? fill(s.andMore, { n: rest }) : "") });
  }

  const toQuery = (setup) => "?" + new URLSearchParams([...FIELDS.map(({ key }) =>
    [key, String(setup[key])]), ["cost", setup.cost], ["task", setup.task]]);

  /* What is trained: the widget runs on the book's one sample x = 1, y = 0; the inverter
   * on its two samples; otherwise the sample of the x and y controls. */
  function data(setup) {
    if (setup.cost === "widget") return { x: 1, y: 0 };
    return TASKS[setup.task] || { x: setup.x, y: setup.y };
  }

  /* Per-sample columns of a run whose output[k] (and delta[k]) are numbers or arrays. */
  function columns(run) {
    const many = Array.isArray(run.output[0]), count = many ? run.output[0].length : 1;
    const column = (values, j) => (many ? values.map((v) => v[j]) : values);
    return { outputs: Array.from({ length: count }, (_, j) => column(run.output, j)),
      deltas: Array.from({ length: count }, (_, j) => column(run.delta, j)) };
  }

  function markup(s) {
    const fields = FIELDS.map((f) => `<div class="nl-field"><label for="nl-${f.key}">` +
      `${s[f.key]}</label><div class="nl-pair"><input type="range" data-range="${f.key}" ` +
      `min="${f.min}" max="${f.max}" step="${f.step}" aria-label="` +
      `${fill(s.slider, { label: s[f.key] })}"><input type="number" id="nl-${f.key}" ` +
      `data-number="${f.key}" ` + (f.key === "epochs" ? `min="0" max="` +
      `${window.neuronLab.MAX_EPOCHS}" step="1" inputmode="numeric"` :
      'step="any" inputmode="decimal"') + "></div></div>").join("");
    const modes = MODES.map((m) => `<label><input type="radio" name="nl-cost" ` +
      `value="${m}"> ${s[m === "widget" ? "mode-widget" : m]}</label>`).join("");
    const tasks = Object.keys(TASKS).map((task) => `<label><input type="radio" ` +
      `name="nl-task" value="${task}"> ${s[task === "single" ? task : "task-" + task]}` +
      "</label>").join("");
    const more = Object.keys(MORE).map((p) => `<button type="button" data-more="${p}">` +
      `${fill(s[p], MORE[p])}</button>`).join("");
    const moreHint = fill(s.moreHint, { ieta: MORE.inverter.eta,
      iepochs: MORE.inverter.epochs, weta: MORE.widget.eta, wepochs: MORE.widget.epochs });
    const presets = ["near", "far"].map((p) => `<button type="button" data-preset="${p}">` +
      `${s[p]} (${PRESETS[p].w}, ${PRESETS[p].b})</button>`).join("");
    const figure = (kind, note, above = "") => `<figure>${above}<canvas data-plot="${kind}" ` +
      `role="img" aria-label="${s[kind]}"></canvas><figcaption>${s[kind]}` +
      `${note ? s.stop + note : ""}</figcaption></figure>`;
    // A first step, then the stage (buttons, outcome, chart), the controls, and the other
    // plots and the readout. On a phone the stage stays in view while the controls scroll
    // under it (lab.css).
    return `<p class="nl-hint nl-start">${s.start}</p>` +
      '<div class="nl-layout"><div class="nl-main"><div class="nl-stage">' +
      '<p class="nl-notice" hidden></p><div class="nl-buttons">' +
      `<button type="button" class="nl-play" data-action="play">${s.play}</button>` +
      `<button type="button" data-action="step">${s.step}</button>` +
      `<button type="button" data-action="reset">${s.reset}</button>` +
      '<span class="nl-epoch"></span></div><p class="nl-status" role="status"></p>' +
      '<p class="nl-final"></p>' + figure("chart", s.chartNote, '<p class="nl-legend"></p>') +
      `</div><div class="nl-controls"><fieldset><legend>${s.presets}</legend>${presets}` +
      `<p class="nl-hint">${fill(s.presetHint, STORY_RUN)}</p></fieldset>` +
      `<fieldset><legend>${s.cost}</legend><div class="nl-choices">${modes}</div></fieldset>` +
      `${fields}<fieldset><legend>${s.task}</legend><div class="nl-choices">${tasks}</div>` +
      `</fieldset><p class="nl-hint nl-fixed" hidden>${s.fixed}</p>` +
      `<fieldset><legend>${s.more}</legend>${more}<p class="nl-hint">${moreHint}</p>` +
      '</fieldset></div></div><div class="nl-results"><div class="nl-plots">' +
      figure("neuron") + figure("mechanism", s.mechanismNote) + '</div>' +
      '<div class="nl-table"><table class="nl-readout"></table></div>' +
      '<p class="nl-done" aria-live="polite"></p></div></div>';
  }

  function start(root) {
    const lang = /^zh/i.test(document.documentElement.lang) ? "zh" : "en";
    const s = STRINGS[lang], lab = window.neuronLab;
    const linked = fromQuery(location.search);
    const st = { setup: linked.setup, k: 0, n: 0, runs: {}, costs: [],
      playing: false, scheduled: false, layers: null, cells: {}, errors: {}, trained: 0 };
    root.dataset.ready = "true";
    root.innerHTML = markup(s);
    const q = (selector) => root.querySelector(selector);
    const notice = q(".nl-notice");
    notice.textContent = ignoredNote(s, linked.ignored); // text, never markup
    notice.hidden = !linked.ignored.length;
    const status = q(".nl-status"), done = q(".nl-done"), playButton = q(".nl-play");
    const epochLine = q(".nl-epoch");

    /* Flag a number field (message) or clear it (""); the status lists what is still wrong. */
    function invalid(key, message) {
      const number = q(`[data-number="${key}"]`);
      if (message) number.setAttribute("aria-invalid", "true");
      else number.removeAttribute("aria-invalid");
      st.errors[key] = message;
      status.textContent = FIELDS.map(({ key: k }) => st.errors[k] || "").join(" ").trim();
    }

    function showValue(f, v) {
      const range = q(`[data-range="${f.key}"]`);
      q(`[data-number="${f.key}"]`).value = String(v);
      range.value = String(f.log ? Math.log10(v) : v);
      range.setAttribute("aria-valuetext", String(v));
    }

    function syncControls() {
      for (const f of FIELDS) {
        showValue(f, st.setup[f.key]);
        invalid(f.key, "");
      }
      q(`input[name="nl-cost"][value="${st.setup.cost}"]`).checked = true;
      q(`input[name="nl-task"][value="${st.setup.task}"]`).checked = true;
    }

    /* The x and y controls (and, for the widget, the task) sit out what they cannot change. */
    function syncFixed() {
      const widget = st.setup.cost === "widget", fixed = widget || st.setup.task !== "single";
      for (const key of ["x", "y"]) {
        for (const el of root.querySelectorAll(`[data-range="${key}"], [data-number="${key}"]`)) {
          el.disabled = fixed;
        }
      }
      for (const el of root.querySelectorAll('input[name="nl-task"]')) el.disabled = widget;
      q(".nl-fixed").hidden = !fixed;
    }

    /* Readout rows: one output row per sample, keyed "output" for one sample. */
    function rowsOf(d) {
      const xs = Array.isArray(d.x) ? d.x : null;
      const outputs = xs ? xs.map((x, j) => [`output.${j}`, fill(s.sampleRow, { x })])
        : [["output", s.rows[2]]];
      return [["w", s.rows[0]], ["b", s.rows[1]], ...outputs, ["cost", s.rows[3]],
        ["dCdw", s.rows[4]]];
    }

    const valueAt = (run, key, k) => {
      const [name, j] = key.split(".");
      return j === undefined ? run[name][k] : run[name][k][+j];
    };

    const finalText = (a) => (Array.isArray(a) ? a.map((v) => fmt(v)).join(", ") : fmt(a));

    /* A readout column and a final output per cost shown, and the legend. */
    function renderColumns() {
      const d = data(st.setup), rows = rowsOf(d);
      q(".nl-readout").innerHTML = `<thead><tr><th scope="col"><span class="nl-hidden">` +
        `${s.quantity}</span></th>` +
        st.costs.map((c) => `<th scope="col">${s[c]}</th>`).join("") + "</tr></thead>" +
        "<tbody>" + rows.map(([key, label]) => `<tr><th scope="row">${label}</th>` +
          st.costs.map((c) => `<td data-cost="${c}" data-key="${key}"></td>`).join("") +
          "</tr>").join("") + "</tbody>";
      st.cells = {};
      for (const c of st.costs) {
        st.cells[c] = rows.map(([key]) => [key, q(`td[data-cost="${c}"][data-key="${key}"]`)]);
      }
      const samples = Array.isArray(d.x) ? d.x.map((x, j) => `<span class="nl-sample" ` +
        `data-sample="${j}"><span class="nl-dash"></span>${fill(s.sample, { x, y: d.y[j] })}` +
        "</span>").join(" ") : "";
      // One legend for the costs: the outcome line above the chart. The chart's own legend
      // names only the inverter's two samples (solid and dashed lines).
      q(".nl-legend").innerHTML = samples;
      q(".nl-final").innerHTML = fill(s.final, { n: st.n }) + st.costs.map((c) => {
        const a = st.runs[c].output[st.n];
        return `<span class="nl-final-item" data-cost="${c}"><span class="nl-swatch"></span>` +
          `${s[c]} <b class="nl-final-value" data-value="${JSON.stringify(a)}">a = ` +
          `${finalText(a)}</b></span>`;
      }).join(" ");
    }

    function retrain() {
      stop();
      if (st.trained++) notice.hidden = true; // the reader has moved on from the link
      st.costs = SERIES[st.setup.cost];
      st.runs = {};
      st.columns = {};
      for (const c of st.costs) {
        st.runs[c] = lab.train({ ...st.setup, ...data(st.setup), ...RUN[c] });
        st.columns[c] = columns(st.runs[c]);
      }
      syncFixed();
      st.n = st.setup.epochs;
      st.k = 0;
      st.layers = null;
      renderColumns();
      done.textContent = "";
      history.replaceState(history.state, "", toQuery(st.setup) + location.hash);
      requestDraw();
    }

    function theme() {
      const cs = getComputedStyle(root), v = (name) => cs.getPropertyValue(name).trim();
      return { fg: v("--nl-fg"), light: v("--nl-fg-light"), grid: v("--nl-grid"),
        bg: v("--nl-bg"), faint: Number(v("--nl-faint")) || 0.35, quadratic: v("--nl-quadratic"),
        "cross-entropy": v("--nl-cross-entropy"), "book-widget": v("--nl-book-widget"), font: "12px " + cs.fontFamily };
    }

    /* Size a canvas to its box at the device pixel ratio, with an offscreen twin for the
     * parts that do not move; its context draws in CSS pixels. */
    function fit(canvas, height) {
      const dpr = window.devicePixelRatio || 1, w = canvas.clientWidth || 300;
      const layer = document.createElement("canvas");
      canvas.style.height = height + "px";
      layer.width = canvas.width = Math.round(w * dpr);
      layer.height = canvas.height = Math.round(height * dpr);
      const ctx = layer.getContext("2d");
      ctx.scale(dpr, dpr);
      return { canvas, layer, ctx, w, h: height, dpr };
    }

    const box = (x, y, w, h, x0, x1, y0, y1) => ({ x, y, w, h, x0, x1, y0, y1,
      sx: (v) => x + w * (v - x0) / (x1 - x0), sy: (v) => y + h * (1 - (v - y0) / (y1 - y0)) });

    function line(ctx, points) {
      ctx.beginPath();
      points.forEach(([x, y], i) => (i ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
      ctx.stroke();
    }

    /* Axes with numbered ticks and light grid lines; the title sits above the plot. */
    function axes(ctx, th, b, title, xTitle) {
      Object.assign(ctx, { font: th.font, lineWidth: 1, strokeStyle: th.grid,
        fillStyle: th.light, textAlign: "right", textBaseline: "middle" });
      for (const t of ticks(b.y0, b.y1, Math.max(2, Math.floor(b.h / 28))).list) {
        const y = Math.round(b.sy(t.v)) + 0.5;
        line(ctx, [[b.x, y], [b.x + b.w, y]]);
        ctx.fillText(t.text, b.x - 5, y);
      }
      Object.assign(ctx, { textAlign: "center", textBaseline: "top" });
      for (const t of ticks(b.x0, b.x1, Math.max(2, Math.floor(b.w / 60))).list) {
        const x = Math.round(b.sx(t.v)) + 0.5;
        line(ctx, [[x, b.y], [x, b.y + b.h]]);
        if (xTitle) ctx.fillText(t.text, x, b.y + b.h + 4);
      }
      ctx.strokeStyle = th.light;
      line(ctx, [[b.x + 0.5, b.y], [b.x + 0.5, b.y + b.h + 0.5], [b.x + b.w, b.y + b.h + 0.5]]);
      Object.assign(ctx, { fillStyle: th.fg, textAlign: "left", textBaseline: "bottom" });
      ctx.fillText(title, b.x - 36, b.y - 5);
      if (xTitle) {
        Object.assign(ctx, { textAlign: "right", textBaseline: "top" });
        ctx.fillText(xTitle, b.x + b.w, b.y + b.h + 22);
      }
    }

    /* The run's curve from epoch 0 up to epoch `upto`, through the decimated points. */
    function path(ctx, b, values, idx, upto) {
      const points = [[b.sx(0), b.sy(values[0])]];
      for (let j = 1; j < idx.length && idx[j] <= upto; j++) {
        points.push([b.sx(idx[j]), b.sy(values[idx[j]])]);
      }
      points.push([b.sx(upto), b.sy(values[upto])]);
      line(ctx, points);
    }

    function dot(ctx, th, color, x, y) {
      ctx.beginPath();
      ctx.arc(x, y, 5, 0, 2 * Math.PI);
      Object.assign(ctx, { fillStyle: color, lineWidth: 2, strokeStyle: th.bg });
      ctx.fill();
      ctx.stroke();
    }

    /* Everything that does not move during a run, drawn once into the offscreen layers. */
    function buildLayers() {
      const chartCanvas = q('[data-plot="chart"]');
      // Shorter on a phone, where the chart shares the screen with the controls.
      const chartHeight = Math.round(Math.min(HEIGHT.chart, Math.max(190, chartCanvas.clientWidth * 0.6)));
      const th = theme(), chart = fit(chartCanvas, chartHeight);
      const mech = fit(q('[data-plot="mechanism"]'), HEIGHT.mechanism);
      const d = data(st.setup), ys = Array.isArray(d.y) ? d.y : [d.y];
      // The neuron rows, centred in a canvas as tall as the plot beside it (if it is beside).
      const neuronCanvas = q('[data-plot="neuron"]'), rows = st.costs.length * ys.length;
      const beside = neuronCanvas.offsetTop === q('[data-plot="mechanism"]').offsetTop;
      const neuron = fit(neuronCanvas,
        Math.max(HEIGHT.neuronRow * rows, beside ? HEIGHT.mechanism : 0));
      neuron.top = (neuron.h - HEIGHT.neuronRow * rows) / 2;
      let cmax = 0, dmax = 0;
      const curves = {}, paths = {};
      for (const c of st.costs) {
        for (const v of st.runs[c].cost) cmax = Math.max(cmax, v);
        // The widget's state is still judged by the cross-entropy's true |δ| = |a − y|.
        curves[c] = ys.map((y) => {
          const curve = [];
          for (let j = 0; j <= 200; j++) {
            const a = Math.min(Math.max(j / 200, 1e-4), 1 - 1e-4);
            const delta = Math.abs(lab.delta(RUN[c].cost, Math.log(a / (1 - a)), y));
            curve.push([a, delta]);
            dmax = Math.max(dmax, delta);
          }
          return curve;
        });
      }
      const pw = chart.w - 68, ph = (chart.h - 92) / 2, x1 = Math.max(st.n, 1);
      const top = box(46, 22, pw, ph, 0, x1, 0, 1);
      const bottom = box(46, 52 + ph, pw, ph, 0, x1, 0, niceCeil(cmax || 1));
      const mb = box(46, 22, mech.w - 68, mech.h - 62, 0, 1, 0, niceCeil(dmax || 1));
      axes(chart.ctx, th, top, s.output, "");
      axes(chart.ctx, th, bottom, s.costAxis, s.epoch);
      axes(mech.ctx, th, mb, "|δ|", s.output);
      Object.assign(chart.ctx, { lineWidth: 2, globalAlpha: th.faint });
      mech.ctx.lineWidth = 2;
      for (const c of st.costs) {
        const run = st.runs[c], outputs = st.columns[c].outputs;
        paths[c] = { outputs: outputs.map((o) => decimate(o, Math.ceil(pw))),
          cost: decimate(run.cost, Math.ceil(pw)) };
        chart.ctx.strokeStyle = mech.ctx.strokeStyle = th[c];
        outputs.forEach((o, j) => {
          chart.ctx.setLineDash(DASHES[j % 2]);
          mech.ctx.setLineDash(DASHES[j % 2]);
          path(chart.ctx, top, o, paths[c].outputs[j], st.n);
          line(mech.ctx, curves[c][j].map(([a, delta]) => [mb.sx(a), mb.sy(delta)]));
        });
        chart.ctx.setLineDash([]);
        mech.ctx.setLineDash([]);
        path(chart.ctx, bottom, run.cost, paths[c].cost, st.n);
      }
      st.layers = { th, chart, mech, neuron, top, bottom, mb, paths };
    }

    function begin(layer) {
      const ctx = layer.canvas.getContext("2d");
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, layer.canvas.width, layer.canvas.height);
      ctx.drawImage(layer.layer, 0, 0);
      ctx.setTransform(layer.dpr, 0, 0, layer.dpr, 0, 0);
      return ctx;
    }

    /* One row per run and sample: input → weight → neuron (filled by a) → output. */
    function drawNeuron(ctx, th, width, top) {
      const d = data(st.setup), many = Array.isArray(d.x);
      const rows = st.costs.flatMap((c) => st.columns[c].outputs.map((o, j) => [c, j]));
      rows.forEach(([c, j], r) => {
        const run = st.runs[c], k = st.k, a = st.columns[c].outputs[j][k], R = 19, xin = 22;
        const x = many ? d.x[j] : d.x;
        const cy = top + r * HEIGHT.neuronRow + 40, xn = Math.max(130, width * 0.42), xo = xn + R;
        Object.assign(ctx, { font: th.font, textBaseline: "middle", textAlign: "left",
          fillStyle: th[c], strokeStyle: th.light, lineWidth: 2 });
        ctx.fillText(s[c] + (many ? " · " + fill(s.sample, { x, y: d.y[j] }) : ""), 2, cy - 30);
        ctx.beginPath();
        ctx.arc(xin, cy, 12, 0, 2 * Math.PI);
        ctx.stroke();
        line(ctx, [[xin + 12, cy], [xn - R, cy]]);
        line(ctx, [[xo, cy], [xo + 24, cy]]);
        line(ctx, [[xo + 18, cy - 4], [xo + 24, cy], [xo + 18, cy + 4]]);
        ctx.beginPath();
        ctx.arc(xn, cy, R, 0, 2 * Math.PI);
        Object.assign(ctx, { globalAlpha: 0.1 + 0.9 * a, strokeStyle: th[c] });
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.stroke();
        Object.assign(ctx, { fillStyle: th.fg, textAlign: "center" });
        ctx.fillText("x = " + fmt(x), xin, cy + 24);
        ctx.fillText("w = " + fmt(run.w[k]), (xin + xn) / 2, cy - 10);
        ctx.fillText("b = " + fmt(run.b[k]), xn, cy + 30);
        ctx.textAlign = "left";
        ctx.fillText("a = " + fmt(a), xo + 30, cy);
      });
    }

    function draw() {
      st.scheduled = false;
      if (!root.isConnected) return stop();
      if (!st.layers) buildLayers();
      const { th, top, bottom, mb, paths } = st.layers, k = st.k;
      const chart = begin(st.layers.chart), mech = begin(st.layers.mech);
      chart.lineWidth = 2.5;
      for (const c of st.costs) {
        const run = st.runs[c], { outputs, deltas } = st.columns[c];
        chart.strokeStyle = th[c];
        outputs.forEach((o, j) => {
          chart.setLineDash(DASHES[j % 2]);
          path(chart, top, o, paths[c].outputs[j], k);
        });
        chart.setLineDash([]);
        path(chart, bottom, run.cost, paths[c].cost, k);
        outputs.forEach((o, j) => {
          dot(chart, th, th[c], top.sx(k), top.sy(o[k]));
          dot(mech, th, th[c], mb.sx(o[k]), mb.sy(Math.abs(deltas[j][k])));
        });
        dot(chart, th, th[c], bottom.sx(k), bottom.sy(run.cost[k]));
        for (const [key, cell] of st.cells[c]) {
          const value = valueAt(run, key, k);
          cell.textContent = fmt(value);
          cell.dataset.value = String(value);
        }
      }
      drawNeuron(begin(st.layers.neuron), th, st.layers.neuron.w, st.layers.neuron.top);
      epochLine.textContent = fill(s.epochOf, { k, n: st.n });
      epochLine.dataset.epoch = String(k);
    }

    function requestDraw() {
      if (!st.scheduled) {
        st.scheduled = true;
        requestAnimationFrame(draw);
      }
    }

    function setPlaying(playing) {
      st.playing = playing;
      playButton.textContent = playing ? s.pause : s.play;
    }

    function stop() {
      if (st.playing) setPlaying(false);
    }

    function finished() {
      stop();
      done.textContent = fill(s.done, { n: st.n, final: q(".nl-final").textContent });
    }

    function tick() {
      if (!st.playing) return;
      st.k = Math.min(st.n, st.k + st.perFrame);
      draw();
      if (st.k >= st.n) finished();
      else requestAnimationFrame(tick);
    }

    function play() {
      if (st.playing) return stop();
      if (st.k >= st.n) st.k = 0;
      done.textContent = "";
      if (matchMedia("(prefers-reduced-motion: reduce)").matches || st.n === 0) {
        st.k = st.n;
        requestDraw();
        return finished();
      }
      st.perFrame = Math.max(1, Math.ceil(st.n / FRAMES_PER_RUN));
      setPlaying(true);
      requestAnimationFrame(tick);
    }

    root.addEventListener("input", (event) => {
      const el = event.target, key = el.dataset.range || el.dataset.number;
      if (!key) return;
      const f = FIELDS.find((g) => g.key === key);
      const v = el.dataset.range ? (f.log ? Number((10 ** Number(el.value)).toPrecision(3))
        : Number(el.value)) : el.value.trim() === "" ? NaN : Number(el.value);
      if (!acceptable(key, v)) {
        return invalid(key, fill(s.invalid, { label: s[key], allowed: s.allowed[key] }));
      }
      st.setup[key] = v;
      if (el.dataset.range) q(`[data-number="${key}"]`).value = String(v);
      else showValue(f, v);
      invalid(key, "");
      retrain();
    });

    root.addEventListener("change", (event) => {
      if (event.target.name === "nl-cost" || event.target.name === "nl-task") {
        st.setup[event.target.name.slice(3)] = event.target.value;
        retrain();
      }
    });

    root.addEventListener("click", (event) => {
      const el = event.target.closest("button");
      if (!el) return;
      if (el.dataset.preset) {
        Object.assign(st.setup, PRESETS[el.dataset.preset], STORY_RUN, { task: "single" });
        syncControls();
        retrain();
      } else if (el.dataset.more) {
        Object.assign(st.setup, MORE[el.dataset.more]);
        syncControls();
        retrain();
      } else if (el.dataset.action === "play") {
        play();
      } else {
        stop();
        done.textContent = "";
        st.k = el.dataset.action === "step" ? Math.min(st.n, st.k + 1) : 0;
        requestDraw();
      }
    });

    let width = 0;
    const redraw = () => {
      if (!root.isConnected) {
        themeWatch.disconnect();
        sizeWatch.disconnect();
        return;
      }
      st.layers = null;
      requestDraw();
    };
    const themeWatch = new MutationObserver(redraw);
    themeWatch.observe(document.body, { attributes: true,
      attributeFilter: ["data-md-color-scheme", "data-md-color-primary"] });
    const sizeWatch = new ResizeObserver(() => {
      if (root.clientWidth !== width) {
        width = root.clientWidth;
        redraw();
      }
    });
    sizeWatch.observe(root);
    const stage = q(".nl-stage"); // its height, for lab.css (controls scroll in below it)
    new ResizeObserver(() => root.style.setProperty("--nl-stage", stage.offsetHeight + "px"))
      .observe(stage);
    syncControls();
    retrain();
  }

  function boot() {
    const root = document.getElementById("neuron-lab");
    const setups = document.getElementById("neuron-lab-setups");
    if (root && setups && !root.dataset.ready && window.neuronLab) {
      readSetups(setups);
      start(root);
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(boot);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", boot);
  } else {
    boot();
  }
})();
