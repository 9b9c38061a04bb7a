"""What the training lab watches: losses, accuracy, gradient norms per layer, the decision boundary.

Pure numpy over a Model; the API streams these while training runs in chunks.
"""

from dataclasses import dataclass, replace

import numpy as np

from . import doctor
from .errors import DivergedError, SpecError
from .features import featurize
from .limits import Limits
from .model import Model
from .network import Forward, forward
from .training import TrainResult, backward, train

Array = np.ndarray

MAX_RESOLUTION = 200
GRID_SLICE_VALUES = 1_048_576  # grid points × neurons in one slice of the boundary's forward pass (~16 MB of z and a;
# smaller slices cost more in per-call overhead than they save)


def is_classification(y: Array) -> bool:
    """Targets that are all 0 or 1 (binary labels or one-hot rows) make accuracy meaningful."""
    return y.size > 0 and bool(np.all((y == 0) | (y == 1)))


def classes_of(output: Array) -> Array:
    """The class the network picks from its outputs (n_L, n): output > ½ for one output, else the largest."""
    return (output[0] > 0.5).astype(np.int64) if output.shape[0] == 1 else np.argmax(output, axis=0)


def true_classes(y: Array) -> Array:
    return (y[:, 0] > 0.5).astype(np.int64) if y.shape[1] == 1 else np.argmax(y, axis=1)


def confusion_counts(truth: Array, predicted: Array, classes: int) -> list[list[int]]:
    """counts[i][j]: examples of class i put in class j (the diagonal is right)."""
    counts = np.zeros((max(2, classes), max(2, classes)), dtype=np.int64)
    np.add.at(counts, (truth, predicted), 1)
    return counts.tolist()


@dataclass(frozen=True)
class Evaluation:
    """A whole set read from one forward pass: its mean cost (no L2/L1 terms), accuracy and confusion matrix (None
    when not classes, all None for no examples), and the pass itself (for the doctor)."""

    loss: float | None
    accuracy: float | None
    confusion: list[list[int]] | None
    forward: Forward | None


def evaluate(model: Model, x: Array, y: Array) -> Evaluation:
    """A set's loss (training.dataset_cost), accuracy (output > ½ for one output, else the largest output) and
    confusion matrix, from one forward pass (each streamed event reads both sets: this is most of its cost beyond
    the training itself)."""
    if x.shape[0] == 0:
        return Evaluation(None, None, None, None)
    fw = forward(model.arch, model.params, x.T, y.T)
    loss = float(np.mean(fw.costs))  # type: ignore[arg-type]
    if not is_classification(y):
        return Evaluation(loss, None, None, fw)
    truth, picked = true_classes(y), classes_of(fw.output)
    return Evaluation(loss, float(np.mean(picked == truth)), confusion_counts(truth, picked, y.shape[1]), fw)


def gradient_norms(model: Model) -> dict[int, float]:
    """‖∂C/∂W^l‖ (Frobenius) on the current batch, l = 2 … L: vanishing gradients show up here."""
    trace = backward(model)
    with np.errstate(over="ignore"):
        norms = {l: float(np.linalg.norm(trace.nabla_w[l])) for l in model.arch.layers}
    if not all(np.isfinite(v) for v in norms.values()):  # finite entries, but their squares overflow
        raise DivergedError("The network has diverged: a gradient norm is no longer a finite number.")
    return norms


@dataclass(frozen=True)
class Metrics:
    steps: int
    epoch: int
    version: int
    train_loss: float | None
    test_loss: float | None
    train_accuracy: float | None
    test_accuracy: float | None
    gradient_norms: dict[int, float]
    diagnoses: tuple[doctor.Diagnosis, ...] = ()  # what the training doctor sees in the network as it is now
    confusion_train: list[list[int]] | None = None  # classification: [true class][predicted class] counts
    confusion_test: list[list[int]] | None = None


def metrics(model: Model) -> Metrics:
    d = model.data
    norms = gradient_norms(model)
    train, test = evaluate(model, d.x_train, d.y_train), evaluate(model, d.x_test, d.y_test)
    return Metrics(steps=model.steps, epoch=model.sampler.epoch, version=model.version,
                   train_loss=train.loss, test_loss=test.loss,
                   train_accuracy=train.accuracy, test_accuracy=test.accuracy,
                   gradient_norms=norms, diagnoses=tuple(doctor.now(model, norms, train.forward)),
                   confusion_train=train.confusion, confusion_test=test.confusion)


def point(m: Metrics) -> doctor.Point:
    """What the doctor keeps of a chunk's metrics to read the run's course."""
    return doctor.Point(m.steps, m.train_loss, m.test_loss, m.gradient_norms)


@dataclass(frozen=True)
class Grid:
    """The network evaluated on a resolution × resolution grid over the input plane."""

    xs: Array  # (resolution,) first input, left to right
    ys: Array  # (resolution,) second input, bottom to top
    output: Array  # (n_L, resolution, resolution): a^L_j at (ys[r], xs[c]) is output[j, r, c]
    hidden: dict[int, Array]  # l = 2 … L−1: (n_l, resolution, resolution), for the per-neuron heatmaps


