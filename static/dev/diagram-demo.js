// Dev harness for render/diagram.js and render/legend.js: the sample steps, every phase, and a
// synthetic 6 × 16 network (and one with a 40-neuron layer) to check collapsing and speed.
// window.demo is for the browser checks (Playwright).

import { createDiagramView } from "../js/render/diagram.js";
import { createLegendView } from "../js/render/legend.js";
import { phases } from "../js/lesson.js";
import { stepRecord } from "../js/record.js";
import { diagramView } from "../js/view.js";

// Page chrome and theme variables, as the app's stylesheet would define them (no inline styles: CSP).
const sheet = new CSSStyleSheet();
sheet.replaceSync(`
  :root, [data-theme="light"] { --paper: #fbfbfd; --panel: #ffffff; --ink: #16181f; --muted: #4a4e63;
    --line: #d5d8e3; --accent: #b35806; --focus: #0b62d6; --neutral: #eceef4;
    --value-size: 15px; --label-size: 14px; --bias-size: 13px; }
  [data-theme="dark"] { --paper: #121319; --panel: #1b1d26; --ink: #eef0f6; --muted: #b4b8c9;
    --line: #383b4a; --accent: #f1a340; --focus: #7fb2ff; --neutral: #2a2d3a; }
  body.projector { --value-size: 26px; --label-size: 22px; --bias-size: 20px; }
  body { margin: 0; padding: 8px 12px; background: var(--paper); color: var(--ink);
    font: 14px/1.4 system-ui, sans-serif; }
  .bar { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
  .phases { display: flex; gap: 4px; flex-wrap: wrap; margin: 6px 0; }
  .phases button[aria-pressed="true"] { background: var(--accent); color: #fff; }
  .stage { width: 760px; border: 1px solid var(--line); }
  .box { width: 760px; height: 560px; }
  .legend-box { height: 44px; padding: 0 12px; border-top: 1px solid var(--line); }
  body.projector .box { height: 560px; }
  body.projector .legend-box { height: 52px; }
  .info { color: var(--muted); margin: 4px 0; }
`);
document.adoptedStyleSheets = [sheet];

const $ = (id) => document.getElementById(id);

// ---- data ----

async function sample(name) {
  const doc = await (await fetch(`/static/dev/${name}.json`)).json();
  return { sizes: doc.network.spec.sizes, labels: doc.network.labels, rec: stepRecord(doc.step, 0, null) };
}

/** A fake StepRecord with the shapes of a real one (seeded, so screenshots are stable). */
function synthetic(sizes, seed = 7) {
  let s = seed;
  const rand = () => { s = (s * 1664525 + 1013904223) % 4294967296; return s / 4294967296; };
  const gauss = (scale) => (rand() + rand() + rand() - 1.5) * scale;
  const L = sizes.length;
  const rec = { L, batch: { examples_shown: 1 }, a: {}, z: {}, delta: {}, W: {}, Wnew: {}, b: {}, bnew: {},
                nablaW: {}, nablaB: {} };
  rec.a[1] = [sizes[0] > 0 ? Array.from({ length: sizes[0] }, () => rand()) : []];
  for (let l = 2; l <= L; l++) {
    const n = sizes[l - 1], m = sizes[l - 2];
    rec.W[l] = Array.from({ length: n }, () => Array.from({ length: m }, () => gauss(1.2)));
    rec.b[l] = Array.from({ length: n }, () => gauss(0.5));
    rec.z[l] = [Array.from({ length: n }, () => gauss(3))];
    rec.a[l] = [rec.z[l][0].map((z) => 1 / (1 + Math.exp(-z)))];
    rec.delta[l] = [Array.from({ length: n }, () => gauss(0.08))];
    rec.nablaB[l] = rec.delta[l][0];
    rec.nablaW[l] = rec.delta[l][0].map((d) => rec.a[l - 1][0].map((a) => d * a));
    rec.Wnew[l] = rec.W[l].map((row, j) => row.map((w, k) => w - 0.5 * rec.nablaW[l][j][k]));
    rec.bnew[l] = rec.b[l].map((b, j) => b - 0.5 * rec.nablaB[l][j]);
  }
  return { sizes, labels: {}, rec };
}

