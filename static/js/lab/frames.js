// Redraw on the display's rhythm: ask as often as you like, draw() runs at most once per animation frame,
// and only when asked since the last one. What arrives between two frames is not queued: the frame draws
// whatever is newest then.
// createFrameLoop(draw) → { request() }

export function createFrameLoop(draw) {
  let asked = false;

  function frame() {
    asked = false;
    draw();
  }

  return {
    /** Something new to show: draw it in the next frame (once, however often this is called before). */
    request() {
      if (asked) return;
      asked = true;
      requestAnimationFrame(frame);
    },
  };
}
