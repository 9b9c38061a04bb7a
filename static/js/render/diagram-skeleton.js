// The network diagram's skeleton: the SVG elements of every drawn neuron, edge, edge value, "⋮" and caption,
// built once per network shape, with the two ways to write to them (through their caches) and to find an edge.
// Nothing here is positioned or colored: diagram-layout.js places the elements, diagram.js paints them.

import { svg } from "../svg.js";
import { sup } from "../lesson.js";
import { createStrokes } from "./diagram-edges.js";

export const COLLAPSE_OVER = 16; // layers with more neurons show the first and last KEEP, and "⋮"
const KEEP = 7;
export const EDGE_MAX = 9;       // px: the widest edge; layout narrows it for dense layers
const EDGE_LABELS_UP_TO = 30;    // write values on edges only for small networks

const SUB = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n) => String(n).split("").map((d) => SUB[d]).join("");

/**
 * buildSkeleton(body, sizes, labels, expanded) → net = { L, layers, neurons, edges }
 *
 * body: the (empty) <g> to build into. sizes, labels: as in createDiagramView's state (labels may be {}).
 * expanded: the numbers of the big layers that show all their neurons.
 * Each layer, neuron and edge keeps its elements and a `cache` of what was last written to them, so the
 * painting and layout passes can skip unchanged writes (see setText and put). Positions start at 0:
 * diagram-layout.js sets them (and each edge's `seg`, its subpath). An edge's `look` is how it is drawn
 * (diagram-edges.js: drawn in batches per layer, in layer.strokes).
 * layer.gap is the slot of the "⋮" in a collapsed layer (null when every neuron is drawn).
 */
export function buildSkeleton(body, sizes, labels, expanded) {
  const L = sizes.length;
  const layers = [];
  const neurons = [];   // flat, drawn only
  const edges = [];
  for (let l = 1; l <= L; l++) {
    const n = sizes[l - 1];
    const big = n > COLLAPSE_OVER;
    const open = big && expanded.has(l);
    const drawn = big && !open ? [...range(0, KEEP), ...range(n - KEEP, n)] : range(0, n);
    const g = svg("g", { class: "layer", "data-layer": l }, body);
    const layer = { l, n, big, open, drawn, g, slots: big && !open ? drawn.length + 1 : n,
                    gap: big && !open ? KEEP : null, edgeMax: EDGE_MAX, cache: {},
                    neurons: [], byJ: new Map(), edges: [] };
    layers.push(layer);

    // Edges into layer l come first, so tabbing reads i1, i2, w1…w4, h1, h2, w5…, o1, o2.
    if (l > 1) {
      const prev = layers[l - 2];
      const eg = svg("g", { class: "edges" }, g);
      layer.strokes = createStrokes(eg);   // what the edges look like (diagram-edges.js), under their lines
      for (const j of drawn) {
        for (const k of prev.drawn) {
          // The edge's own line is unpainted and wide (diagram.css): what is clicked, focused and read out.
          const line = svg("line", { class: "edge", "data-l": l, "data-j": j, "data-k": k, tabindex: 0,
                                     role: "button" }, eg);
          const name = labels.weights?.[l]?.[j]?.[k] ?? null;
          const e = { l, j, k, line, text: null, name, look: "u", seg: "",
                      defaultName: `w${sup(l)}${j > 8 || k > 8 ? `${sub(j + 1)},${sub(k + 1)}` : sub(j + 1) + sub(k + 1)}`,
                      src: prev.byJ.get(k), dst: null, cache: {} };
          edges.push(e);
          layer.edges.push(e);
        }
      }
    }

    const ng = svg("g", { class: "neurons" }, g);
    for (const j of drawn) {
      const el = svg("g", { class: "neuron", "data-l": l, "data-j": j, tabindex: 0, role: "button" }, ng);
      const title = svg("title", {}, el);
      const focusRing = svg("circle", { class: "focus-ring" }, el);
      const ring = svg("circle", { class: "ring" }, el);
      const circle = svg("circle", { class: "body" }, el);
      // In reading order, a space between (not painted in SVG): assistive tools read "h1 0.008771 ∂C/∂b1 = …",
      // which the neuron's name starts with (WCAG 2.5.3, label in name).
      const label = svg("text", { class: "neuron-label" }, el);
      el.append(" ");
      const value = svg("text", { class: "neuron-value" }, el);
      el.append(" ");
      // The bias as "∂C/∂b1 = " and "0.01873": one line, or two (name over number) where one line has no room.
      const bias = svg("text", { class: "bias-value" }, el);
      const biasHead = svg("tspan", {}, bias);
      const biasNum = svg("tspan", {}, bias);
      const name = labels.neurons?.[l]?.[j] ?? (l === 1 ? `x${sub(j + 1)}` : `a${sup(l)}${sub(j + 1)}`);
      label.textContent = name;
      const biasName = labels.biases?.[l]?.[j] ?? null;
      const nu = { l, j, el, title, focusRing, ring, circle, value, label, bias, biasHead, biasNum, name, biasName,
                   cx: 0, cy: 0, r: 0, cache: {} };
      layer.neurons.push(nu);
      layer.byJ.set(j, nu);
      neurons.push(nu);
    }
    for (const e of layer.edges) e.dst = layer.byJ.get(e.j);

    if (big) buildToggle(layer, g);
    layer.caption = svg("text", { class: "layer-caption", "aria-hidden": "true" }, g);
    layer.captions = {
      long: `${l === 1 ? "input · " : l === L && L > 1 ? "output · " : ""}l = ${l}` + (big ? ` · ${n} neurons` : ""),
      short: `l = ${l}` + (big ? ` · ${n}` : ""),
    };
  }

  // Edge values go on top of everything (with a halo), for small networks only.
  if (edges.length <= EDGE_LABELS_UP_TO) {
    const og = svg("g", { class: "edge-values", "aria-hidden": "true" }, body);
    for (const e of edges) {
      e.text = svg("text", { class: "edge-value", "data-l": e.l, "data-j": e.j, "data-k": e.k }, og);
      if (e.name) {
        e.nameSpan = svg("tspan", { class: "edge-name" }, e.text);
        e.text.appendChild(body.ownerDocument.createTextNode(" "));   // textContent reads "w5 0.4"
      }
      e.numSpan = svg("tspan", { class: "edge-number" }, e.text);
    }
  }
  return { L, layers, neurons, edges };
}

