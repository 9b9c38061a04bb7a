// A small line chart on a canvas: several series, a linear or log y axis, labelled ticks.
// createPlotView(canvas, { title, logY }) → { update({ series: [{ name, color, dash, xs, ys }] }) }

import { fmt } from "../format.js";

export function createPlotView(canvas, { title = "", logY = false, xUnit = "" } = {}) {
  const ctx = canvas.getContext("2d");

  function size() {
    const r = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(50, Math.round(r.width * dpr)), h = Math.max(50, Math.round(r.height * dpr));
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return { w: r.width, h: r.height };
  }

  return {
    update({ series }) {
      const { w, h } = size();
      const css = getComputedStyle(canvas);
      const ink = css.getPropertyValue("--ink").trim() || "#16181f";
      const muted = css.getPropertyValue("--muted").trim() || "#4a4e63";
      const line = css.getPropertyValue("--line").trim() || "#d5d8e3";
      ctx.clearRect(0, 0, w, h);
      const pad = { l: 58, r: 10, t: 22, b: 24 };
      const tf = (y) => (logY ? Math.log10(Math.max(y, 1e-12)) : y);
      ctx.fillStyle = ink;
      ctx.font = "600 13px system-ui, sans-serif";
      ctx.fillText(title, pad.l, 14);
      // The ranges in one pass, without arrays of points (and without spreading thousands of arguments).
      let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
      for (const s of series) {
        for (let i = 0; i < s.ys.length; i++) {
          const y = s.ys[i];
          if (y === null || !Number.isFinite(y)) continue;
          x0 = Math.min(x0, s.xs[i]); x1 = Math.max(x1, s.xs[i]);
          y0 = Math.min(y0, tf(y)); y1 = Math.max(y1, tf(y));
        }
      }
      if (x0 === Infinity) return; // no point to draw
      if (x1 === x0) x1 = x0 + 1;
      if (y1 === y0) { y0 -= 0.5; y1 += 0.5; }
      const X = (x) => pad.l + ((x - x0) / (x1 - x0)) * (w - pad.l - pad.r);
      const Y = (y) => h - pad.b - ((tf(y) - y0) / (y1 - y0)) * (h - pad.t - pad.b);
      // Axes and a few ticks.
      ctx.strokeStyle = line;
      ctx.lineWidth = 1;
      ctx.font = "12px system-ui, sans-serif";
      ctx.fillStyle = muted;
      for (let i = 0; i <= 4; i++) {
        const v = y0 + ((y1 - y0) * i) / 4;
        const y = h - pad.b - ((v - y0) / (y1 - y0)) * (h - pad.t - pad.b);
        ctx.beginPath(); ctx.moveTo(pad.l, y); ctx.lineTo(w - pad.r, y); ctx.stroke();
        ctx.fillText(fmt(logY ? 10 ** v : v, 3), 4, y + 4);
      }
      ctx.fillText(`${fmt(x0, 4)}`, pad.l, h - 6);
      ctx.fillText(`${fmt(x1, 4)} ${x1 === 1 ? xUnit : `${xUnit}s`}`, w - pad.r - 80, h - 6); // "1 step", "20 steps"
      // Series, each with its name at the right end.
      ctx.lineJoin = "round"; // a noisy curve's sharp turns: no miter spikes beyond the data
      for (const s of series) {
        ctx.strokeStyle = s.color;
        ctx.lineWidth = 2.5;
        ctx.setLineDash(s.dash ? [6, 4] : []);
        ctx.beginPath();
        let started = false, last = null;
        for (const [px, py] of onePairPerBucket(s, X, Y)) {
          if (!started) { ctx.moveTo(px, py); started = true; } else ctx.lineTo(px, py);
          last = [px, py];
        }
        ctx.stroke();
        ctx.setLineDash([]);
        if (last) {
          ctx.fillStyle = s.color;
          ctx.fillText(s.name, Math.min(last[0] + 4, w - 70), Math.max(last[1] - 4, pad.t + 10));
        }
      }
    },
  };
}

// A long series is drawn with at most two points — its lowest and its highest, in their order — per BUCKET_PX of
// width: the picture keeps every spike, and the canvas strokes a few hundred vertices, not thousands (a software
// canvas spends tens of milliseconds on 7 thick noisy lines of 1,000 points).
const BUCKET_PX = 4;

/** The points of series s to draw, in canvas coordinates (null and non-finite values skipped). */
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
    if (y === null || !Number.isFinite(y)) continue;
    const p = [X(s.xs[i]), Y(y)];
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
