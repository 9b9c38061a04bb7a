// The equation panel's numbers for the classic 2-2-2 example equal the published ones.
import assert from "node:assert/strict";
import { test } from "node:test";

import { explain, focusFor } from "../../static/js/explain.js";
import { inspectEdge } from "../../static/js/inspect.js";
import { phases } from "../../static/js/lesson.js";
import { stepRecord } from "../../static/js/record.js";
import { diagramView } from "../../static/js/view.js";
import { mazur } from "./fixtures.js";

const rec = stepRecord(mazur.step, 0, { epoch: 0, cursor: 0 });
const ctx = { rec, spec: mazur.network.spec, labels: mazur.network.labels, ex: 0, m: 1 };
const phase = (id) => phases(3).find((p) => p.id === id);
const at = (id, sel = null) => explain(phase(id), focusFor(phase(id), sel, 3), ctx);

test("z of h1 is 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775", () => {
  const e = at("z2");
  assert.equal(e.element, "h1");
  assert.match(e.substituted, /0\.15 \\cdot 0\.05 \+ 0\.2 \\cdot 0\.1 \+ 0\.35/);
  assert.equal(e.result, "0.3775");
});

test("BP1 for o1: (0.7514 − 0.01) × 0.1868 = 0.1385", () => {
  const e = at("d3");
  assert.equal(e.element, "o1");
  assert.equal(e.substituted, "(0.7514 - 0.01) \\times 0.1868");
  assert.equal(e.result, "0.1385");
});

test("BP4 for w5 is out_h1 × δ_o1 = 0.08217", () => {
  const e = at("bp4");
  assert.equal(e.element, "w5");
  assert.equal(e.result, "0.08217");
});

test("the update of w5 gives the published 0.35891648", () => {
  const e = at("update");
  assert.equal(e.result, "0.35891648");
  const w1 = at("update", { kind: "edge", l: 2, j: 0, k: 0 });
  assert.equal(w1.element, "w1");
  assert.equal(w1.result, "0.149780716");
});

test("a selected hidden neuron is explained by BP2 with its numbers", () => {
  const e = at("d2", { kind: "neuron", l: 2, j: 1 });
  assert.equal(e.element, "h2");
  assert.match(e.substituted, /0\.45 \\cdot 0\.1385/);
});

test("the chain rule of w5 multiplies out to ∂C/∂w5", () => {
  const info = inspectEdge(ctx, 3, 0, 0);
  const v = Object.fromEntries(info.rows.map((r) => [r.key, r.value]));
  assert.ok(Math.abs(v.dzdw * v.dadz * v.dCda - v.grad) < 1e-15);
  assert.ok(Math.abs(v.grad - 0.082167041) < 5e-10);
});

test("the diagram colors neurons by a going forward and by δ going back", () => {
  const fwd = diagramView(rec, phase("a2"), { neuronQty: "auto", edgeQty: "auto", example: 0 });
  assert.equal(fwd.neuronQuantity, "a");
  assert.equal(fwd.neurons[3][0], null); // the output is not computed yet
  assert.ok(Math.abs(fwd.neurons[2][0] - 0.593269992) < 1e-9);
  const back = diagramView(rec, phase("d3"), { neuronQty: "auto", edgeQty: "auto", example: 0 });
  assert.equal(back.neuronQuantity, "delta");
  assert.equal(back.neurons[2][0], null);
  assert.equal(back.direction, "backward");
  const upd = diagramView(rec, phase("update"), { neuronQty: "auto", edgeQty: "w", example: 0 });
  assert.equal(upd.edgeQuantity, "w_new");
  assert.ok(Math.abs(upd.edges[3][0][0] - 0.35891648) < 1e-8);
});

test("a shared bias shows one gradient, the sum that moves it, on the diagram and in BP3", () => {
  const bp3 = phase("bp3");
  const view = diagramView(rec, bp3, { neuronQty: "auto", edgeQty: "auto", example: 0, network: mazur.network });
  const total = rec.nablaB[3][0] + rec.nablaB[3][1];
  assert.deepEqual(view.biases[3].values, [total, total]);
  const e = explain(bp3, focusFor(bp3, null, 3), ctx);
  assert.equal(e.element, "b2");
  assert.match(e.symbolic, /\\sum_j/);
  assert.equal(Number(e.result), Number(total.toPrecision(4)));
});

test("an input made of features says which feature it is, in the panel and the inspector", async () => {
  const { inspectNeuron } = await import("../../static/js/inspect.js");
  const { generalEquation } = await import("../../static/js/explain.js");
  const featured = { ...ctx, spec: { ...ctx.spec, features: ["x1_squared", "sin_pi_x2"] }, labels: {} };
  const e = explain(phase("start"), { kind: "neuron", l: 1, j: 1 }, featured);
  assert.equal(e.symbolic, "a^{1}_{2} = \\sin \\pi x_2");
  assert.match(e.caption, /the feature sin πx₂ of the example's own inputs/);
  assert.equal(generalEquation(phase("start"), featured), "a^{1}_j = f_j(x)");
  assert.equal(inspectNeuron(featured, 1, 0).rows[0].tex, "x_1^2 = a^{1}_{1}");
  // Without features: the input is x itself.
  assert.equal(at("start", { kind: "neuron", l: 1, j: 1 }).symbolic, "a^{1}_{2} = x_{2}");
  assert.equal(inspectNeuron(ctx, 1, 0).rows[0].tex, "x_{1} = a^{1}_{1}");
});
