// The micro-steps ("phases") of one training step, in teaching order.
// Pure: no DOM, no fetch. Layers use the book's numbering (input = layer 1).

import { UPDATE_RULES } from "./registry.js";

const SUP = { 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
export const sup = (n) => String(n).split("").map((d) => SUP[d]).join("");

/**
 * phases(L, rule) → [{ id, eq, layer, kind, direction, label, title }]  (rule: the update rule, titling the update)
 *   eq: which equation the phase shows: start | z | a | cost | BP1 | BP2 | BP3 | BP4 | update
 *   kind: start | forward | cost | backward | gradient | update
 */
export function phases(L, rule = "sgd") {
  const list = [{ id: "start", eq: "start", layer: 1, kind: "start", direction: null,
                  label: "x", title: "The input" }];
  for (let l = 2; l <= L; l++) {
    list.push({ id: `z${l}`, eq: "z", layer: l, kind: "forward", direction: "forward",
                label: `z${sup(l)}`, title: `Weighted input of layer ${l}` });
    list.push({ id: `a${l}`, eq: "a", layer: l, kind: "forward", direction: "forward",
                label: `a${sup(l)}`, title: `Activation of layer ${l}` });
  }
  list.push({ id: "cost", eq: "cost", layer: L, kind: "cost", direction: null, label: "C", title: "The cost" });
  list.push({ id: `d${L}`, eq: "BP1", layer: L, kind: "backward", direction: "backward",
              label: `δ${sup(L)}`, title: "BP1: the error at the output" });
  for (let l = L - 1; l >= 2; l--) {
    list.push({ id: `d${l}`, eq: "BP2", layer: l, kind: "backward", direction: "backward",
                label: `δ${sup(l)}`, title: `BP2: the error flows back to layer ${l}` });
  }
  list.push({ id: "bp3", eq: "BP3", layer: null, kind: "gradient", direction: null,
              label: "∂C/∂b", title: "BP3: the gradient of each bias" });
  list.push({ id: "bp4", eq: "BP4", layer: null, kind: "gradient", direction: null,
              label: "∂C/∂w", title: "BP4: the gradient of each weight" });
  list.push({ id: "update", eq: "update", layer: null, kind: "update", direction: null,
              label: "update", title: UPDATE_RULES[rule].title });
  return list;
}

/** Position after `next`: the following phase, or the first phase of the next step. */
export function nextPosition({ step, phase }, count) {
  return phase + 1 < count ? { step, phase: phase + 1 } : { step: step + 1, phase: 0 };
}

/** Position after `back`: the previous phase, across step boundaries; null at the very start. */
export function backPosition({ step, phase }, count) {
  if (phase > 0) return { step, phase: phase - 1 };
  return step > 0 ? { step: step - 1, phase: count - 1 } : null;
}

/** Has the forward pass reached layer l at this phase? (a^l known) */
export function activationKnown(phase, l) {
  if (l === 1) return true;
  if (phase.kind === "start") return false;
  if (phase.kind === "forward") return l < phase.layer || (l === phase.layer && phase.eq === "a");
  return true;
}

/** Is z^l known at this phase? */
export function weightedInputKnown(phase, l) {
  if (l === 1 || phase.kind === "start") return false;
  if (phase.kind === "forward") return l <= phase.layer;
  return true;
}

/** Has the backward pass reached layer l (δ^l known)? */
export function deltaKnown(phase, l) {
  if (l === 1) return false;
  if (phase.kind === "backward") return l >= phase.layer;
  return phase.kind === "gradient" || phase.kind === "update";
}
