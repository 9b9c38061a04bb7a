// What a student's device may hold of a StepRecord at a micro-step: every number the lesson has shown by then,
// and same-shaped zeros in place of the rest, so that the answer to "what comes next?" never reaches a student
// before the teacher's page shows it, and the renderer draws the redacted record as it is. Pure: no DOM, no fetch.
//
// Known at a phase (the same rules the diagram reads, lesson.js):
//   a^l, z^l           once the forward pass has computed them (activationKnown, weightedInputKnown)
//   σ′(z^l), δ^l       once the backward pass reaches layer l (deltaKnown) — σ′ is a factor of δ's equation
//   ∂C/∂w^l, Δ^l       with δ^l: the diagram colors an edge by its gradient as soon as δ of its layer is known
//   C, C_x, its penalty   from the cost phase on;  ∇ₐC (the output's)  with δ^L (BP1)
//   ∂C/∂b^l            from BP3 on;  the new W, b and the update rule's numbers  in the update phase
//   the inputs, targets, old W and b, η, λ and the batch: always

import { activationKnown, deltaKnown, weightedInputKnown } from "../lesson.js";

const COST_KNOWN = new Set(["cost", "backward", "gradient", "update"]);
const always = () => true;
const costKnown = (phase) => COST_KNOWN.has(phase.kind);
const gradientKnown = (phase) => phase.kind === "gradient" || phase.kind === "update";
const updateKnown = (phase) => phase.kind === "update";

/** Fields keyed by layer l: known(phase, l). */
export const LAYER_FIELDS = {
  a: activationKnown,
  z: weightedInputKnown,
  sp: deltaKnown,
  delta: deltaKnown,
  nablaW: deltaKnown,
  Delta: deltaKnown,
  nablaB: gradientKnown,
  appliedB: gradientKnown,
  W: always,
  b: always,
  Wnew: updateKnown,
  bnew: updateKnown,
  ruleW: updateKnown,
  ruleB: updateKnown,
};

/** Whole fields: known(phase, L). Fields in neither table (index, L, batch, y, eta, lam, rule, opt, …) are
 *  the lesson's setting, not its results: always kept. */
export const WHOLE_FIELDS = {
  cost: costKnown,
  costs: costKnown,
  reg: costKnown,
  gradA: (phase, L) => deltaKnown(phase, L),
};

/** The same shape with every number 0 (null, strings and booleans kept). */
export function zeros(value) {
  if (Array.isArray(value)) return value.map(zeros);
  if (typeof value === "number") return 0;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, zeros(v)]));
  }
  return value;
}

/**
 * redact(record, phase) → a record of the same shape holding only what is known at `phase` (an entry of
 * lesson.phases(L)); everything else is zeros. The input is not changed.
 */
export function redact(record, phase) {
  const out = { ...record };
  for (const [field, known] of Object.entries(LAYER_FIELDS)) {
    if (!record[field]) continue;
    out[field] = Object.fromEntries(Object.entries(record[field]).map(
      ([l, value]) => [l, known(phase, Number(l)) ? value : zeros(value)]));
  }
  for (const [field, known] of Object.entries(WHOLE_FIELDS)) {
    if (field in record && !known(phase, record.L)) out[field] = zeros(record[field]);
  }
  return out;
}
