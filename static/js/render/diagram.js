// The network diagram: neurons in columns by layer (input left), edges between them.
// Draws exactly what view.js's diagramView() says; holds no lesson state, fetches nothing.
//
// The SVG skeleton is built once per network shape (sizes, labels, expanded layers). A resize moves
// things (attributes only); update() sets colors, widths, text and classes, and only what changed.

import { svg, setAttrs } from "../svg.js";
import { color, inkOn } from "../color.js";
import { fmt, fmtFull } from "../format.js";
import { sup } from "../lesson.js";

const COLLAPSE_OVER = 16;        // layers with more neurons show the first and last KEEP, and "⋮"
const KEEP = 7;
const EDGE_MIN = 1.5;            // px: a faint edge is still visible on a projector
const EDGE_MAX = 9;
const WIDTH_STEPS = 12;          // edge widths come in 13 classes w0…w12 (diagram.css)
const EDGE_TINT = 0.45;          // edges: color says the sign, so even tiny weights get a visible hue
const EDGE_LABELS_UP_TO = 30;    // write values on edges only for small networks
const SYNC_ARIA_UP_TO = 300;     // more edges: their aria-labels are refreshed in idle time
const NUMBER_TEMPLATE = "−0.0000";
const EDGE_NUMBER_TEMPLATE = "0.0000000";   // gradients are often small: "0.0004386"
const VALUE_EM = 3.75;           // width of "−0.0381" in em, typical; measured at layout time

