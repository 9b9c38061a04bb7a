"""Cost functions C(a^L, y), each with its gradient ∇_a C right beside it.

Arrays are (n_L, m): one column per example. `per_example` returns C_x for every
example x, shape (m,); the batch cost is their mean (plus the L2 term, added by
the network). Values are computed from z^L where that is the stable way.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .activations import softplus

if TYPE_CHECKING:
    from .activations import Activation

Array = np.ndarray

# ∇_a C of a saturated cross-entropy output is truly enormous (1/(1−a) with
# a → 1). We clip it to the largest float so every number stays printable;
# δ^L itself is computed by the exact cancellation and is never affected.
_FLOAT_MAX = np.finfo(np.float64).max


def _finite(x: Array) -> Array:
    return np.clip(np.nan_to_num(x, nan=0.0), -_FLOAT_MAX, _FLOAT_MAX)


def _quadratic(z: Array, a: Array, y: Array) -> Array:
    return 0.5 * np.sum((y - a) ** 2, axis=0)  # C_x = ½ Σ_j (y_j − a_j)²


def _quadratic_grad_a(a: Array, y: Array) -> Array:
    return a - y  # ∂C/∂a_j = a_j − y_j


def _binary_cross_entropy(z: Array, a: Array, y: Array) -> Array:
    # −[y ln a + (1−y) ln(1−a)] with a = σ(z) equals softplus(z) − y z: no log(0).
    return np.sum(softplus(z) - y * z, axis=0)


def _binary_cross_entropy_grad_a(a: Array, y: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        g = -np.where(y != 0, y / a, 0.0) + np.where(y != 1, (1.0 - y) / (1.0 - a), 0.0)
    return _finite(g)  # ∂C/∂a = −y/a + (1−y)/(1−a) = (a − y) / (a(1 − a))


def _softmax_cross_entropy(z: Array, a: Array, y: Array) -> Array:
    # −Σ_j y_j ln a_j with ln a_j = z_j − logsumexp(z): computed from z, no log(0).
    zmax = z.max(axis=0)
    lse = zmax + np.log(np.sum(np.exp(z - zmax), axis=0))
    return lse * np.sum(y, axis=0) - np.sum(y * z, axis=0)


def _softmax_cross_entropy_grad_a(a: Array, y: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        g = -np.where(y != 0, y / a, 0.0)
    return _finite(g)  # ∂C/∂a_j = −y_j / a_j


def _probabilities(y: Array) -> str | None:
    if y.size and (y.min() < 0 or y.max() > 1):
        return "binary cross-entropy needs targets between 0 and 1."
    return None


def _distributions(y: Array) -> str | None:
    if y.size and (y.min() < 0 or not np.allclose(y.sum(axis=1), 1.0, atol=1e-9)):
        return "softmax cross-entropy needs each target row to be a probability distribution (for example one-hot)."
    return None


def _any_numbers(y: Array) -> str | None:
    return None


@dataclass(frozen=True)
class Cost:
    name: str
    per_example: Callable[[Array, Array, Array], Array]  # (z^L, a^L, y) -> (m,)
    grad_a: Callable[[Array, Array], Array]  # (a^L, y) -> ∇_a C, (n_L, m)
    formula: str  # LaTeX, per example
    # The output activation this cost is paired with, or None for any. With that
    # pairing ∇_a C ⊙ σ'(z^L) cancels exactly to a^L − y, which is what BP1 computes.
    paired_activation: str | None = None
    # The targets this cost is the usual choice for ("binary", "multiclass", "regression"), and the output layer it
    # then takes when it pairs with none (numbers to fit: a linear output). The lab and the suggested networks
    # build a task's output layer and cost from this.
    task: str | None = None
    free_output: str | None = None

    # What the targets must be, as a message for a target matrix (one row per example) that is not; None if any
    # numbers will do.
    check_targets: Callable[[Array], str | None] = _any_numbers

    @property
    def task_output(self) -> str | None:
        """The output activation this cost takes for its task."""
        return self.paired_activation or self.free_output

    @property
    def delta_is_a_minus_y(self) -> bool:
        return self.paired_activation is not None

    def delta(self, z: Array, a: Array, y: Array, sigma: "Activation") -> Array:
        """BP1, the output error δ^L = ∇_a C ⊙ σ'(z^L) of this cost with the output activation σ (Nielsen's
        Cost.delta). With the paired output the two factors cancel exactly: δ^L = a^L − y, which is also what
        keeps a saturated output learning (no σ' → 0)."""
        if self.delta_is_a_minus_y:
            return a - y
        return self.grad_a(a, y) * sigma.prime(z, a)


COSTS: dict[str, Cost] = {
    c.name: c
    for c in (
        Cost("quadratic", _quadratic, _quadratic_grad_a, r"C = \tfrac12 \sum_j (y_j - a^L_j)^2",
             task="regression", free_output="linear"),
        Cost(
            "binary_cross_entropy",
            _binary_cross_entropy,
            _binary_cross_entropy_grad_a,
            r"C = -\sum_j \left[ y_j \ln a^L_j + (1 - y_j) \ln (1 - a^L_j) \right]",
            paired_activation="sigmoid",
            task="binary",
            check_targets=_probabilities,
        ),
        Cost(
            "softmax_cross_entropy",
            _softmax_cross_entropy,
            _softmax_cross_entropy_grad_a,
            r"C = -\sum_j y_j \ln a^L_j",
            paired_activation="softmax",
            task="multiclass",
            check_targets=_distributions,
        ),
    )
}
