/* The lab's pure maths (docs/assets/lab/neuron-lab.js) under `node --test`: no browser.
 *
 * Expected values come from closed forms, finite differences and steps written out by hand
 * here, never from the file under test. Parity with the Python library, run for run, is
 * checked in the browser tests (tests/browser/test_lab.py).
 */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");

require("../../docs/assets/lab/neuron-lab.js");
const lab = globalThis.neuronLab;

const Z = [-30, -8, -2.5, -1, -0.1, 0, 0.1, 1, 2.5, 8, 30];

function close(actual, expected, rel, label) {
  const scale = Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= rel * scale,
    `${label}: ${actual} is not within ${rel} (relative) of ${expected}`);
}

test("sigmoid is 1 / (1 + e^-z), and exact in both tails", () => {
  for (const z of Z) close(lab.sigmoid(z), 1 / (1 + Math.exp(-z)), 1e-15, `σ(${z})`);
  assert.equal(lab.sigmoid(-1000), 0);
  assert.equal(lab.sigmoid(1000), 1);
  // σ(−40) = e^−40 / (1 + e^−40): no cancellation on the small side.
  close(lab.sigmoid(-40), Math.exp(-40) / (1 + Math.exp(-40)), 1e-15, "σ(−40)");
});

test("σ'(z) = σ(z)(1 − σ(z)) peaks at 1/4, at z = 0, and is exact when saturated", () => {
  assert.equal(lab.sigmoidPrime(0), 0.25);
  for (let z = -10; z <= 10; z += 0.01) assert.ok(lab.sigmoidPrime(z) <= 0.25, `z = ${z}`);
  // 1 − σ(40) would be 0 by subtraction; σ'(40) = e^−40 / (1 + e^−40)².
  close(lab.sigmoidPrime(40), Math.exp(-40) / (1 + Math.exp(-40)) ** 2, 1e-14, "σ'(40)");
});

test("softplus(z) = ln(1 + e^z), finite far beyond exp's range", () => {
  for (const z of Z) close(lab.softplus(z), Math.log1p(Math.exp(z)), 1e-14, `softplus(${z})`);
  assert.equal(lab.softplus(1000), 1000);
  close(lab.softplus(-1000), 0, 1, "softplus(−1000)"); // e^−1000 underflows to 0
});

test("the costs' values are (a − y)²/2 and −[y ln a + (1 − y) ln(1 − a)]", () => {
  for (const z of Z.filter((v) => Math.abs(v) <= 8)) {
    const a = 1 / (1 + Math.exp(-z));
    for (const y of [0, 0.3, 1]) {
      close(lab.costValue("quadratic", z, y), 0.5 * (a - y) ** 2, 1e-12, `quadratic ${z}`);
      const ce = -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
      close(lab.costValue("cross-entropy", z, y), ce, 1e-12, `cross-entropy ${z}`);
    }
  }
  // Saturated and wrong: the cross-entropy costs about |z|, never Infinity.
  close(lab.costValue("cross-entropy", 1000, 0), 1000, 1e-15, "C(1000, 0)");
  close(lab.costValue("cross-entropy", -1000, 1), 1000, 1e-15, "C(−1000, 1)");
});

test("δ is ∂C/∂z, by central finite differences", () => {
  const h = 1e-6;
  for (const cost of lab.COSTS) {
    for (const z of [-4, -1, -0.2, 0.3, 1.5, 4]) {
      for (const y of [0, 0.25, 1]) {
        const numeric = (lab.costValue(cost, z + h, y) - lab.costValue(cost, z - h, y)) / (2 * h);
        close(lab.delta(cost, z, y), numeric, 1e-6, `${cost} δ(${z}, ${y})`);
      }
    }
  }
});

test("the two δs differ by exactly one factor, σ'(z)", () => {
  for (const z of Z) {
    for (const y of [0, 0.5, 1]) {
      const ratio = lab.delta("cross-entropy", z, y) * lab.sigmoidPrime(z);
      assert.equal(lab.delta("quadratic", z, y), ratio, `z = ${z}, y = ${y}`);
    }
  }
});

