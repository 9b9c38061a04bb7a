// What the diagram shows at a phase: the quantity on each neuron and edge, and what is active.
// Pure: (record, phase, options) → a plain object the renderer draws.

import { activationKnown, deltaKnown, weightedInputKnown } from "./lesson.js";
import { niceMax } from "./color.js";

export const NEURON_QUANTITIES = { a: "a (activation)", z: "z (weighted input)", delta: "δ (error)" };
export const EDGE_QUANTITIES = { w: "w (weight)", grad: "∂C/∂w (gradient)" };

/** Which quantity neurons and edges show in "auto" mode for this phase. */
export function autoQuantities(phase) {
  const backward = ["backward", "gradient", "update"].includes(phase.kind);
  // The update phase shows where the weights went (w_new); the backward phases their gradients.
  return { neuron: backward ? "delta" : "a", edge: phase.kind === "update" ? "w" : backward ? "grad" : "w" };
}

function absMax(values) {
  let m = 0;
  for (const v of values.flat(3)) if (v !== null && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

/**
 * @param rec    a StepRecord (record.js)
 * @param phase  an entry of lesson.phases(L)
 * @param opts   { neuronQty: "auto"|"a"|"z"|"delta", edgeQty: "auto"|"w"|"grad", example: index in the batch,
 *                 network: the NetworkDocument (its spec says whether the bias is shared) }
 * @returns {
 *   neuronQuantity, edgeQuantity,          // "a"|"z"|"delta" and "w"|"w_new"|"grad"
 *   neurons: {l: [number|null]},           // null: not known yet at this phase
 *   edges: {l: [[number|null]]},           // edges into layer l, [j][k]
 *   biases: {l: {label, values: [number]}},// what is written beside each neuron
 *   activeLayers: [l], activeEdges: [l],   // highlighted (the rest dimmed)
 *   direction: "forward"|"backward"|null,  // flow animation along the active edges
 *   neuronMax, edgeMax,                    // color scale clip (stable within a step)
 *   note,                                  // extra legend words when quantities mix, or null
 *   layerQuantity: {l: "x"|"a"|"z"|"delta"}, layerMax: {l: max} // per-layer quantity, and scales that differ
 * }
 */
export function diagramView(rec, phase, opts) {
  const auto = autoQuantities(phase);
  const neuronQuantity = opts.neuronQty === "auto" ? auto.neuron : opts.neuronQty;
  const edgeChoice = opts.edgeQty === "auto" ? auto.edge : opts.edgeQty;
  const edgeQuantity = edgeChoice === "w" && phase.kind === "update" ? "w_new" : edgeChoice;
  const ex = Math.min(opts.example ?? 0, rec.batch.examples_shown - 1);
  const L = rec.L;

  const neurons = {};
  for (let l = 1; l <= L; l++) {
    const n = rec.a[l][0].length;
    let values = new Array(n).fill(null);
    if (neuronQuantity === "a" || l === 1) {
      if (activationKnown(phase, l)) values = rec.a[l][ex];
      // In a z-phase the layer being computed shows z even in "a" mode: that is what was just computed.
      if (opts.neuronQty === "auto" && phase.eq === "z" && phase.layer === l) values = rec.z[l][ex];
    } else if (neuronQuantity === "z") {
      if (weightedInputKnown(phase, l)) values = rec.z[l][ex];
    } else if (neuronQuantity === "delta") {
      if (deltaKnown(phase, l)) values = rec.delta[l][ex];
    }
    neurons[l] = values;
  }

  const edges = {};
  for (let l = 2; l <= L; l++) {
    if (edgeQuantity === "w") edges[l] = rec.W[l];
    else if (edgeQuantity === "w_new") edges[l] = rec.Wnew[l];
    else edges[l] = deltaKnown(phase, l) ? rec.nablaW[l] : rec.W[l].map((row) => row.map(() => null));
  }

  const biases = {};
  // A bias shared by its layer has one gradient, the sum of its neurons' (what moves it): each neuron shows that.
  const sum = (v) => v.reduce((s, x) => s + x, 0);
  const biasGradient = (l) => (opts.network?.spec?.shared_bias ? rec.nablaB[l].map(() => sum(rec.nablaB[l])) : rec.nablaB[l]);
  for (let l = 2; l <= L; l++) {
    if (phase.eq === "BP3" || phase.eq === "BP4") biases[l] = { label: "∂C/∂b", values: biasGradient(l) };
    else if (phase.eq === "update") biases[l] = { label: "b", values: rec.bnew[l] };
    else biases[l] = { label: "b", values: rec.b[l] };
  }

  let activeLayers, activeEdges;
  if (phase.layer === null) {
    activeLayers = range(2, L);
    activeEdges = range(2, L);
  } else if (phase.kind === "backward") {
    activeLayers = [phase.layer];
    activeEdges = phase.eq === "BP2" ? [phase.layer + 1] : [];
  } else if (phase.kind === "forward") {
    activeLayers = [phase.layer];
    activeEdges = phase.eq === "z" ? [phase.layer] : [];
  } else {
    activeLayers = [phase.layer];
    activeEdges = [];
  }

  const scaleSource = { a: Object.values(rec.a).map((m) => m[ex]), z: Object.values(rec.z).map((m) => m[ex]),
                        delta: Object.values(rec.delta).map((m) => m[ex]) };
  // One scale for a and z in forward phases (a z-phase shows both), so colors don't jump.
  const neuronMax = niceMax(Math.max(absMax(scaleSource[neuronQuantity]),
                                     neuronQuantity === "a" ? absMax(scaleSource.z) : 0));
  const edgeSource = edgeQuantity === "grad" ? Object.values(rec.nablaW)
    : [...Object.values(rec.W), ...Object.values(rec.Wnew)];
  const edgeMax = niceMax(absMax(edgeSource));

  // In auto mode a z-phase colors the layer being computed by z and the layers before it by a.
  const zPhase = opts.neuronQty === "auto" && phase.eq === "z";
  // What each layer shows, and its own scale where it differs (the inputs keep theirs when δ is shown).
  const layerQuantity = {};
  for (let l = 1; l <= L; l++) {
    layerQuantity[l] = l === 1 ? "x" : zPhase && phase.layer === l ? "z" : neuronQuantity;
  }
  const layerMax = neuronQuantity === "a" ? {} : { 1: niceMax(absMax([rec.a[1][ex]])) };
  return { neuronQuantity: zPhase ? "z" : neuronQuantity, edgeQuantity, neurons, edges, biases,
           note: zPhase ? `z on layer ${phase.layer}, a before it` : null, layerQuantity, layerMax,
           activeLayers, activeEdges, direction: phase.direction, neuronMax, edgeMax, example: ex };
}

/** Which quantity the neurons of layer l show (view.layerQuantity if given, else derived). */
export function layerQuantity(view, l) {
  if (view.layerQuantity?.[l]) return view.layerQuantity[l];
  if (l === 1) return "x";
  // In a z-phase (auto mode) only the layer being computed shows z; the layers before it show a.
  if (view.neuronQuantity === "z" && view.note && !(view.activeLayers || []).includes(l)) return "a";
  return view.neuronQuantity;
}

function range(a, b) {
  const out = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}
