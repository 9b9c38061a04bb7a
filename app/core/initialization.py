"""Seeded starting weights, by the scheme each layer's activation declares (Activation.init)."""

from collections.abc import Callable

import numpy as np

from .network import Architecture, Params

Array = np.ndarray


def glorot_uniform(rng: np.random.Generator, n_in: int, n_out: int) -> Array:
    """Glorot/Xavier uniform, U(±√(6 / (n_in + n_out))): keeps the variance of signals that σ passes about
    unchanged near 0 (sigmoid, tanh, linear …) steady across layers, forward and backward."""
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_out, n_in))


def he_normal(rng: np.random.Generator, n_in: int, n_out: int) -> Array:
    """He normal, N(0, 2 / n_in): the same for ReLU-like σ, which zero about half their inputs."""
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))


SCHEMES: dict[str, Callable[[np.random.Generator, int, int], Array]] = {"glorot": glorot_uniform, "he": he_normal}


def init_params(arch: Architecture, rng: np.random.Generator) -> Params:
    """Draw W[l] for l = 2 … L in order from rng, each by its activation's scheme; biases start at 0."""
    W, b = {}, {}
    for l in arch.layers:
        n_in, n_out = arch.sizes[l - 2], arch.sizes[l - 1]
        W[l] = SCHEMES[arch.act(l).init](rng, n_in, n_out)
        b[l] = np.zeros(n_out)
    return Params(W, b)
