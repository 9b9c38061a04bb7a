// The network over the input plane, computed in the browser: the same object GET /boundary answers
// ({ resolution, xs, ys, output: [j][row][col], hidden: [{ l, a: [j][row][col] }] }), from the parameters the
// training stream carries, so a frame needs no round trip. Pure: no DOM, no fetch.
//
// It follows app/core/lab.py boundary() and app/core/network.py forward() step for step — the same range,
// the same grid points, the same input features of them (static/js/features.js, which mirrors
// app/core/features.py), z^l = W^l a^{l−1} + b^l, a^l = σ(z^l) with σ from the registry (static/js/registry.js,
// which mirrors app/core/activations.py) — so the two agree to rounding (tests/js/grid.test.js holds them to
// 1e-9). The plane is the data's own inputs (points_train, points_test); a¹ is what the network takes of them.

import { fillInputs, inputNames } from "../features.js";
import { ACTIVATIONS } from "../registry.js";
import { activationList } from "./spec.js";

const MARGIN = 0.1;       // boundary()'s margin: the data's bounding box grows by 10% on each side …
const MIN_PAD = 0.1;      // … and by at least 0.1

/** numpy's linspace(start, stop, n): i · step + start, with the last point exactly `stop`. */
function linspace(start, stop, n) {
  const step = (stop - start) / (n - 1);
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = i * step + start;
  out[n - 1] = stop;
  return out;
}

/** The data's own inputs, training and test: the points (GET …/data's points_train, points_test), which are x_train
 *  and x_test themselves for a network without features (and for data recorded before there were points). */
export function rawPoints(data) {
  return { train: data.points_train ?? data.x_train, test: data.points_test ?? data.x_test };
}

/** How many inputs the data have of their own: 2 → the plane, 1 → a curve, more → neither. */
export function pointSize(data) {
  const { train, test } = rawPoints(data);
  return (train[0] ?? test[0])?.length ?? 0;
}

/** Input c's range: the training and test points' bounding box, widened by the margin, as `resolution` points. */
function axis(data, c, resolution) {
  let low = Infinity, high = -Infinity;
  const { train, test } = rawPoints(data);
  for (const rows of [train, test]) {
    for (const x of rows) { low = Math.min(low, x[c]); high = Math.max(high, x[c]); }
  }
  const pad = Math.max((high - low) * MARGIN, MIN_PAD);
  return linspace(low - pad, high + pad, resolution);
}

/** The grid's two axes: the bounding box of the training and test points, widened by the margin. */
export function planeAxes(data, resolution) {
  return { xs: axis(data, 0, resolution), ys: axis(data, 1, resolution) };
}

// The layers' numbers, reused from frame to frame (a 6 × 8 network at 32 × 32 points fills 400 kB each time):
// slot l holds a^l, slots "x1" and "x2" the grid points' raw inputs. Only copies of them leave this module.
const scratch = {};

function buffer(slot, length) {
  if (scratch[slot]?.length !== length) scratch[slot] = new Float64Array(length);
  return scratch[slot];
}

/** a^1 for every grid point p = row · n + col: the features of x₁ = xs[col], x₂ = ys[row] (numpy's meshgrid
 *  order). */
function inputs(names, xs, ys) {
  const n = xs.length, m = n * n;
  const x1 = buffer("x1", m), x2 = buffer("x2", m);
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      x1[row * n + col] = xs[col];
      x2[row * n + col] = ys[row];
    }
  }
  return fillInputs(buffer(1, names.length * m), names, x1, x2);
}

/** The network's inputs for data of d inputs of their own (2: the plane, 1: a curve), or a reason why not. */
function networkInputs(spec, data, d) {
  const own = pointSize(data), what = d === 2 ? "A decision boundary" : "A curve";
  if (own !== d) throw new Error(`${what} needs data of ${d} input${d === 1 ? "" : "s"}; these have ${own}.`);
  const names = inputNames(spec, d);
  if (spec.sizes[0] !== names.length) {
    throw new Error(`${what} needs a network of ${names.length} input${names.length === 1 ? "" : "s"} ` +
                    `(${names.join(", ")}); this network has ${spec.sizes[0]}.`);
  }
  return names;
}

