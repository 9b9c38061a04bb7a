// The small map of every hidden neuron: its activation over the plane, one row per hidden layer ("layer l",
// then its neurons #1, #2, … left to right), all in one canvas. One canvas, not one per neuron: a 6 × 8 network
// has 48 maps, and 48 canvases changing every frame cost the browser more to hand over and composite than
// drawing them.
// createNeuronMaps(root) → { update(grid) }   grid: the boundary grid ({ hidden: [{ l, a: [j][row][col] }] }), or
// a curve's (kind "curve", { hidden: [{ l, a: [j][p] }] }): then each neuron's own curve over x.

import { niceMax } from "../color.js";
import { imagePixels, paintHeat } from "../render/heatmap.js";

const MAX_TILE = 64;  // CSS px: a map's side, as big as room allows …
const MIN_TILE = 28;  // … and no smaller (more neurons than fit wrap to a second line)
const GAP = 6;
const LABEL = 58;     // the "layer l" column
const SHARE = 0.4;    // the maps take at most this share of the lab's right column (the plane needs the rest)

export function createNeuronMaps(root) {
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  root.replaceChildren(canvas);
  const ctx = canvas.getContext("2d");
  const atlas = document.createElement("canvas"); // every map at one pixel per grid point, a row per layer
  const atlasCtx = atlas.getContext("2d");
  let layout = null; // { key, tiles: [{ l, j, layer, x, y, size }] (device px), image }

  /** Where each map goes for this grid at this width: computed when the shape or the room changes. */
  function plan(grid) {
    const width = root.clientWidth, room = (root.closest(".lab-right")?.clientHeight ?? 600) * SHARE;
    const dpr = window.devicePixelRatio || 1;
    const counts = grid.hidden.map((h) => h.a.length);
    const key = [counts.join(), grid.resolution, width, Math.round(room), dpr].join("|");
    if (layout?.key === key) return layout;
    const widest = Math.max(...counts);
    const byWidth = (width - LABEL - GAP * (widest - 1)) / widest;
    const byHeight = (room - GAP * (counts.length - 1)) / counts.length;
    const size = Math.floor(Math.max(MIN_TILE, Math.min(MAX_TILE, byWidth, byHeight)));
    const perLine = Math.max(1, Math.floor((width - LABEL + GAP) / (size + GAP)));
    const tiles = [], labels = [];
    let y = 0;
    grid.hidden.forEach((h, layer) => {
      labels.push({ l: h.l, y });
      h.a.forEach((_, j) => {
        const line = Math.floor(j / perLine);
        tiles.push({ l: h.l, j, layer, x: LABEL + (j % perLine) * (size + GAP), y: y + line * (size + GAP), size });
      });
      y += Math.ceil(h.a.length / perLine) * (size + GAP);
    });
    const height = Math.max(0, y - GAP);
    canvas.style.height = `${height}px`;
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(height * dpr));
    const n = grid.resolution;
    atlas.width = widest * n;
    atlas.height = counts.length * n;
    layout = { key, tiles, dpr, size, image: imagePixels(atlasCtx, atlas.width, atlas.height) };
    drawFrame(labels);
    canvas.dataset.maps = String(tiles.length);
    canvas.setAttribute("aria-label", `What each of the ${tiles.length} hidden neurons computes over the plane: ` +
      grid.hidden.map((h) => `layer ${h.l}, ${h.a.length} neuron${h.a.length === 1 ? "" : "s"}`).join("; "));
    return layout;
  }

  /** The parts that stay: the layer names and a border round each map (drawn when the layout changes). */
  function drawFrame(labels) {
    const { dpr, size, tiles } = layout;
    const css = getComputedStyle(root);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = css.getPropertyValue("--muted").trim() || "#4a4e63";
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    for (const { l, y } of labels) ctx.fillText(`layer ${l}`, 0, y + size / 2);
    ctx.strokeStyle = css.getPropertyValue("--line").trim() || "#d5d8e3";
    ctx.lineWidth = 1;
    for (const t of tiles) ctx.strokeRect(t.x - 0.5, t.y - 0.5, t.size + 1, t.size + 1);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** Each hidden neuron's a over x, in its tile, on its layer's scale (±its largest |a|). */
  function drawCurves(grid, tiles, dpr) {
    const css = getComputedStyle(root);
    const max = grid.hidden.map((h) => niceMax(Math.max(...h.a.map((row) => Math.max(...row.map(Math.abs))))));
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.lineWidth = 1.5;
    for (const t of tiles) {
      const a = grid.hidden[t.layer].a[t.j], m = max[t.layer] || 1;
      ctx.fillStyle = css.getPropertyValue("--panel").trim() || "#ffffff";
      ctx.fillRect(t.x, t.y, t.size, t.size);
      ctx.strokeStyle = css.getPropertyValue("--brand").trim() || "#542788";
      ctx.beginPath();
      a.forEach((v, p) => {
        const x = t.x + (p / (a.length - 1)) * t.size, y = t.y + t.size / 2 - (v / m) * (t.size / 2 - 2);
        if (p) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      });
      ctx.stroke();
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  canvas.addEventListener("mousemove", (e) => {
    const r = canvas.getBoundingClientRect();
    const x = e.clientX - r.left, y = e.clientY - r.top;
    const t = layout?.tiles.find((t) => x >= t.x && x < t.x + t.size && y >= t.y && y < t.y + t.size);
    canvas.title = t ? `layer ${t.l}, #${t.j + 1}` : "";
  });

  return {
    update(grid) {
      if (!grid || !grid.hidden.length) {
        layout = null;
        canvas.width = canvas.height = 0;
        canvas.style.height = "0px";
        return;
      }
      const { tiles, dpr, image } = plan(grid);
      if (grid.kind === "curve") {
        drawCurves(grid, tiles, dpr);
        return;
      }
      const n = grid.resolution;
      // Each layer on the same color scale (its largest |a|), so the maps of a layer compare at a glance.
      const max = grid.hidden.map((h) => niceMax(largestMagnitude(h.a)));
      for (const t of tiles) {
        paintHeat(image.pixels, atlas.width, t.j * n, t.layer * n, grid.hidden[t.layer].a[t.j], max[t.layer]);
      }
      atlasCtx.putImageData(image.img, 0, 0);
      ctx.imageSmoothingEnabled = true;
      for (const t of tiles) {
        ctx.drawImage(atlas, t.j * n, t.layer * n, n, n, Math.round(t.x * dpr), Math.round(t.y * dpr),
                      Math.round(t.size * dpr), Math.round(t.size * dpr));
      }
    },
  };
}

/** max |v| over a layer's maps [j][row][col] (a loop: flattening 8 × 32 × 32 numbers every frame costs). */
function largestMagnitude(maps) {
  let max = 0;
  for (let j = 0; j < maps.length; j++) {
    for (let r = 0; r < maps[j].length; r++) {
      const row = maps[j][r];
      for (let c = 0; c < row.length; c++) max = Math.max(max, Math.abs(row[c]));
    }
  }
  return max;
}
