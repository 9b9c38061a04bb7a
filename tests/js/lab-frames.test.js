// The lab's frame loop (one draw per animation frame, never a queue) and its kept history (bounded, evenly
// spread over the steps, the first and the newest entry kept).
import assert from "node:assert/strict";
import { test } from "node:test";

import { createFrameLoop } from "../../static/js/lab/frames.js";
import { MAX_KEPT, keepHistory } from "../../static/js/lab/history.js";

test("many requests between two frames give one draw, in the next frame", () => {
  const frames = [];
  globalThis.requestAnimationFrame = (fn) => frames.push(fn);
  let draws = 0;
  const loop = createFrameLoop(() => { draws += 1; });
  for (let i = 0; i < 5; i++) loop.request();
  assert.equal(frames.length, 1);
  assert.equal(draws, 0);
  frames.shift()();
  assert.equal(draws, 1);
  frames.shift()?.(); // nothing new asked for: no frame was even requested
  assert.equal(draws, 1);
  loop.request();
  frames.shift()();
  assert.equal(draws, 2);
});

test("a short run keeps every chunk's metrics", () => {
  const history = [];
  for (let s = 0; s <= 500; s += 25) keepHistory(history, { steps: s });
  assert.deepEqual(history.map((m) => m.steps), Array.from({ length: 21 }, (_, i) => 25 * i));
});

test("a long run stays under the cap, spread evenly, with the first and the newest entry", () => {
  const history = [];
  const chunks = 50_000;
  for (let i = 0; i <= chunks; i++) keepHistory(history, { steps: 10 * i });
  assert.ok(history.length <= MAX_KEPT, history.length);
  assert.ok(history.length >= MAX_KEPT / 4, history.length);
  assert.equal(history[0].steps, 0);
  assert.equal(history.at(-1).steps, 10 * chunks);
  const gaps = history.slice(1).map((m, i) => m.steps - history[i].steps);
  assert.ok(gaps.every((g) => g > 0));
  assert.ok(Math.max(...gaps.slice(0, -1)) <= 4 * Math.min(...gaps.slice(0, -1)), "roughly even");
});