/** The "⋮" button of a big layer (collapsed) or its "▴ fewer" (expanded). */
function buildToggle(layer, g) {
  const { l, n, open } = layer;
  layer.toggle = svg("g", { class: "ellipsis", tabindex: 0, role: "button", "data-layer": l,
                            "aria-label": open ? `show fewer neurons of layer ${l}`
                              : `show all ${n} neurons of layer ${l}` }, g);
  svg("title", {}, layer.toggle).textContent = open ? `Show ${2 * KEEP} of the ${n} neurons again`
    : `${n - 2 * KEEP} more neurons: show all ${n}`;
  layer.toggleHit = svg("rect", { class: "ellipsis-hit", rx: 6 }, layer.toggle);
  layer.toggleText = svg("text", { class: "ellipsis-text" }, layer.toggle);
  layer.toggleText.textContent = open ? "▴ fewer" : "⋮";
  if (!open) {
    layer.toggleCount = svg("text", { class: "ellipsis-count" }, layer.toggle);
    layer.toggleCount.textContent = `+${n - 2 * KEEP}`;
  }
}

/** The drawn edge w^l_jk, or null (it may be hidden in a collapsed layer). */
export function findEdge(net, l, j, k) {
  const layer = net?.layers[l - 1];
  return layer ? layer.edges.find((e) => e.j === j && e.k === k) ?? null : null;
}

/** Set the text of obj[key] (an element) through one persistent text node: cheaper than textContent. */
export function setText(obj, key, text) {
  if (obj.cache[key] === text) return;
  obj.cache[key] = text;
  const el = obj[key];
  if (el.firstChild) el.firstChild.data = text;
  else el.appendChild(el.ownerDocument.createTextNode(text));
}

/** Set an attribute if it differs from what was last written (cache[key]): no DOM read in the hot loops. */
export function put(el, cache, key, value, name = key) {
  if (cache[key] === value) return;
  cache[key] = value;
  el.setAttribute(name, value);
}

function range(a, b) {
  const out = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}
