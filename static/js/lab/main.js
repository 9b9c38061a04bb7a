// The training lab: train live (streamed from the server in chunks) and watch the loss fall, the
// decision boundary form, each hidden neuron's map, and the gradient norm of every layer.

import { api } from "../api.js";
import { niceMax } from "../color.js";
import { createDiagramView } from "../render/diagram.js";
import { createHeatmapView } from "../render/heatmap.js";
import { createPlotView } from "../render/plot.js";
import { decodeUrl } from "../state.js";
import { streamEvents } from "./stream.js";

const $ = (id) => document.getElementById(id);
const SERIES = ["#542788", "#b35806", "#1b7837", "#2166ac", "#8c510a", "#762a83"];
const DEFAULT_SPEC = { sizes: [2, 4, 4, 1], activations: ["tanh", "tanh", "sigmoid"], cost: "binary_cross_entropy",
                       eta: 0.3, batch_size: 16, seed: 1, dataset: { name: "xor", n: 200, noise: 0.1 } };
const RESOLUTION = 40;

const lab = { network: null, data: null, history: [], grid: null, playing: null, drawing: false };
const diagram = createDiagramView($("lab-diagram"), { onSelect: () => {} });
const boundary = createHeatmapView($("boundary"));
const lossPlot = createPlotView($("loss-plot"), { title: "loss (train —, test ‑ ‑)", logY: true, yLabel: "steps" });
const normPlot = createPlotView($("norm-plot"), { title: "‖∂C/∂W‖ per layer", logY: true, yLabel: "steps" });
const comparePlot = createPlotView($("compare-plot"), { title: "train loss by η", logY: true, yLabel: "steps" });

const b64 = (obj) => btoa(unescape(encodeURIComponent(JSON.stringify(obj))))
  .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function status(text) {
  $("lab-status").textContent = text;
}

/** Build the network: the URL's spec or preset (the lesson's links work here too), else XOR. */
async function build(spec) {
  stop();
  const body = spec ? { spec } : { spec: DEFAULT_SPEC };
  lab.network = await api.createNetwork(body);
  const res = await fetch(`/api/networks/${lab.network.id}/data`);
  lab.data = await res.json();
  lab.history = [];
  $("compare-plot").hidden = true;
  $("lab-eta").value = lab.network.spec.eta;
  $("lab-batch").value = lab.network.spec.batch_size;
  if (lab.network.spec.dataset) $("lab-dataset").value = lab.network.spec.dataset.name;
  await refresh(await (await fetch(`/api/networks/${lab.network.id}/metrics`)).json());
  status(`${lab.network.spec.sizes.join("-")} network, ${lab.data.x_train.length} training examples. Press Train.`);
}

/** After a chunk: record the metrics, fetch the weights and the boundary, redraw. */
async function refresh(metrics) {
  lab.history.push(metrics);
  $("lab-counter").textContent = `step ${metrics.steps} · epoch ${metrics.epoch}`;
  if (lab.drawing) return; // never queue redraws behind a slow one: the next chunk brings fresher numbers
  lab.drawing = true;
  try {
    const id = lab.network.id;
    const [doc, grid] = await Promise.all([api.getNetwork(id),
      fetch(`/api/networks/${id}/boundary?resolution=${RESOLUTION}`).then((r) => (r.ok ? r.json() : null))]);
    lab.network = doc;
    lab.grid = grid;
    draw();
  } finally {
    lab.drawing = false;
  }
}

function classOf(row) {
  return row.length === 1 ? 2 * row[0] - 1 : (row.indexOf(Math.max(...row)) / (row.length - 1)) * 2 - 1;
}

