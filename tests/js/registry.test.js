// The lesson's registry against calculus: each σ′ and each ∂C/∂a equals central differences of its own σ and C,
// each cost's BP1 numbers give the δ that ∇_a C and the activation's Jacobian give, and each update rule's
// numbers row is the rule's own arithmetic. Every entry is checked, whatever its name: a new one is covered.
import assert from "node:assert/strict";
import { test } from "node:test";

import { outputOf } from "../../static/js/lab/spec.js";
import { ACTIVATIONS, COSTS, UPDATE_RULES, activationNumbers, activationSymbolic, costNumbers, outputFits }
  from "../../static/js/registry.js";

const H = 1e-6;
const POINTS = [-3.1, -1.2, -0.4, -0.05, 0.07, 0.5, 1.3, 2.8];
const close = (a, b, tol, what) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)),
                                            `${what}: ${a} vs ${b}`);

/** ∂a_i/∂z_j by central differences of the activation's own layer function. */
function jacobianFD(name, zs) {
  const A = ACTIVATIONS[name];
  return zs.map((_, i) => zs.map((__, j) => {
    const up = zs.slice(), down = zs.slice();
    up[j] += H; down[j] -= H;
    return (A.layer(up)[i] - A.layer(down)[i]) / (2 * H);
  }));
}

test("each σ′ equals central differences of its σ (a coupled one's: the Jacobian's diagonal)", () => {
  for (const [name, A] of Object.entries(ACTIVATIONS)) {
    const fd = jacobianFD(name, POINTS);
    const prime = A.prime(POINTS);
    POINTS.forEach((z, j) => {
      close(prime[j], fd[j][j], 1e-7, `${name}′(${z})`);
      if (!A.coupled) POINTS.forEach((_, i) => { if (i !== j) assert.equal(fd[i][j], 0, `${name} is element-wise`); });
    });
  }
});

test("each element-wise activation's scalar fn and der are its layer and prime, element by element", () => {
  for (const [name, A] of Object.entries(ACTIVATIONS)) {
    if (A.coupled) continue;
    assert.deepEqual(A.layer(POINTS), POINTS.map((z) => A.fn(z)), name);
    assert.deepEqual(A.prime(POINTS), POINTS.map((z) => A.der(z)), `${name}′`);
  }
});

test("each activation's in-place form over n neurons × m points is its layer at every point, bit for bit", () => {
  const n = 3, m = 4;
  const column = (p) => [0, 1, 2].map((j) => Math.sin(7 * j + p) * 4 - 0.5); // neuron j's z at point p
  for (const [name, A] of Object.entries(ACTIVATIONS)) {
    const z = new Float64Array(n * m);
    for (let p = 0; p < m; p++) column(p).forEach((v, j) => { z[j * m + p] = v; });
    A.apply(z, n, m);
    for (let p = 0; p < m; p++) {
      assert.deepEqual([0, 1, 2].map((j) => z[j * m + p]), A.layer(column(p)), `${name} at point ${p}`);
    }
  }
});

test("tanh is Math.tanh to 3e-15, from tiny z (its series) to saturation", () => {
  for (const z of [0, 1e-300, -1e-9, 0.004, -0.0099999, 0.01, 0.0100001, -0.3, 1, 2.5, -19, 40, -800]) {
    const want = Math.tanh(z), got = ACTIVATIONS.tanh.fn(z);
    assert.ok(Math.abs(got - want) <= 3e-15 * Math.abs(want), `tanh(${z}): ${got} vs ${want}`);
  }
});

test("the pairing rules hold together, and the lab's task defaults fit them", () => {
  for (const [name, C] of Object.entries(COSTS)) {
    if (C.output) assert.ok(outputFits(C.output, name, ACTIVATIONS[C.output].minWidth ?? 1), name);
  }
  for (const [name, A] of Object.entries(ACTIVATIONS)) {
    if (A.needsCost) assert.ok(outputFits(name, A.needsCost, A.minWidth ?? 1), name);
    if (A.minWidth > 1) assert.ok(!outputFits(name, A.needsCost ?? "quadratic", A.minWidth - 1), `${name} too narrow`);
  }
  for (const [task, width] of [["binary", 1], ["multiclass", 3], ["regression", 1]]) {
    const { activation, cost } = outputOf(task);
    assert.ok(outputFits(activation, cost, width), `${task}: ${activation} + ${cost}`);
  }
  assert.ok(!outputFits("tanh", "binary_cross_entropy", 1), "a cost paired with another output");
  assert.ok(!outputFits("nonesuch", "quadratic", 1), "an unknown activation");
});

test("softmax's Jacobian is a_i([i = j] − a_j), as the BP1 derivation says, and its prime is the diagonal", () => {
  const zs = [0.3, -1.1, 0.8];
  const a = ACTIVATIONS.softmax.layer(zs);
  const fd = jacobianFD("softmax", zs);
  zs.forEach((_, i) => zs.forEach((__, j) => close(fd[i][j], a[i] * ((i === j ? 1 : 0) - a[j]), 1e-7,
                                                  `J[${i}][${j}]`)));
  ACTIVATIONS.softmax.prime(zs).forEach((p, j) => close(p, fd[j][j], 1e-7, "diagonal"));
  close(a.reduce((s, x) => s + x, 0), 1, 1e-15, "Σ a");
});

/** Outputs and targets a cost accepts: its paired activation's outputs (else any numbers), and for a coupled
 *  output a probability distribution (else targets in [0, 1]). */
