// Input features, as in TensorFlow Playground: functions of the data's own inputs (x₁, or x₁ and x₂) that become
// the network's layer 1. The same names, labels and formulas as app/core/features.py — held to it by
// tests/js/test_features_parity.py — so that the lab's grid (lab/grid.js) feeds a network what the server does.
// Pure: no DOM, no fetch.

export const FEATURES = {
  x1: { tex: "x_1", label: "x₁", reads: 1, of: (x1) => x1 },
  x2: { tex: "x_2", label: "x₂", reads: 2, of: (x1, x2) => x2 },
  x1_squared: { tex: "x_1^2", label: "x₁²", reads: 1, of: (x1) => x1 * x1 },  // x * x: numpy's x ** 2, bit for bit
  x2_squared: { tex: "x_2^2", label: "x₂²", reads: 2, of: (x1, x2) => x2 * x2 },
  x1_times_x2: { tex: "x_1 x_2", label: "x₁x₂", reads: 2, of: (x1, x2) => x1 * x2 },
  sin_pi_x1: { tex: "\\sin \\pi x_1", label: "sin πx₁", reads: 1, of: (x1) => Math.sin(Math.PI * x1) },
  sin_pi_x2: { tex: "\\sin \\pi x_2", label: "sin πx₂", reads: 2, of: (x1, x2) => Math.sin(Math.PI * x2) },
};

/** The features that are the data's own d inputs as they are (x₁, or x₁ and x₂): what "no features" means. */
export function ownInputs(d) {
  return ["x1", "x2"].slice(0, d);
}

/** The names a spec's network takes for data of d inputs: its features, or the data's own inputs. */
export function inputNames(spec, d) {
  return spec.features?.length ? spec.features : ownInputs(d);
}

/** The features of `names` that data of d inputs can have, in their order, as a spec writes them: none when they
 *  are just the data's own inputs (x₁, x₂ in order), and none for data of more than 2 inputs (the lab has no
 *  plane to draw those on, and so no toggles for them). */
export function fitFeatures(names, d) {
  const kept = d > 2 ? [] : names.filter((name) => FEATURES[name]?.reads <= d);
  return kept.join() === ownInputs(d).join() ? [] : kept;
}

/** Feature rows of points (each [x₁] or [x₁, x₂]), as the core's featurize(): no names, the points themselves. */
export function featurize(names, points) {
  if (!names.length) return points;
  return points.map(([x1, x2]) => names.map((name) => FEATURES[name].of(x1, x2)));
}

/**
 * The network's input buffer a¹ laid out [j * m + p] (the lab grid's layout) for m points whose raw inputs are
 * x1[p] and x2[p] (x2 null for data of one input): feature j = names[j] of point p. Returns a.
 */
export function fillInputs(a, names, x1, x2 = null) {
  const m = x1.length;
  names.forEach((name, j) => {
    const f = FEATURES[name].of;
    for (let p = 0; p < m; p++) a[j * m + p] = f(x1[p], x2?.[p]);
  });
  return a;
}