function draw() {
  const { network, data, grid, history } = lab;
  const sizes = network.spec.sizes;
  // The diagram shows the weights (edges) and each neuron's bias (fill).
  const W = Object.fromEntries(network.parameters.map((p) => [p.l, p.W]));
  const b = Object.fromEntries(network.parameters.map((p) => [p.l, p.b]));
  const neurons = Object.fromEntries(sizes.map((n, i) => [i + 1, i === 0 ? new Array(n).fill(null) : b[i + 1]]));
  const edgeMax = niceMax(Math.max(...Object.values(W).flat(2).map(Math.abs)));
  const view = { neuronQuantity: "b", edgeQuantity: "w", neurons, edges: W,
                 biases: Object.fromEntries(Object.entries(b).map(([l, v]) => [l, { label: "b", values: v }])),
                 activeLayers: [], activeEdges: [], direction: null, note: null, layerQuantity: {}, layerMax: {},
                 neuronMax: niceMax(Math.max(...Object.values(b).flat().map(Math.abs))), edgeMax, example: 0 };
  diagram.update({ sizes, labels: network.labels, view, selection: null, showValues: false,
                   phaseId: `lab-${network.version}` });

  if (grid) {
    const multi = grid.output.length > 1;
    const values = multi
      ? grid.output[0].map((row, r) => row.map((_, c) => classOf(grid.output.map((o) => o[r][c]))))
      : grid.output[0].map((row) => row.map((v) => 2 * v - 1));
    // The plane is drawn paler than the points (max 1.6 instead of 1), so every point stands out.
    const points = [
      ...data.x_train.map((x, i) => ({ x: x[0], y: x[1], label: classOf(data.y_train[i]), test: false })),
      ...data.x_test.map((x, i) => ({ x: x[0], y: x[1], label: classOf(data.y_test[i]), test: true })),
    ];
    boundary.update({ grid, values, max: 1.6, points, showTest: $("lab-test").checked });
    drawNeuronMaps(grid);
  }
  const steps = history.map((m) => m.steps);
  lossPlot.update({ series: [
    { name: "train", color: SERIES[0], xs: steps, ys: history.map((m) => m.train_loss) },
    { name: "test", color: SERIES[1], dash: true, xs: steps, ys: history.map((m) => m.test_loss) },
  ] });
  const layers = history.length ? history.at(-1).gradient_norms.map((g) => g.l) : [];
  normPlot.update({ series: layers.map((l, i) => ({
    name: `W${l}`, color: SERIES[i % SERIES.length], xs: steps,
    ys: history.map((m) => m.gradient_norms.find((g) => g.l === l)?.norm ?? null),
  })) });
  const last = history.at(-1);
  if (last?.train_accuracy !== null && last?.train_accuracy !== undefined) {
    $("lab-counter").textContent += ` · accuracy ${(100 * last.train_accuracy).toFixed(0)}% train` +
      (last.test_accuracy !== null ? `, ${(100 * last.test_accuracy).toFixed(0)}% test` : "");
  }
  const spec = { ...network.spec, initial: network.parameters };
  $("to-lesson").href = `/?spec=${b64(spec)}`;
}

const mapViews = new Map();
function drawNeuronMaps(grid) {
  const root = $("neurons");
  const keys = grid.hidden.flatMap((h) => h.a.map((_, j) => `${h.l}:${j}`));
  if (root.dataset.keys !== keys.join(",")) {
    root.dataset.keys = keys.join(",");
    root.replaceChildren();
    mapViews.clear();
    for (const key of keys) {
      const fig = document.createElement("figure");
      const canvas = document.createElement("canvas");
      const cap = document.createElement("figcaption");
      const [l, j] = key.split(":").map(Number);
      cap.textContent = `layer ${l}, #${j + 1}`;
      fig.append(canvas, cap);
      root.append(fig);
      mapViews.set(key, createHeatmapView(canvas));
    }
  }
  for (const h of grid.hidden) {
    const max = niceMax(Math.max(...h.a.flat(2).map(Math.abs)));
    h.a.forEach((values, j) => mapViews.get(`${h.l}:${j}`).update({ grid, values, max }));
  }
}

