// The network diagram's layout: where every element of the skeleton (diagram-skeleton.js) goes for a given box
// size and the page's fonts. Positions and sizes only: attributes, font-size variables and the layout classes
// (compact, beside, no-number…). Run on build, on resize and when the fonts change; never on a phase step.

import { svg, setAttrs } from "../svg.js";
import { EDGE_MAX, setText } from "./diagram-skeleton.js";

export const NUMBER_TEMPLATE = "−0.00000";  // the widest 4-digit number a neuron shows, e.g. "−0.008771"
const VALUE_EM = 4.3;            // width of "−0.00000" in em, typical; measured at layout time

/** Hidden texts at the value, label and bias sizes, which CSS sets per theme and projector mode. */
export function createProbes(root) {
  const probes = {
    value: svg("text", { class: "probe probe-value", x: -999, y: -999, "aria-hidden": "true" }, root),
    label: svg("text", { class: "probe probe-label", x: -999, y: -999, "aria-hidden": "true" }, root),
    bias: svg("text", { class: "probe probe-bias", x: -999, y: -999, "aria-hidden": "true" }, root),
  };
  for (const p of Object.values(probes)) p.textContent = "0";
  return probes;
}

/**
 * layoutDiagram(root, probes, net, box): position everything in net (from buildSkeleton) to fill a
 * box = { w, h } in CSS pixels; root's viewBox follows the box. Sets each neuron's cx, cy, r, each edge's
 * x1, y1, x2, y2 (the halos are drawn from them) and seg, and each layer's edgeMax, besides the elements'
 * attributes. The caller redraws the edges' strokes from the new segs.
 */
export function layoutDiagram(root, probes, net, box) {
  const f = measureFonts(probes);
  const { w: W, h: H } = box;
  setAttrs(root, { viewBox: `0 0 ${W} ${H}` });
  const geo = columns(net, W, H, f);
  // Captions stay inside the picture even over the first and last columns, and short when crowded.
  const roomy = net.layers.every((x) => f.width(x.captions.long, f.bias) < (net.L > 1 ? geo.colGap - 12 : W));
  for (const layer of net.layers) layoutLayer(layer, net, geo, f, roomy);

  for (const e of net.edges) {
    const { src, dst } = e;
    const dx = dst.cx - src.cx, dy = dst.cy - src.cy;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len, uy = dy / len;
    // Lines stop at the circles' rims, so no edge ever crosses a neuron.
    e.x1 = src.cx + ux * src.r; e.y1 = src.cy + uy * src.r;
    e.x2 = dst.cx - ux * dst.r; e.y2 = dst.cy - uy * dst.r;
    const pos = { x1: r1(e.x1), y1: r1(e.y1), x2: r1(e.x2), y2: r1(e.y2) };
    setAttrs(e.line, pos);
    e.seg = `M${pos.x1} ${pos.y1}L${pos.x2} ${pos.y2}`;   // its subpath in the layer's strokes (diagram-edges.js)
  }
  net.fonts = f;
  net.hiddenValues = net.layers.reduce((n, x) => n + (x.noNumber ? x.neurons.length : 0), 0);
}

/** The page's font sizes, and a text-width estimate scaled to how wide its font sets numbers. */
function measureFonts(probes) {
  const px = (el, fallback) => parseFloat(getComputedStyle(el).fontSize) || fallback;
  const out = { value: px(probes.value, 15), label: px(probes.label, 14), bias: px(probes.bias, 13) };
  // Projector mode's floor (0 otherwise): no text is drawn smaller; what does not fit at it is left out.
  out.min = parseFloat(getComputedStyle(probes.value).getPropertyValue("--min-text")) || 0;
  // How wide the page's font sets a number such as "−0.0381" (system fonts differ by 15%).
  probes.value.textContent = NUMBER_TEMPLATE;
  let em = 0;
  try { em = probes.value.getComputedTextLength() / out.value; } catch { em = 0; }
  out.numberEm = em > 1 && em < 8 ? em : VALUE_EM;
  const widthScale = out.numberEm / VALUE_EM;
  out.width = (text, size) => estWidth(text, size) * widthScale;
  // The exact width of a text at the bias size (edge labels and biases), measured once per text and layout.
  const measured = new Map();
  out.measure = (text) => {
    if (!measured.has(text)) {
      probes.bias.textContent = text;
      let w = 0;
      try { w = probes.bias.getComputedTextLength(); } catch { w = 0; }
      measured.set(text, w > 0 ? w : out.width(text, out.bias));
    }
    return measured.get(text);
  };
  return out;
}

