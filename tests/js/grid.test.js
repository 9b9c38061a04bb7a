// The lab's grid over the input plane (static/js/lab/grid.js) against the server's GET /boundary, recorded in
// grid-fixture.json (tests/js/record_grid_fixture.py): the same object, number for number within 1e-9.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { computeGrid, gridResolution, planeAxes } from "../../static/js/lab/grid.js";

const cases = JSON.parse(readFileSync(new URL("./grid-fixture.json", import.meta.url)));

/** Every number of `got` within `tol` of `want`, every array of the same length, the same keys. */
function assertClose(got, want, tol, path = "grid") {
  if (typeof want === "number") {
    assert.equal(typeof got, "number", path);
    assert.ok(Math.abs(got - want) <= tol, `${path}: ${got} ≠ ${want}`);
  } else if (Array.isArray(want)) {
    assert.ok(Array.isArray(got), `${path} is not an array`);
    assert.equal(got.length, want.length, `${path}.length`);
    want.forEach((w, i) => assertClose(got[i], w, tol, `${path}[${i}]`));
  } else {
    assert.deepEqual(Object.keys(got).sort(), Object.keys(want).sort(), path);
    for (const key of Object.keys(want)) assertClose(got[key], want[key], tol, `${path}.${key}`);
  }
}

for (const [name, c] of Object.entries(cases)) {
  test(`the browser's grid equals GET /boundary within 1e-9: ${name} (${c.spec.activations.join(", ")})`, () => {
    const grid = computeGrid(c.spec, c.parameters, c.data, c.resolution);
    assertClose(grid, c.boundary, 1e-9);
  });
}

test("the axes are numpy's linspace over the data's box widened by 10% (at least 0.1), bit for bit", () => {
  const { xs, ys } = planeAxes({ x_train: [[0, 5], [2, 5]], x_test: [[1, 5]] }, 5);
  // np.linspace(-0.2, 2.2, 5) and np.linspace(4.9, 5.1, 5), as Python prints them:
  assert.deepEqual(xs, [-0.2, 0.4000000000000001, 1.0000000000000002, 1.6000000000000003, 2.2]);
  assert.deepEqual(ys, [4.9, 4.95, 5.0, 5.05, 5.1]);
});

test("one linear neuron is the plane w · x + b, laid out [row][column] with row 0 at the bottom", () => {
  const grid = computeGrid({ sizes: [2, 1], activations: ["linear"] }, [{ l: 2, W: [[2, -1]], b: [0.5] }],
                           { x_train: [[0, 0], [1, 1]], x_test: [] }, 3);
  assert.equal(grid.resolution, 3);
  assert.deepEqual(grid.hidden, []);
  for (let row = 0; row < 3; row++) {
    for (let col = 0; col < 3; col++) {
      assert.equal(grid.output[0][row][col], 2 * grid.xs[col] - grid.ys[row] + 0.5);
    }
  }
});

test("softmax makes each point's outputs sum to 1, even for huge z; sigmoid saturates without NaN", () => {
  const data = { x_train: [[-1, -1], [1, 1]], x_test: [] };
  const soft = computeGrid({ sizes: [2, 3], activations: ["softmax"] },
                           [{ l: 2, W: [[900, 0], [0, 900], [-900, 0]], b: [0, 0, 0] }], data, 4);
  for (let row = 0; row < 4; row++) {
    for (let col = 0; col < 4; col++) {
      const sum = soft.output.reduce((s, o) => s + o[row][col], 0);
      assert.ok(Math.abs(sum - 1) < 1e-12 && soft.output.every((o) => Number.isFinite(o[row][col])));
    }
  }
  const sig = computeGrid({ sizes: [2, 1], activations: ["sigmoid"] }, [{ l: 2, W: [[1e6, 0]], b: [0] }], data, 4);
  assert.equal(sig.output[0][0][0], 0);
  assert.equal(sig.output[0][0][3], 1);
});

test("a network without 2 inputs, or with an unknown activation, is refused with a reason", () => {
  const data = { x_train: [[0, 0]], x_test: [] };
  assert.throws(() => computeGrid({ sizes: [3, 1], activations: ["tanh"] }, [], data, 5), /2 inputs/);
  assert.throws(() => computeGrid({ sizes: [2, 1], activations: ["swish"] }, [{ l: 2, W: [[1, 1]], b: [0] }], data, 5),
                /swish/);
});

test("a spec with one activation name for every layer works as the list would", () => {
  const c = cases["tanh-relu-sigmoid"];
  const params = c.parameters;
  const one = computeGrid({ sizes: c.spec.sizes, activations: "tanh" }, params, c.data, 5);
  const list = computeGrid({ sizes: c.spec.sizes, activations: ["tanh", "tanh", "tanh"] }, params, c.data, 5);
  assert.deepEqual(one, list);
});

test("big networks are drawn at a lower resolution, so that a frame's grid stays bounded", () => {
  assert.equal(gridResolution([2, 8, 8, 8, 8, 8, 8, 1]), 32);
  assert.equal(gridResolution([2, 4, 4, 1], 40), 40);
  const big = [2, ...new Array(8).fill(128), 1];
  const r = gridResolution(big);
  assert.ok(r < 32 && r * r * (8 * 128 + 1) <= 200_000, r);
});