const nets = {};
async function loadNet(name) {
  if (!nets[name]) {
    if (name === "mazur") nets[name] = await sample("mazur-2-2-2");
    else if (name === "xor") nets[name] = await sample("xor-2-2-1");
    else if (name === "synth6x16") nets[name] = synthetic([16, 16, 16, 16, 16, 16]);
    else nets[name] = synthetic([12, 40, 16, 4], 11);
  }
  return nets[name];
}

// ---- state and drawing ----

const state = { netName: "mazur", phase: 0, showValues: true, selection: null, step: 0 };
const diagram = createDiagramView($("diagram"), { onSelect: (sel) => { state.selection = sel; draw(); } });
const legend = createLegendView($("legend"));
let current = null;
let list = [];

function draw() {
  const { sizes, labels, rec } = current;
  const phase = list[state.phase];
  const view = diagramView(rec, phase, { neuronQty: "auto", edgeQty: "auto", example: 0 });
  const t0 = performance.now();
  diagram.update({ sizes, labels, view, selection: state.selection, showValues: state.showValues,
                   phaseId: `${state.step}:${phase.id}` });
  const dt = performance.now() - t0;
  legend.update({ view });
  for (const [i, b] of [...$("phases").children].entries()) b.setAttribute("aria-pressed", String(i === state.phase));
  $("info").textContent = `${phase.id} — ${phase.title} · update ${dt.toFixed(2)} ms`;
  return dt;
}

async function setNet(name) {
  state.netName = name;
  current = await loadNet(name);
  list = phases(current.rec.L);
  state.phase = Math.min(state.phase, list.length - 1);
  state.selection = null;
  $("phases").replaceChildren(...list.map((p, i) => {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = p.label;
    b.title = p.title;
    b.addEventListener("click", () => { state.phase = i; draw(); });
    return b;
  }));
  draw();
}

function setPhase(i) {
  state.phase = Math.max(0, Math.min(list.length - 1, i));
  return draw();
}

/**
 * Time update() over n phase changes (walking the phases in order, across steps) on the current network:
 * { n, p50, p95, max } in ms. perFrame: one change per animation frame, as the app renders; otherwise
 * back to back in one task.
 */
async function measure(n = 50, perFrame = true) {
  const times = [];
  for (let i = 0; i < n; i++) {
    if (perFrame) await new Promise((resolve) => requestAnimationFrame(resolve));
    state.phase = (state.phase + 1) % list.length;
    if (state.phase === 0) state.step += 1;
    times.push(draw());
  }
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  return { n, p50: q(0.5), p95: q(0.95), max: times[times.length - 1] };
}

$("net").addEventListener("change", (e) => setNet(e.target.value));
$("prev").addEventListener("click", () => setPhase(state.phase - 1));
$("next").addEventListener("click", () => setPhase(state.phase + 1));
$("values").addEventListener("change", (e) => { state.showValues = e.target.checked; draw(); });
$("theme").addEventListener("click", () => {
  const html = document.documentElement;
  html.dataset.theme = html.dataset.theme === "dark" ? "light" : "dark";
  draw();
});
$("projector").addEventListener("click", () => { document.body.classList.toggle("projector"); draw(); });
$("perf").addEventListener("click", async () => {
  const keep = state.netName;
  await setNet("synth6x16");
  $("net").value = "synth6x16";
  await measure(21);   // warm-up: one full step
  const r = await measure(50);
  $("perf-out").textContent = `6×16, 50 phase changes: update() p50 ${r.p50.toFixed(2)} ms · `
    + `p95 ${r.p95.toFixed(2)} ms · max ${r.max.toFixed(2)} ms`;
  if (keep !== "synth6x16") { await setNet(keep); $("net").value = keep; }
});

window.demo = {
  setNet: async (name) => { $("net").value = name; await setNet(name); },
  setPhase,
  phaseIds: () => list.map((p) => p.id),
  setValues: (on) => { state.showValues = on; $("values").checked = on; draw(); },
  select: (sel) => { state.selection = sel; draw(); },
  measure,
  ready: setNet("mazur"),
};