/**
 * The column geometry shared by all layers: where the columns are (marginL, colGap), the neuron radius r,
 * the vertical slot per neuron, and whether the layout is compact (labels beside the neurons, not above).
 */
function columns(net, W, H, f) {
  const { L, layers } = net;
  const anyOpen = layers.some((x) => x.open);
  const top = f.bias + 16;                                // the layer captions
  const bottom = 8 + (anyOpen ? f.label + 14 : 0);        // the "fewer" button of an expanded layer
  const availH = Math.max(40, H - top - bottom);
  const rText = Math.ceil((f.numberEm * f.value) / 2 + 6);  // a 4-digit number fits inside at --value-size
  const maxSlots = Math.max(1, ...layers.filter((x) => !x.open).map((x) => x.slots));

  // Bias text sits centered under a neuron (spacious); in compact layouts the label, and the number
  // when it no longer fits inside, go left of the neuron: leave room at the sides for them.
  // (In projector mode a bias may take two lines, name over number: the margins need only their width.)
  const biasWidth = (x) => (f.min ? Math.max(f.width(biasTemplate(x, false), f.bias), f.width(NUMBER_TEMPLATE, f.bias))
    : f.width(biasTemplate(x), f.bias));
  const biasW = Math.max(...layers.slice(1).map(biasWidth), 0);
  const labelW = Math.max(...layers[0].neurons.map((nu) => f.width(nu.label.textContent, f.label)), 0);
  const labelWidest = Math.max(...net.neurons.map((nu) => f.width(nu.label.textContent, f.label)), 0);
  const numberW = f.width(NUMBER_TEMPLATE, f.bias);
  const spacingCap = 2 * rText + f.label + f.bias + 180;  // small networks: don't spread to the edges
  const slot = Math.min(availH / maxSlots, spacingCap);
  const spaciousR = (slot - f.label - f.bias - 20) / 2;
  const compact = spaciousR < Math.max(14, 0.7 * rText);
  // The margins depend on r and r on the column gap: a second pass settles them.
  let marginL, marginR, colGap, r;
  // The input layer's numbers go left of it only when they do not fit inside (layoutLayer's rule, at the floor).
  const fitsInside = (radius) => !layers[0].open && (2 * radius - 8) / f.numberEm >= Math.max(9, f.min);
  for (let pass = 0; pass < 2; pass++) {
    const rGuess = pass === 0 ? Math.min(rText, compact ? slot * 0.42 : spaciousR) : r;
    const besideW = fitsInside(rGuess) ? labelW : Math.max(labelW, numberW);
    marginL = compact ? rGuess + besideW + 14 : Math.max(rGuess, labelW / 2) + 10;
    marginR = compact ? rGuess + 10 : Math.max(rGuess, biasW / 2) + 10;
    if (L === 1) marginL = marginR = W / 2;
    colGap = L > 1 ? (W - marginL - marginR) / (L - 1) : 0;
    // Room between columns for the edges and their values; in projector mode the neurons grow (up to 0.4 of the
    // gap) until a number fits inside at the floor size.
    // Compact, the labels sit left of the neurons, in the gap: the neurons leave them room.
    const atFloor = (f.min * f.numberEm + 8) / 2 + 0.5;
    const growTo = compact ? Math.min(colGap * 0.4, (colGap - labelWidest - 16) / 2) : colGap * 0.4;
    const rH = L > 1 ? Math.max(colGap * 0.29, Math.min(growTo, f.min ? atFloor : 0)) : rText;
    r = Math.max(3, Math.min(rText, compact ? slot * 0.42 : spaciousR, rH));
    // Projector mode, compact: a label at the floor size must fit in the gap left of its neuron.
    if (compact && f.min && L > 1) r = Math.min(r, Math.max(8, (colGap - labelWidest - 16) / 2));
  }
  return { W, availH, slot, compact, r, marginL, colGap, midY: top + availH / 2 };
}

