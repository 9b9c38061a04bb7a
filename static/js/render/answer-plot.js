// The class's answers at the reveal, anonymous: a dot plot for a number (one dot per answer, stacked where they
// meet, the true value a line with its number; right answers filled, the others hollow — shape, not only color),
// bars for a choice (the right one marked). SVG in CSS pixels, sized to its box; text sizes from the page's CSS
// (projector mode's 24 px included). Pure of state: drawAnswers(el, reveal, options) draws anew.

import { fmt } from "../format.js";
import { svg } from "../svg.js";

/** The range shown: the middle of the answers and the true value, with room; far-off answers become counts. */
export function plotRange(values, answer, tolerance) {
  const all = [...values, answer].sort((x, y) => x - y);
  const at = (q) => all[Math.min(all.length - 1, Math.max(0, Math.round(q * (all.length - 1))))];
  let lo = Math.min(at(0.1), answer), hi = Math.max(at(0.9), answer);
  const span = Math.max(hi - lo, 10 * tolerance, Math.abs(answer) * 1e-3, 1e-9);
  lo -= span * 0.25;
  hi += span * 0.25;
  // Every answer fits when none is more than twice the middle's width away.
  const [min, max] = [all[0], all.at(-1)];
  if (min >= lo - span) lo = Math.min(lo, min - span * 0.05);
  if (max <= hi + span) hi = Math.max(hi, max + span * 0.05);
  return { lo, hi };
}

export function drawAnswers(el, reveal, { tolerance = 0, label = (c) => c, isRight }) {
  el.replaceChildren();
  const width = Math.max(200, el.clientWidth);
  const font = parseFloat(getComputedStyle(el).fontSize) || 16;
  if (reveal.kind === "number") drawDots(el, reveal, { width, font, tolerance, isRight });
  else drawBars(el, reveal, { width, font, label });
}

function drawDots(el, reveal, { width, font, tolerance, isRight }) {
  const { values, answer } = reveal;
  const { lo, hi } = plotRange(values, answer, tolerance);
  const pad = font * 2.2;
  const x = (v) => pad + ((v - lo) / (hi - lo)) * (width - 2 * pad);
  let r = Math.max(4, font * 0.34);
  // Stack the dots that fall in the same slot of one dot's width.
  const stacks = new Map();
  let below = 0, above = 0;
  for (const v of values) {
    if (v < lo) { below++; continue; }
    if (v > hi) { above++; continue; }
    const slot = Math.round(x(v) / (2 * r));
    stacks.set(slot, [...(stacks.get(slot) ?? []), v]);
  }
  const tallest = Math.max(1, ...[...stacks.values()].map((s) => s.length));
  const room = font * 9;                         // at most this high: many answers make smaller dots
  if (tallest * 2 * r > room) r = Math.max(2, room / (2 * tallest));
  const top = font * 1.6, base = top + Math.max(tallest * 2 * r, font * 2) + r;
  const height = base + font * 2.4;
  const root = svg("svg", { class: "answer-plot", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": `${values.length} answers; the answer is ${fmt(answer)}` }, el);
  svg("line", { class: "axis", x1: pad, x2: width - pad, y1: base, y2: base }, root);
  const ax = x(answer);
  svg("line", { class: "truth", x1: ax, x2: ax, y1: top - font * 0.2, y2: base + font * 0.3 }, root);
  const truth = svg("text", { class: "truth-label", x: clamp(ax, pad + font * 3, width - pad - font * 3),
    y: top - font * 0.45, "text-anchor": "middle" }, root);
  truth.textContent = `answer ${fmt(answer)}`;
  for (const [slot, stack] of stacks) {
    stack.forEach((v, i) => {
      const right = isRight(v);
      svg("circle", { class: right ? "dot right" : "dot wrong", cx: slot * 2 * r, cy: base - r - i * 2 * r,
                      r: r * 0.85 }, root);
    });
  }
  const ends = [[lo, "start", pad], [hi, "end", width - pad]];
  for (const [v, anchor, at] of ends) {
    if (Math.abs(at - ax) < font * 4.5) continue;   // the answer's own label is there
    const t = svg("text", { class: "tick", x: at, y: base + font * 1.3, "text-anchor": anchor }, root);
    t.textContent = fmt(v);
  }
  if (below) svg("text", { class: "far", x: 2, y: base - font * 0.2 }, root).textContent = `◀${below}`;
  if (above) {
    svg("text", { class: "far", x: width - 2, y: base - font * 0.2, "text-anchor": "end" }, root)
      .textContent = `${above}▶`;
  }
}

function drawBars(el, reveal, { width, font, label }) {
  const entries = Object.entries(reveal.counts);
  // Many choices (the edges of a network): those chosen, and the right one.
  const shown = (entries.length > 8 ? entries.filter(([c, n]) => n > 0 || c === reveal.answer) : entries)
    .sort((a, b) => (entries.length > 8 ? b[1] - a[1] : 0)).slice(0, 10);
  const row = font * 1.55, labelW = font * 4.8, most = Math.max(1, ...shown.map(([, n]) => n));
  const height = shown.length * row + font * 0.4;
  const root = svg("svg", { class: "answer-plot", width, height, viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": shown.map(([c, n]) => `${label(c)}: ${n}`).join(", ") }, el);
  const barMax = width - labelW - font * 5.5;
  shown.forEach(([choice, n], i) => {
    const y = i * row + font * 0.2, right = choice === reveal.answer;
    const name = svg("text", { class: "bar-label", x: labelW - font * 0.4, y: y + row * 0.62, "text-anchor": "end" },
      root);
    name.textContent = label(choice);
    svg("rect", { class: right ? "bar right" : "bar", x: labelW, y: y + row * 0.12,
                  width: Math.max(2, (n / most) * barMax), height: row * 0.7, rx: 3 }, root);
    const count = svg("text", { class: "bar-count", x: labelW + Math.max(2, (n / most) * barMax) + font * 0.4,
                                y: y + row * 0.62 }, root);
    count.textContent = right ? `${n} ✓` : String(n);
  });
}

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
