// The training lab: train live (streamed from the server in chunks) and watch the loss fall, the
// decision boundary form, each hidden neuron's map, and the gradient norm of every layer.
// Wiring and the training loop; the top bar (controls.js), the CSV dialog (csv-dialog.js), click-to-add
// (points.js), the plane (plane.js) and the other views (views.js) each live in their own module.

import { api } from "../api.js";
import { decodeUrl } from "../state.js";
import { createControls } from "./controls.js";
import { createCsvDialog } from "./csv-dialog.js";
import { createPlaneView } from "./plane.js";
import { createPointAdder } from "./points.js";
import { csvLabels, lessonLink, outputOf, reshape, standardize, taskOf } from "./spec.js";
import { streamEvents } from "./stream.js";
import { createLabViews } from "./views.js";

const $ = (id) => document.getElementById(id);
const DEFAULT_SPEC = { sizes: [2, 4, 4, 1], activations: ["tanh", "tanh", "sigmoid"], cost: "binary_cross_entropy",
                       eta: 0.3, batch_size: 16, seed: 1, dataset: { name: "xor", n: 200, noise: 0.1 } };
const RESOLUTION = 40;

// about: where the data come from: { source: a generated set's or a file's name, added: points clicked in since,
// classes: the classes' names (if known), scaled: standardized on loading }; offset: steps trained before the last
// rebuild with added points (the curves go on from there).
const lab = { network: null, data: null, history: [], grid: null, task: "binary", playing: null, drawing: false,
              again: false, about: {}, offset: 0 };
const views = createLabViews();
const plane = createPlaneView($("boundary"));
const adder = createPointAdder({ canvas: $("boundary"), picker: $("point-picker"), plane, rebuild: addPoints,
                                 onChange: drawPlane });
const controls = createControls({ onRespec: respec, onCsv: () => csvDialog.open() });
const csvDialog = createCsvDialog($("csv-dialog"), { describe, onBuild: buildFromCsv });

/** The Data menu's entry for data that are not a generated set as it is (null: they are). */
function ownData() {
  if (!lab.network.spec.samples) return null;
  const { source, added } = lab.about;
  return added ? `${source} + ${added} point${added === 1 ? "" : "s"}` : source;
}

function status(text) {
  $("lab-status").textContent = text;
}