/** One column: its text sizes and classes, its neurons, caption and "⋮", and its edges' widest stroke. */
function layoutLayer(layer, net, geo, f, roomy) {
  const { W, availH, slot, compact, r, marginL, colGap, midY } = geo;
  const x = marginL + (layer.l - 1) * colGap;
  const spacing = layer.open ? Math.min(slot, availH / layer.n) : slot;
  const lr = layer.open ? Math.max(2, Math.min(r, spacing * 0.42)) : r;
  const lCompact = compact || (layer.open && spacing < 2 * lr + f.label + f.bias + 16);
  const inside = Math.min(f.value, (2 * lr - 8) / f.numberEm);
  // Too small for the number inside: write it beside the neuron, in place of its label (DESIGN: "or beside").
  // With a floor (projector mode), a size under it counts as no room.
  const floor = (size, least = 8) => (size < Math.max(least, f.min) ? 0 : size);
  // (A long value is set at 0.82 of the size, and never under the floor: diagram.css.)
  const beside = lCompact && floor(inside, 9) === 0;
  const labelSize = floor(lCompact ? Math.min(f.label, spacing * 0.5) : f.label);
  const biasSize = floor(lCompact ? Math.min(f.bias, spacing * 0.42) : f.bias);
  // Beside, the number has the room left of the neuron: the margin (first column) or the gap to the column before.
  const room = layer.l === 1 ? marginL - lr - 8 : colGap - lr - (net.layers[layer.l - 2]?.neurons[0]?.r ?? lr) - 12;
  const besideSize = Math.min(f.bias, spacing * 0.5);
  const valueSize = beside ? (f.width(NUMBER_TEMPLATE, besideSize) <= room ? floor(besideSize) : 0) : floor(inside);
  // Beside, and tall enough for two lines: the name over the number, so that neither is lost (a network's input
  // features, x₁² or sin πx₁, on a 1024-px projector: the number alone would not say which input it is).
  const labelsW = Math.max(...layer.neurons.map((nu) => f.width(nu.label.textContent, labelSize)), 0);
  const named = beside && valueSize > 0 && labelSize > 0 && spacing >= labelSize + valueSize + 8 && labelsW <= room;
  // Spacious: under the neuron on one line, or on two (name over number) when only that fits across and below.
  // The output column's text, centered, also has only the right margin (sized for two lines in projector mode).
  const across = Math.min(colGap - 8, layer.l === net.L ? 2 * (W - x) - 8 : Infinity);
  const oneLine = f.width(biasTemplate(layer), biasSize) < across || net.L === 1;
  const stacked = !lCompact && !oneLine && biasSize > 0
    && Math.max(f.width(biasTemplate(layer, false), biasSize), f.width(NUMBER_TEMPLATE, biasSize)) < across
    && spacing >= 2 * lr + labelSize + 2.3 * biasSize + 19;   // the label above, two lines below, their gaps
  const showBias = layer.l > 1 && !beside && biasSize > 0 && (lCompact
    ? spacing >= labelSize + biasSize + 4 && f.width(biasTemplate(layer), biasSize) < colGap * 0.5 - lr
    : oneLine || stacked);
  layer.stackBias = stacked;
  layer.g.style.setProperty("--nv", `${valueSize.toFixed(1)}px`);
  layer.g.style.setProperty("--nl", `${labelSize.toFixed(1)}px`);
  layer.g.style.setProperty("--nb", `${biasSize.toFixed(1)}px`);
  layer.compact = lCompact;
  layer.besideRoom = beside ? room : null;   // how wide a number beside may be (diagram.js squeezes a longer one)
  layer.labelSize = labelSize;
  layer.biasSize = biasSize;
  layer.g.classList.toggle("compact", lCompact);
  layer.g.classList.toggle("beside", beside);
  layer.g.classList.toggle("named", named);
  layer.g.classList.toggle("no-number", valueSize < 8);
  layer.noNumber = valueSize < 8;
  layer.g.classList.toggle("no-label", labelSize < 8);
  layer.g.classList.toggle("no-bias", !showBias);

  const y0 = midY - ((layer.slots - 1) / 2) * spacing;
  layer.neurons.forEach((nu, i) => {
    const slotIndex = layer.gap !== null && i >= layer.gap ? i + 1 : i;   // skip the "⋮" slot
    nu.cx = x;
    nu.cy = y0 + slotIndex * spacing;
    nu.r = lr;
    setAttrs(nu.circle, { cx: r1(x), cy: r1(nu.cy), r: r1(lr) });
    setAttrs(nu.ring, { cx: r1(x), cy: r1(nu.cy), r: r1(lr + 5) });
    setAttrs(nu.focusRing, { cx: r1(x), cy: r1(nu.cy), r: r1(lr + 9) });
    if (lCompact) {
      // Left of the neuron, over its incoming edges (drawn before it, so the text stays on top).
      const lx = x - lr - 6;
      // Beside: the number takes the label's place (CSS shows the label again when values are off), or, named,
      // the line under it.
      const half = (labelSize + valueSize + 4) / 2;
      const up = named ? nu.cy - half + labelSize / 2 : showBias ? nu.cy - spacing * 0.22 : nu.cy;
      const down = nu.cy + spacing * 0.24;
      setAttrs(nu.label, { x: r1(lx), y: r1(up), "text-anchor": "end" });
      setAttrs(nu.bias, { x: r1(lx), y: r1(down), "text-anchor": "end" });
      const valueY = named ? nu.cy + half - valueSize / 2 : nu.cy;
      setAttrs(nu.value, beside ? { x: r1(lx), y: r1(valueY), "text-anchor": "end" }
        : { x: r1(x), y: r1(nu.cy), "text-anchor": "middle" });
    } else {
      setAttrs(nu.value, { x: r1(x), y: r1(nu.cy), "text-anchor": "middle" });
      setAttrs(nu.label, { x: r1(x), y: r1(nu.cy - lr - 6 - labelSize / 2), "text-anchor": "middle" });
      setAttrs(nu.bias, { x: r1(x), y: r1(nu.cy + lr + 5 + biasSize / 2), "text-anchor": "middle" });
    }
    // Two lines: the number starts a second text chunk under the name (each centered on the neuron).
    if (stacked) setAttrs(nu.biasNum, { x: r1(x), dy: "1.2em" });
    else { nu.biasNum.removeAttribute("x"); nu.biasNum.removeAttribute("dy"); }
  });
  setText(layer, "caption", roomy ? layer.captions.long : layer.captions.short);
  const cw = f.width(layer.caption.textContent, f.bias) / 2 + 4;
  layer.captionX = Math.max(cw, Math.min(W - cw, x));
  layer.captionW = 2 * cw;
  setAttrs(layer.caption, { x: r1(layer.captionX), y: r1(6 + f.bias / 2) });
  if (layer.toggle) {
    const ty = layer.open ? y0 + (layer.n - 1) * spacing + lr + 8 + f.label / 2 + 2 : y0 + layer.gap * spacing;
    const tw = layer.open ? f.width("▴ fewer", f.label) + 16 : Math.max(28, 2 * lr);
    const th = layer.open ? f.label + 8 : Math.max(20, spacing - 4);
    setAttrs(layer.toggleHit, { x: r1(x - tw / 2), y: r1(ty - th / 2), width: r1(tw), height: r1(th) });
    setAttrs(layer.toggleText, { x: r1(x), y: r1(ty) });
    // "+26" on the left, over the incoming edges (drawn before it), not under the outgoing ones.
    if (layer.toggleCount) setAttrs(layer.toggleCount, { x: r1(x - tw / 2 - 2), y: r1(ty) });
  }
  // Edges into this layer: thinner when many meet at each neuron, so a dense layer stays legible.
  const fanIn = Math.max(1, net.layers[layer.l - 2]?.drawn.length || 1);
  layer.edgeMax = Math.max(3, Math.min(EDGE_MAX, EDGE_MAX * Math.sqrt(4 / fanIn), spacing * 0.3));
  layer.g.style.setProperty("--edge-max", `${layer.edgeMax.toFixed(1)}px`);
}

// ---- helpers ----

/** The widest bias text of a layer: "∂C/∂b = −0.0000", with the layer's longest bias name (without the number:
 *  its first line when it takes two). */
export function biasTemplate(layer, withNumber = true) {
  const longest = layer.neurons.reduce((m, nu) => Math.max(m, (nu.biasName ?? "b").length), 1);
  return `∂C/∂${"b".repeat(longest)} =${withNumber ? ` ${NUMBER_TEMPLATE}` : ""}`;
}

/** Rough text width for layout decisions (tabular digits ≈ 0.56 em), in a typical font; see measureFonts. */
function estWidth(text, size) {
  let em = 0;
  for (const ch of text) em += ".,: /|".includes(ch) ? 0.3 : ch === "∂" ? 0.58 : /[₀-₉⁰-⁹]/.test(ch) ? 0.4 : 0.57;
  return em * size;
}

export function box4(cx, cy, w, h) {
  return { x0: cx - w / 2, x1: cx + w / 2, y0: cy - h / 2, y1: cy + h / 2 };
}

export function overlap(a, b) {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Coordinates are written to 0.1 px: enough for the eye, and short attribute strings. */
export const r1 = (x) => Math.round(x * 10) / 10;
