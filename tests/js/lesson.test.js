import assert from "node:assert/strict";
import { test } from "node:test";

import { activationKnown, backPosition, deltaKnown, nextPosition, phases } from "../../static/js/lesson.js";

test("a 2-2-2 step has start, z/a per layer, cost, BP1, BP2, BP3, BP4, update", () => {
  assert.deepEqual(phases(3).map((p) => p.id),
    ["start", "z2", "a2", "z3", "a3", "cost", "d3", "d2", "bp3", "bp4", "update"]);
  assert.deepEqual(phases(3).map((p) => p.eq),
    ["start", "z", "a", "z", "a", "cost", "BP1", "BP2", "BP3", "BP4", "update"]);
});

test("BP2 goes back layer by layer, from L-1 down to 2", () => {
  const ids = phases(5).filter((p) => p.eq === "BP2").map((p) => p.layer);
  assert.deepEqual(ids, [4, 3, 2]);
});

test("next and back cross step boundaries", () => {
  assert.deepEqual(nextPosition({ step: 0, phase: 10 }, 11), { step: 1, phase: 0 });
  assert.deepEqual(backPosition({ step: 1, phase: 0 }, 11), { step: 0, phase: 10 });
  assert.equal(backPosition({ step: 0, phase: 0 }, 11), null);
});

test("what is known at a phase follows the passes", () => {
  const [, z2, a2] = phases(3);
  assert.equal(activationKnown(z2, 2), false);
  assert.equal(activationKnown(a2, 2), true);
  assert.equal(activationKnown(a2, 3), false);
  const bp1 = phases(3).find((p) => p.eq === "BP1");
  assert.equal(deltaKnown(bp1, 3), true);
  assert.equal(deltaKnown(bp1, 2), false);
});
