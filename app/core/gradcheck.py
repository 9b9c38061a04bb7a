"""Gradient check: compare backprop's ∂C/∂w, ∂C/∂b with central differences.

numeric = (C(θ + ε) − C(θ − ε)) / 2ε for one parameter θ at a time, on the same
batch and with the same L2 term as the analytic gradient.
"""

import time
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .network import Architecture, Params, Penalty, backprop, bias_gradient, forward

Array = np.ndarray

# Below this size, two gradients are compared by their absolute difference:
# a relative error of two numbers that are both ≈ 0 says nothing.
_TINY = 1e-8


@dataclass(frozen=True)
class Entry:
    l: int
    kind: Literal["w", "b"]
    j: int
    k: int | None  # None for a bias
    analytic: float
    numeric: float
    rel_error: float


@dataclass(frozen=True)
class GradCheck:
    entries: list[Entry]
    max_rel_error: float
    checked: int
    total: int
    epsilon: float


def _free_parameters(arch: Architecture) -> list[tuple[int, Literal["w", "b"], int, int | None]]:
    """Every trainable number: each w^l_jk, each b^l_j (one per layer when the bias is shared)."""
    found: list[tuple[int, Literal["w", "b"], int, int | None]] = []
    for l in arch.layers:
        n_out, n_in = arch.sizes[l - 1], arch.sizes[l - 2]
        found += [(l, "w", j, k) for j in range(n_out) for k in range(n_in)]
        found += [(l, "b", 0, None)] if arch.shared_bias else [(l, "b", j, None) for j in range(n_out)]
    return found


def _nudge(arch: Architecture, params: Params, l: int, kind: str, j: int, k: int | None, h: float) -> Params:
    p = params.copy()
    if kind == "w":
        p.W[l][j, k] += h
    elif arch.shared_bias:
        p.b[l] += h  # the one shared bias of the layer
    else:
        p.b[l][j] += h
    return p


def gradcheck(arch: Architecture, params: Params, x: Array, y: Array, penalty: Penalty | float = 0.0, *,
              epsilon: float = 1e-5, max_params: int = 2000, seed: int = 0,
              seconds: float | None = None) -> GradCheck:
    """Check up to max_params parameters (a seeded sample when there are more) within `seconds`.

    penalty: the regularization of the cost (a Penalty, or the L2 strength λ alone)."""
    trace = backprop(arch, params, x, y, penalty)
    everything = _free_parameters(arch)
    chosen = everything
    if len(everything) > max_params:
        picks = np.sort(np.random.default_rng(seed).choice(len(everything), max_params, replace=False))
        chosen = [everything[i] for i in picks]
    deadline = None if seconds is None else time.perf_counter() + seconds

    def cost(p: Params) -> float:
        return forward(arch, p, x, y, penalty).cost  # type: ignore[return-value]

    entries = []
    for l, kind, j, k in chosen:
        if deadline is not None and time.perf_counter() > deadline:
            break
        numeric = (cost(_nudge(arch, params, l, kind, j, k, epsilon))
                   - cost(_nudge(arch, params, l, kind, j, k, -epsilon))) / (2 * epsilon)
        analytic = float(trace.nabla_w[l][j, k] if kind == "w" else bias_gradient(arch, trace, l)[j])
        rel = abs(analytic - numeric) / max(abs(analytic), abs(numeric), _TINY)
        entries.append(Entry(l, kind, j, k, analytic, float(numeric), float(rel)))
    return GradCheck(entries=entries, max_rel_error=max((e.rel_error for e in entries), default=0.0),
                     checked=len(entries), total=len(everything), epsilon=epsilon)
