"""A fully connected network and the four equations of backpropagation.

Notation of the seeds (Nielsen): layers are numbered l = 1 … L, the input is
layer 1. W[l] (shape n_l × n_{l−1}) holds w^l_jk, the weight from neuron k of
layer l−1 to neuron j of layer l; b[l], z[l], a[l], delta[l] likewise exist for
l = 2 … L (a[1] is the input). Dicts are keyed by that l — never by a shifted
or negative index.

A batch is a matrix with one column per example: x has shape (n_1, m).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

import numpy as np

from .activations import ACTIVATIONS, Activation
from .costs import COSTS, Cost
from .errors import DivergedError

Array = np.ndarray
Layered = Mapping[int, Array]  # {l: array}


@dataclass(frozen=True)
class Architecture:
    """The shape of a network: sizes n_1 … n_L, σ for l = 2 … L, and the cost.

    shared_bias: one bias per layer shared by all its neurons, as in the
    classic 2-2-2 worked example and seed 001's drawing (b^l = b·1).
    """

    sizes: tuple[int, ...]
    activations: tuple[str, ...]  # activations[l - 2] is the σ of layer l
    cost_name: str
    shared_bias: bool = False

    @cached_property
    def L(self) -> int:
        return len(self.sizes)

    @cached_property
    def layers(self) -> range:
        """l = 2 … L: the layers that have weights."""
        return range(2, self.L + 1)

    def act(self, l: int) -> Activation:
        return self.sigmas[l - 2]

    @cached_property
    def sigmas(self) -> tuple[Activation, ...]:
        """σ of layers 2 … L, looked up once (read only after the spec is validated: the names exist)."""
        return tuple(ACTIVATIONS[name] for name in self.activations)

    @cached_property
    def cost(self) -> Cost:
        return COSTS[self.cost_name]


@dataclass(frozen=True)
class Params:
    """Weights W[l] (n_l × n_{l−1}) and biases b[l] (n_l,) for l = 2 … L."""

    W: dict[int, Array]
    b: dict[int, Array]

    def copy(self) -> "Params":
        return Params({l: w.copy() for l, w in self.W.items()}, {l: v.copy() for l, v in self.b.items()})

    def all_finite(self) -> bool:
        """Call under np.errstate(over="ignore"), as all_finite() says."""
        return all(all_finite(w) for w in self.W.values()) and all(all_finite(v) for v in self.b.values())

    def sum_of_squared_weights(self) -> float:
        return float(sum(np.sum(w * w) for w in self.W.values()))

    def sum_of_absolute_weights(self) -> float:
        return float(sum(np.sum(np.abs(w)) for w in self.W.values()))


@dataclass(frozen=True)
class Penalty:
    """Regularization of the weights (biases never): L2 with strength λ, L1 with strength λ₁.

    cost  + λ/(2m) Σ w² + λ₁/m Σ |w|
    D^l   = 1/m (Δ^l + λ W^l + λ₁ sign(W^l))      (sign(0) = 0: a subgradient at w = 0)

    forward() and backprop() take a Penalty or, as before, a plain λ (L2 only), so
    callers that pass λ through (gradcheck) keep working and stay exact with L1.
    """

    lam: float = 0.0  # λ, L2
    l1: float = 0.0  # λ₁, L1

    def cost(self, params: Params, m: int) -> float:
        l2 = self.lam / (2 * m) * params.sum_of_squared_weights() if self.lam else 0.0
        l1 = self.l1 / m * params.sum_of_absolute_weights() if self.l1 else 0.0
        return l2 + l1

    def D(self, Delta: Array, W: Array, m: int) -> Array:
        """D^l = 1/m (Δ^l + λ W^l + λ₁ sign W^l), the gradient ∂C/∂W^l of the regularized batch cost.
        A term whose strength is 0 is left out, not added as zeros, so that without regularization
        Δ^l/m comes through exactly (even the sign of a zero) and costs no extra pass over W^l."""
        if self.lam:
            Delta = Delta + self.lam * W
        if self.l1:
            Delta = Delta + self.l1 * np.sign(W)
        return Delta / m


def as_penalty(lam: float | Penalty) -> Penalty:
    return lam if isinstance(lam, Penalty) else Penalty(lam=lam)


@dataclass(frozen=True)
class Forward:
    """Every number of a forward pass. Per-example arrays have one column per example."""

    x: Array  # (n_1, m) = a[1]
    y: Array | None  # (n_L, m) targets, if given
    z: dict[int, Array]  # l = 2 … L, (n_l, m)
    a: dict[int, Array]  # l = 1 … L, (n_l, m)
    costs: Array | None  # (m,) C_x per example, without the L2 and L1 terms
    cost: float | None  # batch cost: mean of C_x + λ/(2m) Σ w² + λ₁/m Σ |w|
    regularization: float  # the L2 and L1 terms included in cost

    @property
    def output(self) -> Array:
        return self.a[max(self.a)]


@dataclass(frozen=True)
class Trace:
    """A forward pass and the backward pass that follows it (BP1 – BP4)."""

    forward: Forward
    grad_a: Array  # ∇_a C at the output, per example (n_L, m)
    sigma_prime: dict[int, Array]  # σ'(z^l), l = 2 … L, (n_l, m)
    delta: dict[int, Array]  # δ^l per example, l = 2 … L, (n_l, m)
    nabla_b: dict[int, Array]  # ∂C/∂b^l of the batch cost, (n_l,)           BP3
    Delta: dict[int, Array]  # Δ^l = Σ_x δ^l_x (a^{l−1}_x)ᵀ, (n_l, n_{l−1})  seed 004
    nabla_w: dict[int, Array]  # ∂C/∂W^l = (Δ^l + λ W^l + λ₁ sign W^l) / m   BP4
    delta_rule: Literal["a_minus_y", "grad_a_times_sigma_prime"]

    @property
    def m(self) -> int:
        return self.forward.x.shape[1]


def all_finite(value: Array) -> bool:
    """No inf or NaN in value. A sum is finite only if every entry is: one reduction instead of two passes,
    on every layer of every step; only a sum that overflowed looks closer (call under
    np.errstate(over="ignore"), or such a sum warns)."""
    return bool(np.isfinite(value.sum()) or np.isfinite(value).all())


# The equations, each written once. Both the traced step below (forward(), backprop(): every number kept for
# the lesson and the API) and the fast training loop (fast_loop.py: only the numbers it needs) run these.
# They check nothing: the callers decide what a non-finite number means.

def feedforward(arch: Architecture, W: Layered, b: Layered, x: Array) -> tuple[dict[int, Array], dict[int, Array]]:
    """z^l and a^l for l = 2 … L from the input a^1 = x, one column per example."""
    z: dict[int, Array] = {}
    a: dict[int, Array] = {1: x}
    for l in arch.layers:
        z[l] = W[l] @ a[l - 1] + b[l][:, None]  # z^l = W^l a^{l−1} + b^l
        a[l] = arch.sigmas[l - 2].fn(z[l])  # a^l = σ(z^l)
    return z, a


def output_error(arch: Architecture, z_L: Array, a_L: Array, y: Array) -> Array:
    """BP1: δ^L = ∇_a C ⊙ σ'(z^L), as the cost computes it (Cost.delta: a − y where the factors cancel)."""
    return arch.cost.delta(z_L, a_L, y, arch.sigmas[-1])


