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

/** Text color that stays readable on top of color(value, max). */
export function inkOn(value, max) {
  // Measured contrast: white wins only on the dark purple end and the darkest orange.
  const t = max > 0 ? value / max : 0;
  return t > 0.62 || t < -0.9 ? "#ffffff" : "#1d1f2b";
}

/** A "nice" scale maximum ≥ m: 1, 2 or 5 × 10^k. */
export function niceMax(m) {
  if (!(m > 0) || !Number.isFinite(m)) return 1;
  const p = 10 ** Math.floor(Math.log10(m));
  for (const f of [1, 2, 5, 10]) if (m <= f * p * 1.0000001) return f * p;
  return 10 * p;
}

export const SCALE_STOPS = STOPS;
