// The update phase explains the rule actually in use, with its own numbers.
import assert from "node:assert/strict";
import { test } from "node:test";

import { explain, generalEquation } from "../../static/js/explain.js";
import { phases } from "../../static/js/lesson.js";
import { stepRecord } from "../../static/js/record.js";
import { adam } from "./fixtures.js";

const rec = stepRecord(adam.step, 1, { epoch: 1, cursor: 0 });
const ctx = { rec, spec: adam.network.spec, labels: adam.network.labels, ex: 0, m: 4 };
const update = phases(3).find((p) => p.eq === "update");
const bp4 = phases(3).find((p) => p.eq === "BP4");

test("the update phase shows Adam's rule and its m̂, v̂ for the selected weight", () => {
  assert.equal(rec.rule, "adam");
  assert.match(generalEquation(update, ctx), /\\beta_1/);
  const e = explain(update, { kind: "edge", l: 3, j: 0, k: 1 }, ctx);
  assert.match(e.symbolic, /\\hat m/);
  const u = adam.step.update.layers[1];
  assert.equal(Number(e.result), Number(u.W_new[0][1].toPrecision(9)));
  assert.match(e.caption, /t = 2/);
});

test("BP4 writes out the L2 and L1 terms inside the gradient", () => {
  const e = explain(bp4, { kind: "edge", l: 2, j: 0, k: 0 }, ctx);
  assert.match(e.symbolic, /\\lambda_1/);
  assert.match(e.symbolic, /\\frac\{\\lambda\}\{m\}/);
  assert.match(e.substituted, /\\frac\{0\.01\}\{4\}/);
});