def backpropagate(W: Layered, delta_L: Array, sigma_prime: Layered, L: int) -> dict[int, Array]:
    """BP2: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l) for l = L−1 … 2, from δ^L and σ'(z^l) of those layers."""
    delta = {L: delta_L}
    for l in range(L - 1, 1, -1):
        delta[l] = (W[l + 1].T @ delta[l + 1]) * sigma_prime[l]
    return delta


def gradients(arch: Architecture, W: Layered, a: Layered, delta: Layered, penalty: Penalty,
              m: int) -> tuple[dict[int, Array], dict[int, Array], dict[int, Array]]:
    """BP3 and BP4 for the batch of m examples: ∂C/∂b^l, Δ^l and ∂C/∂W^l = D^l for l = 2 … L."""
    nabla_b, Delta, nabla_w = {}, {}, {}
    for l in arch.layers:
        nabla_b[l] = delta[l].sum(axis=1) / m  # BP3, averaged over the batch
        Delta[l] = delta[l] @ a[l - 1].T  # Δ^l = Σ_x δ^l (a^{l−1})ᵀ
        nabla_w[l] = penalty.D(Delta[l], W[l], m)  # BP4 with L2 and L1: D^l
    return nabla_b, Delta, nabla_w


def _check_finite(name: str, l: int, value: Array) -> None:
    if not all_finite(value):
        raise DivergedError(
            f"The network has diverged: {name}^{l} is no longer a finite number. "
            "Lower the learning rate and reset the network (or set its parameters)."
        )