const SUB = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n) => String(n).split("").map((d) => SUB[d]).join("");
const QTY_SYMBOL = { a: "a", z: "z", delta: "δ", x: "x" };
const EDGE_SYMBOL = { w: "w", w_new: "new w", grad: "∂C/∂w" };

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
export function createDiagramView(container, { onSelect = () => {} } = {}) {
  const root = svg("svg", { class: "diagram-svg", width: "100%", height: "100%",
                            role: "group", "aria-label": "Network diagram" }, container);
  const probes = {
    value: svg("text", { class: "probe probe-value", x: -999, y: -999, "aria-hidden": "true" }, root),
    label: svg("text", { class: "probe probe-label", x: -999, y: -999, "aria-hidden": "true" }, root),
    bias: svg("text", { class: "probe probe-bias", x: -999, y: -999, "aria-hidden": "true" }, root),
  };
  for (const p of Object.values(probes)) p.textContent = "0";
  const halos = svg("g", { class: "halos", "aria-hidden": "true" }, root);
  const selectHalo = svg("line", { class: "edge-halo select-halo hidden" }, halos);
  const focusHalo = svg("line", { class: "edge-halo focus-halo hidden" }, halos);
  let body = svg("g", { class: "body" }, root);

  const expanded = new Set();     // presentational: which big layers show all their neurons
  let net = null;                 // the skeleton: { sizes, layers, neurons, edges, ... }
  let shapeKey = "";
  let lastSizes = null, lastLabels = null;
  let last = null;                // the last state, to redraw after an expand/collapse or a resize
  let box = { w: 0, h: 0 };
  let fonts = null;
  let themeKey = "";
  let tick = 0, lastPhaseId = null;

  // ---- building: once per shape ----

  function build(state) {
    root.removeChild(body);
    body = svg("g", { class: "body" }, root);
    const sizes = state.sizes;
    const L = sizes.length;
    const labels = state.labels || {};
    const layers = [];
    const neurons = [];   // flat, drawn only
    const edges = [];
    for (let l = 1; l <= L; l++) {
      const n = sizes[l - 1];
      const big = n > COLLAPSE_OVER;
      const open = big && expanded.has(l);
      const drawn = big && !open ? [...range(0, KEEP), ...range(n - KEEP, n)] : range(0, n);
      const g = svg("g", { class: "layer", "data-layer": l }, body);
      const layer = { l, n, big, open, drawn, g, slots: big && !open ? drawn.length + 1 : n, edgeMax: EDGE_MAX, cache: {},
                      neurons: [], byJ: new Map(), edges: [] };
      layers.push(layer);

      // Edges into layer l come first, so tabbing reads i1, i2, w1…w4, h1, h2, w5…, o1, o2.
      if (l > 1) {
        const prev = layers[l - 2];
        const eg = svg("g", { class: "edges" }, g);
        for (const j of drawn) {
          for (const k of prev.drawn) {
            const data = { "data-l": l, "data-j": j, "data-k": k };
            const hit = svg("line", { class: "edge-hit", ...data, "aria-hidden": "true" }, eg);
            const line = svg("line", { class: "edge", ...data, tabindex: 0, role: "button" }, eg);
            const name = labels.weights?.[l]?.[j]?.[k] ?? null;
            const e = { l, j, k, hit, line, text: null, name,
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
        const value = svg("text", { class: "neuron-value" }, el);
        const label = svg("text", { class: "neuron-label" }, el);
        const bias = svg("text", { class: "bias-value" }, el);
        const name = labels.neurons?.[l]?.[j] ?? (l === 1 ? `x${sub(j + 1)}` : `a${sup(l)}${sub(j + 1)}`);
        label.textContent = name;
        const biasName = labels.biases?.[l]?.[j] ?? null;
        const nu = { l, j, el, title, focusRing, ring, circle, value, label, bias, name, biasName,
                     cx: 0, cy: 0, r: 0, cache: {} };
        layer.neurons.push(nu);
        layer.byJ.set(j, nu);
        neurons.push(nu);
      }
      for (const e of layer.edges) e.dst = layer.byJ.get(e.j);

      if (big) {
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
          e.text.appendChild(container.ownerDocument.createTextNode(" "));   // textContent reads "w5 0.4"
        }
        e.numSpan = svg("tspan", { class: "edge-number" }, e.text);
      }
    }
    net = { sizes, L, layers, neurons, edges };
    fonts = null;
    layout();
  }

  // ---- layout: positions only; on build and on resize ----

  function measureFonts() {
    const px = (el, fallback) => parseFloat(getComputedStyle(el).fontSize) || fallback;
    const out = { value: px(probes.value, 15), label: px(probes.label, 14), bias: px(probes.bias, 13) };
    // How wide the page's font sets a number such as "−0.0381" (system fonts differ by 15%).
    probes.value.textContent = NUMBER_TEMPLATE;
    let em = 0;
    try { em = probes.value.getComputedTextLength() / out.value; } catch { em = 0; }
    out.numberEm = em > 1 && em < 8 ? em : VALUE_EM;
    widthScale = out.numberEm / VALUE_EM;
    return out;
  }

  function layout() {
    if (!net || !box.w || !box.h) return;
    fonts = measureFonts();
    const { w: W, h: H } = box;
    setAttrs(root, { viewBox: `0 0 ${W} ${H}` });
    const { L, layers } = net;
    const f = fonts;
    const anyOpen = layers.some((x) => x.open);
    const top = f.bias + 16;                                // the layer captions
    const bottom = 8 + (anyOpen ? f.label + 14 : 0);        // the "fewer" button of an expanded layer
    const availH = Math.max(40, H - top - bottom);
    const rText = Math.ceil((f.numberEm * f.value) / 2 + 6);  // a 4-digit number fits inside at --value-size
    const maxSlots = Math.max(1, ...layers.filter((x) => !x.open).map((x) => x.slots));

    // Bias text sits centered under a neuron (spacious); in compact layouts the label, and the number
    // when it no longer fits inside, go left of the neuron: leave room at the sides for them.
    const biasW = Math.max(...layers.slice(1).map((x) => estWidth(biasTemplate(x), f.bias)), 0);
    const labelW = Math.max(...layers[0].neurons.map((nu) => estWidth(nu.label.textContent, f.label)), 0);
    const numberW = estWidth(NUMBER_TEMPLATE, f.bias);
    const spacingCap = 2 * rText + f.label + f.bias + 180;  // small networks: don't spread to the edges
    const slot = Math.min(availH / maxSlots, spacingCap);
    const spaciousR = (slot - f.label - f.bias - 20) / 2;
    const compact = spaciousR < Math.max(14, 0.7 * rText);
    let marginL, marginR, colGap, r;
    for (let pass = 0; pass < 2; pass++) {
      const rGuess = pass === 0 ? Math.min(rText, compact ? slot * 0.42 : spaciousR) : r;
      marginL = compact ? rGuess + Math.max(labelW, numberW) + 14 : Math.max(rGuess, labelW / 2) + 10;
      marginR = compact ? rGuess + 10 : Math.max(rGuess, biasW / 2) + 10;
      if (L === 1) marginL = marginR = W / 2;
      colGap = L > 1 ? (W - marginL - marginR) / (L - 1) : 0;
      const rH = L > 1 ? colGap * 0.26 : rText;
      r = Math.max(3, Math.min(rText, compact ? slot * 0.42 : spaciousR, rH));
    }
    const midY = top + availH / 2;

    for (const layer of layers) {
      const x = marginL + (layer.l - 1) * colGap;
      const spacing = layer.open ? Math.min(slot, availH / layer.n) : slot;
      const lr = layer.open ? Math.max(2, Math.min(r, spacing * 0.42)) : r;
      const lCompact = compact || (layer.open && spacing < 2 * lr + f.label + f.bias + 16);
      const inside = Math.min(f.value, (2 * lr - 8) / f.numberEm);
      // Too small for the number inside: write it beside the neuron, in place of its label (DESIGN: "or beside").
      const beside = lCompact && inside < 9;
      const labelSize = lCompact ? Math.min(f.label, spacing * 0.5) : f.label;
      const biasSize = lCompact ? Math.min(f.bias, spacing * 0.42) : f.bias;
      const valueSize = beside ? Math.min(f.bias, spacing * 0.5) : inside;
      const showBias = layer.l > 1 && !beside && (lCompact
        ? spacing >= labelSize + biasSize + 4 && estWidth(biasTemplate(layer), biasSize) < colGap * 0.5 - lr
        : estWidth(biasTemplate(layer), biasSize) < colGap - 8 || L === 1);
      layer.g.style.setProperty("--nv", `${valueSize.toFixed(1)}px`);
      layer.g.style.setProperty("--nl", `${labelSize.toFixed(1)}px`);
      layer.g.style.setProperty("--nb", `${biasSize.toFixed(1)}px`);
      layer.compact = lCompact;
      layer.g.classList.toggle("compact", lCompact);
      layer.g.classList.toggle("beside", beside);
      layer.g.classList.toggle("no-number", valueSize < 8);
      layer.g.classList.toggle("no-label", labelSize < 8);
      layer.g.classList.toggle("no-bias", !showBias);

      const y0 = midY - ((layer.slots - 1) / 2) * spacing;
      layer.neurons.forEach((nu, i) => {
        const slotIndex = layer.big && !layer.open && i >= KEEP ? i + 1 : i;
        nu.cx = x;
        nu.cy = y0 + slotIndex * spacing;
        nu.r = lr;
        setAttrs(nu.circle, { cx: r1(x), cy: r1(nu.cy), r: r1(lr) });
        setAttrs(nu.ring, { cx: r1(x), cy: r1(nu.cy), r: r1(lr + 5) });
        setAttrs(nu.focusRing, { cx: r1(x), cy: r1(nu.cy), r: r1(lr + 9) });
        if (lCompact) {
          // Left of the neuron, over its incoming edges (drawn before it, so the text stays on top).
          const lx = x - lr - 6;
          // Beside: the number takes the label's place (CSS shows the label again when values are off).
          const up = showBias ? nu.cy - spacing * 0.22 : nu.cy, down = nu.cy + spacing * 0.24;
          setAttrs(nu.label, { x: r1(lx), y: r1(up), "text-anchor": "end" });
          setAttrs(nu.bias, { x: r1(lx), y: r1(down), "text-anchor": "end" });
          setAttrs(nu.value, beside ? { x: r1(lx), y: r1(nu.cy), "text-anchor": "end" }
            : { x: r1(x), y: r1(nu.cy), "text-anchor": "middle" });
        } else {
          setAttrs(nu.value, { x: r1(x), y: r1(nu.cy), "text-anchor": "middle" });
          setAttrs(nu.label, { x: r1(x), y: r1(nu.cy - lr - 6 - labelSize / 2), "text-anchor": "middle" });
          setAttrs(nu.bias, { x: r1(x), y: r1(nu.cy + lr + 5 + biasSize / 2), "text-anchor": "middle" });
        }
      });
      // Captions stay inside the picture even over the first and last columns, and short when crowded.
      const roomy = layers.every((x) => estWidth(x.captions.long, f.bias) < (L > 1 ? colGap - 12 : W));
      setText(layer, "caption", roomy ? layer.captions.long : layer.captions.short);
      const cw = estWidth(layer.caption.textContent, f.bias) / 2 + 4;
      setAttrs(layer.caption, { x: r1(Math.max(cw, Math.min(W - cw, x))), y: r1(6 + f.bias / 2) });
      if (layer.toggle) {
        const ty = layer.open ? y0 + (layer.n - 1) * spacing + lr + 8 + f.label / 2 + 2 : y0 + KEEP * spacing;
        const tw = layer.open ? estWidth("▴ fewer", f.label) + 16 : Math.max(28, 2 * lr);
        const th = layer.open ? f.label + 8 : Math.max(20, spacing - 4);
        setAttrs(layer.toggleHit, { x: r1(x - tw / 2), y: r1(ty - th / 2), width: r1(tw), height: r1(th) });
        setAttrs(layer.toggleText, { x: r1(x), y: r1(ty) });
        // "+26" on the left, over the incoming edges (drawn before it), not under the outgoing ones.
        if (layer.toggleCount) setAttrs(layer.toggleCount, { x: r1(x - tw / 2 - 2), y: r1(ty) });
      }
      // Edges into this layer: thinner when many meet at each neuron, so a dense layer stays legible.
      const fanIn = l1(layers[layer.l - 2]?.drawn.length);
      layer.edgeMax = Math.max(3, Math.min(EDGE_MAX, EDGE_MAX * Math.sqrt(4 / fanIn), spacing * 0.3));
      layer.g.style.setProperty("--edge-max", `${layer.edgeMax.toFixed(1)}px`);
    }

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
      setAttrs(e.hit, pos);
    }
    placeEdgeValues();
    placeHalos();
  }

  /**
   * Edge values near the target end of their edge, on the line, nudged along it away from the others and
   * from the neurons; a label that finds no free spot on one line ("w5 0.4") goes on two (name over number).
   * Placed with a worst-case width, so labels stay put from phase to phase.
   */
  function placeEdgeValues() {
    const withText = net.edges.filter((e) => e.text);
    if (!withText.length) return;
    const size = fonts.bias;
    const lineH = size * 1.2;
    const placed = [];
    const blockers = [];
    for (const nu of net.neurons) {
      blockers.push(box4(nu.cx, nu.cy, 2 * nu.r + 8, 2 * nu.r + 8));
      if (!net.layers[nu.l - 1].compact) {
        blockers.push(box4(nu.cx, nu.cy - nu.r - 6 - fonts.label / 2, estWidth(nu.name, fonts.label), fonts.label));
        if (nu.l > 1) blockers.push(box4(nu.cx, nu.cy + nu.r + 5 + fonts.bias / 2, estWidth("b = 0.0000", fonts.bias), fonts.bias));
      }
    }
    const fractions = [0.3, 0.38, 0.22, 0.46, 0.54, 0.16, 0.62];
    // Steeper edges first: they have the fewest good spots.
    const order = [...withText].sort((a, b) => Math.abs(b.y2 - b.y1) - Math.abs(a.y2 - a.y1));
    for (const e of order) {
      const nameW = e.name ? estWidth(edgePrefix(e), size) : 0;
      const numW = estWidth(EDGE_NUMBER_TEMPLATE, size);
      const shapes = [{ two: false, w: nameW + (e.name ? size * 0.3 : 0) + numW + 6, h: lineH }];
      if (e.name) shapes.push({ two: true, w: Math.max(nameW, numW) + 6, h: 2 * lineH });
      let best = null;
      for (const shape of shapes) {
        for (const t of fractions) {
          const x = e.x2 + (e.x1 - e.x2) * t, y = e.y2 + (e.y1 - e.y2) * t;
          const rect = box4(x, y, shape.w, shape.h);
          let cost = shape.two ? 1 : 0;       // one line reads better: two only when it helps
          for (const o of placed) cost += overlap(rect, o);
          for (const o of blockers) cost += 4 * overlap(rect, o);
          if (!best || cost < best.cost - 1e-6) best = { cost, x, y, rect, two: shape.two };
          if (cost === 0) break;
        }
        if (best.cost === 0) break;
      }
      placed.push(best.rect);
      const { x, y } = best;
      setAttrs(e.text, { x: r1(x), y: r1(y) });
      if (!e.nameSpan) {
        setAttrs(e.numSpan, { x: r1(x), y: r1(y), dx: 0 });
      } else if (best.two) {
        setAttrs(e.nameSpan, { x: r1(x), y: r1(y - lineH / 2) });
        setAttrs(e.numSpan, { x: r1(x), y: r1(y + lineH / 2), dx: r1(-size * 0.15) });  // the space ends line 1
      } else {
        // One text chunk: the number follows the name, and the pair is centered on (x, y).
        setAttrs(e.nameSpan, { x: r1(x), y: r1(y) });
        e.numSpan.removeAttribute("x");
        e.numSpan.removeAttribute("y");
        setAttrs(e.numSpan, { dx: 0 });
      }
    }
  }

  function placeHalos() {
    const sel = last?.selection;
    const e = sel?.kind === "edge" ? findEdge(sel.l, sel.j, sel.k) : null;
    placeHalo(selectHalo, "edge-halo select-halo", e);
    const focused = container.ownerDocument.activeElement;
    const fe = focused?.classList?.contains("edge") && focused.matches(":focus-visible") ? edgeOf(focused) : null;
    placeHalo(focusHalo, "edge-halo focus-halo", fe);
  }

  function placeHalo(halo, base, e) {
    if (!e) { setAttrs(halo, { class: `${base} hidden` }); return; }
    const width = edgeWidth(e.cache.level, net.layers[e.l - 1].edgeMax);
    setAttrs(halo, { class: base, x1: r1(e.x1), y1: r1(e.y1),
                     x2: r1(e.x2), y2: r1(e.y2), "stroke-width": r1(width + 9) });
  }

  // ---- painting: every update ----

  function paint(state) {
    const { view, showValues } = state;
    if (state.phaseId !== lastPhaseId) {
      // A new micro-step: the active edges swap their keyframes' name (class t0 ↔ t1), which restarts
      // the flow animation without a forced reflow, and without restyling the edges that are not moving.
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
    // strings of a neuron or an edge only when its number changed: a 6 × 16 network stays far
    // under a frame. (setAttrs, which reads each attribute back, is for the rare layout pass.)
    for (const nu of net.neurons) {
      const { l, j, cache } = nu;
      const v = view.neurons?.[l]?.[j] ?? null;
      const known = v !== null && Number.isFinite(v);
      const selected = sel?.kind === "neuron" && sel.l === l && sel.j === j;
      put(nu.el, cache, "class",
          `neuron${activeLayers.has(l) ? " active" : " dim"}${known ? "" : " unknown"}${selected ? " selected" : ""}`);

      const qty = layerQuantity(view, l);
      const lMax = view.layerMax?.[l] ?? nMax;   // optional per-layer clip (e.g. the inputs in a δ phase)
      const bias = l > 1 ? view.biases?.[l] : null;
      const bv = bias ? bias.values?.[j] ?? null : null;
      const bLabel = bias ? bias.label : null;
      if (cache.v === v && cache.nMax === lMax && cache.qty === qty && cache.bv === bv && cache.bLabel === bLabel) continue;
      cache.v = v; cache.nMax = lMax; cache.qty = qty; cache.bv = bv; cache.bLabel = bLabel;

      const text = known ? fmt(v) : "";
      setText(nu, "value", text);
      if (known) {
        put(nu.circle, cache, "fill", color(v, lMax));
        put(nu.value, cache, "vfill", inkOn(v, lMax), "fill");
        put(nu.value, cache, "vclass", text.length > 7 ? "neuron-value long" : "neuron-value", "class");
      }
      const bName = bias ? biasName(bLabel, nu.biasName) : null;
      setText(nu, "bias", bias && bv !== null ? `${bName} = ${fmt(bv)}` : "");
      const sym = QTY_SYMBOL[qty] ?? qty;
      put(nu.el, cache, "aria-label", `Neuron ${nu.name}, layer ${l}, neuron ${j + 1}: `
        + (known ? `${sym} = ${text}` : `${sym} not computed yet`));
      setText(nu, "title", `${nu.name} — layer ${l}, neuron ${j + 1}\n`
        + `${sym} = ${known ? fmtFull(v) : "not computed yet"}`
        + (bias && bv !== null ? `\n${bName} = ${fmtFull(bv)}` : ""));
    }

    const eQty = view.edgeQuantity;
    const eSym = EDGE_SYMBOL[eQty] ?? eQty;
    const syncAria = net.edges.length <= SYNC_ARIA_UP_TO;
    for (const layer of net.layers) {
      if (layer.l === 1) continue;
      const active = activeEdges.has(layer.l);
      const base = `edge${active ? ` active${flow}` : " dim"}`;
      const textClass = `edge-value${active ? " active" : " dim"}`;
      const rows = view.edges?.[layer.l];
      for (const e of layer.edges) {
        const { j, k, cache } = e;
        const v = rows?.[j]?.[k] ?? null;
        const known = v !== null && Number.isFinite(v);
        const selected = sel?.kind === "edge" && sel.l === layer.l && sel.j === j && sel.k === k;
        if (cache.v !== v || cache.eMax !== eMax) {
          // Width: sqrt(|v| / max) in WIDTH_STEPS classes, each a stroke-width in CSS between 1.5 px and
          // this layer's --edge-max (one class write instead of a class and a stroke-width per edge).
          const m = known && eMax > 0 ? Math.min(1, Math.abs(v) / eMax) : 0;
          cache.level = known ? Math.round(WIDTH_STEPS * Math.sqrt(m)) : 0;
        }
        put(e.line, cache, "class", `${base} w${cache.level}${known ? (v === 0 ? " zero" : "") : " unknown"}`
          + (selected ? " selected" : ""));
        if (e.text) put(e.text, cache, "tclass", textClass, "class");
        if (cache.v === v && cache.eMax === eMax && cache.eQty === eQty) continue;
        cache.v = v; cache.eMax = eMax; cache.eQty = eQty;

        // Color says the sign; even tiny weights get a visible hue (the width shows how small they are).
        if (known) put(e.line, cache, "stroke", color(Math.sign(v) * Math.max(Math.abs(v), EDGE_TINT * eMax), eMax));
        if (syncAria) edgeAria(e, v, eSym);
        if (e.text) {
          if (e.nameSpan) setText(e, "nameSpan", known ? (eQty === "grad" ? `∂C/∂${e.name}` : e.name) : "");
          setText(e, "numSpan", known ? fmt(v) : "");
        }
      }
    }
    if (!syncAria) scheduleAria();
    placeHalos();
  }

  /** Set the text of obj[key] (an element) through one persistent text node: cheaper than textContent. */
  function setText(obj, key, text) {
    if (obj.cache[key] === text) return;
    obj.cache[key] = text;
    const el = obj[key];
    if (el.firstChild) el.firstChild.data = text;
    else el.appendChild(el.ownerDocument.createTextNode(text));
  }

  /** An edge's words for a screen reader, with its current number. */
  function edgeAria(e, v, sym) {
    const known = v !== null && Number.isFinite(v);
    put(e.line, e.cache, "aria-label", `Weight ${e.name ?? e.defaultName} from ${e.src.name} to ${e.dst.name}: `
      + (known ? `${sym} = ${fmt(v)}` : `${sym} not computed yet`));
  }

  // Big networks: the edges' aria-labels follow in idle time, in slices, so a phase change paints within
  // a frame; an edge that gets focus is brought up to date at once (focusin).
  let ariaJob = 0, ariaCursor = 0;
  const idle = (fn) => (typeof requestIdleCallback === "function" ? requestIdleCallback(fn, { timeout: 300 })
    : setTimeout(() => fn({ timeRemaining: () => 8 }), 16));
  function scheduleAria() {
    ariaCursor = 0;
    if (!ariaJob) ariaJob = idle(flushAria);
  }
  function flushAria(deadline) {
    ariaJob = 0;
    if (!net || !last) return;
    const { view } = last;
    const sym = EDGE_SYMBOL[view.edgeQuantity] ?? view.edgeQuantity;
    const edges = net.edges;
    while (ariaCursor < edges.length) {
      const e = edges[ariaCursor++];
      edgeAria(e, view.edges?.[e.l]?.[e.j]?.[e.k] ?? null, sym);
      if ((ariaCursor & 127) === 0 && deadline.timeRemaining() < 2) { ariaJob = idle(flushAria); return; }
    }
  }
  function refreshAria(target) {
    if (!target.classList?.contains("edge") || !last) return;
    const e = edgeOf(target);
    const { view } = last;
    if (e) edgeAria(e, view.edges?.[e.l]?.[e.j]?.[e.k] ?? null, EDGE_SYMBOL[view.edgeQuantity] ?? view.edgeQuantity);
  }

  /** Set an attribute if it differs from what this view last wrote (cache[key]). */
  function put(el, cache, key, value, name = key) {
    if (cache[key] === value) return;
    cache[key] = value;
    el.setAttribute(name, value);
  }

  // ---- events ----

  function findEdge(l, j, k) {
    const layer = net?.layers[l - 1];
    return layer ? layer.edges.find((e) => e.j === j && e.k === k) ?? null : null;
  }
  function edgeOf(el) {
    return findEdge(Number(el.dataset.l), Number(el.dataset.j), Number(el.dataset.k));
  }

  /** Edges share one <title>, written when an edge is hovered or focused: full precision on demand. */
  const tip = svg("title", {});
  function edgeTip(target) {
    if (!target.classList?.contains("edge") && !target.classList?.contains("edge-hit")) return;
    const e = edgeOf(target);
    if (!e || !last) return;
    const v = last.view.edges?.[e.l]?.[e.j]?.[e.k] ?? null;
    const sym = EDGE_SYMBOL[last.view.edgeQuantity] ?? last.view.edgeQuantity;
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
    const edge = target.closest?.(".edge, .edge-hit");
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
  root.addEventListener("focusin", (ev) => { if (net) { refreshAria(ev.target); placeHalos(); edgeTip(ev.target); } });
  root.addEventListener("pointerover", (ev) => { if (net) edgeTip(ev.target); });
  root.addEventListener("focusout", () => { if (net) requestAnimationFrame(() => net && placeHalos()); });

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
    const tk = `${doc.documentElement.className}|${doc.body?.className ?? ""}`;
    if (tk !== themeKey) {
      themeKey = tk;
      if (fonts) layout();
    }
    paint(state);
  }

  return { update: (state) => render(state) };
}

// ---- helpers ----

/** Which quantity the neurons of layer l show (view.layerQuantity if given, else derived). */
function layerQuantity(view, l) {
  if (view.layerQuantity?.[l]) return view.layerQuantity[l];
  if (l === 1) return "x";
  // In a z-phase (auto mode) only the layer being computed shows z; the layers before it show a.
  if (view.neuronQuantity === "z" && view.note && !(view.activeLayers || []).includes(l)) return "a";
  return view.neuronQuantity;
}

/** "b" / "∂C/∂b" with the preset's own bias name, if it has one: "b1 = 0.35", "∂C/∂b1 = 0.1385". */
function biasName(label, name) {
  return name ? label.replace(/b$/, name) : label;
}

function biasTemplate(layer) {
  const longest = layer.neurons.reduce((m, nu) => Math.max(m, (nu.biasName ?? "b").length), 1);
  return `∂C/∂${"b".repeat(longest)} = ${NUMBER_TEMPLATE}`;
}

/** The longest name an edge label can have ("∂C/∂w5" in gradient phases). */
function edgePrefix(e) {
  return `∂C/∂${e.name}`;
}

function box4(cx, cy, w, h) {
  return { x0: cx - w / 2, x1: cx + w / 2, y0: cy - h / 2, y1: cy + h / 2 };
}

/** Rough text width for layout decisions (tabular digits ≈ 0.56 em). */
let widthScale = 1;   // measured font width / the typical one (set by measureFonts)
function estWidth(text, size) {
  let em = 0;
  for (const ch of text) em += ".,: /|".includes(ch) ? 0.3 : ch === "∂" ? 0.58 : /[₀-₉⁰-⁹]/.test(ch) ? 0.4 : 0.57;
  return em * size * widthScale;
}

/** The stroke width of width class `level` (what diagram.css computes from --edge-max). */
function edgeWidth(level, layerMax) {
  return EDGE_MIN + ((layerMax - EDGE_MIN) * (level ?? 0)) / WIDTH_STEPS;
}

function overlap(a, b) {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

function range(a, b) {
  const out = [];
  for (let i = a; i < b; i++) out.push(i);
  return out;
}

const r1 = (x) => Math.round(x * 10) / 10;
const l1 = (n) => Math.max(1, n || 1);
