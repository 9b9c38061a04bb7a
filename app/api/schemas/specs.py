"""What a client sends to build a network: a preset name, a full spec, or an exported document."""

from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, model_validator

from ...core.activations import ACTIVATIONS
from ...core.costs import COSTS
from ...core.document import FORMAT, FORMAT_VERSION, STATE_FIELDS
from ...core.features import FEATURES
from ...core.initialization import INITS
from ...core.optimizers import FORMULAS, OPTIMIZERS, STATE_SLOTS
from .base import MAX_COUNT, Matrix, Name, Schema, Vector, with_fields

# The names a spec accepts are the core's registries: what the core adds is accepted, and listed in the OpenAPI
# document's enums, at once; a wrong name is refused with the list of the right ones.
if TYPE_CHECKING:
    ActivationName = str
    CostName = str
    OptimizerName = str
    InitName = str
    FeatureName = str
else:
    ActivationName = Literal[tuple(ACTIVATIONS)]
    CostName = Literal[tuple(COSTS)]
    OptimizerName = Literal[tuple(OPTIMIZERS)]
    InitName = Literal[INITS]
    FeatureName = Literal[tuple(FEATURES)]

# The pairing rules, in the descriptions, as the registries declare them (GET /api/functions lists them all).
OUTPUT_ONLY = ", ".join(a.name for a in ACTIVATIONS.values() if a.output_only)
PAIRED_COSTS = "; ".join(f"{c.name} needs a {c.paired_activation} output" for c in COSTS.values()
                         if c.paired_activation)


class DatasetSpec(Schema):
    """A generated 2-D toy data set; the same arguments always give the same points."""

    name: Name = Field(description="One of the names listed by GET /api/datasets.", examples=["xor"])
    n: int = Field(200, ge=4, le=10_000, description="Training + test examples.")
    noise: float = Field(0.1, ge=0, le=1, description="Standard deviation of the Gaussian noise added to each point.")
    test_fraction: float = Field(0.2, ge=0, le=0.9, description="Share of the examples held out as the test set.")
    seed: int = Field(0, ge=0, lt=2**32, description="Seed of the generator.")


class SamplesSpec(Schema):
    """Examples given explicitly, one per row."""

    x: Matrix = Field(description="Inputs, one row of n_1 values per example.", examples=[[[0.05, 0.1]]])
    y: Matrix = Field(description="Targets, one row of n_L values per example.", examples=[[[0.01, 0.99]]])
    x_test: Matrix | None = Field(None, description="Optional test inputs.")
    y_test: Matrix | None = Field(None, description="Test targets (required with x_test).")

    @model_validator(mode="after")
    def _test_pairs(self) -> "SamplesSpec":
        if (self.x_test is None) != (self.y_test is None):
            raise ValueError("give x_test and y_test together")
        return self


class LayerParams(Schema):
    """W^l (n_l rows × n_{l−1} columns: W[j][k] = w^l_jk) and b^l of one layer l ≥ 2."""

    l: int = Field(ge=2, le=MAX_COUNT, description="Layer number, 2 … L (the input is layer 1).", examples=[2])
    W: Matrix = Field(examples=[[[0.15, 0.2], [0.25, 0.3]]])
    b: Vector = Field(examples=[[0.35, 0.35]])


class LabelsSpec(Schema):
    """Display names (keys are layer numbers l)."""

    neurons: dict[Name, list[Name]] = Field(default_factory=dict, examples=[{"1": ["i1", "i2"]}])
    weights: dict[Name, list[list[Name]]] = Field(default_factory=dict)
    biases: dict[Name, list[Name]] = Field(default_factory=dict)


