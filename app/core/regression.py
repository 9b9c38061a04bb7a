"""Seeded regression data sets: a number to fit rather than a class (Playground's "plane" and "multi-gaussian",
and curve fitting y = f(x), its most asked-for problem).

The 2-D sets cover the square [-1, 1]²; the curves take x in [-1, 1]. Targets stay within about [-1, 1], where
a linear output fits them and tanh hidden units bend them. Noise is Gaussian, on the target (the points' x are
where they are): a fit's mean squared error cannot go below noise².
"""

import math
from collections.abc import Callable

import numpy as np

Array = np.ndarray
Generator = Callable[[np.random.Generator, int, float], tuple[Array, Array]]

# Four bumps over the square, two up and two down: (centre x1, centre x2, height).
_BUMPS = ((-0.5, -0.5, 1.0), (0.5, 0.5, 1.0), (-0.5, 0.5, -1.0), (0.5, -0.5, -1.0))
_BUMP_WIDTH = 0.25


def _plane(x: Array) -> Array:
    return (x[:, 0] + x[:, 1]) / 2  # a tilted plane: the one problem a network without hidden layers solves


def _multi_gaussian(x: Array) -> Array:
    y = np.zeros(x.shape[0])
    for cx, cy, height in _BUMPS:
        y += height * np.exp(-((x[:, 0] - cx) ** 2 + (x[:, 1] - cy) ** 2) / (2 * _BUMP_WIDTH**2))
    return y


CURVES: dict[str, Callable[[Array], Array]] = {
    "sine": lambda x: 0.8 * np.sin(math.pi * x),
    "step": lambda x: np.where(x > 0, 0.8, -0.8),
    "abs": lambda x: np.abs(x) * 1.6 - 0.8,
    "cubic": lambda x: x**3,
}


def _over_square(f: Callable[[Array], Array]) -> Generator:
    def make(rng: np.random.Generator, n: int, noise: float) -> tuple[Array, Array]:
        x = rng.uniform(-1.0, 1.0, size=(n, 2))
        return x, (f(x) + rng.normal(0.0, 1.0, size=n) * noise)[:, None]
    return make


def _curve(f: Callable[[Array], Array]) -> Generator:
    def make(rng: np.random.Generator, n: int, noise: float) -> tuple[Array, Array]:
        x = rng.uniform(-1.0, 1.0, size=(n, 1))
        return x, f(x) + rng.normal(0.0, 1.0, size=(n, 1)) * noise
    return make


REGRESSION: dict[str, Generator] = {
    "plane": _over_square(_plane), "multi_gaussian": _over_square(_multi_gaussian),
    **{f"curve_{name}": _curve(f) for name, f in CURVES.items()},
}

# The catalogue's entries (datasets.DATASETS): name, title, description, input size; each has one output.
ROWS = (
    ("plane", "Plane", "Regression over the plane: y = (x1 + x2) / 2.", 2),
    ("multi_gaussian", "Multi-Gaussian", "Regression over the plane: two bumps up, two down, at (±0.5, ±0.5).", 2),
    ("curve_sine", "Sine curve", "Fit y = 0.8 sin(πx) for x in [-1, 1].", 1),
    ("curve_step", "Step", "Fit a step: y = −0.8 for x ≤ 0, 0.8 above.", 1),
    ("curve_abs", "|x|", "Fit y = 1.6 |x| − 0.8, a kink at 0.", 1),
    ("curve_cubic", "Cubic", "Fit y = x³.", 1),
)
