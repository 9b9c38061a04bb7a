// Runs inside the lesson page (bench/browser.py passes it to page.evaluate): press a key `count` times, `gap`
// ms apart (0: as fast as frames go, like a key held down), and time, with performance.now(), the re-render
// each press causes. Only phases whose data the session already holds are asked for (the caller walks
// through them once first), so no network fetch sits in a timing.
//
// Per press:
//   sync    — the lesson's render() alone: from the animation frame it runs in to the DOM updated. A rAF
//             callback queued before the key press runs just before render() in that frame (callbacks run
//             in the order they were queued), one queued after the store changed runs just after it.
//   frame   — the whole frame that shows the new phase: from its first animation-frame callback (render()
//             and any other, e.g. the timeline's scroll; requestAnimationFrame is wrapped below to see when
//             that is) to the end of the browser's style, layout and paint: a message posted from the last
//             rAF callback is delivered only after the frame's rendering work is done.
//   latency — from the key press to the same point: frame plus the wait for the next vsync (not work).
// sameFrame is false if the store changed only after the first rAF had already run (that timing is unusable).
async ({ key, count, gap, wrapRaf = true }) => {
  const { store } = window.backprop;
  const position = () => `${store.get().step}:${store.get().phaseIndex}`;
  const timings = [];
  // When each frame's first rAF callback ran (key: the frame's timestamp, shared by its callbacks). Not when
  // a performance trace is recorded (wrapRaf false): there every callback would show as this wrapper.
  const firstCallback = new Map();
  const raf = window.requestAnimationFrame;
  if (wrapRaf) {
    window.requestAnimationFrame = (callback) => raf.call(window, (ts) => {
      if (!firstCallback.has(ts)) firstCallback.set(ts, performance.now());
      callback(ts);
    });
  }
  for (let i = 0; i < count; i++) {
    if (gap) await new Promise((resolve) => setTimeout(resolve, gap));
    const before = position();
    const start = new Promise((resolve) => requestAnimationFrame((ts) => resolve({ ts, at: performance.now() })));
    const end = new Promise((resolve) => {
      const off = store.subscribe((state) => {
        if (!state.record || position() === before) return;
        off();
        // The lesson's own subscriber ran first and queued render() for this frame; this runs right after it.
        requestAnimationFrame((ts) => {
          const dom = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve({ ts, dom, painted: performance.now() });
          channel.port2.postMessage(null);
        });
      });
    });
    const pressed = performance.now();
    document.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
    const s = await start;
    const e = await end;
    timings.push({ sameFrame: s.ts === e.ts, sync: e.dom - s.at, frame: e.painted - (firstCallback.get(e.ts) ?? s.at),
                   latency: e.painted - pressed });
    firstCallback.clear();
  }
  window.requestAnimationFrame = raf;
  return timings;
}
