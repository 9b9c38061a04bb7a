// An API step response → one normalized StepRecord, keyed by the book's layer number l.
// Per-example arrays stay [example][neuron]; matrices stay [j][k] (W^l_jk).

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
    startSampler,
    nextSampler: { epoch: up.sampler.epoch, cursor: up.sampler.cursor },
    versionAfter: up.version,
  };
}

/** The parameters before this step, as the API's `parameters` list. */
export function startParameters(rec) {
  return Object.keys(rec.W).map((l) => ({ l: Number(l), W: rec.W[l], b: rec.b[l] }));
}

/** The parameters after this step's update. */
export function endParameters(rec) {
  return Object.keys(rec.Wnew).map((l) => ({ l: Number(l), W: rec.Wnew[l], b: rec.bnew[l] }));
}
