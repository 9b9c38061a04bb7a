"""Responses that carry the numbers of a pass: every z, a, δ, ∂C/∂w and ∂C/∂b.

Per-example arrays are rows of examples: z[i][j] is z^l_j for example i. Very
large batches show only their first `examples_shown` examples per example
(the batch gradients always cover the whole batch).
"""

from typing import Literal

from pydantic import Field

from .base import Matrix, Schema, Vector
from .documents import NetworkDocument, SamplerState


class BatchInfo(Schema):
    source: Literal["batch", "inputs", "example"]
    indices: list[int] | None = Field(description="Training-set indices of the examples (None for given inputs).")
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


class UpdateLayer(Schema):
    """Old and new W^l, b^l, the gradients, and the numbers of the rule in use: null where the rule has none
    (all of them for SGD; the b ones when biases are frozen). *_old is the state before this step."""

    l: int
    W_old: Matrix
    W_new: Matrix
    b_old: Vector
    b_new: Vector
    nabla_w: Matrix = Field(description="The gradient g the rule used for W (with the L2 and L1 terms); "
                            "for SGD W_new = W_old − η nabla_w.")
    nabla_b: Vector = Field(description="The gradient applied to b (its sum over the layer for a shared bias; "
                            "zeros when biases are frozen).")
    velocity_W_old: Matrix | None = Field(None, description="momentum: v before the step.")
    velocity_W: Matrix | None = Field(None, description="momentum: v ← μ v − η g; W_new = W_old + velocity_W.")
    m_W_old: Matrix | None = Field(None, description="Adam: m before the step.")
    m_W: Matrix | None = Field(None, description="Adam: m ← β1 m + (1 − β1) g.")
    v_W_old: Matrix | None = Field(None, description="Adam: v before the step.")
    v_W: Matrix | None = Field(None, description="Adam: v ← β2 v + (1 − β2) g².")
    m_hat_W: Matrix | None = Field(None, description="Adam: m̂ = m / (1 − β1^t).")
    v_hat_W: Matrix | None = Field(None, description="Adam: v̂ = v / (1 − β2^t).")
    step_W: Matrix | None = Field(None, description="Adam: η m̂ / (√v̂ + ε); W_new = W_old − step_W.")
    velocity_b_old: Vector | None = None
    velocity_b: Vector | None = None
    m_b_old: Vector | None = None
    m_b: Vector | None = None
    v_b_old: Vector | None = None
    v_b: Vector | None = None
    m_hat_b: Vector | None = None
    v_hat_b: Vector | None = None
    step_b: Vector | None = None


class UpdateResult(Schema):
    rule: Literal["sgd", "momentum", "adam"] = Field(
        "sgd", description="sgd: w ← w − η g. momentum: v ← μ v − η g; w ← w + v. adam: m ← β1 m + (1 − β1) g; "
        "v ← β2 v + (1 − β2) g²; w ← w − η m̂ / (√v̂ + ε) with m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t).")
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
