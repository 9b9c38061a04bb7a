"""A fully connected network and the four equations of backpropagation.

Notation of the seeds (Nielsen): layers are numbered l = 1 … L, the input is
layer 1. W[l] (shape n_l × n_{l−1}) holds w^l_jk, the weight from neuron k of
layer l−1 to neuron j of layer l; b[l], z[l], a[l], delta[l] likewise exist for
l = 2 … L (a[1] is the input). Dicts are keyed by that l — never by a shifted
or negative index.

A batch is a matrix with one column per example: x has shape (n_1, m).
"""

from dataclasses import dataclass
from typing import Literal, Mapping

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

    @property
    def L(self) -> int:
        return len(self.sizes)

    @property
    def layers(self) -> range:
        """l = 2 … L: the layers that have weights."""
        return range(2, self.L + 1)

    def act(self, l: int) -> Activation:
        return ACTIVATIONS[self.activations[l - 2]]

    @property
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


def as_penalty(lam: "float | Penalty") -> Penalty:
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


def _check_finite(name: str, l: int, value: Array) -> None:
    if not all_finite(value):
        raise DivergedError(
            f"The network has diverged: {name}^{l} is no longer a finite number. "
            "Lower the learning rate and reset the network (or set its parameters)."
        )


def forward(arch: Architecture, params: Params, x: Array, y: Array | None = None,
            lam: float | Penalty = 0.0) -> Forward:
    """Feed the batch x (n_1, m) forward; with targets y (n_L, m) also the cost (with the penalty `lam`)."""
    z: dict[int, Array] = {}
    a: dict[int, Array] = {1: x}
    with np.errstate(over="ignore", invalid="ignore"):
        for l in arch.layers:
            z[l] = params.W[l] @ a[l - 1] + params.b[l][:, None]  # z^l = W^l a^{l−1} + b^l
            _check_finite("z", l, z[l])
            a[l] = arch.act(l)(z[l])  # a^l = σ(z^l)
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
    """Forward pass, then BP1 – BP4 for the batch cost of (x, y), m = number of columns.

    lam: the L2 strength λ, or a Penalty with λ and the L1 strength λ₁."""
    penalty = as_penalty(lam)
    fw = forward(arch, params, x, y, penalty)
    L, z, a, m = arch.L, fw.z, fw.a, x.shape[1]
    cost = arch.cost
    sp = {l: arch.act(l).prime(z[l], a[l]) for l in arch.layers}
    grad_a = cost.grad_a(a[L], y)

    delta: dict[int, Array] = {}
    with np.errstate(over="ignore", invalid="ignore"):
        if cost.delta_is_a_minus_y:
            delta[L] = a[L] - y  # BP1, after ∇_a C ⊙ σ'(z^L) cancels exactly
        else:
            delta[L] = grad_a * sp[L]  # BP1: δ^L = ∇_a C ⊙ σ'(z^L)
        for l in range(L - 1, 1, -1):  # l = L−1 … 2
            delta[l] = (params.W[l + 1].T @ delta[l + 1]) * sp[l]  # BP2
        nabla_b = {l: delta[l].sum(axis=1) / m for l in arch.layers}  # BP3, averaged over the batch
        Delta = {l: delta[l] @ a[l - 1].T for l in arch.layers}  # Δ^l = Σ_x δ^l (a^{l−1})ᵀ
        nabla_w = {l: penalty.D(Delta[l], params.W[l], m) for l in arch.layers}  # BP4 with L2 and L1: D^l
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
        delta_rule="a_minus_y" if cost.delta_is_a_minus_y else "grad_a_times_sigma_prime",
    )


def bias_gradient(arch: Architecture, trace: Trace, l: int) -> Array:
    """The gradient that moves b^l: ∂C/∂b^l, or its sum over the layer when the bias is shared."""
    return moving_bias_gradient(arch, trace.nabla_b[l])


def moving_bias_gradient(arch: Architecture, nabla_b: Array) -> Array:
    """bias_gradient() from the layer's ∂C/∂b^l alone."""
    if arch.shared_bias:
        return np.full_like(nabla_b, nabla_b.sum())  # ∂C/∂b = Σ_j ∂C/∂b_j
    return nabla_b


def sgd_update(arch: Architecture, params: Params, trace: Trace, eta: float, freeze_biases: bool = False) -> Params:
    """Gradient descent: W ← W − η ∂C/∂W, b ← b − η ∂C/∂b. Returns new Params.

    The reference plain rule; training steps through optimizers.update(), whose SGD equals this bit for bit."""
    with np.errstate(over="ignore", invalid="ignore"):
        W = {l: params.W[l] - eta * trace.nabla_w[l] for l in arch.layers}
        if freeze_biases:
            b = {l: params.b[l].copy() for l in arch.layers}
        else:
            b = {l: params.b[l] - eta * bias_gradient(arch, trace, l) for l in arch.layers}
        new = Params(W, b)
        finite = new.all_finite()
    if not finite:
        raise DivergedError(
            f"The network has diverged: this update (η = {eta:g}) would make a weight infinite. "
            "Lower the learning rate and reset the network (or set its parameters)."
        )
    return new
