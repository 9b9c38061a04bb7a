"""Seeded starting weights: by the scheme each layer's activation declares (Activation.init), or one chosen for the
whole network (a spec's init): zeros, which shows the symmetry problem, uniform(−a, a), Glorot or He."""

from collections.abc import Callable

import numpy as np

from .network import Architecture, Params

Array = np.ndarray


def glorot_uniform(rng: np.random.Generator, n_in: int, n_out: int, scale: float = 0.0) -> Array:
    """Glorot/Xavier uniform, U(±√(6 / (n_in + n_out))): keeps the variance of signals that σ passes about
    unchanged near 0 (sigmoid, tanh, linear …) steady across layers, forward and backward."""
    limit = np.sqrt(6.0 / (n_in + n_out))
    return rng.uniform(-limit, limit, size=(n_out, n_in))


def he_normal(rng: np.random.Generator, n_in: int, n_out: int, scale: float = 0.0) -> Array:
    """He normal, N(0, 2 / n_in): the same for ReLU-like σ, which zero about half their inputs."""
    return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))


def zeros(rng: np.random.Generator, n_in: int, n_out: int, scale: float = 0.0) -> Array:
    """All weights 0: every unit of a layer computes the same, gets the same gradient and stays the same."""
    return np.zeros((n_out, n_in))


def uniform(rng: np.random.Generator, n_in: int, n_out: int, scale: float = 0.5) -> Array:
    """U(−a, a) with the a the spec gives (init_scale), whatever the layer's width: too small a vanishes, too large
    saturates — the reason for the two schemes above."""
    return rng.uniform(-scale, scale, size=(n_out, n_in))


Scheme = Callable[[np.random.Generator, int, int, float], Array]
SCHEMES: dict[str, Scheme] = {"glorot": glorot_uniform, "he": he_normal, "zeros": zeros, "uniform": uniform}
AUTO = "auto"  # each layer by its activation's own scheme (Activation.init)
INITS = (AUTO, *SCHEMES)
DEFAULT_SCALE = 0.5  # uniform's a


def init_params(arch: Architecture, rng: np.random.Generator, init: str = AUTO,
                scale: float = DEFAULT_SCALE) -> Params:
    """Draw W[l] for l = 2 … L in order from rng, by `init` (auto: each by its activation's scheme); biases start
    at 0."""
    W, b = {}, {}
    for l in arch.layers:
        n_in, n_out = arch.sizes[l - 2], arch.sizes[l - 1]
        W[l] = SCHEMES[arch.act(l).init if init == AUTO else init](rng, n_in, n_out, scale)
        b[l] = np.zeros(n_out)
    return Params(W, b)