test("first epoch from the far start (2, 2), x = 1, y = 0, η = 0.15, by hand", () => {
  const a = 1 / (1 + Math.exp(-4));
  for (const [cost, delta] of [["quadratic", a * a * (1 - a)], ["cross-entropy", a]]) {
    const run = lab.train({ cost, w: 2, b: 2, eta: 0.15, epochs: 1 });
    assert.equal(run.output.length, 2);
    close(run.output[0], a, 1e-15, `${cost} a₀`);
    close(run.dCdw[0], delta, 1e-14, `${cost} ∂C/∂w`);
    close(run.w[1], 2 - 0.15 * delta, 1e-15, `${cost} w₁`);
    close(run.b[1], 2 - 0.15 * delta, 1e-15, `${cost} b₁`);
    close(run.output[1], 1 / (1 + Math.exp(-(4 - 0.3 * delta))), 1e-14, `${cost} a₁`);
  }
});

test("on the two-sample inverter, cost and gradients are means over the samples", () => {
  const run = lab.train({ cost: "cross-entropy", w: 2, b: 2, eta: 0.15, epochs: 1,
    x: [1, 0], y: [0, 1] });
  const a1 = 1 / (1 + Math.exp(-4)), a0 = 1 / (1 + Math.exp(-2));
  // δ = a − y per sample: ∂C/∂w = (δ₁·1 + δ₀·0)/2, ∂C/∂b = (δ₁ + δ₀)/2.
  close(run.dCdw[0], a1 / 2, 1e-14, "∂C/∂w");
  close(run.dCdb[0], (a1 + a0 - 1) / 2, 1e-14, "∂C/∂b");
  close(run.cost[0], (-Math.log(1 - a1) - Math.log(a0)) / 2, 1e-14, "C");
  assert.deepEqual(run.output[0].length, 2);
});

test("the book's widget steps by η / (1 − a), while the arrays keep the true gradient", () => {
  const a = 1 / (1 + Math.exp(-4));
  const run = lab.train({ cost: "cross-entropy", step: "book-widget", w: 2, b: 2,
    eta: 0.005, epochs: 1 });
  close(run.w[1], 2 - 0.005 / (1 - a), 1e-15, "w₁");
  close(run.dCdw[0], a, 1e-15, "∂C/∂w = a − y");
});

test("with x = 1, w and b receive identical updates", () => {
  for (const cost of lab.COSTS) {
    const run = lab.train({ cost, w: 0.6, b: 0.9, eta: 0.15, epochs: 300 });
    for (let k = 0; k <= 300; k++) close(run.w[k] - run.b[k], -0.3, 1e-12, `${cost} k = ${k}`);
  }
});

test("bad input is one line naming the parameter and the allowed range", () => {
  const good = { cost: "quadratic", w: 2, b: 2, eta: 0.15, epochs: 3 };
  const cases = [
    [{ eta: 0 }, "eta"], [{ eta: NaN }, "eta"], [{ epochs: 1.5 }, "epochs"],
    [{ epochs: lab.MAX_EPOCHS + 1 }, "epochs"], [{ y: 1.5 }, "y"], [{ w: Infinity }, "w"],
    [{ b: "1" }, "b"], [{ x: [] }, "x"], [{ cost: "cubic" }, "cost"],
    [{ step: "book-widget" }, "step"], [{ cost: "constructor" }, "cost"],
  ];
  for (const [change, parameter] of cases) {
    assert.throws(() => lab.train({ ...good, ...change }), (error) => {
      assert.equal(error.parameter, parameter);
      assert.ok(error.message.startsWith(`${parameter} must be `), error.message);
      assert.ok(!error.message.includes("\n"));
      return true;
    }, JSON.stringify(change));
  }
});
