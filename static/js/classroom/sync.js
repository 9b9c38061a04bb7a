// The teacher's position, sent to the class: one request at a time, the latest position wins (a key held down
// sends one position per round trip, never a queue of stale ones), at most one every `gap` ms. No DOM.

/**
 * createSender({ send, gap, retryIn, retryable, onSent, onError, clock, setTimer }) → { push(make), idle() }
 *   send(position) → Promise; make() builds the position when it is sent (so it is the latest).
 *   A failed send is tried again after retryIn ms if retryable(error) and nothing newer is waiting.
 */
export function createSender({ send, gap = 80, retryIn = 2000, retryable = () => true, onSent = () => {},
                               onError = () => {}, clock = () => Date.now(), setTimer = setTimeout }) {
  let waiting = null;   // the newest position not yet sent (a function that makes it)
  let busy = false, timer = false, last = -Infinity;
  let drained = Promise.resolve(), release = null;

  function settle() {
    if (!busy && !timer && !waiting && release) { release(); release = null; }
  }

  async function pump() {
    if (busy || timer || !waiting) return settle();
    const wait = last + gap - clock();
    if (wait > 0) {
      timer = true;
      setTimer(() => { timer = false; pump(); }, wait);
      return undefined;
    }
    const make = waiting;
    waiting = null;
    busy = true;
    last = clock();
    try {
      onSent(await send(make()));
    } catch (err) {
      onError(err);
      if (retryable(err) && !waiting) {
        busy = false;
        timer = true;
        setTimer(() => { timer = false; if (!waiting) waiting = make; pump(); }, retryIn);
        return undefined;
      }
    }
    busy = false;
    return pump();
  }

  return {
    push(make) {
      waiting = make;
      if (!release) drained = new Promise((resolve) => { release = resolve; });
      pump();
    },
    /** Resolves once everything pushed so far has been sent (or given up). */
    idle: () => drained,
  };
}
