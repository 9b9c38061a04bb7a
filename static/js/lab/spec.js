// What kind of problem a network solves, and the spec changes that follow from it. Pure: no DOM, no fetch.
//   task: "binary" (one 0/1 output), "multiclass" (one-hot rows, softmax) or "regression" (any numbers).

import { fitFeatures } from "../features.js";
import { COSTS } from "../registry.js";
import { b64encode } from "../state.js";

// The output layer and cost of each task, as the cost registry declares them (app/core/suggested.py reads the
// Python registry's the same way).
const OUTPUT = Object.fromEntries(Object.entries(COSTS).filter(([, c]) => c.task)
  .map(([cost, c]) => [c.task, { activation: c.output ?? c.freeOutput, cost }]));

const isBit = (v) => v === 0 || v === 1;

/** The task the data describe: one-hot rows → multiclass, one 0/1 column → binary, else regression. */
export function taskOf(data) {
  const y = data.y_train;
  if (!y.length || !y.every((row) => row.every(isBit))) return "regression";
  if (y[0].length === 1) return "binary";
  return y.every((row) => row.reduce((s, v) => s + v, 0) === 1) ? "multiclass" : "regression";
}

/** Index of an example's class: 0/1 for one output, the hot position for one-hot rows. */
export function classIndex(row) {
  return row.length === 1 ? (row[0] > 0.5 ? 1 : 0) : row.indexOf(Math.max(...row));
}

/** The activations as a list of L − 1 names (a spec may give one name for all layers). */
export function activationList(spec) {
  const n = spec.sizes.length - 1;
  return Array.isArray(spec.activations) ? [...spec.activations] : new Array(n).fill(spec.activations);
}

/** sizes, activations and cost for data of d inputs and k outputs of a task, keeping the hidden layers — and of a
 *  spec with input features, the features such data can have (then the input layer is one neuron per feature). */
export function reshape(spec, d, k, task) {
  const hidden = spec.sizes.slice(1, -1);
  const acts = activationList(spec).slice(0, -1);
  const out = { activations: [...acts, OUTPUT[task].activation], cost: OUTPUT[task].cost };
  if (!spec.features?.length) return { sizes: [d, ...hidden, k], ...out };
  const features = fitFeatures(spec.features, d);
  return { sizes: [features.length || d, ...hidden, k], ...out, features };
}

export function outputOf(task) {
  return OUTPUT[task];
}

/** The task to preselect for a CSV column (from POST /api/csv/inspect): 2 values → binary; text, or up to
 *  10 whole numbers → multiclass; anything else → regression. */
export function guessTask(column) {
  const values = column.values;
  if (values && values.length <= 2) return "binary";
  if (!column.numeric) return "multiclass";
  if (values && values.length <= 10 && values.every(Number.isInteger)) return "multiclass";
  return "regression";
}

/** The column to predict: the last one that looks like a label (text, or few values), else the last. */
export function guessTarget(columns) {
  const labelLike = columns.filter((c) => !c.numeric || (c.values && c.values.length <= 10));
  return (labelLike.at(-1) ?? columns.at(-1)).name;
}

/** A short name for the diagram (long column names would push the network off the stage). The ellipsis goes in
 *  the middle: columns often differ only at the end (measurement_1, measurement_2 → measur…ent_1). */
export function shortName(name, max = 12) {
  if (name.length <= max) return name;
  const tail = Math.floor((max - 1) / 2);
  return `${name.slice(0, max - 1 - tail)}…${name.slice(-tail)}`;
}

/** The labels of a CSV network of reshape()'s shape: inputs named after the feature columns (unless the network
 *  takes input features of them: the server names those), outputs after the classes. */
export function csvLabels(parsed, task, shape) {
  const outputs = task === "regression" ? [parsed.target]
    : task === "binary" ? [`P(${parsed.classes[1]})`] : parsed.classes;
  const inputs = shape.features?.length ? {} : { 1: parsed.features.map((f) => shortName(f)) };
  return { neurons: { ...inputs, [shape.sizes.length]: outputs.map((o) => shortName(o)) } };
}

const round = (v) => Number(v.toPrecision(6));
export const MAX_LINK = 60_000; // the server refuses request lines much longer than this

/** The lesson's link to these weights: the spec with the current parameters as `initial`. Own data travel
 *  in the link, rounded to 6 digits; the test set is left out when the link would be too long. */
export function lessonLink(network) {
  const spec = { ...network.spec, initial: network.parameters };
  if (spec.samples) {
    const s = spec.samples;
    const r = (m) => (m ? m.map((row) => row.map(round)) : null);
    spec.samples = { x: r(s.x), y: r(s.y), x_test: r(s.x_test), y_test: r(s.y_test) };
  }
  let href = `/?spec=${b64encode(spec)}`;
  if (href.length > MAX_LINK && spec.samples) {
    spec.samples = { ...spec.samples, x_test: null, y_test: null };
    href = `/?spec=${b64encode(spec)}`;
  }
  return href.length > MAX_LINK ? null : href;
}

/** The lab's own link (?spec=): the spec it was built from, so that a link or a reload reopens the same lab —
 *  data, input features, network, optimizer, η, seed, and the starting weights the spec gave, if any. null when
 *  too long. */
export function labToken(spec) {
  const token = b64encode(spec.initial ? spec : { ...spec, initial: undefined });
  return token.length + 12 > MAX_LINK ? null : token;
}

/** Each column to mean 0 and standard deviation 1, measured on the training rows and applied to the test rows
 *  too (networks learn best from inputs around −1 … 1). Targets only for regression (labels stay 0/1). */
export function standardize(samples, task) {
  const fit = (m) => m[0].map((_, j) => {
    const col = m.map((row) => row[j]);
    const mean = col.reduce((s, v) => s + v, 0) / col.length;
    const sd = Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / col.length) || 1;
    return { mean, sd };
  });
  const apply = (m, stats) => (m ? m.map((row) => row.map((v, j) => (v - stats[j].mean) / stats[j].sd)) : m);
  const xs = fit(samples.x);
  const out = { ...samples, x: apply(samples.x, xs), x_test: apply(samples.x_test, xs) };
  if (task === "regression") {
    const ys = fit(samples.y);
    Object.assign(out, { y: apply(samples.y, ys), y_test: apply(samples.y_test, ys) });
  }
  return out;
}
