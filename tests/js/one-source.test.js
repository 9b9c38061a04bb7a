// One source of truth (issue 13): what the pages know of activations, costs and update rules comes from
// static/js/registry.js. An activation added there — here a fake "softsign", injected into the registry object —
// is in the builder's menu, computed by the lab's grid, written by the lesson's equations and shown by the
// inspector, with no other edit; and no other file restates the registry's names, except chosen defaults.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { test } from "node:test";

import { explain, focusFor } from "../../static/js/explain.js";
import { inspectEdge, inspectNeuron } from "../../static/js/inspect.js";
import { computeGrid } from "../../static/js/lab/grid.js";
import { phases } from "../../static/js/lesson.js";
import { stepRecord } from "../../static/js/record.js";
import { ACTIVATIONS, COSTS, UPDATE_RULES, activationNumbers, activationSymbolic, elementwise }
  from "../../static/js/registry.js";
import { fitToData, menus } from "../../static/js/render/builder.js";
import { mazur } from "./fixtures.js";

ACTIVATIONS.softsign = elementwise({
  symbol: "\\mathrm{softsign}", words: "softsign",
  fn: (z) => z / (1 + Math.abs(z)),
  der: (z) => 1 / (1 + Math.abs(z)) ** 2,
  formula: (v) => `\\frac{${v.z}}{1 + |${v.z}|}`,
  primeWords: "softsign′(z) = 1/(1 + |z|)²",
});
UPDATE_RULES.nesterov = { ...UPDATE_RULES.momentum, menu: "Nesterov momentum" };