async function train(steps) {
  const controller = new AbortController();
  lab.playing = controller;
  syncButtons();
  try {
    await streamEvents(`/api/networks/${lab.network.id}/train/stream`,
      { steps, chunk: Math.min(steps, Number($("lab-chunk").value)) }, {
        signal: controller.signal,
        onEvent: (name, ev) => {
          refresh(ev.metrics);
          if (name === "done") status(ev.message);
        },
      });
  } catch (err) {
    if (err.name !== "AbortError") status(String(err.message ?? err));
  } finally {
    if (lab.playing === controller) lab.playing = null;
    syncButtons();
  }
}

function stop() {
  if (lab.playing) {
    lab.playing.abort();
    const at = lab.history.at(-1)?.steps ?? 0;
    status(`Paused at step ${at}. “Step through it in the lesson” opens these weights step by step.`);
  }
  lab.playing = null;
  syncButtons();
}

function syncButtons() {
  $("lab-play").textContent = lab.playing ? "⏸ Pause" : "▶ Train";
  $("lab-play").setAttribute("aria-label", lab.playing ? "Pause (P)" : "Train (P)");
}

async function respec(patch) {
  const spec = { ...lab.network.spec, ...patch, initial: null };
  try {
    await build(spec);
  } catch (err) {
    status(`Not possible: ${err.message}`);
  }
}

async function compare() {
  const eta = lab.network.spec.eta;
  const etas = [eta / 10, eta, eta * 10];
  status("Training three copies from here…");
  const res = await fetch(`/api/networks/${lab.network.id}/compare`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ etas, steps: 300 }),
  });
  const out = await res.json();
  $("compare-plot").hidden = false;
  comparePlot.update({ series: out.runs.map((r, i) => ({
    name: `η=${r.eta}${r.status === "diverged" ? " (diverged)" : ""}`, color: SERIES[i + 2], xs: r.steps, ys: r.train_loss,
  })) });
  status("Too small crawls; too large overshoots or diverges (seed 001).");
}

$("lab-play").addEventListener("click", () => (lab.playing ? stop() : train(10_000)));
$("lab-step").addEventListener("click", () => train(10));
$("lab-reset").addEventListener("click", async () => {
  stop();
  await api.reset(lab.network.id);
  lab.history = [];
  await refresh(await (await fetch(`/api/networks/${lab.network.id}/metrics`)).json());
});
$("lab-test").addEventListener("change", draw);
$("lab-compare").addEventListener("click", compare);
$("lab-dataset").addEventListener("change", (e) => {
  const name = e.target.value;
  const multi = name === "spiral3";
  const sizes = [...lab.network.spec.sizes];
  sizes[sizes.length - 1] = multi ? 3 : 1;
  const activations = [...lab.network.spec.activations];
  activations[activations.length - 1] = multi ? "softmax" : "sigmoid";
  respec({ sizes, activations, cost: multi ? "softmax_cross_entropy" : "binary_cross_entropy", samples: null,
           dataset: { name, n: 200, noise: 0.1, test_fraction: 0.2, seed: 0 }, labels: null });
});
$("lab-eta").addEventListener("change", (e) => respec({ eta: Number(e.target.value) }));
$("lab-batch").addEventListener("change", (e) => respec({ batch_size: Number(e.target.value) }));
document.addEventListener("keydown", (e) => {
  if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
  if (e.key === "p" || e.key === "P") (lab.playing ? stop() : train(10_000));
});
window.addEventListener("resize", () => lab.grid && draw());

const fromUrl = decodeUrl(location.search);
const wanted = new URLSearchParams(location.search);
const start = fromUrl.customSpec ?? null;
(wanted.has("preset") ? api.presets().then((list) => list.find((p) => p.name === fromUrl.preset)?.spec) : Promise.resolve(start))
  .then((spec) => build(spec ?? null))
  .catch((err) => status(`Could not build the network: ${err.message}`));
window.backprop = { lab };
