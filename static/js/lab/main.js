// The training lab: train live (streamed from the server in chunks) and watch the loss fall, the
// decision boundary form, each hidden neuron's map, and the gradient norm of every layer.
// Wiring and the training loop; the top bar (controls.js), the input features (features.js), the CSV dialog
// (csv-dialog.js), click-to-add (points.js), the plane (plane.js, plane-note.js), the other views (views.js), the
// grid over the plane (grid.js), the frame loop (frames.js) and the kept history (history.js) each live in their
// own module.
//
// Each stream event carries the metrics and the parameters reached: the event only stores them, and the
// next animation frame draws the newest (the grid computed here from the parameters), never a queue.

import { api } from "../api.js";
import { UPDATE_RULES } from "../registry.js";
import { decodeUrl } from "../state.js";
import { createControls, suggestedNetwork } from "./controls.js";
import { createCsvDialog } from "./csv-dialog.js";
import { createDisplay } from "./display.js";
import { createFrameLoop } from "./frames.js";
import { compareRates } from "./compare.js";
import { createCurveView } from "./curve.js";
import { measureFrameMs } from "./display-rate.js";
import { createConfusionView } from "./confusion.js";
import { createDoctorView } from "./doctor.js";
import { createShapeControls } from "./shape.js";
import { createWeightEditor } from "./edit-weight.js";
import { catchUp } from "./catch-up.js";
import { addPoints } from "./added-points.js";
import { createFeatureToggles } from "./features.js";
import { computeCurve, computeGrid, gridResolution, pointSize } from "./grid.js";
import { keepHistory } from "./history.js";
import { createTargetLegend } from "./legend.js";
import { createPlaneView } from "./plane.js";
import { showPlaneOrWhy } from "./plane-note.js";
import { createPointAdder } from "./points.js";
import { csvLabels, labToken, lessonLink, outputOf, reshape, standardize, taskOf } from "./spec.js";
import { streamEvents } from "./stream.js";
import { createLabViews } from "./views.js";

const $ = (id) => document.getElementById(id);
// Grid points per side of the plane and of each neuron's map. Scaled up smoothly, 32 × 32 looks as 40 × 40 did,
// with a third fewer points to compute and color every frame (a 6 × 8 network: about 18% more frames a second).
const RESOLUTION = 32;
const PLAY_STEPS = 10_000; // one stream's steps (the server's cap per call); playing goes on with the next
// The stream paces itself (frame_ms): one state per display frame, whatever the network's size, and none the
// page could not draw (each costs the browser about 1 ms to receive): a little under the display's frame, measured
// (lab/display-rate.js; 14 ms at 60 Hz). "fast" is not paced: 100-step chunks as quickly as they come, the most
// steps a second (fewer redraws for a big network).
let frameMs = null; // measured once the page has built its network: a page still loading draws slow frames
const FAST_CHUNK = 100;
// While training, the diagram, the curves and the counter follow 5 times a second: they change slowly, and a
// software-rendered browser spends ~40 ms painting a 6 × 8 diagram's hundreds of edges and ~20 ms stroking 7
// noisy curves — each time, far more than a frame of the plane and all the neuron maps. Paused, all is drawn.
const SLOW_VIEWS_MS = 200;

// about: where the data come from: { source: a generated set's or a file's name, added: points clicked in since,
// classes: the classes' names (if known), scaled: standardized on loading }; offset: steps trained before the last
// rebuild with added points (the curves go on from there); grid: the plane's grid of the network version drawn.
const lab = { network: null, data: null, history: [], grid: null, task: "binary", playing: null, about: {},
              offset: 0 };
