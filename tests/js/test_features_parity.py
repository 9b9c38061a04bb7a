"""The lab's feature registry (static/js/features.js) and the core's (app/core/features.py) list the same input
features, in the same order, with the same labels, TeX and number of inputs read, and compute the same values:
the browser's grid feeds a network what the server does. The JS side is run by Node itself."""

import json

import numpy as np
import pytest

from app.core.features import FEATURES, featurize
from tests.js.test_registry_parity import assert_close, node

# Reads { points, points1 } on stdin: rows of (x₁, x₂) and rows of x₁ alone. Answers the registry, each feature of
# the 2-D points through featurize() and through fillInputs() (the grid's buffer), and the 1-input features of the
# 1-D points.
EVAL_JS = """
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
import("./static/js/features.js").then((f) => {
  const names = Object.keys(f.FEATURES), m = input.points.length;
  const buffer = f.fillInputs(new Float64Array(names.length * m), names, input.points.map((p) => p[0]),
                              input.points.map((p) => p[1]));
  const ones = names.filter((n) => f.FEATURES[n].reads === 1);
  console.log(JSON.stringify({
    names, labels: names.map((n) => f.FEATURES[n].label), reads: names.map((n) => f.FEATURES[n].reads),
    tex: names.map((n) => f.FEATURES[n].tex),
    rows: f.featurize(names, input.points),
    filled: names.map((_, j) => Array.from(buffer.subarray(j * m, (j + 1) * m))),
    ones, rows1: f.featurize(ones, input.points1),
    none: f.featurize([], input.points),
  }));
});
"""
# Signs, zero, the unit square's edges and beyond, and numbers where sin πx is near 0 or ±1.
POINTS = np.array([[0.0, 0.0], [0.5, -0.5], [-1.0, 1.0], [0.3, 0.7], [-0.83, 0.12], [1.7, -2.25], [1e-3, -0.999]])
POINTS_1D = POINTS[:, :1] * 1.3


@pytest.fixture(scope="module")
def js() -> dict:
    return node(EVAL_JS, stdin=json.dumps({"points": POINTS.tolist(), "points1": POINTS_1D.tolist()}), module=False)


def test_the_same_features_in_the_same_order_with_the_same_labels_and_reads(js: dict) -> None:
    assert js["names"] == list(FEATURES)
    assert js["labels"] == [f.label for f in FEATURES.values()]
    assert js["reads"] == [f.reads for f in FEATURES.values()]
    assert js["tex"] == [f.tex for f in FEATURES.values()]  # the lesson's a¹ⱼ = … (explain.js)


@pytest.mark.parametrize("name", list(FEATURES))
def test_each_feature_computes_what_the_core_does(name: str, js: dict) -> None:
    j = js["names"].index(name)
    want = featurize((name,), POINTS)[:, 0]
    assert_close([row[j] for row in js["rows"]], want, f"{name} by featurize()")
    assert_close(js["filled"][j], want, f"{name} in the grid's input buffer")


def test_features_of_one_input_need_only_x1(js: dict) -> None:
    assert js["ones"] == [name for name, f in FEATURES.items() if f.reads == 1]
    want = featurize(tuple(js["ones"]), POINTS_1D)
    for j, name in enumerate(js["ones"]):
        assert_close([row[j] for row in js["rows1"]], want[:, j], f"{name} of one input")


def test_no_features_are_the_points_themselves(js: dict) -> None:
    assert js["none"] == POINTS.tolist()
