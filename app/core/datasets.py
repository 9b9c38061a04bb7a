"""Seeded toy data sets for training small networks (like TensorFlow Playground).

Classification sets live roughly in the square [-1, 1] x [-1, 1] so that decision
boundaries can be drawn on one fixed grid. Points are generated from their
*clean* position, labelled there, and only then jittered by Gaussian noise with
standard deviation ``noise`` (same units as the coordinates). So with noise > 0
a few points may sit on the "wrong" side of the ideal boundary - on purpose,
that is what makes noise hard.

Regression sets (regression.py) give a number to fit: over the same square, or
over [-1, 1] for a curve y = f(x) of one input. Their noise is on the target.

Everything comes from one ``np.random.default_rng(seed)``: the same arguments
give bit-identical arrays on every run.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from . import regression


@dataclass(frozen=True, eq=False)  # eq=False: `==` on arrays would be ambiguous
class Dataset:
    """A generated data set, already split. Arrays are fresh for every call.

    x_train: (n_train, 2) float64, one example per row.
    y_train: (n_train, k) float64; k=1 with labels 0.0/1.0 for binary sets,
             k=3 one-hot rows for the 3-class set.
    x_test:  (n_test, 2) float64.
    y_test:  (n_test, k) float64.
    classes: 2 for binary sets, 3 for "spiral3", 0 for regression sets.
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    classes: int


@dataclass(frozen=True)
class DatasetInfo:
    """Catalogue entry. output_size = output neurons a network needs (1 or 3)."""

    name: str
    title: str
    description: str
    classes: int  # 0: a regression set
    input_size: int
    output_size: int

    @property
    def task(self) -> Literal["binary", "multiclass", "regression"]:
        return "regression" if self.classes == 0 else "binary" if self.classes == 2 else "multiclass"


# Each set's network to start from (the lab's choice when the set is picked, GET /api/datasets' `network`):
# suggested.py, which reads this catalogue.
DATASETS: dict[str, DatasetInfo] = {
    info.name: info
    for info in (
        DatasetInfo("xor", "XOR", "Four quadrants; label 1 where the signs of x1 "
                    "and x2 differ (x1 * x2 < 0).", 2, 2, 1),
        DatasetInfo("circle", "Circle", "Label 1 inside a disc of radius 0.5, "
                    "label 0 in a ring of radius 0.7 to 1.0.", 2, 2, 1),
        DatasetInfo("gaussians", "Two Gaussians", "Two blobs: label 0 around "
                    "(-0.5, -0.5), label 1 around (0.5, 0.5).", 2, 2, 1),
        DatasetInfo("spiral", "Spiral", "Two interleaved spiral arms, labels 0 "
                    "and 1.", 2, 2, 1),
        DatasetInfo("moons", "Moons", "Two interleaving half moons: upper moon "
                    "label 0, lower moon label 1.", 2, 2, 1),
        DatasetInfo("spiral3", "Three spirals", "Three interleaved spiral arms, "
                    "one-hot labels of length 3.", 3, 2, 3),
        *(DatasetInfo(name, title, text, 0, inputs, 1) for name, title, text, inputs in regression.ROWS),
    )
}

_XOR_MARGIN = 0.05      # keep clean xor points off the axes, as Playground does
_BLOB_STD = 0.15        # intrinsic spread of each Gaussian blob (noise adds to it)
_SPIRAL_R0 = 0.05       # start arms slightly off the origin so they don't all meet


def _xor(rng: np.random.Generator, labels: np.ndarray) -> np.ndarray:
    """Clean points (n, 2): magnitudes in [margin, 1], signs chosen by the label."""
    n = labels.size
    mag = rng.uniform(_XOR_MARGIN, 1.0, size=(n, 2))
    s1 = rng.choice([-1.0, 1.0], size=n)
    # label 1 <=> signs differ, so the second sign is the first one flipped.
    s2 = np.where(labels == 1, -s1, s1)
    return mag * np.stack([s1, s2], axis=1)


def _circle(rng: np.random.Generator, labels: np.ndarray) -> np.ndarray:
    """Clean points (n, 2): disc r < 0.5 for label 1, ring 0.7 <= r <= 1 for 0."""
    n = labels.size
    u = rng.uniform(0.0, 1.0, size=n)
    # sqrt of a uniform r^2 gives points spread evenly over the area.
    r_in = 0.5 * np.sqrt(u)
    r_out = np.sqrt(0.49 + (1.0 - 0.49) * u)
    r = np.where(labels == 1, r_in, r_out)
    theta = rng.uniform(0.0, 2.0 * math.pi, size=n)
    return np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1)


def _gaussians(rng: np.random.Generator, labels: np.ndarray) -> np.ndarray:
    """Clean points (n, 2): blobs around (-0.5,-0.5) (label 0) and (0.5,0.5) (1)."""
    centers = np.where(labels[:, None] == 1, 0.5, -0.5)
    return centers + rng.normal(0.0, _BLOB_STD, size=(labels.size, 2))