// What the frames have shown: how many showed new weights (bench/lab_fps.py counts them), the network version
// of the grid computed and of the last frame drawn.
const shown = { frames: 0, gridOf: null, drawnVersion: null, slowViewsAt: -Infinity };
const frameLoop = createFrameLoop(drawFrame);
const views = createLabViews({ onSelect: (selection) => weightEditor.open(selection) }); // an edge: its weight
const doctor = createDoctorView($("doctor")), confusion = createConfusionView($("confusion"));
const legend = createTargetLegend($("plane-legend")); // a regression's colors, under the plane
const plane = createPlaneView($("boundary"), { legend }), curveView = createCurveView($("boundary")); // 2 inputs, or 1
const adder = createPointAdder({ canvas: $("boundary"), picker: $("point-picker"), plane, onChange: drawPlane,
                                 rebuild: (points) => addPoints(points, { lab, build, stop, play, status }) });
const controls = createControls({ onRespec: respec, onCsv: () => csvDialog.open() });
const shape = createShapeControls($("lab-shape"), { onRespec: respec });
const features = createFeatureToggles($("lab-features"), { onRespec: respec });
const weightEditor = createWeightEditor($("weight-dialog"), { lab, stop, onChanged: async (doc) => {
  lab.network = { ...lab.network, version: doc.version, parameters: doc.parameters };
  refresh(await getJson(`/api/networks/${doc.id}/metrics`));
} });
const csvDialog = createCsvDialog($("csv-dialog"), { describe, onBuild: buildFromCsv });
// A new theme or mode changes sizes and colors: everything is drawn again (the lesson link carries both).
const display = createDisplay({ onChange: () => lab.network && redrawAll() });

/** Everything again, now (after a resize, a theme or a mode): the views that wait while training too. */
function redrawAll() {
  shown.slowViewsAt = -Infinity;
  frameLoop.request();
}

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

let builds = 0;
/** Build a network from a spec and show it. The current one keeps training and showing until the new one
 *  exists: a refused spec throws and changes nothing. The latest build wins (changes made in quick succession may
 *  come back out of order): false when a later one overtook this one, which is then not shown. */
async function build(spec, { about = {}, offset = 0, history = [] } = {}) {
  const mine = ++builds;
  const network = await api.createNetwork({ spec });
  const data = await getJson(`/api/networks/${network.id}/data`);
  if (mine !== builds) return false;
  stop({ quiet: true });
  about = { source: spec.dataset?.name ?? "your data", added: 0, classes: null, scaled: false, ...about };
  Object.assign(lab, { network, data, history, grid: null, task: taskOf(data), about, offset, run: [] });
  // The starting weights Reset returns to: a new network's, unless it goes on from given ones with added points
  // (a setting changed since — a feature, a layer — starts afresh: the old ones may not even fit).
  if (!about.added || !spec.initial) lab.start = network.spec.initial;
  shown.gridOf = null;
  $("compare-plot").hidden = true;
  lab.compared = null;
  controls.sync(network.spec, ownData());
  shape.sync(network.spec);
  features.sync(network.spec, pointSize(data));
  const url = new URL(location.href), token = labToken(spec); // a link (and a reload) reopens this lab
  if (token) url.searchParams.set("spec", token); else url.searchParams.delete("spec");
  url.searchParams.delete("preset");
  window.history.replaceState(null, "", url); // (window.: `history` here is the curves' history)
  showPlaneOrWhy(lab, adder);
  refresh(await getJson(`/api/networks/${network.id}/metrics`));
  return true;
}

/** New metrics (after a chunk, a build or a reset): keep them; the next frame draws. */
function refresh(metrics) {
  keepHistory(lab.history, { ...metrics, steps: metrics.steps + lab.offset });
  frameLoop.request();
}

/** A stream event: the network as the chunk left it. Only stored here; drawn by the next frame. */
function take(ev) {
  lab.network = { ...lab.network, version: ev.version, steps: ev.metrics.steps, parameters: ev.parameters };
  lab.run = ev.run_diagnoses ?? []; // the doctor's reading of the run so far
  refresh(ev.metrics);
}

