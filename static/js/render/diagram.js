// The network diagram: neurons in columns by layer (input left), edges between them.
// Draws exactly what view.js's diagramView() says; holds no lesson state, fetches nothing.
//
// The SVG skeleton is built once per network shape (sizes, labels, expanded layers: diagram-skeleton.js).
// A resize moves things (attributes only: diagram-layout.js); update() sets colors, text and classes, and
// only what changed (here, with the events). The edges are drawn in batches, a few paths per layer
// (diagram-edges.js), so that a phase change costs about the same with 1,280 edges as with 8.

import { svg, setAttrs } from "../svg.js";
import { color, inkOn, mix } from "../color.js";
import { fmt, fmtFull } from "../format.js";
import { layerQuantity } from "../view.js";
import { drawStrokes, edgeLook, edgeWidth, lookLevel } from "./diagram-edges.js";
import { COLLAPSE_OVER, buildSkeleton, findEdge, put, setText } from "./diagram-skeleton.js";
import { createProbes, layoutDiagram, r1 } from "./diagram-layout.js";
import { applyEdgeLabels, edgeValueClass, peek, placeEdgeValues } from "./diagram-labels.js";
import { createIdleAria, edgeAria, edgeSymbol } from "./diagram-aria.js";

const SYNC_ARIA_UP_TO = 300;     // more edges: their aria-labels are refreshed in idle time
// A neuron outside the micro-step steps back by its fill (this share of its color over the paper) and its outline,
// never by fading its number: that stays at full contrast, in the ink that reads best on the fill shown.
const DIM_SHARE = 0.35;

const QTY_SYMBOL = { a: "a", z: "z", delta: "δ", x: "x" };

/**
 * createDiagramView(container, { onSelect }) → { update(state) }
 *
 * container: a block element; the SVG fills it (its viewBox follows the container's pixel size, so
 *   font sizes inside are CSS pixels).
 * state = {
 *   sizes: [n_1 … n_L],            the skeleton is rebuilt only when sizes or labels change
 *   labels: { neurons: {l: [name]}, weights: {l: [[name]]}, biases: {l: [name]} }   (any part may be missing)
 *   view,                          diagramView()'s output (view.js): what every neuron and edge shows
 *   selection,                     null | {kind: "neuron", l, j} | {kind: "edge", l, j, k}
 *   showValues,                    false hides every number (the picture stays)
 *   phaseId,                       a new id restarts the flow animation along the active edges
 * }
 * onSelect({kind: "neuron", l, j} | {kind: "edge", l, j, k}): on click, or Enter/Space on a focused one.
 * j and k are 0-based neuron indices; an edge's l is the layer it goes into (w^l_jk).
 * Which big layers are expanded ("⋮") is kept here: it is presentation, not lesson state.
 */
