// The diagram's edge values as the phase shows them: placed where they fit (placeEdgeValues, below),
// with their names shortened where that is what fits, and those with no room at all left out, one of them shown
// while its edge is hovered or focused ("peek").

import { setAttrs } from "../svg.js";
import { NUMBER_TEMPLATE, biasTemplate, box4, overlap, r1 } from "./diagram-layout.js";
import { setText } from "./diagram-skeleton.js";

const EDGE_NUMBER_TEMPLATE = "0.0000000";   // gradients are often small: "0.0004386"

/** Place every edge value for the texts it shows now (e.label); true if the count left out changed. */
export function applyEdgeLabels(net) {
  if (!net.fonts) return false;   // not laid out yet (no size): the layout places them when it runs
  const before = net.hiddenLabels;
  net.hiddenLabels = placeEdgeValues(net, net.fonts, (e) => e.label ?? { number: "" });
  for (const e of net.edges) {
    if (!e.text || !e.label) continue;
    if (e.nameSpan) setText(e, "nameSpan", e.shortName ? e.label.short : e.label.name);
    setText(e, "numSpan", e.label.number);
    e.text.classList.toggle("no-room", Boolean(e.noRoom));
    e.cache.tclass = undefined;   // the next paint writes the whole class again
  }
  return net.hiddenLabels !== before;
}

/** Show edge e's value if it was left out for want of room (one at a time); null shows none. */
export function peek(net, e) {
  const text = e?.text ?? null;
  if (net.peeking === text) return;
  net.peeking?.classList.remove("peek");   // the next paint writes the same (its class includes the peek)
  net.peeking = text;
  if (e?.noRoom) text.classList.add("peek");
}

/** The class of edge e's value: its phase class, and whether it has room and is being peeked at. */
export function edgeValueClass(net, e, phaseClass, selected) {
  return `${phaseClass}${e.noRoom ? " no-room" : ""}${e.text === net.peeking ? " peek" : ""}${selected ? " selected" : ""}`;
}

/**
 * Edge values on their edge, at the first spot along it (target end first) that overlaps no other label, no
 * neuron and no neuron's label or bias; a label that finds no free spot on one line ("w5 0.4") tries two (name
 * over number), then shortened ("w5" for "∂C/∂w5"). Placed with the texts shown (textOf(e) → { name, short,
 * number }, measured; number "" for a label not shown), or before the first phase with the widest texts a label can
 * show. A label with truly no free spot is left out of the picture ("no-room": shown while its edge is hovered or
 * focused, and the legend says so) rather than drawn over another. Returns how many were left out.
 */