/** One animation frame with something new to show: the grid for the weights now, then everything. */
function drawFrame() {
  const { network } = lab;
  const key = `${network.id}:${network.version}`;
  if (shown.gridOf !== key) {
    const { spec, parameters } = network, d = pointSize(lab.data); // the data's own inputs: 2 the plane, 1 a curve
    lab.grid = d === 2 ? computeGrid(spec, parameters, lab.data, gridResolution(spec.sizes, RESOLUTION))
      : d === 1 ? computeCurve(spec, parameters, lab.data) : null;
    shown.gridOf = key;
  }
  draw();
  if (shown.drawnVersion !== key) {
    shown.drawnVersion = key;
    shown.frames += 1;
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

/** Everything, or while training what is due: the plane and the neuron maps every frame, the slow views
 *  every SLOW_VIEWS_MS. The canvases come first: they read the layout the last frame left, before the diagram
 *  and the counter change it. */
function draw() {
  drawPlane();
  views.drawNeuronMaps(lab.grid);
  const now = performance.now();
  if (!lab.playing || now - shown.slowViewsAt >= SLOW_VIEWS_MS) {
    shown.slowViewsAt = now;
    views.drawCurves(lab);
    if (lab.compared) views.drawComparison(lab.compared);
    views.drawNetwork(lab);
    const last = lab.history.at(-1);
    doctor.update([...lab.run, ...(last?.diagnoses ?? [])]);
    confusion.update({ train: last?.confusion_train, test: last?.confusion_test, classes: lab.about.classes });
    showCounter();
  }
  if (!lab.playing) showLessonLink(); // while playing, when the pointer or the focus comes to it (it costs)
}

/** "In the lesson →" on the weights now (the link carries the spec, the data and the weights). */
function showLessonLink() {
  const href = lessonLink(lab.network);
  $("to-lesson").href = href ? href + display.query() : "/";
  $("to-lesson").classList.toggle("disabled", !href);
  $("to-lesson").title = href ? "Step through these weights in the lesson"
    : "Too much data to carry in a link: the lesson opens its own example";
}

function drawPlane() {
  const showTest = $("lab-test").checked;
  if (lab.grid?.kind === "curve") {
    legend.update(null); // a curve has its y axis
    curveView.update({ curve: lab.grid, data: lab.data, showTest });
  } else if (lab.grid) {
    plane.update({ grid: lab.grid, task: lab.task, data: lab.data, added: lab.about.added, extra: adder.pending(),
                   showTest });
  }
}

/** Train `steps` steps, streamed; playing (untilPaused) goes on stream after stream until paused. */
async function train(steps, { untilPaused = false } = {}) {
  const controller = new AbortController();
  lab.playing = controller;
  syncButtons();
  const chunk = Math.min(steps, Number($("lab-chunk").value));
  const body = { steps, chunk, frame_ms: chunk < FAST_CHUNK ? await (frameMs ??= measureFrameMs()) : null };
  try {
    let more = true;
    while (more && lab.playing === controller) {
      more = false;
      await streamEvents(`/api/networks/${lab.network.id}/train/stream`, body, {
        signal: controller.signal,
        onEvent: (name, ev) => {
          if (lab.playing !== controller) return;
          take(ev);
          if (name !== "done") return;
          if (untilPaused && ev.status === "completed") more = true;
          else status(ev.message);
        },
      });
    }
  } catch (err) {
    if (err.name !== "AbortError") status(String(err.message ?? err));
  } finally {
    if (lab.playing === controller) lab.playing = null;
    syncButtons();
    frameLoop.request(); // the last frame shows the link to the lesson again
  }
}

const play = () => train(PLAY_STEPS, { untilPaused: true });

function stop({ quiet = false } = {}) {
  if (lab.playing) {
    lab.playing.abort();
    catchUp(lab, { refresh, status, quiet });
  }
  lab.playing = null;
  syncButtons();
}

function syncButtons() {
  $("lab-play").textContent = lab.playing ? "❚❚ Pause" : "▶ Train";  // ❚❚, not ⏸: Debian's fonts (DejaVu) have no ⏸
  $("lab-play").setAttribute("aria-label", lab.playing ? "Pause (P)" : "Train (P)");
}

/** Built: say what there is (or the note about what changed, which is more to the point), and what next. */
function ready(note = "") {
  const { spec } = lab.network;
  // A rule with a memory (momentum, Adam) is named; plain gradient descent goes without saying.
  const rule = UPDATE_RULES[spec.optimizer].slots.length ? `, ${spec.optimizer}` : "";
  status(`${note || `${spec.sizes.join("-")} network${rule}, ${lab.data.x_train.length} training examples.`} ` +
    "Press Train.");
}

/** A changed setting: a new network from the start (fresh weights), on the same data. */
async function respec(patch, note = "") {
  const spec = { ...lab.network.spec, ...patch, initial: null };
  try {
    if (await build(spec, { about: spec.samples ? lab.about : {} })) ready(note);
  } catch (err) {
    controls.sync(lab.network.spec, ownData());
    shape.sync(lab.network.spec);
    features.sync(lab.network.spec, pointSize(lab.data));
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
                 labels: csvLabels(parsed, task, shape) };
  try {
    if (!await build(spec, { about: { source: fileName, classes: parsed.classes, scaled } })) return null;
  } catch (err) {
    return err.message;
  }
  ready(`Loaded ${fileName}: ${lab.data.x_train.length} rows to train on, ${lab.data.x_test.length} to test.`);
  return null;
}

$("lab-play").addEventListener("click", () => (lab.playing ? stop() : play()));
$("lab-step").addEventListener("click", () => train(10));
$("lab-reset").addEventListener("click", async () => {
  stop();
  // Points added since: their network started from the weights at the click; back to the very first ones.
  if (lab.about.added) await build({ ...lab.network.spec, initial: lab.start }, { about: lab.about });
  else lab.network = await api.reset(lab.network.id);
  lab.history = [];
  lab.offset = 0;
  refresh(await getJson(`/api/networks/${lab.network.id}/metrics`));
});
for (const ev of ["pointerenter", "focus"]) $("to-lesson").addEventListener(ev, () => lab.network && showLessonLink());
$("lab-test").addEventListener("change", drawPlane);
$("lab-compare").addEventListener("click", () => compareRates(lab, { views, status }));
document.addEventListener("keydown", (e) => {
  if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
  if ($("csv-dialog").open || e.ctrlKey || e.metaKey || e.altKey) return;
  const key = e.key.toLowerCase();
  if (key === "p") (lab.playing ? stop() : play());
  else if (key === "m") display.toggleProjector();
  else if (key === "t") display.toggleTheme();
});
// Any view's room changing is a redraw: the window's size, and the layout's own moves (the doctor's words coming
// and going, the plane giving way to a note), which no window event tells of.
const resized = new ResizeObserver(() => lab.network && redrawAll());
for (const id of ["lab-diagram", "boundary", "loss-plot", "norm-plot", "compare-plot", "neurons"]) resized.observe($(id));

/** Boot: the URL's spec or preset (the lesson's links work here too), else XOR with its suggested network (the
 *  first thing a student trains learns it). */
const fromUrl = decodeUrl(location.search);
const wanted = new URLSearchParams(location.search);
(wanted.has("preset") ? api.presets().then((list) => list.find((p) => p.name === fromUrl.preset)?.spec)
  : Promise.resolve(fromUrl.customSpec ?? null))
  .then((spec) => build(spec ?? suggestedNetwork("xor")))
  .then(() => { ready(); frameMs ??= measureFrameMs(); })
  .catch((err) => status(`Could not build the network: ${err.message}`));
window.backprop = { lab, get frames() { return shown.frames; } };
