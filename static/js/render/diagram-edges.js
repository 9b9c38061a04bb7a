// What the edges look like, drawn in batches: per layer, one <path> per look (sign and width class, or zero,
// or not known yet), holding every edge with that look as one subpath "M x1 y1 L x2 y2".
//
// Why: a phase change often gives hundreds of edges a new number (a 6 × 16 network has 1,280 edges, and
// every one changes on entering the backward pass or the update). One styled element per edge made the
// browser restyle, lay out and repaint each of them — several frames' worth of work. Here the looks are a
// fixed set (their colors never change: only which edges they hold), so a phase change rewrites the `d` of a
// few dozen paths, and the dimming and the flow animation are one class on the layer's group (stroke-opacity
// and the dash pattern are inherited). The per-edge <line>s of diagram-skeleton.js stay, unpainted: they are
// what is clicked, focused, hovered and read out.

import { svg } from "../svg.js";
import { color } from "../color.js";

export const WIDTH_STEPS = 12;   // edge widths come in 13 classes w0…w12 (diagram.css)
const EDGE_MIN = 1.5;            // px: a faint edge is still visible on a projector

/** The stroke width of width class `level` (what diagram.css computes from --edge-max). */
export function edgeWidth(level, layerMax) {
  return EDGE_MIN + ((layerMax - EDGE_MIN) * (level ?? 0)) / WIDTH_STEPS;
}
const EDGE_TINT = 0.45;          // color says the sign, so even tiny weights get a visible hue

/**
 * The look of an edge showing v on a scale clipped at max: "u" (not known yet), "0", or the sign and the
 * width class, "+7" / "-3". Width: sqrt(|v| / max) in WIDTH_STEPS classes.
 */
export function edgeLook(v, max) {
  if (v === null || v === undefined || !Number.isFinite(v)) return "u";
  if (v === 0) return "0";
  const m = max > 0 ? Math.min(1, Math.abs(v) / max) : 0;
  return `${v > 0 ? "+" : "-"}${Math.round(WIDTH_STEPS * Math.sqrt(m))}`;
}

/** The width class (0 … WIDTH_STEPS) of a look. */
export const lookLevel = (look) => (look.length > 1 ? Number(look.slice(1)) : 0);

/** Drawing order: not known yet, zero, then by width class (negative before positive at the same width). */
const lookRank = (look) => (look === "u" ? -2 : look === "0" ? -1 : 2 * lookLevel(look) + (look[0] === "+" ? 1 : 0));

/** A look's class and stroke color: the color of the middle of its width class (at least the tint). */
function lookAttrs(look) {
  if (look === "u") return { class: "edge-stroke w0 unknown" };
  if (look === "0") return { class: "edge-stroke w0 zero" };
  const level = lookLevel(look);
  const m = Math.max((level / WIDTH_STEPS) ** 2, EDGE_TINT);
  return { class: `edge-stroke w${level}`, stroke: color(look[0] === "-" ? -m : m, 1) };
}

/** The group the strokes of one layer's edges go in (the first child of its edges' group: drawn under them). */
export function createStrokes(parent) {
  // paths: look → { el, d, rank } (d as last written); selected: { el, d }, the selected edge's own path.
  return { g: svg("g", { class: "edge-strokes", "aria-hidden": "true" }, parent), paths: new Map(),
           selected: null };
}

/**
 * Redraw one layer's strokes from its edges' `look` and `seg` (the subpath, set by the layout). The selected
 * edge, if it is in this layer, is drawn on its own on top (it stays bright when its layer is dimmed).
 */
export function drawStrokes(strokes, edges, selectedEdge) {
  const byLook = new Map();
  for (const e of edges) {
    if (e === selectedEdge || !e.seg) continue;
    const list = byLook.get(e.look);
    if (list) list.push(e.seg);
    else byLook.set(e.look, [e.seg]);
  }
  for (const [look, path] of strokes.paths) if (!byLook.has(look)) setD(path, "");
  for (const [look, segs] of byLook) {
    let path = strokes.paths.get(look);
    if (!path) {
      path = { el: svg("path", lookAttrs(look)), d: "", rank: lookRank(look) };
      // Thin under thick: the biggest numbers stay on top where edges cross.
      const above = [...strokes.paths.values()].filter((p) => p.rank > path.rank)
        .sort((p, q) => p.rank - q.rank)[0];
      strokes.g.insertBefore(path.el, above?.el ?? strokes.selected?.el ?? null);
      strokes.paths.set(look, path);
    }
    setD(path, segs.join(""));
  }
  if (selectedEdge?.seg) {
    strokes.selected ??= { el: svg("path", {}, strokes.g), d: "" };
    const { el } = strokes.selected;
    const attrs = lookAttrs(selectedEdge.look);
    el.setAttribute("class", `${attrs.class} selected`);
    if (attrs.stroke) el.setAttribute("stroke", attrs.stroke);
    else el.removeAttribute("stroke");
    setD(strokes.selected, selectedEdge.seg);
    if (strokes.g.lastChild !== el) strokes.g.appendChild(el);   // last: on top of its layer's other edges
  } else if (strokes.selected) {
    setD(strokes.selected, "");
  }
}

/** Write a path's d only when it changed (no DOM read); an empty one draws nothing. */
function setD(path, d) {
  if (path.d === d) return;
  path.d = d;
  if (d) path.el.setAttribute("d", d);
  else path.el.removeAttribute("d");
}
