// Input features in the browser's grid (static/js/lab/grid.js with static/js/features.js): a network of features
// sees them at every grid point, over the range of the data's own points — never of the features themselves.
// (Against the server's GET /boundary: the "features-…" case of grid-fixture.json, in grid.test.js.)
import assert from "node:assert/strict";
import { test } from "node:test";

import { FEATURES, inputNames } from "../../static/js/features.js";
import { computeCurve, computeGrid, pointSize } from "../../static/js/lab/grid.js";

test("a curve of features is w · (x, sin πx) + b over the range of the points, not of the features", () => {
  const spec = { sizes: [2, 1], activations: ["linear"], features: ["x1", "sin_pi_x1"] };
  // x_train holds the features of the points (as GET …/data answers): a range read from it would be wrong.
  const data = { points_train: [[-1], [0.5]], points_test: [[1]], x_train: [[-1, 0], [0.5, 1]], x_test: [[1, 0]] };
  const curve = computeCurve(spec, [{ l: 2, W: [[2, -3]], b: [0.25] }], data, 5);
  assert.deepEqual(curve.xs, [-1.2, -0.6, 0, 0.5999999999999999, 1.2]); // np.linspace(-1.2, 1.2, 5)
  curve.xs.forEach((x, p) => assert.equal(curve.output[0][p], 2 * x + -3 * Math.sin(Math.PI * x) + 0.25));
});

test("a plane of features takes x₁² and x₂² at each grid point: a circle without hidden layers", () => {
  const spec = { sizes: [2, 1], activations: ["linear"], features: ["x1_squared", "x2_squared"] };
  const data = { points_train: [[-1, -1], [1, 1]], points_test: [], x_train: [[1, 1], [1, 1]], x_test: [] };
  const grid = computeGrid(spec, [{ l: 2, W: [[1, 1]], b: [-1] }], data, 7);
  assert.equal(grid.xs[0], -1.2);
  grid.ys.forEach((y, row) => grid.xs.forEach((x, col) => {
    assert.equal(grid.output[0][row][col], x * x + y * y - 1, `(${x}, ${y})`);
  }));
});

test("without features the network takes the points themselves; data without points are their own points", () => {
  const params = [{ l: 2, W: [[2, -1]], b: [0.5] }];
  const data = { x_train: [[0, 0], [1, 1]], x_test: [] };
  const plain = computeGrid({ sizes: [2, 1], activations: ["linear"] }, params, data, 4);
  const empty = computeGrid({ sizes: [2, 1], activations: ["linear"], features: [] }, params, data, 4);
  const named = computeGrid({ sizes: [2, 1], activations: ["linear"], features: ["x1", "x2"] }, params, data, 4);
  assert.deepEqual(empty, plain);
  assert.deepEqual(named, plain);
  assert.deepEqual(inputNames({ features: [] }, 1), ["x1"]);
  assert.equal(pointSize(data), 2);
  assert.equal(pointSize({ points_train: [[1]], points_test: [], x_train: [[1, 1, 0]], x_test: [] }), 1);
});

test("the plane needs data of 2 inputs and a network of as many inputs as features; a curve data of 1", () => {
  const params = [{ l: 2, W: [[1, 1, 1]], b: [0] }];
  const plane = { points_train: [[0, 0], [1, 1]], points_test: [], x_train: [], x_test: [] };
  assert.throws(() => computeGrid({ sizes: [3, 1], activations: ["tanh"], features: ["x1", "x2"] }, params, plane, 4),
                /network of 2 inputs \(x1, x2\); this network has 3/);
  assert.throws(() => computeCurve({ sizes: [1, 1], activations: ["tanh"] }, params, plane), /data of 1 input;/);
  const flat = { points_train: [[0, 0, 0]], points_test: [], x_train: [], x_test: [] };
  assert.throws(() => computeGrid({ sizes: [2, 1], activations: ["tanh"], features: ["x1_squared", "x2_squared"] },
                                  params, flat, 4), /data of 2 inputs; these have 3/);
});

test("a feature of x₁ alone never reads x₂ (data of one input have none)", () => {
  for (const [name, f] of Object.entries(FEATURES)) {
    if (f.reads === 1) assert.ok(Number.isFinite(f.of(0.3, undefined)), name);
    else assert.ok(!Number.isFinite(f.of(0.3, undefined)), `${name} reads x₂`);
  }
});
