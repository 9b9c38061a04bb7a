"""Responses that carry the numbers of a pass: every z, a, δ, ∂C/∂w and ∂C/∂b.

Per-example arrays are rows of examples: z[i][j] is z^l_j for example i. Very
large batches show only their first `examples_shown` examples per example
(the batch gradients always cover the whole batch).
"""

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ...core.optimizers import EXPLAINS, FORMULAS, STATE_SLOTS
from .base import Indices, Matrix, Schema, Vector, with_fields
from .documents import NetworkDocument, SamplerState
from .specs import OptimizerName


class BatchInfo(Schema):
    source: Literal["batch", "inputs", "example"]
    indices: Indices | None = Field(description="Training-set indices of the examples (None for given inputs).")
    m: int = Field(description="Number of examples.")
    examples_shown: int = Field(description="Examples included in the per-example arrays.")


class ForwardLayer(Schema):
    l: int
    z: Matrix | None = Field(description="z^l = W^l a^{l−1} + b^l per example (None for the input layer).")
    a: Matrix = Field(description="a^l = σ(z^l) per example (the inputs for layer 1).")


class ForwardTrace(Schema):
    version: int
    batch: BatchInfo
    layers: list[ForwardLayer] = Field(description="l = 1 … L.")
    targets: Matrix | None
    costs: Vector | None = Field(description="C_x of each example shown, without the L2 and L1 terms.")
    cost: float | None = Field(description="Batch cost: mean C_x + λ/(2m) Σ w² + λ₁/m Σ |w|.")
    regularization: float = Field(description="The L2 and L1 terms λ/(2m) Σ w² + λ₁/m Σ |w| inside `cost`.")


class BackwardLayer(Schema):
    l: int
    sigma_prime: Matrix = Field(description="σ'(z^l) per example.")
    delta: Matrix = Field(description="δ^l per example: BP1 for l = L, BP2 below.")
    nabla_b: Vector = Field(description="BP3: ∂C/∂b^l_j of the batch cost (mean of δ^l_j).")
    Delta: Matrix = Field(description="Δ^l = Σ_x δ^l (a^{l−1})ᵀ, the accumulated gradient (seed 004).")
    nabla_w: Matrix = Field(description="BP4 with L2 and L1: ∂C/∂w^l_jk = (Δ^l + λ W^l + λ₁ sign W^l)_jk / m.")


class BackwardTrace(Schema):
    delta_rule: Literal["a_minus_y", "grad_a_times_sigma_prime"] = Field(
        description="How BP1 was computed: ∇_a C ⊙ σ'(z^L), or a − y where those factors cancel exactly.")
    grad_a: Matrix = Field(description="∇_a C at the output, per example.")
    layers: list[BackwardLayer] = Field(description="l = 2 … L.")


class ForwardBackward(Schema):
    forward: ForwardTrace
    backward: BackwardTrace


class UpdateLayerArrays(Schema):
    l: int
    W_old: Matrix
    W_new: Matrix
    b_old: Vector
    b_new: Vector
    nabla_w: Matrix = Field(description="The gradient g the rule used for W (with the L2 and L1 terms); "
                            "for SGD W_new = W_old − η nabla_w.")
    nabla_b: Vector = Field(description="The gradient applied to b (its sum over the layer for a shared bias; "
                            "zeros when biases are frozen).")


# The numbers of the rules, named after the array they belong to, all of W's and then all of b's: each slot a rule
# keeps before and after the step (velocity_W_old, velocity_W, m_W_old, m_W, v_W_old, v_W), then what else explains
# the step (m_hat_W, v_hat_W, step_W). From the core's declarations; only their descriptions are written here.
def _shown(p: str) -> list[str]:
    kept = [f"{slot}_{p}{when}" for slots in STATE_SLOTS.values() for slot in slots for when in ("_old", "")]
    return kept + [f"{name}_{p}" for names in EXPLAINS.values() for name in names]


SHOWN_FIELDS = tuple(dict.fromkeys(_shown("W") + _shown("b")))
SHOWN_DESCRIPTIONS = {
    "velocity_W_old": "momentum: v before the step.",
    "velocity_W": "momentum: v ← μ v − η g; W_new = W_old + velocity_W.",
    "m_W_old": "Adam: m before the step.",
    "m_W": "Adam: m ← β1 m + (1 − β1) g.",
    "v_W_old": "Adam: v before the step.",
    "v_W": "Adam: v ← β2 v + (1 − β2) g².",
    "m_hat_W": "Adam: m̂ = m / (1 − β1^t).",
    "v_hat_W": "Adam: v̂ = v / (1 − β2^t).",
    "step_W": "Adam: η m̂ / (√v̂ + ε); W_new = W_old − step_W.",
}

if TYPE_CHECKING:
    UpdateLayer = UpdateLayerArrays
else:
    UpdateLayer = with_fields(
        UpdateLayerArrays, "UpdateLayer",
        "Old and new W^l, b^l, the gradients, and the numbers of the rule in use: null where the rule has none "
        "(all of them for SGD; the b ones when biases are frozen). *_old is the state before this step.",
        {name: (Matrix | None if name.endswith(("_W", "_W_old")) else Vector | None,
                Field(None, description=SHOWN_DESCRIPTIONS.get(name))) for name in SHOWN_FIELDS})


class UpdateResult(Schema):
    rule: OptimizerName = Field(
        "sgd", description=f"{FORMULAS}, for each weight and bias θ with its gradient g.")
    eta: float
    lam: float
    l1: float = Field(0.0, description="L1 strength λ₁ (inside the gradients).")
    momentum: float | None = Field(None, description="μ (momentum only).")
    beta1: float | None = Field(None, description="β1 (Adam only).")
    beta2: float | None = Field(None, description="β2 (Adam only).")
    epsilon: float | None = Field(None, description="ε (Adam only).")
    t: int = Field(description="This update's number since the optimizer state was fresh (Adam's t).")
    old_version: int
    version: int
    layers: list[UpdateLayer]
    sampler: SamplerState = Field(description="Position of the next batch.")


class StepResult(Schema):
    forward: ForwardTrace
    backward: BackwardTrace
    update: UpdateResult


class TrainHistory(Schema):
    steps: list[int]
    train_loss: list[float]
    test_loss: list[float | None]


class TrainResult(Schema):
    status: Literal["completed", "time_limit", "diverged"]
    message: str
    steps_done: int
    history: TrainHistory
    network: NetworkDocument


class GradcheckEntry(Schema):
    l: int
    kind: Literal["w", "b"]
    j: int
    k: int | None
    analytic: float
    numeric: float
    rel_error: float


class GradcheckResult(Schema):
    max_rel_error: float
    passed: bool = Field(description="max_rel_error below 1e-5.")
    checked: int
    total: int
    epsilon: float
    entries: list[GradcheckEntry]