def _spiral_arms(rng: np.random.Generator, labels: np.ndarray, arms: int,
                 turns: float) -> np.ndarray:
    """Clean points (n, 2) on `arms` spirals, arm c rotated by 2*pi*c/arms."""
    t = rng.uniform(0.0, 1.0, size=labels.size)
    r = _SPIRAL_R0 + (1.0 - _SPIRAL_R0) * t   # radius grows to 1 along the arm
    theta = 2.0 * math.pi * (turns * t + labels / arms)
    return np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1)


def _spiral(rng: np.random.Generator, labels: np.ndarray) -> np.ndarray:
    return _spiral_arms(rng, labels, arms=2, turns=1.75)


def _spiral3(rng: np.random.Generator, labels: np.ndarray) -> np.ndarray:
    # Fewer turns than the 2-arm spiral: three arms share the same space.
    return _spiral_arms(rng, labels, arms=3, turns=1.25)


def _moons(rng: np.random.Generator, labels: np.ndarray) -> np.ndarray:
    """Clean points (n, 2): sklearn's make_moons, centred and scaled into [-1,1]."""
    t = rng.uniform(0.0, math.pi, size=labels.size)
    upper = np.stack([np.cos(t), np.sin(t)], axis=1)
    lower = np.stack([1.0 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    pts = np.where(labels[:, None] == 1, lower, upper)
    # sklearn's moons span x in [-1, 2], y in [-0.5, 1]: centre, then shrink by 1.5.
    return (pts - np.array([0.5, 0.25])) / 1.5


_GENERATORS: dict[str, Callable[[np.random.Generator, np.ndarray], np.ndarray]] = {
    "xor": _xor, "circle": _circle, "gaussians": _gaussians,
    "spiral": _spiral, "moons": _moons, "spiral3": _spiral3,
}


def _is_int(value: object) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _is_real(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) \
        and not isinstance(value, bool)


def _validate(name: str, n: int, noise: float, test_fraction: float,
              seed: int) -> int:
    """Check the arguments of make_dataset; return n_test."""
    if not isinstance(name, str) or name not in DATASETS:
        valid = ", ".join(DATASETS)
        raise ValueError(f"unknown dataset name {name!r}; valid names: {valid}")
    if not _is_int(n) or not 4 <= n <= 10_000:
        raise ValueError(f"n must be an integer in [4, 10000], got {n!r}")
    if not _is_real(noise) or not math.isfinite(noise) or not 0.0 <= noise <= 1.0:
        raise ValueError(f"noise must be a finite number in [0, 1], got {noise!r}")
    if (not _is_real(test_fraction) or not math.isfinite(test_fraction)
            or not 0.0 <= test_fraction <= 0.9):
        raise ValueError(
            f"test_fraction must be a number in [0, 0.9], got {test_fraction!r}")
    if not _is_int(seed) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    n_test = round(n * test_fraction)
    if n - n_test < 1:
        raise ValueError(
            f"test_fraction={test_fraction} with n={n} leaves no training example")
    return n_test


def make_dataset(name: str, *, n: int = 200, noise: float = 0.1,
                 test_fraction: float = 0.2, seed: int = 0) -> Dataset:
    """Generate data set `name` with `n` points in total, split into train/test.

    Returns a Dataset with x_train (n_train, 2), y_train (n_train, k),
    x_test (n_test, 2), y_test (n_test, k), where n_test = round(n *
    test_fraction), n_train = n - n_test, and k = DATASETS[name].output_size.
    Classes are balanced (sizes differ by at most one) and the split is
    stratified, so train and test keep roughly the same class mix.
    Raises ValueError for an unknown name or an out-of-range argument.
    """
    n_test = _validate(name, n, noise, test_fraction, seed)
    n = int(n)
    classes = DATASETS[name].classes
    rng = np.random.default_rng(seed)
    if classes == 0:
        x, y = regression.REGRESSION[name](rng, n, float(noise))
        order = rng.permutation(n)  # one class: a plain random split
        return Dataset(name=name, x_train=x[order[n_test:]], y_train=y[order[n_test:]], x_test=x[order[:n_test]],
                       y_test=y[order[:n_test]], classes=0)

    # Balanced classes: 0,1,...,k-1,0,1,... then shuffled so order carries no info.
    labels = rng.permutation(np.arange(n) % classes)
    x = _GENERATORS[name](rng, labels)
    # Noise is always drawn (even when 0) so the random stream does not depend on it.
    x = x + rng.normal(0.0, 1.0, size=x.shape) * float(noise)

    # Stratified split: give every point its relative position (rank+0.5)/size
    # inside its own class, and send the smallest positions to the test set.
    # Each class then lands in test in proportion to its size.
    counts = np.bincount(labels, minlength=classes)
    rank = np.empty(n, dtype=np.int64)
    for c in range(classes):
        members = np.flatnonzero(labels == c)   # already in random order
        rank[members] = np.arange(members.size)
    position = (rank + 0.5) / counts[labels]
    order = np.lexsort((rng.random(n), position))  # random tie-break
    test_idx = rng.permutation(order[:n_test])
    train_idx = rng.permutation(order[n_test:])

    y = labels.astype(np.float64)[:, None] if classes == 2 else np.eye(classes, dtype=np.float64)[labels]
    x = x.astype(np.float64)
    return Dataset(name=name, x_train=x[train_idx], y_train=y[train_idx],
                   x_test=x[test_idx], y_test=y[test_idx], classes=classes)