const NAMES = Object.keys(ACTIVATIONS);
const noGaps = (text, what) => assert.doesNotMatch(String(text), /undefined|NaN|\[object/, `${what}: ${text}`);

test("the builder's menus list every activation, cost and update rule of the registry, a new one too", () => {
  const m = menus();
  assert.deepEqual(Object.keys(m.activations), NAMES);
  // A hidden layer is offered every activation but the coupled ones (softmax: output layer only).
  assert.deepEqual(Object.keys(m.hiddenActivations), NAMES.filter((a) => !ACTIVATIONS[a].coupled));
  assert.ok(!("softmax" in m.hiddenActivations) && "softsign" in m.hiddenActivations);
  assert.ok(NAMES.includes("softsign"));
  assert.deepEqual(Object.keys(m.costs), Object.keys(COSTS));
  assert.deepEqual(Object.keys(m.optimizers), Object.keys(UPDATE_RULES));
  assert.equal(m.optimizers.nesterov, "Nesterov momentum");
  for (const text of [...Object.values(m.activations), ...Object.values(m.costs), ...Object.values(m.optimizers)]) {
    assert.ok(typeof text === "string" && text.length > 0, text);
  }
});

test("a data set's widths bring the output layer and cost that fit them, by the registry's pairing rules", () => {
  const spec = { sizes: [2, 3, 1], activations: ["softsign", "softsign"], cost: "quadratic" };
  fitToData(spec, { input_size: 2, output_size: 1 }); // softsign + quadratic fits one output: kept
  assert.deepEqual([spec.activations, spec.cost], [["softsign", "softsign"], "quadratic"]);
  fitToData(spec, { input_size: 2, output_size: 3 });
  const out = spec.activations[1];
  assert.equal(spec.sizes[2], 3);
  assert.ok(ACTIVATIONS[out].needsCost === spec.cost || COSTS[spec.cost].output === out, `${out} + ${spec.cost}`);
  fitToData(spec, { input_size: 2, output_size: 1 }); // too narrow for the multiclass output: the binary one
  assert.ok(spec.sizes[2] >= (ACTIVATIONS[spec.activations[1]].minWidth ?? 1), spec.activations[1]);
  assert.equal(COSTS[spec.cost].output ?? spec.activations[1], spec.activations[1]);
});

/** The forward pass of one point x, written out with the registry's own layer functions. */
function forward(spec, parameters, x) {
  const out = [x]; // out[i] = a^{i+1}
  parameters.forEach(({ W, b }, i) => {
    const z = W.map((row, j) => row.reduce((s, w, k) => s + w * out[i][k], 0) + b[j]);
    out.push(ACTIVATIONS[spec.activations[i]].layer(z));
  });
  return out;
}

test("the lab's grid computes with every registry activation, as the registry's own layer function does", () => {
  const data = { x_train: [[-1.5, -0.7], [1.2, 2]], x_test: [[0.3, -2.1]] };
  for (const name of NAMES) {
    const A = ACTIVATIONS[name];
    const width = Math.max(2, A.minWidth ?? 1);
    const spec = { sizes: [2, 3, width], activations: [A.coupled ? "tanh" : name, name] };
    const parameters = [
      { l: 2, W: [[0.9, -1.3], [2.1, 0.4], [-0.6, -1.8]], b: [0.2, -0.5, 1.1] },
      { l: 3, W: Array.from({ length: width }, (_, j) => [1.4 - j, -0.8 + 0.5 * j, 2.3 * (j % 2 ? -1 : 1)]),
        b: Array.from({ length: width }, (_, j) => 0.3 * j - 0.1) },
    ];
    const grid = computeGrid(spec, parameters, data, 6);
    for (let row = 0; row < 6; row++) {
      for (let col = 0; col < 6; col++) {
        const [, a2, a3] = forward(spec, parameters, [grid.xs[col], grid.ys[row]]);
        a2.forEach((v, j) => assert.ok(Math.abs(grid.hidden[0].a[j][row][col] - v) <= 1e-12, `${name} a²`));
        a3.forEach((v, j) => assert.ok(Math.abs(grid.output[j][row][col] - v) <= 1e-12, `${name} a³`));
      }
    }
  }
});

test("the lesson's formula helpers write every activation, with symbols and with numbers", () => {
  for (const name of NAMES) {
    const symbolic = activationSymbolic(name, 3, 1);
    const numbers = activationNumbers(name, [0.25, -1.5, 2], 1);
    noGaps(symbolic, name);
    noGaps(numbers, name);
    assert.match(symbolic, /z\^\{3\}_\{2\}/, `${name} names z of neuron 2 of layer 3`);
    assert.match(numbers, /-1\.5/, `${name} shows the neuron's z`);
  }
});

test("the lesson's equations and the inspector explain a network of every activation", () => {
  const rec = stepRecord(mazur.step, 0, { epoch: 0, cursor: 0 });
  for (const name of NAMES) {
    const A = ACTIVATIONS[name];
    const spec = { ...mazur.network.spec, activations: [A.coupled ? "sigmoid" : name, name],
                   cost: A.needsCost ?? mazur.network.spec.cost };
    const ctx = { rec, spec, labels: mazur.network.labels, ex: 0, m: 1 };
    for (const id of ["a2", "a3", "d2", "d3"]) {
      const phase = phases(3).find((p) => p.id === id);
      const row = explain(phase, focusFor(phase, null, 3), ctx);
      for (const key of ["symbolic", "substituted", "caption"]) noGaps(row[key], `${name} ${id} ${key}`);
      if (id === "a3") {
        assert.ok(row.symbolic.includes(A.symbol), `${name}: ${row.symbolic}`);
        assert.ok(row.caption.includes(A.words), `${name}: ${row.caption}`);
      }
      if (id === "d2" && !A.coupled) assert.ok(row.caption.includes(A.primeWords), `${name}: ${row.caption}`);
    }
    const neuron = inspectNeuron(ctx, 3, 0), edge = inspectEdge(ctx, 3, 0, 0);
    for (const r of [...neuron.rows, ...edge.rows]) noGaps(r.tex, `${name} ${r.key}`);
    noGaps(edge.chain.symbolic, name);
  }
});

// The names other files may say: chosen defaults only (a default spec, a task's output layer, a rule's fallback).
const DEFAULTS = {
  "static/js/registry.js": null, // the registry itself: any
  "static/js/render/builder.js": ["sigmoid", "sgd"], // a new hidden layer; a spec without a rule
  "static/js/lab/shape.js": ["tanh"], // the lab's first hidden layer, added to a network without one
  "static/js/lab/controls.js": ["momentum"], // not the rule: the spec's field of μ, which has the same name
  "static/js/lesson.js": ["sgd"], "static/js/session.js": ["sgd"], "static/js/record.js": ["sgd"], // ditto
};

test("no page file restates the registry's names, except chosen defaults", () => {
  const root = new URL("../../", import.meta.url);
  const files = ["static/js", "templates"].flatMap((dir) => readdirSync(new URL(dir, root), { recursive: true })
    .filter((f) => /\.(js|html)$/.test(f)).map((f) => `${dir}/${f}`));
  assert.ok(files.length > 20, files.length);
  const names = [...NAMES, ...Object.keys(COSTS), ...Object.keys(UPDATE_RULES)];
  for (const file of files) {
    const allowed = DEFAULTS[file] === null ? names : DEFAULTS[file] ?? [];
    const source = readFileSync(new URL(file, root), "utf8");
    const said = names.filter((n) => !allowed.includes(n) && new RegExp(`["'\`]${n}["'\`]`).test(source));
    assert.deepEqual(said, [], `${file} names ${said}: read them from static/js/registry.js`);
  }
});
