// The input plane: the network's output over the two inputs, with the data on top.
// createPlaneView(canvas) → { update({ grid, task, data, added, extra, showTest }), toInput(event) }
//   binary: the PuOr scale from P = 0 (orange) to P = 1 (purple); regression: the output's value;
//   multiclass: each class its own color (PuOr's two ends, then teal, blue, …), paler where the network hesitates.

import { createHeatmapView } from "../render/heatmap.js";
import { classIndex } from "./spec.js";

const PLANE_PALE = 1.6; // the plane is drawn paler than the points (max 1.6 instead of 1), so every point stands out
const CLASS_RGB = [[179, 88, 6], [84, 39, 136], [1, 133, 113], [33, 102, 172], [140, 81, 10], [197, 27, 125]];

/** The color of class c out of k: for 2 classes the two ends of the diverging scale, as the binary plane. */
export function classColor(c) {
  const [r, g, b] = CLASS_RGB[c % CLASS_RGB.length];
  return `rgb(${r}, ${g}, ${b})`;
}

const radius = (w, h) => Math.max(2.5, Math.min(w, h) / 90); // as the heatmap draws its points

export function createPlaneView(canvas) {
  const heatmap = createHeatmapView(canvas);
  const ctx = canvas.getContext("2d");
  let last = null;

  /** Scale the canvas to its box (device pixels) and return its size. */
  function fit() {
    const r = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(10, Math.round(r.width * dpr)), h = Math.max(10, Math.round(r.height * dpr));
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    return { w, h };
  }

  function drawClasses(grid, points, showTest) {
    const { w, h } = fit();
    const n = grid.xs.length, k = grid.output.length;
    const cell = document.createElement("canvas");
    cell.width = n;
    cell.height = n;
    const cctx = cell.getContext("2d");
    const img = cctx.createImageData(n, n);
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        let best = 0;
        for (let j = 1; j < k; j++) if (grid.output[j][row][col] > grid.output[best][row][col]) best = j;
        // Sure (P = 1) → the class color at 60%; a toss-up (P = 1/k) → a pale tint of it (25%).
        const sure = Math.max(0, (grid.output[best][row][col] - 1 / k) / (1 - 1 / k));
        const mix = 0.25 + 0.35 * sure;
        const rgb = CLASS_RGB[best % CLASS_RGB.length];
        const i = ((n - 1 - row) * n + col) * 4; // row 0 is the bottom of the plane
        for (let ch = 0; ch < 3; ch++) img.data[i + ch] = Math.round(247 + mix * (rgb[ch] - 247));
        img.data[i + 3] = 255;
      }
    }
    cctx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(cell, 0, 0, w, h);
    const [x0, x1, y0, y1] = [grid.xs[0], grid.xs[n - 1], grid.ys[0], grid.ys[n - 1]];
    const rad = radius(w, h);
    for (const p of points) {
      if (p.test && !showTest) continue;
      ctx.beginPath();
      ctx.arc(((p.x - x0) / (x1 - x0)) * w, h - ((p.y - y0) / (y1 - y0)) * h, rad, 0, 2 * Math.PI);
      ctx.fillStyle = classColor(p.cls);
      ctx.fill();
      ctx.lineWidth = p.test ? 2 : 1;
      ctx.strokeStyle = p.test ? "#000" : "#fff";
      ctx.stroke();
    }
  }

  /** One output: binary P ∈ [0, 1] → 2P − 1 ∈ [−1, 1]; regression: the value against the targets' range. */
  function drawOne(grid, task, rows, showTest) {
    const scale = task === "binary" ? 1 : Math.max(...rows.map((r) => Math.abs(r.y[0])), 1e-9);
    const shift = task === "binary" ? (v) => 2 * v - 1 : (v) => v / scale;
    const values = grid.output[0].map((row) => row.map(shift));
    const points = rows.map((r) => ({ x: r.x[0], y: r.x[1], label: shift(r.y[0]), test: r.test }));
    // Regression: a point whose color matches the plane around it is fitted well.
    heatmap.update({ grid, values, max: task === "binary" ? PLANE_PALE : 1.2, points, showTest });
  }

  function ringMine(grid, rows) {
    const { width: w, height: h } = canvas;
    const n = grid.xs.length;
    const [x0, x1, y0, y1] = [grid.xs[0], grid.xs[n - 1], grid.ys[0], grid.ys[n - 1]];
    const dpr = window.devicePixelRatio || 1;
    ctx.strokeStyle = getComputedStyle(canvas).getPropertyValue("--ink").trim() || "#16181f";
    ctx.lineWidth = 2 * dpr;
    for (const r of rows) {
      ctx.beginPath();
      ctx.arc(((r.x[0] - x0) / (x1 - x0)) * w, h - ((r.x[1] - y0) / (y1 - y0)) * h, radius(w, h) + 3 * dpr, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  return {
    /** data: the network's data (x_train …), the last `added` training points clicked in by the student;
     *  extra: clicked points not yet in it ({ x, y: target row }). The student's points get a ring. */
    update({ grid, task, data, added = 0, extra = [], showTest = true }) {
      last = grid;
      const mineFrom = data.x_train.length - added;
      const rows = [
        ...data.x_train.map((x, i) => ({ x, y: data.y_train[i], test: false, mine: i >= mineFrom })),
        ...extra.map((p) => ({ x: p.x, y: p.y, test: false, mine: true })),
        ...data.x_test.map((x, i) => ({ x, y: data.y_test[i], test: true })),
      ];
      if (task === "multiclass") {
        drawClasses(grid, rows.map((r) => ({ x: r.x[0], y: r.x[1], cls: classIndex(r.y), test: r.test })), showTest);
      } else {
        drawOne(grid, task, rows, showTest);
      }
      ringMine(grid, rows.filter((r) => r.mine));
    },

    /** The inputs (x₁, x₂) under a mouse event, from the last grid's ranges (y grows upward). */
    toInput(event) {
      if (!last) return null;
      const r = canvas.getBoundingClientRect(); // the picture fills the content box, inside the border
      const fx = (event.clientX - r.left - canvas.clientLeft) / canvas.clientWidth;
      const fy = (event.clientY - r.top - canvas.clientTop) / canvas.clientHeight;
      const n = last.xs.length;
      return [last.xs[0] + fx * (last.xs[n - 1] - last.xs[0]), last.ys[0] + (1 - fy) * (last.ys[n - 1] - last.ys[0])];
    },
  };
}
