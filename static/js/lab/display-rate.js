// How often to ask the training stream for a state: once per frame of the display the page is on. A 60 Hz
// screen draws every 16.7 ms, a 120 or 144 Hz one every 8.3 or 6.9 ms: a stream paced to 60 Hz would leave such a
// screen showing each state twice. The page measures its display once (the time between animation frames) and asks
// for a little under that, so that every frame finds a new state despite jitter. It measures a page that changes
// every frame, as the training page does: a browser may draw an unchanging page less often than it could draw a
// changing one (Chromium with no frame-rate limit runs requestAnimationFrame at 60 for an idle page and as fast as
// it can for a busy one), so a dot of the page is repainted each frame while it measures.
// measureFrameMs() → Promise<number>;  frameMsFor(intervals) is the pure rule.

const SHARE = 0.85;      // a little under a frame: every frame finds a new state
const LONGEST = 14;      // 60 Hz (and slower, or a busy page): as before, about 71 states a second at most
const SHORTEST = 5;      // 200 states a second: beyond, each state costs more than the screen can show of it
const SAMPLES = 24;

/** The stream's frame_ms for measured frame intervals (ms): SHARE of their median, within [SHORTEST, LONGEST]. */
export function frameMsFor(intervals) {
  const sorted = intervals.filter((dt) => dt > 0 && Number.isFinite(dt)).sort((a, b) => a - b);
  if (!sorted.length) return LONGEST;
  const median = sorted[Math.floor(sorted.length / 2)];
  return Math.min(LONGEST, Math.max(SHORTEST, Math.round(SHARE * median * 10) / 10));
}

/** The display's frame interval, measured over SAMPLES animation frames, as the stream's frame_ms (LONGEST when
 *  no frames come within a second: a page in a hidden tab gets none, and must not wait for them to train). */
export function measureFrameMs(raf = globalThis.requestAnimationFrame, wait = 1000, doc = globalThis.document) {
  const dot = doc?.body ? doc.body.appendChild(doc.createElement("div")) : null;
  if (dot) {
    dot.setAttribute("aria-hidden", "true");
    dot.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.01;pointer-events:none";
  }
  return new Promise((done) => {
    const resolve = (ms) => { dot?.remove(); done(ms); };
    setTimeout(() => resolve(LONGEST), wait);
    const times = [];
    const tick = (t) => {
      times.push(t);
      if (dot) dot.style.backgroundColor = times.length % 2 ? "#000" : "#fff"; // a change to draw: a new frame
      if (times.length <= SAMPLES) raf(tick);
      else resolve(frameMsFor(times.slice(1).map((t2, i) => t2 - times[i])));
    };
    raf(tick);
  });
}
