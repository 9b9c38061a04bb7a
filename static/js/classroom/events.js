// A class's event stream (Server-Sent Events): the full state first, then each event in order. Every event's id is
// the class's seq, one more each time: a gap means an event was missed, and the class is read again. EventSource
// reconnects by itself after a lost connection, and the server starts each connection with the state. When the
// browser gives up (a reconnection refused while the network is down, or a server restarting answers an error),
// a new EventSource is opened after `retryMs` — until close() (the class ended, or the token is no longer valid:
// the caller reads the class on "closed" to tell). A connection can also die without a word (Wi-Fi gone, a laptop
// asleep): the browser then waits on it for minutes. The server pings a quiet stream (a `ping` event, which says
// how often), so a stream silent for STALE_PINGS of them is replaced by a new one. No DOM.

/**
 * openEvents({ url, read, on, onStatus, EventSourceImpl, retryMs }) → { close() }
 *   read() → Promise<ClassView>: GET the class (after a gap).
 *   on: { state(view), position({seq, position}), students({count}), question(q), answers({question_id, count}),
 *         reveal(r), ended() }  (and `ping`, which only keeps the watchdog quiet)
 *   onStatus("live" | "reconnecting" | "closed"): "closed" when the browser gave up (an error status: the class
 *   ended, or the token is not valid); the caller reads the class to tell which.
 */
const STALE_PINGS = 2.5; // pings missed (two, and half a one for a slow network) before a stream counts as dead
const FIRST_PING = 15; // seconds: the server's default, until its first ping (right after the state) says

export function openEvents({ url, read, on, onStatus = () => {}, EventSourceImpl = globalThis.EventSource,
                             retryMs = 3000 }) {
  let source = null;
  let seq = null;
  let reading = null;
  let closed = false, retry = 0, watchdog = 0;
  let every = FIRST_PING;

  async function resync() {
    if (reading) return reading;
    reading = (async () => {
      try {
        const view = await read();
        seq = view.seq;
        on.state?.(view);
      } catch {
        /* the stream's next state (on reconnect) or event brings it */
      } finally {
        reading = null;
      }
    })();
    return reading;
  }

  function handle(name, message) {
    const id = Number(message.lastEventId);
    let data;
    try {
      data = JSON.parse(message.data);
    } catch {
      return;
    }
    if (name === "state") {
      seq = id;
      on.state?.(data);
      return;
    }
    if (seq !== null && id <= seq) return;         // already in a state read since
    if (seq === null || id > seq + 1) {            // missed one: read the whole class again
      resync();
      return;
    }
    seq = id;
    if (name === "ended") close();
    on[name]?.(data);
  }

  /** Something came on the stream: it is alive. The watchdog starts again. */
  function heard() {
    clearTimeout(watchdog);
    if (!closed) watchdog = setTimeout(silent, STALE_PINGS * every * 1000);
  }

  /** Nothing for STALE_PINGS pings: the connection is gone though the browser has not noticed. Start afresh. */
  function silent() {
    if (closed) return;
    source.close();
    onStatus("reconnecting");
    open();
  }

  function open() {
    const mine = (source = new EventSourceImpl(url));
    for (const name of ["state", "position", "students", "question", "answers", "reveal", "ended"]) {
      mine.addEventListener(name, (message) => {
        if (mine !== source) return; // a replaced stream's late event: the new one's state covers it
        heard();
        handle(name, message);
      });
    }
    mine.addEventListener("ping", (message) => {
      if (mine !== source) return;
      let said = 0;
      try {
        said = Number(JSON.parse(message.data).every);
      } catch { /* keep the interval we had */ }
      if (said > 0) every = said;
      heard();
    });
    mine.addEventListener("open", () => onStatus("live"));
    mine.addEventListener("error", () => {
      if (closed || mine !== source) return;
      const gaveUp = mine.readyState === 2;
      onStatus(gaveUp ? "closed" : "reconnecting");
      if (gaveUp && !closed) {
        clearTimeout(watchdog);
        retry = setTimeout(() => { if (!closed) open(); }, retryMs);
      }
    });
    heard(); // a connection that never answers counts as silent too
  }

  function close() {
    closed = true;
    clearTimeout(retry);
    clearTimeout(watchdog);
    source.close();
  }

  open();
  return { close, get seq() { return seq; } };
}
