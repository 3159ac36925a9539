/* neuronLab: one sigmoid neuron trained by gradient descent, in the reader's browser.
 *
 * The JavaScript twin of the Python library neuron_demo (neuron.py, costs.py, train.py),
 * written operation for operation like it so that both agree to a relative 1e-12
 * (tests/browser/test_lab.py checks this). Pure maths: no DOM, no state, no drawing.
 * Single sample only (x, y scalars): the lab trains the seed's one-sample task.
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

  function checkSetup(setup) {
    var x = setup.x === undefined ? 1 : setup.x;
    var y = setup.y === undefined ? 0 : setup.y;
    var epochs = setup.epochs;
    finite("w", setup.w);
    finite("b", setup.b);
    finite("x", x);
    if (typeof setup.eta !== "number" || !(isFinite(setup.eta) && setup.eta > 0)) {
      throw invalid("eta", "a finite number > 0", setup.eta);
    }
    if (typeof epochs !== "number" || !(Math.floor(epochs) === epochs && epochs >= 0 &&
        epochs <= MAX_EPOCHS)) {
      throw invalid("epochs", "an integer in [0, " + MAX_EPOCHS + "]", epochs);
    }
    if (typeof y !== "number" || !(y >= 0 && y <= 1)) {
      throw invalid("y", "a number in [0, 1]", y);
    }
    return { w: setup.w, b: setup.b, eta: setup.eta, epochs: epochs, x: x, y: y,
      cost: checkCost(setup.cost) };
  }

  /* Full-batch gradient descent on the one sample (x, y). Index k of every array is the
   * state after k epochs (0 = the start); dCdw[k], dCdb[k] and delta[k] are the gradients
   * at state k, the ones step k uses. The loop inlines sigmoidPair and delta so a
   * 300-epoch run allocates nothing but its result arrays. */
  function train(setup) {
    var s = checkSetup(setup || {});
    var n = s.epochs + 1;
    var x = s.x, y = s.y, eta = s.eta, w = s.w, b = s.b;
    var quadratic = s.cost === "quadratic";
    var out = { output: new Array(n), cost: new Array(n), w: new Array(n), b: new Array(n),
      dCdw: new Array(n), dCdb: new Array(n), delta: new Array(n) };
    for (var k = 0; k < n; k++) {
      var z = w * x + b;
      var e = Math.exp(-Math.abs(z));
      var sig = 1 / (1 + e);
      var small = e * sig;
      var a = z >= 0 ? sig : small;
      var oneMinusA = z >= 0 ? small : sig;
      var error = (1 - y) * a - y * oneMinusA;
      var d = quadratic ? error * (a * oneMinusA) : error;
      var dw = d * x;
      out.w[k] = w;
      out.b[k] = b;
      out.output[k] = a;
      out.cost[k] = quadratic ? 0.5 * (error * error)
        : y * softplus(-z) + (1 - y) * softplus(z);
      out.delta[k] = d;
      out.dCdw[k] = dw;
      out.dCdb[k] = d;
      w = w - eta * dw;
      b = b - eta * d;
    }
    return out;
  }

  root.neuronLab = {
    COSTS: COSTS.slice(),
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
