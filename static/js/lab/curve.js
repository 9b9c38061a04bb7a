// Curve fitting, y = f(x): the network of one input drawn as the curve it computes, over the training points (and
// the test points, ringed), on the canvas the plane uses for two inputs.
// createCurveView(canvas) → { update({ curve, data, showTest }) }   curve: computeCurve()'s ({ xs, output })
// The dots stand at the data's own x (points_train, points_test), whatever features the network takes of it.

import { rawPoints } from "./grid.js";

const PAD = 0.08; // of the targets' range, above and below

export function createCurveView(canvas) {
  const ctx = canvas.getContext("2d");

  function fit() {
    const r = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(10, Math.round(r.width * dpr)), h = Math.max(10, Math.round(r.height * dpr));
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    return { w, h, dpr };
  }

  return {
    update({ curve, data, showTest }) {
      const { w, h, dpr } = fit();
      const css = getComputedStyle(canvas);
      const ink = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
      const fitted = curve.output[0];
      const ys = [...data.y_train, ...data.y_test].map((row) => row[0]);
      let low = Math.min(...ys, ...fitted), high = Math.max(...ys, ...fitted);
      if (!(high > low)) { low -= 1; high += 1; }
      const pad = (high - low) * PAD;
      low -= pad; high += pad;
      const x0 = curve.xs[0], x1 = curve.xs.at(-1);
      const px = (x) => ((x - x0) / (x1 - x0)) * w;
      const py = (y) => h - ((y - low) / (high - low)) * h;

      ctx.fillStyle = ink("--panel", "#ffffff");
      ctx.fillRect(0, 0, w, h);
      ctx.strokeStyle = ink("--line", "#d5d8e3");
      ctx.lineWidth = dpr;
      ctx.beginPath(); // the axes through 0, where they are in view
      if (low < 0 && high > 0) { ctx.moveTo(0, py(0)); ctx.lineTo(w, py(0)); }
      if (x0 < 0 && x1 > 0) { ctx.moveTo(px(0), 0); ctx.lineTo(px(0), h); }
      ctx.stroke();

      const r = Math.max(2.5 * dpr, Math.min(w, h) / 110);
      const dots = (xs, targets, ringed) => {
        for (let i = 0; i < xs.length; i++) {
          ctx.beginPath();
          ctx.arc(px(xs[i][0]), py(targets[i][0]), r, 0, 2 * Math.PI);
          ctx.fillStyle = ringed ? ink("--panel", "#ffffff") : "rgb(179, 88, 6)";
          ctx.fill();
          if (ringed) { ctx.strokeStyle = "rgb(179, 88, 6)"; ctx.lineWidth = 1.5 * dpr; ctx.stroke(); }
        }
      };
      const points = rawPoints(data);
      dots(points.train, data.y_train, false);
      if (showTest) dots(points.test, data.y_test, true);

      ctx.strokeStyle = ink("--brand", "#542788");
      ctx.lineWidth = 3 * dpr;
      ctx.lineJoin = "round";
      ctx.beginPath();
      curve.xs.forEach((x, p) => (p ? ctx.lineTo(px(x), py(fitted[p])) : ctx.moveTo(px(x), py(fitted[p]))));
      ctx.stroke();
      canvas.setAttribute("aria-label", `The network's curve over x from ${x0.toFixed(2)} to ${x1.toFixed(2)}, ` +
        `with ${data.x_train.length} training points`);
    },
  };
}
