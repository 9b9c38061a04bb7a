// The chart's name placement (render/chart.js): names at their lines' ends, never closer than a line apart; and
// its ranges, on a log axis too.
import { test } from "node:test";
import assert from "node:assert/strict";

import { ranges, spread } from "../../static/js/render/chart.js";

test("names far apart stay where their lines end", () => {
  assert.deepEqual(spread([10, 50, 90], 12, 0, 100), [10, 50, 90]);
});

test("names that would overlap are pushed apart, in their order, within the plot", () => {
  const ys = spread([50, 49, 51, 50.5], 12, 0, 100);
  const sorted = [...ys].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i] - sorted[i - 1] >= 12 - 1e-9, `${sorted}`);
  assert.ok(ys[1] < ys[0] && ys[0] < ys[3] && ys[3] < ys[2], `${ys}`);   // order kept: 49, 50, 50.5, 51
  assert.ok(Math.min(...ys) >= 0 && Math.max(...ys) <= 100);
});

test("names crowding the bottom are lifted back inside", () => {
  const ys = spread([100, 100, 100], 10, 0, 100);
  assert.deepEqual(ys.sort((a, b) => a - b), [80, 90, 100]);
});

test("a log axis leaves out zeros (no point at 10^-300), and has no range when every value is 0", () => {
  const log = (y) => (y > 0 ? Math.log10(y) : NaN);
  const r = ranges([{ xs: [0, 1, 2], ys: [0, 0.01, 1] }], log);
  assert.deepEqual([r.y0, r.y1], [-2, 0]);
  assert.equal(ranges([{ xs: [0, 1], ys: [0, 0] }], log), null);
  assert.deepEqual(ranges([{ xs: [0, 1], ys: [0, null] }], (y) => y), { x0: 0, x1: 1, y0: -0.5, y1: 0.5 });
});
