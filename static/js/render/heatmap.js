// A heatmap of a network's output over the input plane, with the data points on top (canvas).
// createHeatmapView(canvas, { points: true }) → { update({ grid, values, max, points, showTest }) }
//   grid: { xs, ys } (the boundary response), values: [row][col] numbers, max: color clip,
//   points: [{ x, y, label, test }] with label in [-1, 1] (sign = class), drawn as dots.

import { color } from "../color.js";

export function createHeatmapView(canvas, { center = 0 } = {}) {
  const ctx = canvas.getContext("2d");
  const cell = document.createElement("canvas");
  const cellCtx = cell.getContext("2d");

  return {
    update({ grid, values, max = 1, points = [], showTest = true }) {
      const r = canvas.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(10, Math.round(r.width * dpr)), h = Math.max(10, Math.round(r.height * dpr));
      if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
      const n = grid.xs.length;
      // One pixel per grid point, then scaled up smoothly: cheap, and the boundary looks continuous.
      cell.width = n;
      cell.height = n;
      const img = cellCtx.createImageData(n, n);
      for (let row = 0; row < n; row++) {
        for (let col = 0; col < n; col++) {
          const rgb = color(values[row][col] - center, max).match(/\d+/g).map(Number);
          const i = ((n - 1 - row) * n + col) * 4; // row 0 is the bottom of the plane
          img.data[i] = rgb[0]; img.data[i + 1] = rgb[1]; img.data[i + 2] = rgb[2]; img.data[i + 3] = 255;
        }
      }
      cellCtx.putImageData(img, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(cell, 0, 0, w, h);
      if (!points.length) return;
      const [x0, x1, y0, y1] = [grid.xs[0], grid.xs[n - 1], grid.ys[0], grid.ys[n - 1]];
      const rad = Math.max(2.5, Math.min(w, h) / 90);
      for (const p of points) {
        if (p.test && !showTest) continue;
        const px = ((p.x - x0) / (x1 - x0)) * w, py = h - ((p.y - y0) / (y1 - y0)) * h;
        ctx.beginPath();
        ctx.arc(px, py, rad, 0, 2 * Math.PI);
        ctx.fillStyle = color(p.label, 1);
        ctx.fill();
        ctx.lineWidth = p.test ? 2 : 1;
        ctx.strokeStyle = p.test ? "#000" : "#fff";
        ctx.stroke();
      }
    },
  };
}
