// Wiring and boot: the store from the URL, the session, the views, the controls.

import { api } from "./api.js";
import { createClassroom } from "./classroom/boot.js";
import { bindControls, syncControls } from "./controls.js";
import { createDiagramView } from "./render/diagram.js";
import { createEquationView } from "./render/equation.js";
import { createInspectorView } from "./render/inspector.js";
import { createLegendView } from "./render/legend.js";
import { createTimelineView } from "./render/timeline.js";
import { createSession } from "./session.js";
import { createStore, decodeUrl, encodeUrl } from "./state.js";
import { diagramView } from "./view.js";

const $ = (id) => document.getElementById(id);
const store = createStore({ ...decodeUrl(location.search), selection: null, playing: false, speed: 3000,
                            status: "loading", error: null, record: null });
// A live class (issue 14): a teacher's page sends its position; a student's follows it (its session stays silent).
const classroom = createClassroom({ store, session: createSession(store, api) });
const session = classroom.session;

const select = (selection) => store.set({ selection });
// A new layout may leave edge values without room: the legend says how many, at the next frame.
const diagram = createDiagramView($("diagram"), { onSelect: select, onLayout: () => requestRender() });
const legend = createLegendView($("legend"));
const equation = createEquationView(document);
const inspector = createInspectorView($("inspector"), $("matrix-view"), { onEdit: (edit) => session.edit(edit) });
const timeline = createTimelineView($("timeline"), {
  onJump: (i) => session.goTo(store.get().step, i),
});

const datasets = []; // filled once /api/datasets answers; the builder reads it when opened

// The builder and the export dialog are loaded at their first use: the lesson does not need them to show
// its first phase, and they are a tenth of the page's own code. (One promise each: a double click builds one.)
let builderReady = null, exporterReady = null; // promises of the views
const builderView = () => (builderReady ??= import("./render/builder.js").then(({ createBuilderView }) =>
  createBuilderView($("builder"), {
    datasets,
    onApply: (spec) => loadSpec(spec), // nothing is lost on failure: the builder says what is wrong
  })));
const exportView = () => (exporterReady ??= import("./render/export-dialog.js").then(({ createExportDialog }) =>
  createExportDialog($("export"), { getState: () => store.get(), onLoad: loadSpec })));

/** A spec from the builder or a loaded file: build it; on failure keep the lesson as it was. */
async function loadSpec(spec) {
  const before = store.get();
  const kept = { preset: before.preset, customSpec: before.customSpec, edits: before.edits };
  store.set({ preset: null, customSpec: spec, edits: [], selection: null, example: 0 });
  await session.load({ customSpec: spec });
  if (store.get().status !== "error") return null;
  const problem = store.get().error;
  store.set({ ...kept, status: "ready", error: null });
  return problem;
}

let playTimer = null;
const actions = classroom.guard({
  next: () => session.next(),
  back: () => session.back(),
  home: () => session.goTo(0, 0),
  reset: () => { stopPlay(); return session.reset(); },
  loadPreset(name) {
    stopPlay();
    store.set({ preset: name, customSpec: null, edits: [], selection: null, example: 0 });
    return session.load({ preset: name });
  },
  openBuilder: async () => (await builderView()).open(store.get().network.spec),
  togglePlay: () => (store.get().playing ? stopPlay() : startPlay()),
  toggleTheme: () => store.set({ theme: store.get().theme === "dark" ? "light" : "dark" }),
  toggleProjector: () => store.set({ mode: store.get().mode === "projector" ? "normal" : "projector" }),
  fullscreen() {
    // Browsers allow fullscreen only from a user gesture: a key press or a click is one.
    if (document.fullscreenElement) document.exitFullscreen();
    else document.documentElement.requestFullscreen?.().catch(() => {});
  },
  help: () => $("help").showModal(),
  exportDialog: async () => (await exportView()).open(),
});

function startPlay() {
  store.set({ playing: true });
  const tick = async () => {
    if (!store.get().playing) return;
    await session.next();
    playTimer = setTimeout(tick, store.get().speed);
  };
  playTimer = setTimeout(tick, 400);
}

function stopPlay() {
  clearTimeout(playTimer);
  store.set({ playing: false });
}

bindControls(document, store, actions);

// ---- rendering: at most once per frame, whatever changed ----
let frame = 0;
let lastUrl = location.search;
function render() {
  frame = 0;
  const state = store.get();
  if (document.documentElement.dataset.theme !== state.theme) document.documentElement.dataset.theme = state.theme;
  document.body.classList.toggle("projector", state.mode === "projector");
  syncControls(document, state);
  const status = $("status");
  const said = state.status === "error" ? `Something went wrong: ${state.error}` : "Loading…";
  if (status.hidden !== (state.status === "ready")) status.hidden = state.status === "ready";
  if (status.textContent !== said) status.textContent = said;
  if (state.record) {
    const phase = state.phases[state.phaseIndex];
    const view = diagramView(state.record, phase, state);
    diagram.update({ sizes: state.network.spec.sizes, labels: state.network.labels, view,
                     selection: state.selection, showValues: state.showValues,
                     phaseId: `${state.step}:${state.phaseId}` });
    legend.update({ view, hiddenLabels: state.showValues ? diagram.hiddenLabels() : 0,
                    hiddenValues: state.showValues ? diagram.hiddenValues() : 0 });
    equation.update(state);
    inspector.update(state);
    timeline.update(state);
    document.title = `${phase.label} · step ${state.step + 1} — Backprop Explorer`;
  }
}
function requestRender() { if (!frame) frame = requestAnimationFrame(render); }
store.subscribe(requestRender);

// The URL follows the state at once (not at the next frame): a link copied any time is exact.
store.subscribe((state) => {
  const url = classroom.url(encodeUrl(state));
  if (url !== lastUrl) {
    lastUrl = url;
    history.replaceState(null, "", url || location.pathname);
  }
});

// ---- boot ----
const initial = store.get();
api.datasets().then((list) => datasets.push(...list)).catch(() => {});
if (classroom.role === "teacher") {   // a student's page draws the class's position: no network of its own
  const { preset, customSpec, step, phaseId } = initial;
  session.load({ preset, customSpec, step, phaseId });
}
classroom.start();

// For tests and curious students: the lesson's state in the console, and a promise of the next drawing (at
// once when nothing is waiting to be drawn; the frame asked for first is drawn first).
const drawn = () => new Promise((resolve) => (frame ? requestAnimationFrame(() => resolve()) : resolve()));
window.backprop = { store, session, drawn, classroom };
