// A line chart in SVG: several series over training steps, a linear or log y axis with labelled ticks, and each
// series named in its color in a column at the right of the plot, level with its line's end — names moved apart
// when their lines end close together (a thin leader joins a moved name to its line), so none covers another.
// Text is real SVG text at the page's chart size (--chart-size: larger in projector mode), so it reads, scales and
// is checked like every other text of the page.
//
// createChartView(container, { title, logY, xUnit }) → { update({ series: [{ name, color, dash, xs, ys }] }) }
//   color: a CSS color or var(--series-n) (the series colors of the theme, lesson.css).

import { svg, setAttrs } from "../svg.js";
import { fmt } from "../format.js";

const LINE_GAP = 1.2;     // a series name's line height, in font sizes
const MAX_TICKS = 5;

export function createChartView(container, { title = "", logY = false, xUnit = "" } = {}) {
  const root = svg("svg", { class: "chart-svg", width: "100%", height: "100%", role: "img" }, container);
  const probe = svg("text", { class: "chart-probe", x: -999, y: -999, "aria-hidden": "true" }, root);
  const grid = svg("g", { class: "chart-grid", "aria-hidden": "true" }, root);
  const lines = svg("g", { class: "chart-lines", "aria-hidden": "true" }, root);
  const texts = svg("g", { class: "chart-texts", "aria-hidden": "true" }, root);
  const widths = new Map();

  /** The width of `text` at the chart's font size (measured once per text and size). */
  function width(text, size, bold = false) {
    const key = `${size}:${bold ? "b" : ""}:${text}`;
    if (!widths.has(key)) {
      probe.textContent = text;
      probe.style.fontSize = `${size}px`;
      probe.style.fontWeight = bold ? "600" : "400";
      let w = 0;
      try { w = probe.getComputedTextLength(); } catch { w = 0; }
      widths.set(key, w > 0 ? w : 0.6 * size * text.length);
    }
    return widths.get(key);
  }

  function text(content, attrs, cls = "") {
    const el = svg("text", { class: `chart-text ${cls}`.trim(), ...attrs }, texts);
    el.textContent = content;
    return el;
  }

  return {
    update({ series }) {
      const w = container.clientWidth, h = container.clientHeight;
      texts.replaceChildren();
      grid.replaceChildren();
      lines.replaceChildren();
      if (w < 40 || h < 40) return;
      setAttrs(root, { viewBox: `0 0 ${w} ${h}` });
      const fs = parseFloat(getComputedStyle(container).getPropertyValue("--chart-size")) || 13;
      // On a log axis 0 has no place: such a point is left out (a gap in its line), not drawn at 10^-300.
      const tf = (y) => (logY ? (y > 0 ? Math.log10(y) : NaN) : y);
      const range = ranges(series, tf);

      // The title, shortened to what fits ("loss (train —, test ‑ ‑)" keeps "loss").
      const fitted = fitTitle(title, w - 8, (t) => width(t, fs, true));
      text(fitted, { x: 4, y: fs, "font-weight": 600 }, "chart-title");
      root.setAttribute("aria-label", describe(title, series, xUnit));
      if (!range) {
        const zeros = series.some((s) => s.ys.some((y) => y === 0));  // a log axis with nothing but zeros
        text(zeros ? "every value is 0" : "no points yet", { x: w / 2, y: h / 2, "text-anchor": "middle" },
             "chart-muted");
        return;
      }
      const { x0, x1, y0, y1 } = range;

      // The y ticks decide the left margin; the names of the series the right one.
      const top = fs * 1.6 + 6, bottom = fs * 1.4 + 8;
      const base = h - Math.ceil(fs * 0.3);   // the x labels' baseline: their descenders ("steps") stay inside
      const plotH = Math.max(10, h - top - bottom);
      const nTicks = Math.max(2, Math.min(MAX_TICKS, Math.floor(plotH / (fs * 1.8)) + 1));
      const ticks = Array.from({ length: nTicks }, (_, i) => y0 + ((y1 - y0) * i) / (nTicks - 1));
      // 3 significant digits, or as many more as it takes for no two ticks to read the same (a narrow range).
      const tickAt = (digits) => ticks.map((v) => fmt(logY ? 10 ** v : v, digits));
      let tickText = tickAt(3);
      for (let d = 4; d <= 8 && new Set(tickText).size < tickText.length; d++) tickText = tickAt(d);
      const left = Math.max(...tickText.map((t) => width(t, fs))) + 10;
      const named = series.filter((s) => lastPoint(s, tf) !== null);
      const gutter = Math.min(w * 0.4, Math.max(0, ...named.map((s) => width(s.name, fs, true))) + 16);
      const right = w - gutter;
      const X = (x) => left + ((x - x0) / (x1 - x0)) * (right - left);
      const Y = (ty) => top + plotH - ((ty - y0) / (y1 - y0)) * plotH;

      ticks.forEach((v, i) => {
        const y = Y(v);
        svg("line", { x1: left, x2: right, y1: r1(y), y2: r1(y), class: "chart-rule" }, grid);
        text(tickText[i], { x: left - 6, y: r1(y), "text-anchor": "end", "dominant-baseline": "central" }, "chart-muted");
      });
      const xEnd = `${fmt(x1, 4)} ${x1 === 1 ? xUnit : `${xUnit}s`}`.trim();   // "1 step", "300 steps"
      text(fmt(x0, 4), { x: left, y: base }, "chart-muted");
      text(xEnd, { x: right, y: base, "text-anchor": "end" }, "chart-muted");

      const ends = [];
      for (const s of series) {
        const pts = onePairPerBucket(s, X, (y) => Y(tf(y)));
        if (!pts.length) continue;
        const d = pts.map(([px, py], i) => `${i ? "L" : "M"}${r1(px)} ${r1(py)}`).join("");
        const path = svg("path", { d, class: `chart-line${s.dash ? " dashed" : ""}` }, lines);
        path.style.stroke = s.color;
        ends.push({ s, x: pts.at(-1)[0], y: pts.at(-1)[1] });
      }
      // Each name level with its line's end, then pushed apart (down, then back up from the bottom) to one line
      // apart at least.
      const gap = fs * LINE_GAP;
      const placed = spread(ends.map((e) => e.y).map((y) => Math.min(top + plotH, Math.max(top + gap / 2, y))), gap,
                            top + gap / 2, top + plotH);
      ends.forEach((e, i) => {
        const y = placed[i];
        const label = text(e.s.name, { x: right + 10, y: r1(y), "dominant-baseline": "central" }, "chart-name");
        label.style.fill = e.s.color;
        if (Math.abs(y - e.y) > 2 || e.x < right - 2) {
          const lead = svg("line", { x1: r1(e.x), y1: r1(e.y), x2: right + 6, y2: r1(y), class: "chart-leader" }, lines);
          lead.style.stroke = e.s.color;
        }
      });
    },
  };
}

