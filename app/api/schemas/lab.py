"""Responses of the training lab: metrics, the decision-boundary grid, the training stream."""

from typing import Literal

from pydantic import Field

from .base import MAX_COUNT, Grid3, Schema, Vector
from .specs import LayerParams


class LayerNorm(Schema):
    l: int
    norm: float = Field(description="‖∂C/∂W^l‖ (Frobenius) on the current batch.")


class DiagnosisOut(Schema):
    """One finding of the training doctor, in plain words."""

    code: Literal["dead_units", "saturated_units", "vanishing_gradients", "exploding_gradients", "symmetric_units",
                  "overfitting", "slow_learning", "eta_too_large", "diverged"]
    message: str = Field(description="What is wrong, with the number that shows it.")
    value: float = Field(description="That number (a count, a ratio, a rate: see the message).")
    advice: str = Field(description="One thing to try.")


class MetricsOut(Schema):
    steps: int
    epoch: int
    version: int
    train_loss: float | None = Field(description="Mean cost over the training set (without the L2 term).")
    test_loss: float | None
    train_accuracy: float | None = Field(description="For 0/1 or one-hot targets; else None.")
    test_accuracy: float | None
    gradient_norms: list[LayerNorm]
    confusion_train: list[list[int]] | None = Field(
        None, description="Classification: counts[i][j] of training examples of class i that the network puts in "
        "class j (the diagonal is right); null for regression.")
    confusion_test: list[list[int]] | None = Field(None, description="The same on the test set (null without one).")
    diagnoses: list[DiagnosisOut] = Field(
        default_factory=list, description="The training doctor's findings about the network as it is now: dead or "
        "saturated units, vanishing or exploding gradients, units left identical by equal starting weights.")


class HiddenGrid(Schema):
    l: int
    a: Grid3 = Field(description="a^l_j over the grid: [j][row][column].")


class BoundaryGrid(Schema):
    resolution: int
    xs: Vector = Field(description="First input at each column, left to right.")
    ys: Vector = Field(description="Second input at each row, bottom to top.")
    output: Grid3 = Field(description="a^L_j over the grid: [j][row][column].")
    hidden: list[HiddenGrid] = Field(description="Hidden layers l = 2 … L−1 (empty with hidden=false).")


class TrainStreamRequest(Schema):
    steps: int = Field(1000, ge=1, le=MAX_COUNT, description="Steps in all (bounded by the server).")
    chunk: int = Field(50, ge=1, le=MAX_COUNT,
                       description="Steps between two progress events (at most, with `frame_ms`).")
    frame_ms: float | None = Field(
        None, gt=0, le=100,
        description="One progress event about every this many milliseconds (a page drawing each event asks for "
                    "its frame: 1000/60): a chunk ends early when the frame's time for training is up (it trains "
                    "at least one step), and a chunk done sooner waits for the frame. `steps` in all as before. "
                    "null: every chunk is exactly `chunk` steps, sent as soon as it is done.")
    diagnose: bool = Field(True, description="Read the run's course (the training doctor's run_diagnoses in each "
                           "event). false saves the doctor's work, e.g. on divergence its measured safe η.")


class StreamEvent(Schema):
    """The data of each `progress` event (and of the final `done` event)."""

    status: Literal["running", "completed", "time_limit", "diverged"]
    message: str
    metrics: MetricsOut
    run_diagnoses: list[DiagnosisOut] = Field(
        default_factory=list, description="The training doctor's findings about this stream's run so far: "
        "overfitting, slow learning, an η too large, and on divergence where it started and an η measured to train "
        "from the same start.")
    version: int = Field(description="The network's version after this chunk: `parameters` are that version's.")
    parameters: list[LayerParams] = Field(
        description="W^l and b^l, l = 2 … L, after this chunk, as the network document's `parameters`: a page "
                    "can draw the network from the stream alone, without fetching it after every chunk.")


class CompareRequest(Schema):
    etas: list[float] = Field(min_length=1, max_length=6, description="Learning rates to compare.",
                              examples=[[0.05, 0.5, 5.0]])
    steps: int = Field(200, ge=1, le=MAX_COUNT, description="Steps for each learning rate.")
    record_every: int | None = Field(None, ge=1, le=MAX_COUNT, description="Record the losses every this many steps.")


class CompareRun(Schema):
    eta: float
    status: Literal["completed", "time_limit", "diverged"]
    message: str
    steps: list[int]
    train_loss: list[float]
    test_loss: list[float | None]


class CompareResult(Schema):
    runs: list[CompareRun]
