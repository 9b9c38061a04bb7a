"""Seeded network specs that together cover the lesson's whole configuration space.

Each dimension the builder and the API offer cycles with its own stride, so that every value of every dimension
appears, and every output/cost pair meets every update rule: hidden activation, output activation + cost, update
rule, regularization (none, L2, L1, both), batch (1 or more), biases (own, shared, frozen, shared and frozen) and
1–3 hidden layers, and input features (none, or a set of them, so that every feature is some network's input).
Sizes, data, η and the seed are drawn from a seeded generator.
"""

from __future__ import annotations

import random
from typing import Any

from app.core.activations import ACTIVATIONS
from app.core.features import FEATURES
from tests.support.registry_space import HIDDEN, OUTPUTS, RULES

PENALTIES = [(0.0, 0.0), (0.1, 0.0), (0.0, 0.05), (0.2, 0.1)]  # (λ, λ₁)
BIASES = [(False, False), (True, False), (False, True), (True, True)]  # (shared_bias, freeze_biases)
# Every fourth network takes features of its two inputs; in turn, these sets name every feature.
FEATURE_SETS = [["x1_squared", "x2_squared"], ["x1", "x2", "x1_times_x2", "sin_pi_x1"], ["sin_pi_x2", "x1"],
                list(FEATURES)]


def _targets(rng: random.Random, output: str, cost: str, n_out: int) -> list[float]:
    if cost == "softmax_cross_entropy":
        hot = rng.randrange(n_out)
        return [1.0 if j == hot else 0.0 for j in range(n_out)]
    if cost == "binary_cross_entropy" or output == "sigmoid":
        return [float(rng.randrange(2)) if rng.random() < 0.7 else round(rng.uniform(0.05, 0.95), 2)
                for _ in range(n_out)]
    return [round(rng.uniform(-1, 1), 2) for _ in range(n_out)]


def lesson_spec(i: int) -> dict[str, Any]:
    """The i-th spec of the walk (deterministic)."""
    rng = random.Random(1000 + i)
    output, cost = OUTPUTS[i % len(OUTPUTS)]
    rule = RULES[(i + i // len(OUTPUTS)) % len(RULES)]  # each output/cost pair meets each rule within 3 × |OUTPUTS|
    lam, l1 = PENALTIES[(i // 3) % len(PENALTIES)]
    shared, frozen = BIASES[(i // 5) % len(BIASES)]
    hidden_layers = 1 + (i % 3)
    features = FEATURE_SETS[(i // 4) % len(FEATURE_SETS)] if i % 4 == 3 else []
    n_in = 2 if features else rng.randint(1, 3)
    hidden = [rng.randint(1, 4) for _ in range(hidden_layers)]
    low = ACTIVATIONS[output].min_width  # softmax: 2
    n_out = rng.randint(low, max(low, 3))
    sizes = [len(features) or n_in, *hidden, n_out]
    acts = [HIDDEN[(i + h) % len(HIDDEN)] for h in range(hidden_layers)] + [output]
    n = rng.randint(3, 6)
    batch = 1 if i % 2 == 0 else rng.randint(2, n + 1)  # sometimes more than the data: full-batch descent
    x = [[round(rng.uniform(-1, 1), 2) for _ in range(n_in)] for _ in range(n)]
    y = [_targets(rng, output, cost, n_out) for _ in range(n)]
    etas = {"sgd": [0.1, 0.5, 2.0], "momentum": [0.1, 0.5], "adam": [0.01, 0.1]}
    eta = {name: rng.choice(options) for name, options in etas.items()}[rule]  # a draw for each: the same sequence
    return {"sizes": sizes, "activations": acts, "cost": cost, "eta": eta, "lam": lam, "l1": l1, "optimizer": rule,
            "batch_size": batch, "shared_bias": shared, "freeze_biases": frozen, "seed": i,
            "samples": {"x": x, "y": y}, **({"features": features} if features else {})}


# Beyond the grid: a layer wide enough that sums are elided (⋯), a batch larger than 8, and a learning rate so
# large that the numbers reach ×10ⁿ (the η = 10⁶ of issue 10).
EXTRA_SPECS: list[dict[str, Any]] = [
    {"sizes": [9, 3, 2], "activations": ["tanh", "sigmoid"], "cost": "quadratic", "eta": 0.5, "batch_size": 10,
     "seed": 7, "samples": {"x": [[round(((i * 7 + k * 3) % 11) / 10 - 0.5, 2) for k in range(9)] for i in range(12)],
                            "y": [[float(i % 2), float((i + 1) % 2)] for i in range(12)]}},
    {"sizes": [2, 3, 1], "activations": ["sigmoid", "sigmoid"], "cost": "quadratic", "eta": 1e6, "seed": 3,
     "samples": {"x": [[0.3, -0.7], [0.9, 0.1]], "y": [[1.0], [0.0]]}},
]

WALK_SIZE = max(32, len(OUTPUTS) * len(RULES))  # every output/cost pair with every rule


def walk_specs() -> list[dict[str, Any]]:
    return [lesson_spec(i) for i in range(WALK_SIZE)] + EXTRA_SPECS


def coverage(specs: list[dict[str, Any]]) -> dict[str, set[Any]]:
    """What the specs cover, dimension by dimension (and the output/cost × rule pairs)."""
    return {
        "hidden": {a for s in specs for a in s["activations"][:-1]},
        "output": {(s["activations"][-1], s["cost"]) for s in specs},
        "rule": {s.get("optimizer", "sgd") for s in specs},
        "output×rule": {(s["activations"][-1], s["cost"], s.get("optimizer", "sgd")) for s in specs},
        "penalty": {(s["lam"] > 0, s["l1"] > 0) for s in specs if "lam" in s},
        "batch>1": {s.get("batch_size", 1) > 1 for s in specs},
        "bias": {(s.get("shared_bias", False), s.get("freeze_biases", False)) for s in specs},
        "hidden_layers": {len(s["sizes"]) - 2 for s in specs},
        "features": {f for s in specs for f in s.get("features", [])},
    }
