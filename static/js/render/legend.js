// The color legend under the diagram: what is colored right now, on which scale, clipped where.
// Built once; update() only sets text.

import { svg, setAttrs } from "../svg.js";
import { SCALE_STOPS } from "../color.js";
import { fmt } from "../format.js";
import { NEURON_QUANTITIES, EDGE_QUANTITIES } from "../view.js";

const EDGE_NAMES = { ...EDGE_QUANTITIES, w_new: "w (updated)" };
let instances = 0;

/** createLegendView(el) → { update({ view, hiddenLabels, hiddenValues }) }: view is diagramView()'s output;
 *  hiddenLabels and hiddenValues, how many edge values and neuron values the diagram had no room for. */
export function createLegendView(el) {
  const doc = el.ownerDocument;
  const gradientId = `legend-scale-${++instances}`;
  const h = (tag, cls, parent, text = "") => {
    const node = doc.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    parent.appendChild(node);
    return node;
  };

  const root = h("div", "legend-body", el);
  // The legend takes the lines it needs (a note wraps to a third line in projector mode at 1024 px): the pane
  // leaves the diagram the rest (--legend-h), and the diagram lays itself out again when its box changes.
  // The room only grows while the pane's width and the mode stay: a note that got shorter would give the diagram
  // more room, fewer values left out, a shorter note again… — a loop that never settles.
  let kept = { key: "", h: 0 };
  new ResizeObserver(() => {
    const pane = el.parentElement;
    if (!pane) return;
    const key = `${pane.clientWidth}|${pane.clientHeight}|${document.body.className}`;
    const h = Math.ceil(el.getBoundingClientRect().height);
    kept = key === kept.key ? { key, h: Math.max(kept.h, h) } : { key, h };
    pane.style.setProperty("--legend-h", `${kept.h}px`);
  }).observe(el);
  const rows = {};
  for (const kind of ["neurons", "edges"]) {
    const item = h("span", `legend-item legend-${kind}`, root);
    const what = h("span", "legend-what", item);
    const lo = h("span", "legend-end lo", item);
    const bar = svg("svg", { class: "legend-bar", viewBox: "0 0 96 12", preserveAspectRatio: "none",
                             "aria-hidden": "true" }, item);
    if (kind === "neurons") gradient(bar, gradientId);
    svg("rect", { x: 0.5, y: 0.5, width: 95, height: 11, rx: 2, fill: `url(#${gradientId})` }, bar);
    const hi = h("span", "legend-end hi", item);
    rows[kind] = { item, what, lo, hi };
  }
  h("span", "legend-width", rows.edges.item, "· width = |value|");
  const extra = h("span", "legend-item legend-unknown-item", root);
  const swatch = svg("svg", { class: "legend-swatch", viewBox: "0 0 14 14", "aria-hidden": "true" }, extra);
  svg("circle", { cx: 7, cy: 7, r: 5.5 }, swatch);
  h("span", "legend-unknown", extra, "not computed yet");
  const note = h("span", "legend-note", root);

  const cache = {};
  const setText = (node, key, text) => {
    if (cache[key] !== text) { cache[key] = text; node.textContent = text; }
  };

  return {
    update({ view, hiddenLabels = 0, hiddenValues = 0 }) {
      const nName = NEURON_QUANTITIES[view.neuronQuantity] ?? view.neuronQuantity;
      const eName = EDGE_NAMES[view.edgeQuantity] ?? view.edgeQuantity;
      setText(rows.neurons.what, "nw", `neurons: ${nName}`);
      setText(rows.neurons.lo, "nl", `−${fmt(view.neuronMax)}`);
      setText(rows.neurons.hi, "nh", `+${fmt(view.neuronMax)}`);
      setText(rows.edges.what, "ew", `edges: ${eName}`);
      setText(rows.edges.lo, "el", `−${fmt(view.edgeMax)}`);
      setText(rows.edges.hi, "eh", `+${fmt(view.edgeMax)}`);
      const noRoom = hiddenLabels ? `${hiddenLabels} edge ${hiddenLabels === 1 ? "value" : "values"} without room: hover or Tab to an edge`
        : "";
      const small = hiddenValues ? `${hiddenValues} neuron ${hiddenValues === 1 ? "value" : "values"} without room: `
        + "hover or Tab to a neuron" : "";
      setText(note, "note", [view.note, small, noRoom].filter(Boolean).join(" · "));
      // The same words for a screen reader, with the clip stated once per scale.
      setAttrs(rows.neurons.item, { title: `color of the neurons: ${nName}, scale ±${fmt(view.neuronMax)}` });
      setAttrs(rows.edges.item, { title: `color of the edges: ${eName}, scale ±${fmt(view.edgeMax)}; `
                                         + "line width = |value|" });
    },
  };
}

/** The scale as an SVG linear gradient: −max at the left, +max at the right. */
function gradient(parent, id) {
  const defs = svg("defs", {}, parent);
  const lg = svg("linearGradient", { id, x1: 0, x2: 1, y1: 0, y2: 0 }, defs);
  for (const [t, [r, g, b]] of SCALE_STOPS) {
    svg("stop", { offset: (t + 1) / 2, "stop-color": `rgb(${r}, ${g}, ${b})` }, lg);
  }
}
