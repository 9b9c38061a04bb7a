// Heatmaps of a network over the input plane. The lab redraws dozens every frame while training, so this is
// written for speed: one pixel per grid point, colored from a table; the caller scales the picture up smoothly
// with drawImage. (Not with CSS: in software compositing, stretching a tiny canvas on screen every frame costs
// the compositor more than drawImage costs the page.)
// createHeatmapView(canvas, { center }) → { update({ grid, values, max, center }) }: the canvas becomes n × n
//   pixels for an n × n grid.
// paintHeat(pixels, width, x, y, values, max, center): the same pixels into part of a bigger image.
//   grid: { xs, ys } (the boundary response), values: [row][col] numbers (row 0 at the bottom),
//   each pixel colored as color(value − center, max) (color.js).

import { color } from "../color.js";

// color(t, 1) for t = −1 … 1 in 2 · STEPS + 1 steps, as RGBA packed for a Uint32Array over the ImageData:
// thousands of pixels a frame cost a table look-up each instead of building and parsing an "rgb(…)" string.
// Neighbouring entries differ by under a quarter of a color level.
const STEPS = 1024;
const TABLE = new Uint32Array(2 * STEPS + 1);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
for (let i = 0; i < TABLE.length; i++) TABLE[i] = packed(color(i / STEPS - 1, 1));
const NOT_A_NUMBER = packed(color(NaN, 1)); // as color() shows it

function packed(rgb) {
  const [r, g, b] = rgb.match(/\d+/g).map(Number);
  return LITTLE_ENDIAN ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

/** values (n × n, row 0 at the bottom) into `pixels` (a Uint32Array over an ImageData `width` wide) with the
 *  top-left corner at (x, y). */
export function paintHeat(pixels, width, x, y, values, max = 1, center = 0) {
  const n = values.length;
  const scale = max > 0 ? STEPS / max : 0;
  for (let row = 0; row < n; row++) {
    const line = values[row], at = (y + n - 1 - row) * width + x; // row 0 is the bottom of the plane
    for (let col = 0; col < n; col++) {
      const t = (line[col] - center) * scale; // −STEPS … STEPS inside the scale
      pixels[at + col] = t === t ? TABLE[Math.round(Math.max(-STEPS, Math.min(STEPS, t))) + STEPS] : NOT_A_NUMBER;
    }
  }
}

/** An ImageData of w × h with a Uint32Array over its pixels. */
export function imagePixels(ctx, w, h) {
  const img = ctx.createImageData(w, h);
  return { img, pixels: new Uint32Array(img.data.buffer) };
}

export function createHeatmapView(canvas, { center: viewCenter = 0 } = {}) {
  const ctx = canvas.getContext("2d");
  let image = null;

  return {
    update({ grid, values, max = 1, center = viewCenter }) {
      const n = grid.xs.length;
      if (!image || image.img.width !== n) { // kept from frame to frame: resizing a canvas reallocates it
        canvas.width = n;
        canvas.height = n;
        image = imagePixels(ctx, n, n);
      }
      paintHeat(image.pixels, n, 0, 0, values, max, center);
      ctx.putImageData(image.img, 0, 0);
    },
  };
}
