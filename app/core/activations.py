"""Activation functions σ, each with its derivative σ' right beside it.

Every function takes z of shape (n_l, m) — one column per example — and returns
an array of the same shape. They are written to be stable for any finite z
(no overflow warnings, no NaN), because a diverging learning rate must end in a
clear report, not in garbage.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

Array = np.ndarray

LEAKY_SLOPE = 0.01
# GELU's tanh approximation, z Φ(z) ≈ ½ z (1 + tanh(√(2/π) (z + 0.044715 z³))) (Hendrycks & Gimpel, 2016).
GELU_K = float(np.sqrt(2.0 / np.pi))
GELU_C = 0.044715
# Beyond |z| = 20 the tanh above is ±1 exactly in float64, so clipping there changes no result and keeps z³ finite.
GELU_CLIP = 20.0


def _sigmoid(z: Array) -> Array:
    # 1/(1 + e^{−z}) with one exponential per entry (it runs at every neuron of every step). e^{−z} is
    # capped at e^709 so that it never overflows: below z = −709, σ(z) < 1.2e−308 anyway, indistinguishable
    # from the 1.2e−308 the cap gives.
    return 1.0 / (1.0 + np.exp(np.minimum(-z, 709.0)))


def _sigmoid_prime(z: Array, a: Array | None = None) -> Array:
    s = _sigmoid(z) if a is None else a
    return s * (1.0 - s)  # σ'(z) = σ(z)(1 − σ(z))


def _tanh_prime(z: Array, a: Array | None = None) -> Array:
    return 1.0 - (np.tanh(z) if a is None else a) ** 2  # tanh'(z) = 1 − tanh²(z)


def softplus(z: Array) -> Array:
    """ln(1 + e^z), written so that it never overflows (binary cross-entropy is softplus(z) − y z, too)."""
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.abs(z)))


def _relu(z: Array) -> Array:
    return np.maximum(z, 0.0)


def _relu_prime(z: Array, a: Array | None = None) -> Array:
    return (z > 0).astype(np.float64)  # the kink at 0 gets slope 0, as most libraries do


def _leaky_relu(z: Array) -> Array:
    return np.where(z > 0, z, LEAKY_SLOPE * z)


def _leaky_relu_prime(z: Array, a: Array | None = None) -> Array:
    return np.where(z > 0, 1.0, LEAKY_SLOPE)


def _softplus_prime(z: Array, a: Array | None = None) -> Array:
    return _sigmoid(z)  # d/dz ln(1 + e^z) = e^z / (1 + e^z) = σ(z)


def _elu(z: Array) -> Array:
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0.0)))  # e^z − 1 for z ≤ 0, without losing digits near 0


def _elu_prime(z: Array, a: Array | None = None) -> Array:
    return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0.0)))  # e^z = a + 1 below 0 (computed afresh: bit-exact)


def _gelu_tanh(z: Array) -> Array:
    zc = np.clip(z, -GELU_CLIP, GELU_CLIP)
    return np.tanh(GELU_K * (zc + GELU_C * zc**3))


def _gelu(z: Array) -> Array:
    return 0.5 * z * (1.0 + _gelu_tanh(z))


def _gelu_prime(z: Array, a: Array | None = None) -> Array:
    # d/dz ½ z (1 + t) = ½ (1 + t) + ½ z (1 − t²) t', with t' = √(2/π) (1 + 3 · 0.044715 z²); 1 − t² is 0 beyond the
    # clip, so the clipped z there gives the same (finite) product.
    t, zc = _gelu_tanh(z), np.clip(z, -GELU_CLIP, GELU_CLIP)
    return 0.5 * (1.0 + t) + 0.5 * zc * (1.0 - t * t) * GELU_K * (1.0 + 3.0 * GELU_C * zc * zc)


def _linear(z: Array) -> Array:
    return z.astype(np.float64, copy=True)


def _linear_prime(z: Array, a: Array | None = None) -> Array:
    return np.ones_like(z, dtype=np.float64)


def _softmax(z: Array) -> Array:
    # Subtracting the column max changes nothing mathematically and prevents overflow.
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _softmax_prime(z: Array, a: Array | None = None) -> Array:
    # Softmax mixes neurons, so its true derivative is a Jacobian. We report its
    # diagonal ∂a_j/∂z_j = a_j(1 − a_j) for display; BP1 with softmax always uses
    # the exact cancellation δ = a − y of softmax + cross-entropy instead.
    s = _softmax(z) if a is None else a
    return s * (1.0 - s)


@dataclass(frozen=True)
class Activation:
    name: str
    fn: Callable[[Array], Array]
    # σ'(z). Given a = σ(z) as well, sigmoid, tanh and softmax reuse it instead of computing σ(z) again
    # (the same numbers, bit for bit: a is exactly what σ(z) would give).
    prime: Callable[[Array, Array | None], Array]
    formula: str  # LaTeX of σ(z), for the docs and the page
    # The starting weights that keep the signal's variance steady through a layer of this σ (initialization.py):
    # Glorot for the ones symmetric about 0 or linear there, He for the ones that zero (about) half their inputs.
    init: Literal["glorot", "he"] = "glorot"
    output_only: bool = False  # softmax couples the neurons of a layer: output layer only
    needs_cost: str | None = None  # the one cost this σ may have on the output layer (softmax's cross-entropy)
    min_width: int = 1  # the fewest neurons of a layer with this σ (a softmax over one neuron is always 1)
    # σ twice differentiable everywhere. The others have a kink (or a jump in σ'') at z = 0, where a finite
    # difference straddling it is not the derivative: the gradient checks keep z away from 0 for them.
    smooth: bool = True

    def __call__(self, z: Array) -> Array:
        return self.fn(z)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("sigmoid", _sigmoid, _sigmoid_prime, r"\sigma(z) = \frac{1}{1 + e^{-z}}"),
        Activation("tanh", np.tanh, _tanh_prime, r"\tanh(z)"),
        Activation("relu", _relu, _relu_prime, r"\max(0, z)", init="he", smooth=False),
        Activation("leaky_relu", _leaky_relu, _leaky_relu_prime, r"\max(0.01 z, z)", init="he",
                   smooth=False),
        Activation("softplus", softplus, _softplus_prime, r"\ln(1 + e^{z})", init="he"),
        Activation("elu", _elu, _elu_prime, r"\begin{cases} z & z > 0 \\ e^{z} - 1 & z \le 0 \end{cases}", init="he",
                   smooth=False),
        Activation("gelu", _gelu, _gelu_prime,
                   r"\tfrac12 z \big(1 + \tanh\big(\sqrt{2/\pi}\,(z + 0.044715 z^{3})\big)\big)", init="he"),
        Activation("linear", _linear, _linear_prime, r"z"),
        Activation("softmax", _softmax, _softmax_prime, r"\frac{e^{z_j}}{\sum_k e^{z_k}}", output_only=True,
                   needs_cost="softmax_cross_entropy", min_width=2),
    )
}
