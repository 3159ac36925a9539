/* neuronLab: one sigmoid neuron trained by gradient descent, in the reader's browser.
 *
 * The JavaScript twin of the Python library neuron_demo (neuron.py, costs.py, train.py,
 * book.py), written operation for operation like it so that both agree to a relative 1e-12
 * (tests/browser/test_lab.py checks this). Pure maths: no DOM, no state, no drawing.
 * x and y are one sample (numbers) or n samples (arrays, e.g. the two-sample inverter); a
 * number next to an array is repeated for every sample, as numpy broadcasts it.
 */
(function (root) {
  "use strict";

  var COSTS = ["quadratic", "cross-entropy"];
  var MAX_EPOCHS = 100000;

  /* Bad input throws an Error naming the parameter and the allowed range; the UI reads
   * `parameter` and `allowed` to say the same thing in the page's language. */
  function invalid(parameter, allowed, value) {
    var error = new Error(parameter + " must be " + allowed + ", got " + String(value));
    error.parameter = parameter;
    error.allowed = allowed;
    return error;
  }

  function finite(name, value) {
    if (typeof value !== "number" || !isFinite(value)) {
      throw invalid(name, "a finite number", value);
    }
    return value;
  }

  /* [sigma(z), 1 - sigma(z)] through e = exp(-|z|), which never overflows: both tails
   * stay exact (1 - sigma(40) is 4.2e-18, not 0 from a subtraction). */
  function sigmoidPair(z) {
    var e = Math.exp(-Math.abs(z));
    var s = 1 / (1 + e);
    var small = e * s;
    return z >= 0 ? [s, small] : [small, s];
  }

  function sigmoid(z) {
    return sigmoidPair(z)[0];
  }

  /* sigma'(z) = sigma(z)(1 - sigma(z)), as costs.py forms it from the pair. */
  function sigmoidPrime(z) {
    var pair = sigmoidPair(z);
    return pair[0] * pair[1];
  }

  /* a - y written as (1 - y) a - y (1 - a), so that neither tail cancels. */
  function errorOf(a, oneMinusA, y) {
    return (1 - y) * a - y * oneMinusA;
  }

  /* ln(1 + e^z) as numpy's logaddexp(0, z) evaluates it: finite for every finite z. */
  function softplus(z) {
    if (z === 0) {
      return Math.LN2;
    }
    return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  function checkCost(cost) {
    if (COSTS.indexOf(cost) < 0) {
      throw invalid("cost", "one of 'quadratic', 'cross-entropy'", cost);
    }
    return cost;
  }

  /* Per-sample cost C(z, y): quadratic (a - y)^2 / 2, cross-entropy from z via softplus
   * (a saturated neuron costs about |z|, never Infinity). */
  function costValue(cost, z, y) {
    if (checkCost(cost) === "quadratic") {
      var pair = sigmoidPair(z);
      var error = errorOf(pair[0], pair[1], y);
      return 0.5 * (error * error);
    }
    return y * softplus(-z) + (1 - y) * softplus(z);
  }

  /* Output error delta = dC/dz: the two costs differ by exactly the factor sigma'(z). */
  function delta(cost, z, y) {
    var pair = sigmoidPair(z);
    var error = errorOf(pair[0], pair[1], y);
    return checkCost(cost) === "quadratic" ? error * (pair[0] * pair[1]) : error;
  }

  var STEPS = ["gradient", "book-widget"];

  /* One sample (a number) or n samples (an array of numbers), each checked by `check`. */
  function samplesOf(name, value, check) {
    if (!Array.isArray(value)) {
      return check(value);
    }
    if (value.length === 0) {
      throw invalid(name, "a number or a non-empty array of numbers", "[]");
    }
    value.forEach(check);
    return value.slice();
  }

  function target(value) {
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      throw invalid("y", "a number in [0, 1]", value);
    }
    return value;
  }

  /* x and y as two arrays of n samples, or two numbers when both are numbers. */
  function samples(x, y) {
    x = samplesOf("x", x, function (v) { return finite("x", v); });
    y = samplesOf("y", y, target);
    if (!Array.isArray(x) && !Array.isArray(y)) {
      return { x: x, y: y };
    }
    if (Array.isArray(x) && Array.isArray(y) && x.length !== y.length) {
      throw invalid("y", "as many samples as x (" + x.length + ")", "[" + y + "]");
    }
    var n = Array.isArray(x) ? x.length : y.length;
    var repeat = function (v) { return Array.isArray(v) ? v : new Array(n).fill(v); };
    return { x: repeat(x), y: repeat(y) };
  }

  /* The book widget's rule exists only for the one case the book ran it on. */
  function checkStep(step, cost, data) {
    if (STEPS.indexOf(step) < 0) {
      throw invalid("step", "one of 'gradient', 'book-widget'", step);
    }
    if (step === "book-widget" && (cost !== "cross-entropy" || data.x !== 1 ||
        data.y !== 0)) {
      throw invalid("step", "'gradient' unless cost is 'cross-entropy', x = 1 and y = 0",
        step);
    }
    return step;
  }

  function checkSetup(setup) {
    var epochs = setup.epochs;
    finite("w", setup.w);
    finite("b", setup.b);
    var data = samples(setup.x === undefined ? 1 : setup.x, setup.y === undefined ? 0 : setup.y);
    if (typeof setup.eta !== "number" || !(isFinite(setup.eta) && setup.eta > 0)) {
      throw invalid("eta", "a finite number > 0", setup.eta);
    }
    if (typeof epochs !== "number" || !(Math.floor(epochs) === epochs && epochs >= 0 &&
        epochs <= MAX_EPOCHS)) {
      throw invalid("epochs", "an integer in [0, " + MAX_EPOCHS + "]", epochs);
    }
    var cost = checkCost(setup.cost);
    var step = checkStep(setup.step === undefined ? "gradient" : setup.step, cost, data);
    return { w: setup.w, b: setup.b, eta: setup.eta, epochs: epochs, x: data.x, y: data.y,
      cost: cost, step: step };
  }

  /* The state of the neuron at (w, b) on one sample: output, 1 - output, cost and delta.
   * Inlined arithmetic (no arrays) so a 300-epoch run allocates only its results. */
  function sampleState(quadratic, w, b, x, y, into) {
    var z = x * w + b;
    var e = Math.exp(-Math.abs(z));
    var sig = 1 / (1 + e);
    var small = e * sig;
    var a = z >= 0 ? sig : small;
    var oneMinusA = z >= 0 ? small : sig;
    var error = (1 - y) * a - y * oneMinusA;
    into.a = a;
    into.oneMinusA = oneMinusA;
    into.cost = quadratic ? 0.5 * (error * error) : y * softplus(-z) + (1 - y) * softplus(z);
    into.delta = quadratic ? error * (a * oneMinusA) : error;
    return into;
  }

  /* Full-batch training. Index k of every array is the state after k epochs (0 = the start);
   * dCdw[k], dCdb[k] and delta[k] are the gradient at state k. With n samples, output[k]
   * and delta[k] are arrays over the samples, and the cost and gradients are means written
   * as neuron_demo's: a sum over the samples in order, then one division by n (numpy sums
   * fewer than nine values in this order too, so the inverter's two agree to the bit).
   *
   * step "gradient" moves w and b by eta times the gradient. step "book-widget" replays the
   * book's cross-entropy widget (x = 1, y = 0): both move by eta / (1 - a), the derivative
   * of C = -ln(1 - a) with respect to a, not w; the arrays still hold the true cost and
   * gradient at each state, so the two rules can be compared epoch by epoch. */
  function train(setup) {
    var s = checkSetup(setup || {});
    var n = s.epochs + 1;
    var many = Array.isArray(s.x);
    var xs = many ? s.x : [s.x], ys = many ? s.y : [s.y], count = xs.length;
    var eta = s.eta, w = s.w, b = s.b, widget = s.step === "book-widget";
    var quadratic = s.cost === "quadratic";
    var state = {};
    var out = { output: new Array(n), cost: new Array(n), w: new Array(n), b: new Array(n),
      dCdw: new Array(n), dCdb: new Array(n), delta: new Array(n) };
    for (var k = 0; k < n; k++) {
      var outputs = new Array(count), deltas = new Array(count);
      var cost = 0, dw = 0, db = 0;
      for (var j = 0; j < count; j++) {
        sampleState(quadratic, w, b, xs[j], ys[j], state);
        outputs[j] = state.a;
        deltas[j] = state.delta;
        cost += state.cost;
        dw += state.delta * xs[j];
        db += state.delta;
      }
      if (many) {
        cost /= count;
        dw /= count;
        db /= count;
      }
      out.w[k] = w;
      out.b[k] = b;
      out.output[k] = many ? outputs : outputs[0];
      out.delta[k] = many ? deltas : deltas[0];
      out.cost[k] = cost;
      out.dCdw[k] = dw;
      out.dCdb[k] = db;
      if (widget) {
        var step = eta / state.oneMinusA;
        w = w - step;
        b = b - step;
      } else {
        w = w - eta * dw;
        b = b - eta * db;
      }
    }
    return out;
  }

  root.neuronLab = {
    COSTS: COSTS.slice(),
    STEPS: STEPS.slice(),
    MAX_EPOCHS: MAX_EPOCHS,
    sigmoid: sigmoid,
    sigmoidPrime: sigmoidPrime,
    softplus: softplus,
    costValue: costValue,
    delta: delta,
    checkSetup: checkSetup,
    train: train
  };
})(typeof window !== "undefined" ? window : globalThis);
