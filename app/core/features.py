"""Input features, as in TensorFlow Playground: functions of the data's own inputs that become the network's layer 1.

A spec's `features` names them in order; the network then sees, for each example, a¹ = (f₁(x), f₂(x), …) instead
of x itself, and its layer 1 is labelled with their names. With x₁² and x₂² a network without hidden layers draws
a circle; with sin πx₁ and sin πx₂ a small one untangles a spiral.

Playground's sin x₁ acts on its plane of [−6, 6], where it is about two waves across. Our sets live in [−1, 1],
where sin x₁ would be all but x₁ itself; sin πx₁ makes the same wave over our square, and its name says so.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Feature:
    name: str  # as written in a spec
    label: str  # the input neuron's name on the diagram
    tex: str  # a^1_j = … in TeX
    reads: int  # how many of the data's inputs it needs: x₁ only (1), or x₁ and x₂ (2)
    of: Callable[[Array], Array]  # the data's inputs, one example per row (n, d) → one value per example (n,)


FEATURES: dict[str, Feature] = {
    f.name: f
    for f in (
        Feature("x1", "x₁", "x_1", 1, lambda x: x[:, 0]),
        Feature("x2", "x₂", "x_2", 2, lambda x: x[:, 1]),
        Feature("x1_squared", "x₁²", "x_1^2", 1, lambda x: x[:, 0] ** 2),
        Feature("x2_squared", "x₂²", "x_2^2", 2, lambda x: x[:, 1] ** 2),
        Feature("x1_times_x2", "x₁x₂", "x_1 x_2", 2, lambda x: x[:, 0] * x[:, 1]),
        Feature("sin_pi_x1", "sin πx₁", r"\sin \pi x_1", 1, lambda x: np.sin(math.pi * x[:, 0])),
        Feature("sin_pi_x2", "sin πx₂", r"\sin \pi x_2", 2, lambda x: np.sin(math.pi * x[:, 1])),
    )
}


def featurize(names: tuple[str, ...], x: Array) -> Array:
    """The network's inputs (n, len(names)) from the data's (n, d); no names: the data's inputs as they are."""
    if not names:
        return x
    out = np.empty((x.shape[0], len(names)))
    for j, name in enumerate(names):
        out[:, j] = FEATURES[name].of(x)
    return out


def labels(names: tuple[str, ...]) -> list[str]:
    return [FEATURES[name].label for name in names]