export function createDiagramView(container, { onSelect = () => {}, onLayout = () => {} } = {}) {
  const root = svg("svg", { class: "diagram-svg", width: "100%", height: "100%",
                            role: "group", "aria-label": "Network diagram" }, container);
  const probes = createProbes(root);
  const halos = svg("g", { class: "halos", "aria-hidden": "true" }, root);
  const selectHalo = svg("line", { class: "edge-halo select-halo hidden" }, halos);
  const focusHalo = svg("line", { class: "edge-halo focus-halo hidden" }, halos);
  let body = svg("g", { class: "body" }, root);

  const expanded = new Set();     // presentational: which big layers show all their neurons
  let net = null;                 // the skeleton: { L, layers, neurons, edges } (diagram-skeleton.js)
  let shapeKey = "";
  let lastSizes = null, lastLabels = null;
  let last = null;                // the last state, to redraw after an expand/collapse or a resize
  let box = { w: 0, h: 0 };
  let laidOut = false;            // the skeleton has been laid out (the container had a size)
  let themeKey = "";
  let paper = "#fbfbfd";           // the page's paper color (--paper), read again when the theme changes
  let tick = 0, lastPhaseId = null;
  // Big networks: the edges' aria-labels follow in idle time (diagram-aria.js).
  const aria = createIdleAria(() => (net && last ? { net, view: last.view } : null));

  // ---- building and layout: once per shape, and on resize ----

  function build(state) {
    root.removeChild(body);
    body = svg("g", { class: "body" }, root);
    net = buildSkeleton(body, state.sizes, state.labels || {}, expanded);
    laidOut = false;
    layout();
  }

  function layout() {
    if (!net || !box.w || !box.h) return;
    layoutDiagram(root, probes, net, box);
    net.hiddenLabels = placeEdgeValues(net, net.fonts);   // before the first phase: the widest texts they may show
    laidOut = true;
    drawAllStrokes();
    placeHalos();
    // With the texts shown now (none before the first paint): which edge values have room, and where.
    if (net.edges.some((e) => e.label)) applyEdgeLabels(net);
    onLayout();
  }

  function selectedEdge() {
    const sel = last?.selection;
    return sel?.kind === "edge" ? findEdge(net, sel.l, sel.j, sel.k) : null;
  }

  function drawAllStrokes() {
    const sel = selectedEdge();
    for (const layer of net.layers) if (layer.strokes) drawStrokes(layer.strokes, layer.edges, sel);
  }

  function placeHalos() {
    placeHalo(selectHalo, "edge-halo select-halo", selectedEdge());
    const focused = container.ownerDocument.activeElement;
    const fe = focused?.classList?.contains("edge") && focused.matches(":focus-visible") ? edgeOf(focused) : null;
    placeHalo(focusHalo, "edge-halo focus-halo", fe);
  }

  function placeHalo(halo, base, e) {
    if (!e) { setAttrs(halo, { class: `${base} hidden` }); return; }
    const width = edgeWidth(lookLevel(e.look), net.layers[e.l - 1].edgeMax);
    setAttrs(halo, { class: base, x1: r1(e.x1), y1: r1(e.y1),
                     x2: r1(e.x2), y2: r1(e.y2), "stroke-width": r1(width + 9) });
  }

  // ---- painting: every update ----

  function paint(state) {
    const { view, showValues } = state;
    if (state.phaseId !== lastPhaseId) {
      // A new micro-step: the active layer's strokes swap their keyframes' name (class t0 ↔ t1), which
      // restarts the flow animation without a forced reflow, and without restyling what is not moving.
      if (lastPhaseId !== null) tick ^= 1;
      lastPhaseId = state.phaseId;
    }
    const dense = net.edges.length > 200 ? " dense" : "";
    setAttrs(root, { class: `diagram-svg${dense}${showValues ? "" : " hide-values"}` });

    const activeLayers = new Set(view.activeLayers || []);
    const activeEdges = new Set(view.activeEdges || []);
    const flow = view.direction === "forward" ? ` flow-forward t${tick}`
      : view.direction === "backward" ? ` flow-backward t${tick}` : "";
    const sel = state.selection;
    const nMax = view.neuronMax, eMax = view.edgeMax;

    // The hot loops compare against what they last wrote (kept in JS, no DOM reads), and redo the
    // strings of a neuron or an edge only when its number changed. (setAttrs, which reads each attribute
    // back, is for the root and the rare layout pass.)
    let labelsChanged = false;   // a text the edge values must avoid, or an edge value, changed: place them again
    for (const nu of net.neurons) {
      const { l, j, cache } = nu;
      const v = view.neurons?.[l]?.[j] ?? null;
      const known = v !== null && Number.isFinite(v);
      const selected = sel?.kind === "neuron" && sel.l === l && sel.j === j;
      put(nu.el, cache, "class",
          `neuron${activeLayers.has(l) ? " active" : " dim"}${known ? "" : " unknown"}${selected ? " selected" : ""}`);

      const dim = !activeLayers.has(l) && !selected;
      const qty = layerQuantity(view, l);
      const lMax = view.layerMax?.[l] ?? nMax;   // optional per-layer clip (e.g. the inputs in a δ phase)
      const bias = l > 1 ? view.biases?.[l] : null;
      const bv = bias ? bias.values?.[j] ?? null : null;
      const bLabel = bias ? bias.label : null;
      if (cache.v === v && cache.nMax === lMax && cache.qty === qty && cache.bv === bv && cache.bLabel === bLabel
          && cache.dim === dim && cache.paper === paper) continue;
      cache.v = v; cache.nMax = lMax; cache.qty = qty; cache.bv = bv; cache.bLabel = bLabel; cache.dim = dim;
      cache.paper = paper;

      const text = known ? fmt(v) : "";
      setText(nu, "value", text);
      if (known) {
        const fill = dim ? mix(color(v, lMax), paper, DIM_SHARE) : color(v, lMax);
        put(nu.circle, cache, "fill", fill);
        put(nu.value, cache, "vfill", inkOn(fill), "fill");
        put(nu.value, cache, "vclass", text.length > 7 ? "neuron-value long" : "neuron-value", "class");
        fitBeside(nu.value, net.layers[l - 1].besideRoom);
      }
      const bName = bias ? biasName(bLabel, nu.biasName) : null;
      const biasText = bias && bv !== null ? `${bName} = ${fmt(bv)}` : "";
      if (biasText !== nu.bias.textContent) labelsChanged = true;   // the edge values make room for it
      setText(nu, "biasHead", biasText ? `${bName} = ` : "");
      setText(nu, "biasNum", biasText ? fmt(bv) : "");
      const sym = QTY_SYMBOL[qty] ?? qty;
      // The name starts with what the neuron shows (label in name), then says what it is.
      put(nu.el, cache, "aria-label", [nu.name, text, biasText].filter(Boolean).join(", ")
        + ` (${known ? sym : `${sym} not computed yet`}; layer ${l}, neuron ${j + 1})`);
      setText(nu, "title", `${nu.name} — layer ${l}, neuron ${j + 1}\n`
        + `${sym} = ${known ? fmtFull(v) : "not computed yet"}`
        + (bias && bv !== null ? `\n${bName} = ${fmtFull(bv)}` : ""));
    }

    const eQty = view.edgeQuantity;
    const eSym = edgeSymbol(view);
    const syncAria = net.edges.length <= SYNC_ARIA_UP_TO;
    const selEdge = sel?.kind === "edge" ? findEdge(net, sel.l, sel.j, sel.k) : null;
    for (const layer of net.layers) {
      if (layer.l === 1) continue;
      const active = activeEdges.has(layer.l);
      // Dimming and the flow animation: one class on the layer's strokes (diagram.css), not one per edge.
      put(layer.strokes.g, layer.cache, "strokes", `edge-strokes${active ? ` active${flow}` : " dim"}`, "class");
      const textClass = `edge-value${active ? " active" : " dim"}`;
      const rows = view.edges?.[layer.l];
      let redraw = layer.cache.selEdge !== (selEdge?.l === layer.l ? selEdge : null);
      if (redraw && layer.edges[0]?.text) labelsChanged = true;   // the selected edge's value is placed first
      layer.cache.selEdge = selEdge?.l === layer.l ? selEdge : null;
      for (const e of layer.edges) {
        const { j, k, cache } = e;
        if (e.text) {
          put(e.text, cache, "tclass", edgeValueClass(net, e, textClass, e === selEdge), "class");
        }
        const v = rows?.[j]?.[k] ?? null;
        if (cache.v === v && cache.eMax === eMax && cache.eQty === eQty) continue;
        cache.v = v; cache.eMax = eMax; cache.eQty = eQty;
        const look = edgeLook(v, eMax);
        if (look !== e.look) { e.look = look; redraw = true; }

        const known = look !== "u";
        if (syncAria) edgeAria(e, v, eSym);
        if (e.text) {
          e.label = known ? { name: e.name && (eQty === "grad" ? `∂C/∂${e.name}` : e.name), short: e.name, number: fmt(v) }
            : { name: "", short: "", number: "" };
          labelsChanged = true;
        }
      }
      if (redraw) drawStrokes(layer.strokes, layer.edges, layer.cache.selEdge);
    }
    net.first = selEdge;
    if (labelsChanged && laidOut && applyEdgeLabels(net)) onLayout();   // (laid out: the fonts are measured)
    if (!syncAria) aria.schedule();
    placeHalos();
  }

  // ---- events ----

  function edgeOf(el) {
    return findEdge(net, Number(el.dataset.l), Number(el.dataset.j), Number(el.dataset.k));
  }

  /** Edges share one <title>, written when an edge is hovered or focused: full precision on demand. */
  const tip = svg("title", {});
  function edgeTip(target) {
    if (!target.classList?.contains("edge")) { peek(net, null); return; }
    const e = edgeOf(target);
    if (!e || !last) return;
    peek(net, e);   // a value left out for want of room shows while its edge is hovered or focused
    const v = last.view.edges?.[e.l]?.[e.j]?.[e.k] ?? null;
    const sym = edgeSymbol(last.view);
    tip.textContent = `${e.name ?? e.defaultName}: from ${e.src.name} to ${e.dst.name}\n`
      + `${sym} = ${v === null ? "not computed yet" : fmtFull(v)}`;
    if (tip.parentNode !== target) target.appendChild(tip);
  }

  function activate(target) {
    const toggle = target.closest?.(".ellipsis");
    if (toggle) {
      const l = Number(toggle.dataset.layer);
      if (expanded.has(l)) expanded.delete(l); else expanded.add(l);
      if (last) render(last, true);
      const again = root.querySelector(`.ellipsis[data-layer="${l}"]`);
      if (again) again.focus();
      return true;
    }
    const neuron = target.closest?.(".neuron");
    if (neuron) {
      onSelect({ kind: "neuron", l: Number(neuron.dataset.l), j: Number(neuron.dataset.j) });
      return true;
    }
    const edge = target.closest?.(".edge");
    if (edge) {
      const { l, j, k } = edge.dataset;
      onSelect({ kind: "edge", l: Number(l), j: Number(j), k: Number(k) });
      return true;
    }
    return false;
  }

  root.addEventListener("click", (ev) => { activate(ev.target); });
  root.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    if (activate(ev.target)) {
      ev.preventDefault();       // no page scroll on Space
      ev.stopPropagation();      // and not the lesson's "next" key either: Space here means "select"
    }
  });
  root.addEventListener("focusin", (ev) => {
    if (!net) return;
    if (ev.target.classList?.contains("edge")) aria.refresh(edgeOf(ev.target));
    placeHalos();
    edgeTip(ev.target);
  });
  root.addEventListener("pointerover", (ev) => { if (net) edgeTip(ev.target); });
  root.addEventListener("focusout", () => { if (net) { peek(net, null); requestAnimationFrame(() => net && placeHalos()); } });
  root.addEventListener("pointerleave", () => net && peek(net, null));

  const observer = new ResizeObserver((entries) => {
    const rect = entries[entries.length - 1].contentRect;
    const w = Math.round(rect.width), h = Math.round(rect.height);
    if (w === box.w && h === box.h) return;
    box = { w, h };
    layout();
  });
  observer.observe(container);

  // ---- update ----

  function render(state, force = false) {
    last = state;
    if (force || state.sizes !== lastSizes || state.labels !== lastLabels || !net) {
      lastSizes = state.sizes;
      lastLabels = state.labels;
      for (const l of [...expanded]) if (!(state.sizes[l - 1] > COLLAPSE_OVER)) expanded.delete(l);
      const key = JSON.stringify([state.sizes, state.labels ?? {}, [...expanded].sort()]);
      if (key !== shapeKey || !net) {
        shapeKey = key;
        build(state);
      }
    }
    // Projector mode or a theme change swaps the font-size variables: measure again.
    const doc = container.ownerDocument;
    // (The theme is the root's data-theme: a new paper color for the dimmed fills.)
    const tk = `${doc.documentElement.className}|${doc.documentElement.dataset.theme ?? ""}|${doc.body?.className ?? ""}`;
    if (tk !== themeKey) {
      themeKey = tk;
      paper = getComputedStyle(container).getPropertyValue("--paper").trim() || paper;
      if (laidOut) layout();
    }
    paint(state);
  }

  return {
    update: (state) => render(state),
    /** How many edge labels the layout left out for want of room (they show on hover and focus). */
    hiddenLabels: () => net?.hiddenLabels ?? 0,
    /** How many neurons' numbers the layout left out (too small to read): shown on hover, focus, the inspector. */
    hiddenValues: () => net?.hiddenValues ?? 0,
  };
}

// ---- helpers ----

/** "b" / "∂C/∂b" with the preset's own bias name, if it has one: "b1 = 0.35", "∂C/∂b1 = 0.1385". */
function biasName(label, name) {
  return name ? label.replace(/b$/, name) : label;
}

/** A number beside its neuron wider than the room left of it (a long one such as 0.0001298, at projector mode's
 *  floor size) is narrowed to fit rather than cut off at the picture's edge: at most to 70% of its width, which
 *  stays readable; wider still, it is left as it is (the layout's template number is the usual width). */
function fitBeside(text, room) {
  text.removeAttribute("textLength");
  if (!room || text.textContent.length <= 7) return;
  const width = text.getComputedTextLength();
  if (width <= room) return;
  text.setAttribute("lengthAdjust", "spacingAndGlyphs");
  text.setAttribute("textLength", String(Math.max(room, 0.7 * width)));
}
