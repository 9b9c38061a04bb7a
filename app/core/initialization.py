"""Seeded starting weights: Glorot for sigmoid/tanh-like layers, He for ReLU layers."""

import numpy as np

from .network import Architecture, Params


def init_params(arch: Architecture, rng: np.random.Generator) -> Params:
    """Draw W[l] for l = 2 … L in order from rng; biases start at 0.

    Glorot/Xavier uniform, U(±√(6 / (n_in + n_out))), keeps the variance of
    sigmoid, tanh and linear signals steady across layers; He normal,
    N(0, 2 / n_in), does the same for ReLU, which zeroes half its inputs.
    """
    W, b = {}, {}
    for l in arch.layers:
        n_in, n_out = arch.sizes[l - 2], arch.sizes[l - 1]
        if arch.activations[l - 2] in ("relu", "leaky_relu"):
            W[l] = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
        else:
            limit = np.sqrt(6.0 / (n_in + n_out))
            W[l] = rng.uniform(-limit, limit, size=(n_out, n_in))
        b[l] = np.zeros(n_out)
    return Params(W, b)
