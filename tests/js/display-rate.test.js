// The training stream is paced to the display the lab is on: a little under its frame, within 5 … 14 ms.
import assert from "node:assert/strict";
import { test } from "node:test";

import { frameMsFor, measureFrameMs } from "../../static/js/lab/display-rate.js";

test("a 60 Hz screen keeps 14 ms; 120 and 144 Hz ask for a state a frame; a very fast one stops at 5 ms", () => {
  const every = (ms) => Array.from({ length: 24 }, (_, i) => ms + (i % 3 === 0 ? 0.4 : -0.2));  // with jitter
  assert.equal(frameMsFor(every(16.7)), 14);
  assert.equal(frameMsFor(every(8.33)), 6.9);
  assert.equal(frameMsFor(every(6.94)), 5.7);
  assert.equal(frameMsFor(every(2)), 5);
  assert.equal(frameMsFor(every(33.3)), 14);           // 30 Hz or a busy page: no slower than before
  assert.equal(frameMsFor([8.3, 8.3, 50, 8.3, 8.3]), 7.1);  // one late frame does not move the median
  assert.equal(frameMsFor([]), 14);
});

test("it is measured on animation frames, and a page that gets none does not wait for them", async () => {
  let t = 0;
  const raf = (fn) => setImmediate(() => fn((t += 8.33)));
  assert.equal(await measureFrameMs(raf), 7.1);
  assert.equal(await measureFrameMs(() => {}, 20), 14);
});