async function getJson(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

/** Build a network from a spec and show it. The current one keeps training and showing until the new one
 *  exists: a refused spec throws and changes nothing. */
async function build(spec, { about = {}, offset = 0, history = [] } = {}) {
  const network = await api.createNetwork({ spec });
  const data = await getJson(`/api/networks/${network.id}/data`);
  stop({ quiet: true });
  about = { source: spec.dataset?.name ?? "your data", added: 0, classes: null, scaled: false, ...about };
  Object.assign(lab, { network, data, history, grid: null, task: taskOf(data), about, offset });
  $("compare-plot").hidden = true;
  controls.sync(network.spec, ownData());
  showPlaneOrWhy();
  await refresh(await getJson(`/api/networks/${network.id}/metrics`));
}

/** The plane exists for 2 inputs only (GET /boundary answers 422 otherwise): else say why it is missing. */
function showPlaneOrWhy() {
  const { spec } = lab.network;
  const d = spec.sizes[0];
  const names = lab.network.labels?.neurons?.[1] ?? [];
  const flat = d !== 2;
  $("lab-right").classList.toggle("no-plane", flat);
  $("plane-note").hidden = !flat;
  const which = names.length && names.length <= 4 ? ` (${names.join(", ")})` : "";
  $("plane-note").textContent = flat ? "No decision boundary to draw: it is a picture over the plane of two inputs, " +
    `and this network has ${d} input${d === 1 ? "" : "s"}${which}. The loss curves and the gradient norms still ` +
    "show how training goes." : "";
  const [a, b] = names.length === 2 ? names : ["x₁", "x₂"];
  $("plane-axes").textContent = `${a} →   ${b} ↑${lab.about.scaled ? "   (standardized)" : ""}`;
  const classes = flat || lab.task === "regression" ? 0 : spec.sizes.at(-1) === 1 ? 2 : spec.sizes.at(-1);
  adder.sync(classes, lab.about.classes);
}

/** After a chunk: record the metrics, then fetch the weights and the boundary and redraw. */
async function refresh(metrics) {
  lab.history.push({ ...metrics, steps: metrics.steps + lab.offset });
  showCounter();
  await redraw();
}

/** One redraw at a time; asked for meanwhile, one more follows with the freshest numbers (never a queue). */
async function redraw() {
  if (lab.drawing) {
    lab.again = true;
    return;
  }
  lab.drawing = true;
  try {
    const id = lab.network.id;
    const wantGrid = lab.network.spec.sizes[0] === 2;
    const [doc, grid] = await Promise.all([api.getNetwork(id),
      wantGrid ? getJson(`/api/networks/${id}/boundary?resolution=${RESOLUTION}`) : null]);
    if (lab.network.id === id) { // else rebuilt meanwhile: these numbers belong to the old network
      lab.network = doc;
      lab.grid = grid;
      draw();
    }
  } finally {
    lab.drawing = false;
    if (lab.again) {
      lab.again = false;
      redraw();
    }
  }
}

function showCounter() {
  const last = lab.history.at(-1);
  let text = `step ${last?.steps ?? 0} · epoch ${last?.epoch ?? 0}`;
  if (last?.train_accuracy !== null && last?.train_accuracy !== undefined) {
    text += ` · accuracy ${(100 * last.train_accuracy).toFixed(0)}% train` +
      (last.test_accuracy !== null ? `, ${(100 * last.test_accuracy).toFixed(0)}% test` : "");
  }
  $("lab-counter").textContent = text;
}

function draw() {
  views.drawNetwork(lab);
  drawPlane();
  views.drawNeuronMaps(lab.grid);
  views.drawCurves(lab);
  showCounter();
  const href = lessonLink(lab.network);
  $("to-lesson").href = href ?? "/";
  $("to-lesson").classList.toggle("disabled", !href);
  $("to-lesson").title = href ? "Step through these weights in the lesson"
    : "Too much data to carry in a link: the lesson opens its own example";
}

function drawPlane() {
  if (!lab.grid) return;
  plane.update({ grid: lab.grid, task: lab.task, data: lab.data, added: lab.about.added, extra: adder.pending(),
                 showTest: $("lab-test").checked });
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
          if (lab.playing !== controller) return;
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

function stop({ quiet = false } = {}) {
  if (lab.playing) {
    lab.playing.abort();
    const at = lab.history.at(-1)?.steps ?? 0;
    if (!quiet) status(`Paused at step ${at}. “In the lesson” opens these weights step by step.`);
  }
  lab.playing = null;
  syncButtons();
}

function syncButtons() {
  $("lab-play").textContent = lab.playing ? "⏸ Pause" : "▶ Train";
  $("lab-play").setAttribute("aria-label", lab.playing ? "Pause (P)" : "Train (P)");
}

/** Built: say what there is (or the note about what changed, which is more to the point), and what next. */
function ready(note = "") {
  const { spec } = lab.network;
  const rule = spec.optimizer === "sgd" ? "" : `, ${spec.optimizer}`;
  status(`${note || `${spec.sizes.join("-")} network${rule}, ${lab.data.x_train.length} training examples.`} ` +
    "Press Train.");
}

/** A changed setting: a new network from the start (fresh weights), on the same data. */
async function respec(patch, note = "") {
  const spec = { ...lab.network.spec, ...patch, initial: null };
  try {
    await build(spec, { about: spec.samples ? lab.about : {} });
    ready(note);
  } catch (err) {
    controls.sync(lab.network.spec, ownData());
    status(`Not possible: ${err.message}`);
  }
}

function describe(d, k, task) {
  const { activation, cost } = outputOf(task);
  const sizes = reshape(lab.network.spec, d, k, task).sizes;
  return `a ${sizes.join("-")} network, ${activation} output, ${cost.replaceAll("_", " ")} cost.`;
}

/** The CSV dialog's samples → a network with the current hidden layers. Returns an error text, or null. */
async function buildFromCsv(parsed, task, fileName, scaled) {
  const shape = reshape(lab.network.spec, parsed.input_size, parsed.output_size, task);
  const samples = scaled ? standardize(parsed.samples, task) : parsed.samples;
  const spec = { ...lab.network.spec, ...shape, samples, dataset: null, initial: null,
                 labels: csvLabels(parsed, task, shape.sizes.length) };
  try {
    await build(spec, { about: { source: fileName, classes: parsed.classes, scaled } });
  } catch (err) {
    return err.message;
  }
  ready(`Loaded ${fileName}: ${lab.data.x_train.length} rows to train on, ${lab.data.x_test.length} to test.`);
  return null;
}

/** Points clicked on the plane → the same network, with the current weights, on the data plus the points. */
async function addPoints(points) {
  const wasPlaying = Boolean(lab.playing);
  stop({ quiet: true });
  const { network, data } = lab;
  try {
    const now = await api.getNetwork(network.id); // the weights as training left them
    const spec = { ...now.spec, dataset: null, initial: now.parameters, samples: {
      x: [...data.x_train, ...points.map((p) => p.x)], y: [...data.y_train, ...points.map((p) => p.y)],
      x_test: data.x_test.length ? data.x_test : null, y_test: data.y_test.length ? data.y_test : null } };
    await build(spec, { about: { ...lab.about, added: lab.about.added + points.length },
                        offset: lab.history.at(-1)?.steps ?? 0, history: lab.history });
    status(`Added ${points.length} point${points.length === 1 ? "" : "s"} (${lab.data.x_train.length} training ` +
      "examples); the weights go on from here.");
  } catch (err) {
    status(`The points could not be added: ${err.message}`);
  }
  if (wasPlaying) train(10_000);
}

async function compare() {
  const eta = lab.network.spec.eta;
  status("Training three copies from here…");
  const res = await fetch(`/api/networks/${lab.network.id}/compare`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ etas: [eta / 10, eta, eta * 10], steps: 300 }),
  });
  const out = await res.json();
  $("compare-plot").hidden = false;
  views.drawComparison(out.runs);
  status("Too small crawls; too large overshoots or diverges (seed 001).");
}