def forward(arch: Architecture, params: Params, x: Array, y: Array | None = None,
            lam: float | Penalty = 0.0) -> Forward:
    """Feed the batch x (n_1, m) forward; with targets y (n_L, m) also the cost (with the penalty `lam`)."""
    with np.errstate(over="ignore", invalid="ignore"):
        z, a = feedforward(arch, params.W, params.b, x)
        for l in arch.layers:
            _check_finite("z", l, z[l])
        costs = cost = None
        m = x.shape[1]
        reg = as_penalty(lam).cost(params, m)
        if y is not None:
            costs = arch.cost.per_example(z[arch.L], a[arch.L], y)
            cost = float(costs.sum()) / m + reg  # C = 1/m Σ_x C_x + λ/(2m) Σ w² + λ₁/m Σ |w|
            if not np.isfinite(cost):
                raise DivergedError("The network has diverged: the cost is no longer a finite number. "
                                    "Lower the learning rate and reset the network (or set its parameters).")
    return Forward(x=x, y=y, z=z, a=a, costs=costs, cost=cost, regularization=reg)


def backprop(arch: Architecture, params: Params, x: Array, y: Array, lam: float | Penalty = 0.0) -> Trace:
    """Forward pass, then BP1 – BP4 for the batch cost of (x, y), m = number of columns, every number kept.

    lam: the L2 strength λ, or a Penalty with λ and the L1 strength λ₁."""
    penalty = as_penalty(lam)
    fw = forward(arch, params, x, y, penalty)
    L, z, a, m = arch.L, fw.z, fw.a, x.shape[1]
    with np.errstate(over="ignore", invalid="ignore"):
        sp = {l: arch.act(l).prime(z[l], a[l]) for l in arch.layers}  # σ'(z^l), shown on every neuron
        grad_a = arch.cost.grad_a(a[L], y)  # ∇_a C, shown on the output
        delta = backpropagate(params.W, output_error(arch, z[L], a[L], y), sp, L)
        nabla_b, Delta, nabla_w = gradients(arch, params.W, a, delta, penalty, m)
        for l in arch.layers:
            _check_finite("δ", l, delta[l])
            _check_finite("∂C/∂w", l, nabla_w[l])
    return Trace(
        forward=fw,
        grad_a=grad_a,
        sigma_prime=sp,
        delta=delta,
        nabla_b=nabla_b,
        Delta=Delta,
        nabla_w=nabla_w,
        delta_rule="a_minus_y" if arch.cost.delta_is_a_minus_y else "grad_a_times_sigma_prime",
    )


def bias_gradient(arch: Architecture, trace: Trace, l: int) -> Array:
    """The gradient that moves b^l: ∂C/∂b^l, or its sum over the layer when the bias is shared."""
    return moving_bias_gradient(arch, trace.nabla_b[l])


def moving_bias_gradient(arch: Architecture, nabla_b: Array) -> Array:
    """bias_gradient() from the layer's ∂C/∂b^l alone."""
    if arch.shared_bias:
        return np.full_like(nabla_b, nabla_b.sum())  # ∂C/∂b = Σ_j ∂C/∂b_j
    return nabla_b