/** z^l = W^l a^{l−1} + b^l for all m points at once into z; a is [k * m + p], z [j * m + p]. */
function weighted(W, b, a, m, z) {
  z.fill(0);
  for (let j = 0; j < W.length; j++) {
    const zj = z.subarray(j * m, (j + 1) * m);
    for (let k = 0; k < W[j].length; k++) { // the sum over k first, then the bias: the core's order
      const w = W[j][k], ak = a.subarray(k * m, (k + 1) * m);
      for (let p = 0; p < m; p++) zj[p] += w * ak[p];
    }
    for (let p = 0; p < m; p++) zj[p] += b[j];
  }
  return z;
}

/** [j * m + p] → [j][row][col] as plain arrays: the JSON shape of GET /boundary. */
function nested(values, neurons, n) {
  const out = new Array(neurons);
  for (let j = 0; j < neurons; j++) {
    const rows = (out[j] = new Array(n));
    for (let row = 0; row < n; row++) {
      const r = (rows[row] = new Array(n));
      const from = (j * n + row) * n;
      for (let col = 0; col < n; col++) r[col] = values[from + col];
    }
  }
  return out;
}

/** The resolution to draw a network at: `best`, or less for a big network, so that one frame's grid stays
 *  under `budget` activations (a 6 × 8 network at 32 × 32 has 50,176; 8 layers of 128 would have 1 million). */
export function gridResolution(sizes, best = 32, budget = 200_000) {
  const neurons = sizes.slice(1).reduce((s, n) => s + n, 0);
  return Math.max(2, Math.min(best, Math.floor(Math.sqrt(budget / neurons))));
}

/**
 * The network's output and every hidden neuron over a resolution × resolution grid of the plane.
 * spec: { sizes, activations, features } (sizes[0] = the features' count, or 2 without); parameters: [{ l, W, b }]
 * for l = 2 … L (the network document's or the stream's); data: { points_train, points_test } (rows of the data's
 * 2 inputs; x_train, x_test where there are no points), which set the plane's range.
 */
export function computeGrid(spec, parameters, data, resolution) {
  const names = networkInputs(spec, data, 2);
  const { xs, ys } = planeAxes(data, resolution);
  const shape = (a, neurons) => nested(a, neurons, resolution);
  const { output, hidden } = forward(spec, parameters, inputs(names, xs, ys), resolution * resolution, shape);
  return { resolution, xs, ys, output, hidden };
}

/**
 * A network of data of one input over its range (curve fitting): { kind: "curve", resolution, xs, output: [j][p],
 * hidden: [{ l, a: [j][p] }] } at `resolution` points, as computeGrid does over the plane.
 */
export function computeCurve(spec, parameters, data, resolution = 120) {
  const names = networkInputs(spec, data, 1);
  const xs = axis(data, 0, resolution);
  const a1 = fillInputs(buffer(1, names.length * resolution), names, xs);
  const rows = (a, neurons) => Array.from({ length: neurons }, (_, j) => Array.from(a.subarray(j * resolution,
                                                                                                (j + 1) * resolution)));
  return { kind: "curve", resolution, xs, ...forward(spec, parameters, a1, resolution, rows) };
}

/** z^l and a^l for l = 2 … L at m points (a^1 laid out [k * m + p]); shape(a, n_l) copies a layer out. */
function forward(spec, parameters, a1, m, shape) {
  const { sizes } = spec, L = sizes.length;
  const acts = activationList(spec);
  const unknown = acts.find((name) => !ACTIVATIONS[name]);
  if (unknown) throw new Error(`No activation called ${unknown}.`);
  const byLayer = Object.fromEntries(parameters.map((p) => [p.l, p]));
  const hidden = [];
  let a = a1;
  for (let l = 2; l <= L; l++) {
    a = weighted(byLayer[l].W, byLayer[l].b, a, m, buffer(l, sizes[l - 1] * m));
    ACTIVATIONS[acts[l - 2]].apply(a, sizes[l - 1], m); // σ in place, laid out [j * m + p]
    if (l < L) hidden.push({ l, a: shape(a, sizes[l - 1]) });
  }
  return { output: shape(a, sizes[L - 1]), hidden };
}