function costCase(C) {
  const zs = [0.85, -1.4, 2.2];
  const A = C.output ? ACTIVATIONS[C.output] : null;
  return [A ? A.layer(zs) : zs, A?.coupled ? [0, 1, 0] : [1, 0, 0.3]];
}

test("each ∂C/∂a equals central differences of its C", () => {
  for (const [name, C] of Object.entries(COSTS)) {
    const [as, ys] = costCase(C);
    const grad = C.gradA(as, ys);
    as.forEach((_, j) => {
      const up = as.slice(), down = as.slice();
      up[j] += H; down[j] -= H;
      close(grad[j], (C.C(up, ys) - C.C(down, ys)) / (2 * H), 1e-6, `${name} ∂C/∂a_${j}`);
    });
  }
});

test("BP1 as each cost teaches it is the chain rule through the full Jacobian of its output activation", () => {
  const zs = [0.4, -0.9, 1.2];
  for (const [name, C] of Object.entries(COSTS)) {
    const outputs = C.output ? [C.output] : Object.keys(ACTIVATIONS).filter((a) => !ACTIVATIONS[a].coupled);
    for (const out of outputs) {
      const as = ACTIVATIONS[out].layer(zs);
      const ys = ACTIVATIONS[out].coupled ? [0, 1, 0] : [1, 0, 0.5]; // a coupled output: a distribution
      const J = jacobianFD(out, zs), g = C.gradA(as, ys), sp = ACTIVATIONS[out].prime(zs);
      zs.forEach((_, j) => {
        const delta = g.reduce((s, gi, i) => s + gi * J[i][j], 0); // δ_j = Σ_i ∂C/∂a_i ∂a_i/∂z_j
        // The numbers row, evaluated: the only operators in it are − and ×.
        const row = C.bp1.numbers({ a: as[j], y: ys[j], sp: sp[j] });
        const shown = C.bp1.generic ? (as[j] - ys[j]) * sp[j] : as[j] - ys[j];
        close(shown, delta, 1e-6, `${name} with ${out}, δ_${j}`);
        assert.doesNotMatch(row.replaceAll("\\times", ""), /[a-z\\]/i, `${name}: numbers only in ${row}`);
      });
    }
  }
});

test("the activation and cost rows are written with every number, softmax's denominator included", () => {
  assert.equal(activationNumbers("softmax", [0.541, 0.2, -0.1], 0),
               "\\frac{e^{0.541}}{e^{0.541} + e^{0.2} + e^{-0.1}}");
  assert.equal(activationNumbers("sigmoid", [-0.5], 0), "\\frac{1}{1 + e^{-(-0.5)}}");
  assert.equal(activationNumbers("leaky_relu", [-0.5], 0), "\\max(0.01 \\cdot (-0.5), -0.5)");
  // ELU is written by cases: with a number, the case it falls in.
  assert.equal(activationNumbers("elu", [-0.5], 0), "e^{-0.5} - 1");
  assert.equal(activationNumbers("elu", [0.5], 0), "0.5");
  assert.match(activationSymbolic("elu", 2, 0), /\\begin\{cases\}/);
  // GELU's √(2/π) is a number in the numbers row (no π left for the reader to evaluate).
  assert.equal(activationNumbers("gelu", [-0.5], 0), "\\tfrac12 \\cdot (-0.5) \\cdot \\big(1 + \\tanh\\big(0.7979 " +
    "\\cdot (-0.5 + 0.044715 \\cdot {(-0.5)}^{3})\\big)\\big)");
  assert.equal(costNumbers("quadratic", [0.75, 0.77], [0.01, 0.99]),
               "\\tfrac12 \\big[(0.01 - 0.75)^{2} + (0.99 - 0.77)^{2}\\big]");
});

test("each update rule's numbers row is its own arithmetic", () => {
  const h = { eta: 0.1, momentum: 0.9, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };
  const state = { velocity: 0.02, m: 0.01, v: 0.0004 };
  for (const [name, rule] of Object.entries(UPDATE_RULES)) {
    const out = rule.apply(0.4, 0.25, state, h, 3);
    const n = { theta: 0.4, g: 0.25, eta: h.eta, mu: h.momentum, vOld: state.velocity, mHat: out.mHat,
                vHat: out.vHat, epsilon: h.epsilon };
    // Evaluate the TeX row with JS operators: enough for the forms the rules use.
    const js = rule.numbers(n).replaceAll("\\times", "*").replace(/(\d(?:\.\d+)?) \* 10\^\{(-?\d+)\}/g, "$1e$2")
      .replace(/\\big\(|\\big\)/g, (p) => p.at(-1))
      .replace(/\\frac\{([^}]*)\}\{\\sqrt\{([^}]*)\} \+ ([^}]*)\}/, "($1)/(Math.sqrt($2)+$3)");
    close(Function(`return ${js}`)(), out.theta, 1e-4, `${name}: ${rule.numbers(n)}`);
  }
});

test("each cost's general form puts the whole term under its sum and its sign", async () => {
  const { costSymbolic } = await import("../../static/js/registry.js");
  assert.equal(costSymbolic("binary_cross_entropy", "L"),
    "-\\sum_j \\big[y_j\\,\\ln(a^{L}_j) + (1 - y_j)\\,\\ln(1 - a^{L}_j)\\big]");
  assert.equal(costSymbolic("quadratic", 3), "\\tfrac12 \\sum_j (y_j - a^{3}_j)^{2}");
  assert.equal(costSymbolic("softmax_cross_entropy", 3), "-\\sum_j y_j\\,\\ln(a^{3}_j)");
});
