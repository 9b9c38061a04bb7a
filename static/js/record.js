// An API step response → one normalized StepRecord, keyed by the book's layer number l.
// Per-example arrays stay [example][neuron]; matrices stay [j][k] (W^l_jk).

import { UPDATE_RULES } from "./registry.js";

const byLayer = (layers, key) => Object.fromEntries(layers.map((layer) => [layer.l, layer[key]]));

/**
 * @param step   the body of POST /api/networks/{id}/step
 * @param index  which training step this is (0-based)
 * @param startSampler  the sampler position before the step ({epoch, cursor})
 */
export function stepRecord(step, index, startSampler) {
  const { forward: fw, backward: bw, update: up } = step;
  const L = fw.layers.length;
  return {
    index,
    L,
    version: fw.version,
    batch: fw.batch,
    a: byLayer(fw.layers, "a"),
    z: byLayer(fw.layers.filter((layer) => layer.l > 1), "z"),
    y: fw.targets,
    costs: fw.costs,
    cost: fw.cost,
    reg: fw.regularization,
    gradA: bw.grad_a,
    deltaRule: bw.delta_rule,
    sp: byLayer(bw.layers, "sigma_prime"),
    delta: byLayer(bw.layers, "delta"),
    nablaB: byLayer(bw.layers, "nabla_b"),
    Delta: byLayer(bw.layers, "Delta"),
    nablaW: byLayer(bw.layers, "nabla_w"),
    W: byLayer(up.layers, "W_old"),
    b: byLayer(up.layers, "b_old"),
    Wnew: byLayer(up.layers, "W_new"),
    bnew: byLayer(up.layers, "b_new"),
    appliedB: byLayer(up.layers, "nabla_b"),
    eta: up.eta,
    lam: up.lam,
    // The update rule in use and its numbers (null where a rule has none): see UpdateResult in the API.
    rule: up.rule ?? "sgd",
    opt: { l1: up.l1 ?? 0, mu: up.momentum, beta1: up.beta1, beta2: up.beta2, epsilon: up.epsilon, t: up.t },
    ruleW: ruleNumbers(up.layers, "W"),
    ruleB: ruleNumbers(up.layers, "b"),
    startSampler,
    nextSampler: { epoch: up.sampler.epoch, cursor: up.sampler.cursor },
    versionAfter: up.version,
  };
}

/** The numbers of the rule in use for every W^l (which = "W") or b^l ("b"), keyed by l; undefined where none
 *  (all of them for SGD; the b ones when the biases are frozen). Names as in UpdateLayer: velocity_W_old, m_hat_b …
 *  `memory` holds what the rule remembers after the step, by the names of its slots (velocity; m, v). */
function ruleNumbers(layers, which) {
  return Object.fromEntries(layers.map((layer) => {
    const of = (slot, old = false) => layer[`${slot}_${which}${old ? "_old" : ""}`] ?? undefined;
    const slots = Object.values(UPDATE_RULES).flatMap((rule) => rule.slots);
    return [layer.l, { vOld: of("velocity", true), v: of("velocity"), mOld: of("m", true), m: of("m"),
                       sOld: of("v", true), s: of("v"), mHat: of("m_hat"), sHat: of("v_hat"), step: of("step"),
                       memory: Object.fromEntries(slots.map((slot) => [slot, of(slot)])) }];
  }));
}

/** The parameters before this step, as the API's `parameters` list. */
export function startParameters(rec) {
  return Object.keys(rec.W).map((l) => ({ l: Number(l), W: rec.W[l], b: rec.b[l] }));
}

/** The parameters after this step's update. */
export function endParameters(rec) {
  return Object.keys(rec.Wnew).map((l) => ({ l: Number(l), W: rec.Wnew[l], b: rec.bnew[l] }));
}

/** The optimizer's memory after this step's update (null for plain gradient descent): what the
 *  server needs to continue exactly from here after a return to this point. */
export function endOptimizerState(rec) {
  const { slots } = UPDATE_RULES[rec.rule];
  if (!slots.length) return null;
  // Frozen biases are never updated, so their memory is still the fresh zeros (the API reports null).
  const zeros = (l) => rec.b[l].map(() => 0);
  const layers = Object.entries(rec.ruleW).map(([l, r]) => {
    const rb = rec.ruleB[l];
    return { l: Number(l), ...Object.fromEntries(slots.flatMap((slot) => [
      [`${slot}_W`, r.memory[slot]], [`${slot}_b`, rb.memory[slot] ?? zeros(l)]])) };
  });
  return { t: rec.opt.t, layers };
}
