// The one color scale: diverging, colorblind-safe (ColorBrewer PuOr), symmetric around 0,
// clipped at ±max. Negative → orange, 0 → light neutral, positive → purple.

const STOPS = [
  [-1.0, [179, 88, 6]],
  [-0.5, [241, 163, 64]],
  [-0.2, [254, 224, 182]],
  [0.0, [247, 247, 247]],
  [0.2, [216, 218, 235]],
  [0.5, [153, 142, 195]],
  [1.0, [84, 39, 136]],
];

/** value in [−max, max] → "rgb(r, g, b)". */
export function color(value, max) {
  const t = max > 0 ? Math.max(-1, Math.min(1, value / max)) : 0;
  for (let i = 1; i < STOPS.length; i++) {
    const [t1, c1] = STOPS[i];
    if (t <= t1) {
      const [t0, c0] = STOPS[i - 1];
      const f = (t - t0) / (t1 - t0);
      const c = c0.map((v, k) => Math.round(v + f * (c1[k] - v)));
      return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
    }
  }
  return "rgb(84, 39, 136)";
}

/** "rgb(r, g, b)" or "#rrggbb" → [r, g, b]. */
export function rgbOf(css) {
  const hex = css.trim().match(/^#([0-9a-f]{6})$/i);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
  const m = css.match(/rgba?\(([^)]+)\)/);
  return m ? m[1].split(/[ ,/]+/).filter(Boolean).slice(0, 3).map(Number) : [247, 247, 247];
}

/** `share` of color a over color b, as an "rgb(…)" string: how a dimmed neuron's fill shows on the paper. */
export function mix(a, b, share) {
  const [x, y] = [rgbOf(a), rgbOf(b)];
  const c = x.map((v, i) => Math.round(share * v + (1 - share) * y[i]));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/** WCAG 2.2 relative luminance of a color. */
export function luminance(css) {
  const [r, g, b] = rgbOf(css).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export const contrastRatio = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

// Pure black and white: on any fill one of them reaches at least √21 ≈ 4.58:1 (they cross at luminance 0.179),
// so a number in a neuron meets WCAG AA whatever its color; a softer ink would fail on the scale's middle purples.
const DARK_INK = "#000000", LIGHT_INK = "#ffffff";

/** The text color, black or white, that reads best on a fill. */
export function inkOn(fill) {
  return contrastRatio(DARK_INK, fill) >= contrastRatio(LIGHT_INK, fill) ? DARK_INK : LIGHT_INK;
}

/** A "nice" scale maximum ≥ m: 1, 2 or 5 × 10^k. */
export function niceMax(m) {
  if (!(m > 0) || !Number.isFinite(m)) return 1;
  const p = 10 ** Math.floor(Math.log10(m));
  for (const f of [1, 2, 5, 10]) if (m <= f * p * 1.0000001) return f * p;
  return 10 * p;
}

export const SCALE_STOPS = STOPS;