$("lab-play").addEventListener("click", () => (lab.playing ? stop() : train(10_000)));
$("lab-step").addEventListener("click", () => train(10));
$("lab-reset").addEventListener("click", async () => {
  stop();
  await api.reset(lab.network.id);
  lab.history = [];
  lab.offset = 0;
  await refresh(await getJson(`/api/networks/${lab.network.id}/metrics`));
});
$("lab-test").addEventListener("change", drawPlane);
$("lab-compare").addEventListener("click", compare);
document.addEventListener("keydown", (e) => {
  if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
  if ($("csv-dialog").open) return;
  if (e.key === "p" || e.key === "P") (lab.playing ? stop() : train(10_000));
});
window.addEventListener("resize", () => lab.network && draw());

/** Boot: the URL's spec or preset (the lesson's links work here too), else XOR. */
const fromUrl = decodeUrl(location.search);
const wanted = new URLSearchParams(location.search);
(wanted.has("preset") ? api.presets().then((list) => list.find((p) => p.name === fromUrl.preset)?.spec)
  : Promise.resolve(fromUrl.customSpec ?? null))
  .then((spec) => build(spec ?? DEFAULT_SPEC))
  .then(() => ready())
  .catch((err) => status(`Could not build the network: ${err.message}`));
window.backprop = { lab };