export function placeEdgeValues(net, f, textOf = null) {
  const withText = net.edges.filter((e) => e.text);
  if (!withText.length) return 0;
  const size = f.bias;
  const lineH = size * 1.25;
  const placed = [];
  const blockers = [];
  // Neurons block as the circles they are (with a 3 px margin): their bounding squares would shut the diagonals
  // between big neurons, where a value has room.
  const circles = net.neurons.map((nu) => ({ x: nu.cx, y: nu.cy, r: nu.r + 3 }));
  const onCircle = (rect) => circles.some((c) => {
    const nx = Math.min(Math.max(c.x, rect.x0), rect.x1), ny = Math.min(Math.max(c.y, rect.y0), rect.y1);
    return (nx - c.x) ** 2 + (ny - c.y) ** 2 < c.r * c.r;
  });
  for (const nu of net.neurons) {
    const layer = net.layers[nu.l - 1];
    // The neuron's label and bias where layoutLayer put them (above and below, or left of it when compact), as
    // written now ("∂C/∂b1 = −0.003875"), or before the first phase the widest the bias can be.
    const labelSize = layer.compact ? Math.min(f.label, layer.labelSize ?? f.label) : f.label;
    const biasSize = layer.compact ? Math.min(f.bias, layer.biasSize ?? f.bias) : f.bias;
    blockers.push(textBox(nu.label, nu.name, labelSize, f));
    if (nu.l > 1 && !layer.g.classList.contains("no-bias")) {
      const bias = textOf ? nu.bias.textContent : biasTemplate(layer);
      if (bias && layer.stackBias) {
        // Two lines: as wide as the wider, as tall as both (the box's center half a line down).
        const [head, num] = bias.split(" = ");
        const wide = f.measure(`${head} =`) > f.measure(num ?? "") ? `${head} =` : num;
        const b = textBox(nu.bias, wide, biasSize, f);
        blockers.push({ ...b, y1: b.y1 + biasSize * 1.2 });
      } else if (bias) blockers.push(textBox(nu.bias, bias, biasSize, f));
    }
  }
  for (const layer of net.layers) blockers.push(box4(layer.captionX ?? 0, 6 + f.bias / 2, layer.captionW ?? 0, f.bias + 2));
  const fractions = [];
  for (let t = 0.14; t <= 0.86 + 1e-9; t += 0.04) fractions.push(t);
  fractions.sort((a, b) => Math.abs(a - 0.3) - Math.abs(b - 0.3));  // nearest the target end's third first
  // The selected edge first (the equation panel explains it), then the steeper edges: they have the fewest good spots.
  const order = [...withText].sort((a, b) => (b === net.first) - (a === net.first)
    || Math.abs(b.y2 - b.y1) - Math.abs(a.y2 - a.y1));
  let hidden = 0;
  for (const e of order) {
    // Without the texts: the longest name a label can have, "∂C/∂w5" (gradient phases), and the widest number.
    const text = textOf ? textOf(e) : { name: e.name && `∂C/∂${e.name}`, short: e.name, number: `−${EDGE_NUMBER_TEMPLATE}` };
    if (!text.number) { e.noRoom = false; e.shortName = false; continue; }  // nothing shown: nothing to place
    const numW = f.measure(text.number);
    const space = e.name ? f.measure(" ") : 0;
    const shapes = [];
    for (const short of e.name && text.short !== text.name ? [false, true] : [false]) {
      const nameW = e.name ? f.measure(short ? text.short : text.name) : 0;
      shapes.push({ two: false, short, w: nameW + space + numW + 4, h: lineH });
      if (e.name) shapes.push({ two: true, short, w: Math.max(nameW, numW) + 4, h: 2 * lineH });
    }
    // On the line, or just beside it (above or below): a short edge between big neurons still has room there.
    const dx = e.x2 - e.x1, dy = e.y2 - e.y1, len = Math.hypot(dx, dy) || 1;
    const nx = -dy / len, ny = dx / len;
    let best = null;
    for (const shape of shapes) {
      const offsets = [0, shape.h / 2 + 3, -(shape.h / 2 + 3)];
      for (const t of fractions) {
        for (const d of offsets) {
          const x = e.x2 + (e.x1 - e.x2) * t + nx * d, y = e.y2 + (e.y1 - e.y2) * t + ny * d;
          const rect = box4(x, y, shape.w, shape.h);
          if (placed.some((o) => overlap(rect, o)) || blockers.some((o) => overlap(rect, o)) || onCircle(rect)) continue;
          best = { x, y, rect, two: shape.two, short: shape.short };
          break;
        }
        if (best) break;
      }
      if (best) break;
    }
    e.shortName = Boolean(best?.short);  // diagram.js then writes "w5 0.08217", not "∂C/∂w5 0.08217"
    e.noRoom = !best;   // diagram.js writes the class ("no-room") with the others
    if (!best) {
      hidden += 1;
      // Where it shows while its edge is hovered or focused: on the edge, a third of the way from its target.
      const x = e.x2 + (e.x1 - e.x2) * 0.3, y = e.y2 + (e.y1 - e.y2) * 0.3;
      best = { x, y, two: false };
    } else {
      placed.push(best.rect);
    }
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
  return hidden;
}

/** The box of a text element as placed (its x, y and text-anchor) for `text` at font size `size`, with a margin. */
function textBox(el, text, size, f) {
  const w = (f.measure(text) * size) / f.bias + 4, h = size + 2;
  const x = Number(el.getAttribute("x")), y = Number(el.getAttribute("y"));
  const anchor = el.getAttribute("text-anchor");
  const cx = anchor === "end" ? x - w / 2 : anchor === "start" ? x + w / 2 : x;
  return box4(cx, y, w, h);
}
