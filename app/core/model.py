"""A network as a resource: its spec, data, current and starting parameters, sampler, optimizer state, version.

A `Model` is immutable; every change (a step, a reset, a hand edit) returns a
new one with version + 1, which makes steps easy to reason about and atomic to
store.
"""

from dataclasses import dataclass, field, replace

import numpy as np

from .datasets import make_dataset
from .features import featurize
from .initialization import AUTO, DEFAULT_SCALE, init_params
from .network import Architecture, Params, Penalty
from .optimizers import OptimizerState, Rule, make
from .sampler import SamplerState, batch_indices

Array = np.ndarray


@dataclass(frozen=True)
class DatasetRef:
    """A generated toy data set: regenerated bit-for-bit from these arguments."""

    name: str
    n: int = 200
    noise: float = 0.1
    test_fraction: float = 0.2
    seed: int = 0


@dataclass(frozen=True)
class Samples:
    """Examples given explicitly, one per row: x (n, n_1), y (n, n_L)."""

    x: Array
    y: Array
    x_test: Array | None = None
    y_test: Array | None = None


@dataclass(frozen=True)
class Data:
    """Training and test examples, one per row: x is what the network takes in (its layer 1), points the data's
    own inputs before any features were made of them (the same arrays when there are none)."""

    x_train: Array
    y_train: Array
    x_test: Array
    y_test: Array
    points_train: Array | None = None  # None: x_train
    points_test: Array | None = None

    @property
    def n_train(self) -> int:
        return self.x_train.shape[0]

    def points(self) -> tuple[Array, Array]:
        """The data's own inputs (train, test): where the examples are on the plane or the line."""
        return (self.x_train if self.points_train is None else self.points_train,
                self.x_test if self.points_test is None else self.points_test)


@dataclass(frozen=True)
class Hyper:
    eta: float  # learning rate η
    lam: float = 0.0  # L2 strength λ, as in D = 1/m (Δ + λW)
    batch_size: int = 1  # m; ≥ the training set size means full-batch descent
    freeze_biases: bool = False  # the classic 2-2-2 example never updates its biases
    l1: float = 0.0  # L1 strength λ₁: D gains λ₁/m sign(W), the cost λ₁/m Σ |w|
    optimizer: str = "sgd"  # the update rule: sgd, momentum or adam (see optimizers.py)
    momentum: float = 0.9  # μ of momentum
    beta1: float = 0.9  # Adam's β1, β2 and ε
    beta2: float = 0.999
    epsilon: float = 1e-8

    @property
    def penalty(self) -> Penalty:
        return Penalty(lam=self.lam, l1=self.l1)

    def rule(self) -> Rule:
        return make(self.optimizer, self.eta, momentum=self.momentum, beta1=self.beta1, beta2=self.beta2,
                    epsilon=self.epsilon)


@dataclass(frozen=True)
class Labels:
    """Display names from a preset's source (h1, o1, w5 …), keyed by layer l."""

    neurons: dict[int, list[str]] = field(default_factory=dict)  # l = 1 … L
    weights: dict[int, list[list[str]]] = field(default_factory=dict)  # l = 2 … L, shaped like W^l
    biases: dict[int, list[str]] = field(default_factory=dict)  # l = 2 … L


@dataclass(frozen=True)
class Spec:
    """Everything needed to build a network, exactly and reproducibly."""

    arch: Architecture
    hyper: Hyper
    data: DatasetRef | Samples
    seed: int = 0
    initial: Params | None = None  # explicit starting parameters; else drawn from seed
    init: str = AUTO  # how they are drawn: auto (by each layer's activation), zeros, uniform, glorot or he
    init_scale: float = DEFAULT_SCALE  # a of uniform(−a, a)
    labels: Labels = field(default_factory=Labels)
    preset: str | None = None
    features: tuple[str, ...] = ()  # the network's inputs made from the data's (features.py); none: the data's own


@dataclass(frozen=True)
class Model:
    spec: Spec
    data: Data
    initial: Params
    params: Params
    sampler: SamplerState = SamplerState()
    version: int = 1
    steps: int = 0  # updates applied since creation
    optimizer: OptimizerState = field(default_factory=OptimizerState)  # velocity / moments; fresh = zeros

    @property
    def arch(self) -> Architecture:
        return self.spec.arch

    @property
    def hyper(self) -> Hyper:
        return self.spec.hyper

    def batch(self) -> tuple[Array, Array, Array]:
        """The current mini-batch: indices, x (n_1, m) and y (n_L, m), one column per example."""
        idx = batch_indices(self.data.n_train, self.hyper.batch_size, self.spec.seed, self.sampler)
        return idx, self.data.x_train[idx].T, self.data.y_train[idx].T

    def changed(self, **kw: object) -> "Model":
        """A copy with some fields replaced and the version moved on."""
        return replace(self, version=self.version + 1, **kw)  # type: ignore[arg-type]


def load_data(source: DatasetRef | Samples, features: tuple[str, ...] = ()) -> Data:
    """The examples, with the features made of their inputs (the names must be checked first)."""
    if isinstance(source, DatasetRef):
        ds = make_dataset(source.name, n=source.n, noise=source.noise,
                          test_fraction=source.test_fraction, seed=source.seed)
        x_train, y_train, x_test, y_test = ds.x_train, ds.y_train, ds.x_test, ds.y_test
    else:
        x_train, y_train = source.x, source.y
        x_test = source.x_test if source.x_test is not None else np.zeros((0, source.x.shape[1]))
        y_test = source.y_test if source.y_test is not None else np.zeros((0, source.y.shape[1]))
    if not features:
        return Data(x_train, y_train, x_test, y_test)
    return Data(featurize(features, x_train), y_train, featurize(features, x_test), y_test, x_train, x_test)


def starting_params(spec: Spec) -> Params:
    """The explicit starting parameters, or the ones the seed draws."""
    if spec.initial is not None:
        return spec.initial
    return init_params(spec.arch, np.random.default_rng(spec.seed), spec.init, spec.init_scale)


def build_model(spec: Spec, data: Data | None = None) -> Model:
    """A fresh network at its starting parameters (the spec must be validated first)."""
    initial = starting_params(spec)
    return Model(spec=spec, data=data if data is not None else load_data(spec.data, spec.features),
                 initial=initial, params=initial.copy())