/** The data's ranges in the axes' terms (tf applied to y), or null when no point is finite there. */
export function ranges(series, tf) {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const s of series) {
    for (let i = 0; i < s.ys.length; i++) {
      const y = s.ys[i] === null ? NaN : tf(s.ys[i]);
      if (!Number.isFinite(y)) continue;
      x0 = Math.min(x0, s.xs[i]); x1 = Math.max(x1, s.xs[i]);
      y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  if (x0 === Infinity) return null;
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
  return { x0, x1, y0, y1 };
}

function lastPoint(s, tf) {
  for (let i = s.ys.length - 1; i >= 0; i--) if (s.ys[i] !== null && Number.isFinite(tf(s.ys[i]))) return i;
  return null;
}

/**
 * Positions as near as possible to `want` (in any order), at least `gap` apart, within [lo, hi] when they fit
 * (a sweep down from the top, then one up from the bottom). Returns them in the input's order.
 */
export function spread(want, gap, lo, hi) {
  const order = want.map((y, i) => [y, i]).sort((a, b) => a[0] - b[0]);
  const ys = order.map(([y]) => y);
  for (let i = 0; i < ys.length; i++) ys[i] = Math.max(ys[i], i ? ys[i - 1] + gap : lo);
  for (let i = ys.length - 1; i >= 0; i--) ys[i] = Math.min(ys[i], i < ys.length - 1 ? ys[i + 1] - gap : hi);
  const out = new Array(want.length);
  order.forEach(([, idx], i) => { out[idx] = ys[i]; });
  return out;
}

/** A title that fits `room`: whole, else up to its first " (", else cut with an ellipsis. */
function fitTitle(title, room, widthOf) {
  if (widthOf(title) <= room) return title;
  const head = title.split(" (")[0];
  if (widthOf(head) <= room) return head;
  let t = head;
  while (t.length > 1 && widthOf(`${t}…`) > room) t = t.slice(0, -1);
  return `${t}…`;
}

/** The chart in words, for screen readers: its title and each series' last value. */
function describe(title, series, xUnit) {
  const parts = series.map((s) => {
    const i = lastPoint(s, (y) => y);
    return i === null ? null : `${s.name} ${fmt(s.ys[i], 3)} at ${xUnit} ${s.xs[i]}`;
  }).filter(Boolean);
  return parts.length ? `${title}: ${parts.join("; ")}` : `${title}: no points yet`;
}

// A long series is drawn with at most two points — its lowest and its highest, in their order — per BUCKET_PX of
// width: the picture keeps every spike, and the path holds a few hundred vertices, not thousands.
const BUCKET_PX = 4;

/** The points of series s to draw, in chart coordinates (null values and those with no place on the axis skipped). */
function onePairPerBucket(s, X, Y) {
  const out = [];
  let bucket = null, lo = null, hi = null;
  const flush = () => {
    if (!lo) return;
    out.push(lo.i <= hi.i ? lo : hi);
    if (hi !== lo) out.push(lo.i <= hi.i ? hi : lo);
  };
  for (let i = 0; i < s.xs.length; i++) {
    const y = s.ys[i];
    if (y === null) continue;
    const p = [X(s.xs[i]), Y(y)];
    if (!Number.isFinite(p[1])) continue;
    p.i = i;
    const b = Math.floor(p[0] / BUCKET_PX);
    if (b !== bucket) {
      flush();
      bucket = b;
      lo = hi = p;
    } else if (p[1] < lo[1]) {
      lo = p;
    } else if (p[1] > hi[1]) {
      hi = p;
    }
  }
  flush();
  return out;
}

const r1 = (x) => Math.round(x * 10) / 10;
