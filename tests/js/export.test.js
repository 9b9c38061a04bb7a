import assert from "node:assert/strict";
import { test } from "node:test";

import { traceCsv, traceRows } from "../../static/js/export.js";
import { stepRecord } from "../../static/js/record.js";
import { mazur } from "./fixtures.js";

const rec = stepRecord(mazur.step, 0, { epoch: 0, cursor: 0 });

test("the trace CSV has one row per number, with the published δ_o1 and ∂C/∂w5", () => {
  const csv = traceCsv(rec).trim().split("\n");
  assert.equal(csv[0], "quantity,layer,example,j,k,value");
  assert.ok(csv.some((r) => r.startsWith("delta,3,0,1,,0.13849856")));
  assert.ok(csv.some((r) => r.startsWith("nabla_w,3,,1,1,0.08216704")));
  // z and a (2 layers of 2, plus a¹), σ', δ, y: 2+6+4+4+2 per-example numbers; W, ∇W, Δ, W_new: 4×8; b, ∇b, b_new: 3×4; cost
  assert.equal(traceRows(rec).length, 4 + 6 + 4 + 4 + 2 + 32 + 12 + 1);
});