def boundary(model: Model, resolution: int = 50, hidden: bool = True, margin: float = 0.1,
             limits: Limits | None = None) -> Grid:
    """Evaluate the network over the data's bounding box (plus a margin): data of 2 inputs only (the network may
    take features of them)."""
    train_points, test_points = model.data.points()
    if train_points.shape[1] != 2:
        raise SpecError(f"A decision boundary needs data of 2 inputs; these have {train_points.shape[1]}.", "network")
    if not 2 <= resolution <= MAX_RESOLUTION:
        raise SpecError(f"resolution must be 2 … {MAX_RESOLUTION}; got {resolution}.", "resolution")
    drawn = model.arch.sizes[-1] + (sum(model.arch.sizes[1:-1]) if hidden else 0)
    if resolution * resolution * drawn > (limits or Limits()).max_grid_values:
        raise SpecError(f"{resolution}² points × {drawn} neurons is too many numbers; lower the resolution "
                        "or leave out the hidden neurons (hidden=false).", "resolution")
    points = np.vstack([train_points, test_points])
    low, high = points.min(axis=0), points.max(axis=0)
    pad = np.maximum((high - low) * margin, 0.1)
    xs = np.linspace(low[0] - pad[0], high[0] + pad[0], resolution)
    ys = np.linspace(low[1] - pad[1], high[1] + pad[1], resolution)
    gx, gy = np.meshgrid(xs, ys)  # row r holds ys[r]
    points = np.ascontiguousarray(featurize(model.spec.features, np.column_stack([gx.ravel(), gy.ravel()])).T)
    L, n = model.arch.L, resolution * resolution
    kept = [L, *range(2, L)] if hidden else [L]
    out = {l: np.empty((model.arch.sizes[l - 1], n)) for l in kept}
    # In slices of the grid: a forward pass keeps z and a of every layer, which for all the points at once on the
    # largest network is hundreds of megabytes. The peak is the answer itself plus one slice's pass.
    width = max(1, GRID_SLICE_VALUES // sum(model.arch.sizes))
    for start in range(0, n, width):
        fw = forward(model.arch, model.params, points[:, start:start + width])
        for l in kept:
            out[l][:, start:start + width] = fw.a[l]
        del fw
    shape = (resolution, resolution)
    return Grid(xs=xs, ys=ys, output=out.pop(L).reshape(-1, *shape),
                hidden={l: a.reshape(-1, *shape) for l, a in sorted(out.items())})


@dataclass(frozen=True)
class Chunk:
    """One chunk of a streamed training run."""

    model: Model
    metrics: Metrics
    status: str  # "running", "completed", "time_limit" or "diverged"
    message: str


def chunk_plan(steps: int, chunk: int, limits: Limits) -> list[int]:
    """The chunk sizes of a streamed run: `steps` in all, at most `chunk` at a time."""
    if not 1 <= steps <= limits.max_train_steps:
        raise SpecError(f"steps must be 1 … {limits.max_train_steps}; got {steps}.", "steps")
    if not 1 <= chunk <= steps:
        raise SpecError(f"chunk must be 1 … {steps}; got {chunk}.", "chunk")
    full, rest = divmod(steps, chunk)
    return [chunk] * full + ([rest] if rest else [])


def train_chunk(model: Model, steps: int, limits: Limits) -> Chunk:
    """Run one chunk and measure where it got to."""
    # Not recorded where it starts: that is where the chunk before ended, and its metrics measured it.
    result = train(model, steps, limits, record_every=steps, record_start=False)
    try:
        m = metrics(result.model)
    except DivergedError as err:  # the kept point evaluates on its batch, but the whole set overflowed
        return Chunk(result.model, metrics=_empty(result.model), status="diverged", message=str(err))
    status = "running" if result.status == "completed" else result.status
    return Chunk(result.model, metrics=m, status=status, message=result.message)


def _empty(model: Model) -> Metrics:
    return Metrics(model.steps, model.sampler.epoch, model.version, None, None, None, None, {})


@dataclass(frozen=True)
class Comparison:
    eta: float
    result: TrainResult


MAX_COMPARED = 6


def compare_learning_rates(model: Model, etas: list[float], steps: int, limits: Limits,
                           record_every: int = 1) -> list[Comparison]:
    """Train copies of the network from where it is now, one per η, on the same batches (seed 001's
    lesson: too small crawls, too large diverges). The network itself does not change."""
    if not 1 <= len(etas) <= MAX_COMPARED:
        raise SpecError(f"Compare 1 … {MAX_COMPARED} learning rates; got {len(etas)}.", "etas")
    for i, eta in enumerate(etas):
        if not (np.isfinite(eta) and 0 < eta <= limits.max_abs_value):
            raise SpecError(f"Each η must be in (0, {limits.max_abs_value:g}]; got {eta}.", f"etas[{i}]")
    # The time limit of one call is shared fairly between the runs.
    share = replace(limits, max_train_seconds=limits.max_train_seconds / len(etas))
    runs = []
    for eta in etas:
        copy = replace(model, spec=replace(model.spec, hyper=replace(model.spec.hyper, eta=eta)))
        runs.append(Comparison(eta, train(copy, steps, share, record_every)))
    return runs