class NetworkSpec(Schema):
    """A complete description of a network, its training rule and its data."""

    sizes: list[Annotated[int, Field(ge=1, le=MAX_COUNT)]] = Field(
        min_length=2, description="Neurons per layer n_1 … n_L; layer 1 is the input.", examples=[[2, 2, 2]])
    activations: list[ActivationName] | ActivationName = Field(
        "sigmoid", description=f"σ of layers 2 … L (one name for all, or a list of L − 1). Output layer only: "
                               f"{OUTPUT_ONLY}.")
    cost: CostName = Field("quadratic", description=f"{PAIRED_COSTS}.")
    eta: float = Field(0.5, gt=0, le=1e6, description="Learning rate η.")
    lam: float = Field(0.0, ge=0, le=1e6,
                       description="L2 strength λ: D^l = 1/m (Δ^l + λ W^l); biases are not regularized.")
    l1: float = Field(0.0, ge=0, le=1e6, description="L1 strength λ₁: D^l gains λ₁/m sign(W^l) and the cost "
                      "λ₁/m Σ |w|; biases are not regularized.")
    optimizer: OptimizerName = Field("sgd", description=f"The update rule. {FORMULAS}; g = ∂C/∂θ.")
    momentum: float = Field(0.9, ge=0, lt=1, description="μ of momentum: the share of the last velocity kept.")
    beta1: float = Field(0.9, ge=0, lt=1, description="Adam: decay of the first moment m (the mean of g).")
    beta2: float = Field(0.999, ge=0, lt=1, description="Adam: decay of the second moment v (the mean of g²).")
    epsilon: float = Field(1e-8, gt=0, le=1e6, description="Adam: ε in η m̂ / (√v̂ + ε).")
    batch_size: int = Field(1, ge=1, le=MAX_COUNT,
                            description="Mini-batch size m; ≥ the training set size means full-batch descent.")
    freeze_biases: bool = Field(False, description="Never update the biases (as the classic 2-2-2 example).")
    shared_bias: bool = Field(False, description="One bias per layer, shared by its neurons.")
    seed: int = Field(0, ge=0, lt=2**32,
                      description="Seeds the starting weights (when `initial` is not given) and the sampler.")
    init: InitName = Field(
        "auto", description="How the starting weights are drawn (when `initial` is not given): auto (Glorot for "
        "σ symmetric about 0, He for ReLU-like ones, by each layer's activation), zeros (every unit of a layer stays "
        "the same: the symmetry problem), uniform (U(−a, a), a = init_scale), glorot or he. Biases start at 0.")
    init_scale: float = Field(0.5, gt=0, le=100, description="a of the uniform init U(−a, a).")
    initial: list[LayerParams] | None = Field(None, description="Explicit starting parameters for layers 2 … L.")
    dataset: DatasetSpec | None = None
    samples: SamplesSpec | None = None
    labels: LabelsSpec | None = None
    features: list[FeatureName] = Field(
        [], max_length=len(FEATURES), description="The network's inputs made from the data's, in order, as in "
        "TensorFlow Playground: " + ", ".join(f"{f.name} ({f.label})" for f in FEATURES.values()) + ". Each "
        "becomes an input neuron (sizes[0] = their number), named for it; none: the data's own inputs.")

    @model_validator(mode="after")
    def _one_data_source(self) -> "NetworkSpec":
        if (self.dataset is None) == (self.samples is None):
            raise ValueError("give exactly one of 'dataset' or 'samples'")
        return self


class CreateNetwork(Schema):
    """Build a network from a preset (optionally with a new seed) or from a full spec."""

    preset: Name | None = Field(None, description="A name from GET /api/presets.", examples=["mazur-2-2-2"])
    spec: NetworkSpec | None = None

    @model_validator(mode="after")
    def _one_source(self) -> "CreateNetwork":
        if (self.preset is None) == (self.spec is None):
            raise ValueError("give exactly one of 'preset' or 'spec'")
        return self


class SamplerPosition(Schema):
    epoch: int = Field(0, ge=0, le=MAX_COUNT, description="Completed passes over the training set.")
    cursor: int = Field(0, ge=0, le=MAX_COUNT,
                        description="Index of the next batch's first example in this epoch's order.")


class OptimizerLayer(Schema):
    l: int = Field(ge=2, le=MAX_COUNT, description="Layer number, 2 … L.")


def _kept_by(rule: str) -> str:
    return ", ".join(f"{s}_{p}" for p in ("W", "b") for s in STATE_SLOTS[rule]) or "nothing"


# Its other fields are the arrays the rules keep (app.core.document.STATE_FIELDS): velocity_W, …, m_b, v_b.
if TYPE_CHECKING:
    OptimizerLayerState = OptimizerLayer
else:
    OptimizerLayerState = with_fields(
        OptimizerLayer, "OptimizerLayerState",
        "What the optimizer remembers for layer l, shaped like W^l (…_W) and b^l (…_b) — "
        + "; ".join(f"{rule}: {_kept_by(rule)}" for rule in OPTIMIZERS) + ". The others are null.",
        {name: (Matrix | None if name.endswith("_W") else Vector | None, None) for name in STATE_FIELDS})


class OptimizerState(Schema):
    """The optimizer's memory between steps; with it a network continues exactly where it was."""

    t: int = Field(0, ge=0, le=MAX_COUNT,
                   description="Updates taken since the state was fresh (Adam's bias correction).")
    layers: list[OptimizerLayerState] = Field(
        default_factory=list, description="l = 2 … L, or none: a fresh state (velocity and moments zero).")


class SetParameters(Schema):
    """Replace the current parameters (a hand edit, or a return to an earlier point)."""

    parameters: list[LayerParams]
    sampler: SamplerPosition | None = Field(None, description="Optionally move the sampler too.")
    optimizer_state: OptimizerState | None = Field(
        None, description="The optimizer state to continue with. Left out, the optimizer starts afresh "
                          "(zero velocity and moments, t = 0), as after a reset.")
    expected_version: int | None = Field(None, ge=0, le=MAX_COUNT,
                                         description="Refuse with 409 unless the network is at this version.")


class ExportDocument(Schema):
    """A network, complete: import it to get the very same network back."""

    format: Literal[FORMAT] = FORMAT  # type: ignore[valid-type]
    format_version: Literal[FORMAT_VERSION] = FORMAT_VERSION  # type: ignore[valid-type]
    spec: NetworkSpec
    parameters: list[LayerParams]
    sampler: SamplerPosition
    version: int = Field(ge=1, le=MAX_COUNT)
    steps: int = Field(ge=0, le=MAX_COUNT)
    optimizer_state: OptimizerState | None = Field(
        None, description="Velocity or moments (left out in documents from before optimizers: a fresh state).")
