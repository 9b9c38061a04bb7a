// The input plane: the network's output over the two inputs, with the data on top.
// createPlaneView(canvas) → { update({ grid, task, data, added, extra, showTest }), toInput(event) }
//   binary: the PuOr scale from P = 0 (orange) to P = 1 (purple); regression: the output's value;
//   multiclass: each class its own color (PuOr's two ends, then teal, blue, …), paler where the network hesitates.
// Every frame of training: the colors at one pixel per grid point, scaled up smoothly to the canvas, then the
// points on top — copied from a layer of their own, drawn only when the points or the size change.

import { color } from "../color.js";
import { createHeatmapView } from "../render/heatmap.js";
import { rawPoints } from "./grid.js";
import { classIndex } from "./spec.js";

const PLANE_PALE = 1.6; // the plane is drawn paler than the points (max 1.6 instead of 1), so every point stands out
const TARGET_PALE = 1.2; // a regression's plane: full color at 1.2 × the largest |target| (the points' at 1 ×)
const CLASS_RGB = [[179, 88, 6], [84, 39, 136], [1, 133, 113], [33, 102, 172], [140, 81, 10], [197, 27, 125]];

/** The color of class c out of k: for 2 classes the two ends of the diverging scale, as the binary plane. */
export function classColor(c) {
  const [r, g, b] = CLASS_RGB[c % CLASS_RGB.length];
  return `rgb(${r}, ${g}, ${b})`;
}

const radius = (w, h) => Math.max(2.5, Math.min(w, h) / 90);

/** legend: the target scale's legend (legend.js), shown for a regression. */
export function createPlaneView(canvas, { legend = null } = {}) {
  const ctx = canvas.getContext("2d");
  const cell = document.createElement("canvas"); // the colors, one pixel per grid point
  const cellCtx = cell.getContext("2d");
  const heatmap = createHeatmapView(cell);
  const pointsCanvas = document.createElement("canvas"); // the points, at the canvas's size
  const pointsCtx = pointsCanvas.getContext("2d");
  let pointsKey = null; // what the points' canvas shows: redrawn when this changes
  let targetScale = 1;  // regression: the largest |target|, measured when the points change
  let last = null;

  /** Scale the canvas to its box (device pixels) and return its size. */
  function fit() {
    const r = canvas.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(10, Math.round(r.width * dpr)), h = Math.max(10, Math.round(r.height * dpr));
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    return { w, h };
  }

  function drawClasses(grid) {
    const n = grid.xs.length, k = grid.output.length;
    if (cell.width !== n || cell.height !== n) { cell.width = n; cell.height = n; }
    const img = cellCtx.createImageData(n, n);
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
    cellCtx.putImageData(img, 0, 0);
  }

  /** One output: binary P ∈ [0, 1] → 2P − 1 ∈ [−1, 1]; regression: the value against the targets' range. */
  function drawOne(grid, task, scale) {
    // color(2P − 1, 1.6) = color(P − ½, 0.8), color(v / scale, 1.2) = color(v, 1.2 · scale): no new arrays.
    if (task === "binary") heatmap.update({ grid, values: grid.output[0], center: 0.5, max: PLANE_PALE / 2 });
    else heatmap.update({ grid, values: grid.output[0], center: 0, max: TARGET_PALE * scale });
  }

  /** The points' canvas: every example as a dot (test ones ringed in black), the student's with a ring. */
  function drawPoints(grid, task, rows, showTest, scale, { w, h }) {
    if (pointsCanvas.width !== w || pointsCanvas.height !== h) { pointsCanvas.width = w; pointsCanvas.height = h; }
    pointsCtx.clearRect(0, 0, w, h);
    const n = grid.xs.length;
    const [x0, x1, y0, y1] = [grid.xs[0], grid.xs[n - 1], grid.ys[0], grid.ys[n - 1]];
    const at = (x) => [((x[0] - x0) / (x1 - x0)) * w, h - ((x[1] - y0) / (y1 - y0)) * h];
    const fill = task === "multiclass" ? (y) => classColor(classIndex(y))
      : task === "binary" ? (y) => color(2 * y[0] - 1, 1) : (y) => color(y[0] / scale, 1);
    const rad = radius(w, h);
    for (const r of rows) {
      if (r.test && !showTest) continue;
      const [px, py] = at(r.x);
      pointsCtx.beginPath();
      pointsCtx.arc(px, py, rad, 0, 2 * Math.PI);
      pointsCtx.fillStyle = fill(r.y);
      pointsCtx.fill();
      pointsCtx.lineWidth = r.test ? 2 : 1;
      pointsCtx.strokeStyle = r.test ? "#000" : "#fff";
      pointsCtx.stroke();
    }
    // The points clicked in by the student get a ring in the ink color.
    const dpr = window.devicePixelRatio || 1;
    pointsCtx.strokeStyle = getComputedStyle(canvas).getPropertyValue("--ink").trim() || "#16181f";
    pointsCtx.lineWidth = 2 * dpr;
    for (const r of rows) {
      if (!r.mine) continue;
      const [px, py] = at(r.x);
      pointsCtx.beginPath();
      pointsCtx.arc(px, py, rad + 3 * dpr, 0, 2 * Math.PI);
      pointsCtx.stroke();
    }
  }

  return {
    /** data: the network's data (points_train …: each example where it lies on the plane, whatever features the
     *  network takes of it), the last `added` training points clicked in by the student; extra: clicked points not
     *  yet in it ({ x, y: target row }). The student's points get a ring. */
    update({ grid, task, data, added = 0, extra = [], showTest = true }) {
      last = grid;
      const points = rawPoints(data), mineFrom = points.train.length - added;
      const rows = () => [
        ...points.train.map((x, i) => ({ x, y: data.y_train[i], test: false, mine: i >= mineFrom })),
        ...extra.map((p) => ({ x: p.x, y: p.y, test: false, mine: true })),
        ...points.test.map((x, i) => ({ x, y: data.y_test[i], test: true })),
      ];
      const n = grid.xs.length, size = fit();
      const key = [data, added, JSON.stringify(extra), showTest, task, size.w, size.h,
                   grid.xs[0], grid.xs[n - 1], grid.ys[0], grid.ys[n - 1]];
      const pointsChanged = !pointsKey || key.some((v, i) => v !== pointsKey[i]);
      if (pointsChanged) {
        // Regression: a point whose color matches the plane around it is fitted well (both on the targets' scale).
        targetScale = task === "regression" ? Math.max(...[...data.y_train, ...data.y_test, ...extra.map((p) => p.y)]
          .map((y) => Math.abs(y[0])), 1e-9) : 1;
      }
      if (task === "multiclass") drawClasses(grid);
      else drawOne(grid, task, targetScale);
      legend?.update(task === "regression" ? { scale: targetScale, max: TARGET_PALE * targetScale } : null);
      if (pointsChanged) {
        drawPoints(grid, task, rows(), showTest, targetScale, size);
        pointsKey = key;
      }
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(cell, 0, 0, size.w, size.h);
      ctx.drawImage(pointsCanvas, 0, 0);
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
