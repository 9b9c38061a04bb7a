// What a screen reader hears of each edge: "Weight w5 from h1 to o1: ∂C/∂w = 0.08217". A small network's labels are
// written with every paint; a big one's (hundreds of edges) follow in idle time, in slices, so that a phase change
// paints within a frame — and an edge that gets focus is brought up to date at once.

import { fmt } from "../format.js";
import { put } from "./diagram-skeleton.js";

export const EDGE_SYMBOL = { w: "w", w_new: "new w", grad: "∂C/∂w" };

/** The symbol a view's edge quantity is read as. */
export const edgeSymbol = (view) => EDGE_SYMBOL[view.edgeQuantity] ?? view.edgeQuantity;

const valueOf = (view, e) => view.edges?.[e.l]?.[e.j]?.[e.k] ?? null;

/** An edge's words for a screen reader, with its current number. */
export function edgeAria(e, v, sym) {
  const known = v !== null && Number.isFinite(v);
  put(e.line, e.cache, "aria-label", `Weight ${e.name ?? e.defaultName} from ${e.src.name} to ${e.dst.name}: `
    + (known ? `${sym} = ${fmt(v)}` : `${sym} not computed yet`));
}

/**
 * createIdleAria(current) → { schedule(), refresh(e) }: current() gives { net, view } as drawn now (or null).
 * schedule() writes every edge's label in idle time; refresh(e) writes one at once.
 */
export function createIdleAria(current) {
  let job = 0, cursor = 0;
  const idle = (fn) => (typeof requestIdleCallback === "function" ? requestIdleCallback(fn, { timeout: 300 })
    : setTimeout(() => fn({ timeRemaining: () => 8 }), 16));

  function flush(deadline) {
    job = 0;
    const now = current();
    if (!now) return;
    const { net, view } = now;
    const sym = edgeSymbol(view);
    while (cursor < net.edges.length) {
      const e = net.edges[cursor++];
      edgeAria(e, valueOf(view, e), sym);
      if ((cursor & 127) === 0 && deadline.timeRemaining() < 2) { job = idle(flush); return; }
    }
  }

  return {
    schedule() {
      cursor = 0;
      if (!job) job = idle(flush);
    },
    refresh(e) {
      const now = current();
      if (e && now) edgeAria(e, valueOf(now.view, e), edgeSymbol(now.view));
    },
  };
}
