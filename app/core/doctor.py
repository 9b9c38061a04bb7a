"""The training doctor: what goes wrong in training, said in plain words.

Each diagnosis carries the number that triggered it and one thing to try. Two kinds:
- of the network as it is now (units(), gradient_flow(), symmetry()): read from one forward pass over the training set
  and the gradient norms the lab already measures;
- of a run (trend()): read from the losses and gradient norms recorded along it, as the lab's stream sends them.
Thresholds are deliberately plain (a factor of 1000, 1%, 10%): a diagnosis is a pointer for a student, not a test.
"""

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from .activations import Activation
from .limits import Limits
from .model import Model
from .network import Forward, forward
from .training import dataset_cost, train

Array = np.ndarray

SATURATED = 0.01  # σ'(z) below 1% of its largest value: the unit passes almost no gradient back
SATURATED_SHARE = 0.99  # … on at least this share of the training examples
GRADIENT_RATIO = 1e3  # first vs last layer's gradient norm: vanishing below 1/1000, exploding above 1000
OVERFIT_RISE = 0.10  # test loss 10% above its lowest while the training loss kept falling
SLOW_PER_100 = 0.001  # the loss falls by less than 0.1% per 100 steps …
SLOW_WINDOW = 200  # … over at least this many steps
SWING = 1.2  # η overshoots when the loss swings this far (largest / smallest of the last chunks) — or sits this far
# above its best; a run at its floor wobbles by a few percent up and down, which is not overshooting
BLOWUP = 1e3  # a gradient norm 1000× its first value has blown up


def _eta(value: float) -> str:
    """η as a student would type it: 0.05, 3, 1e5 (not 1e+05)."""
    text = f"{value:.3g}"
    return text.replace("e+0", "e").replace("e-0", "e-").replace("e+", "e")


@dataclass(frozen=True)
class Diagnosis:
    code: str  # stable: dead_units, saturated_units, vanishing_gradients, exploding_gradients, symmetric_units,
    #            overfitting, slow_learning, eta_too_large, diverged
    message: str  # what is wrong, with its number
    value: float  # that number
    advice: str  # one thing to try


@dataclass(frozen=True)
class Point:
    """One recorded point of a run."""

    steps: int
    train_loss: float | None
    test_loss: float | None
    gradient_norms: dict[int, float]


@functools.cache  # a property of the activation: the doctor reads it at every event of a training stream
def _peak_slope(act: Activation) -> float:
    """The largest σ'(z) of this activation (over z in [−10, 10]): what "almost no gradient" is measured against."""
    z = np.linspace(-10.0, 10.0, 2001)[None, :]
    return float(act.prime(z, None).max())


@functools.cache
def _can_die(act: Activation) -> bool:
    """σ' is exactly 0 over a whole range of z (ReLU below 0): a unit can end up there for every example. (A sigmoid
    whose σ'(z) rounds to 0 at z = 40 is saturated, not dead: it still has a slope a step could find.)"""
    return bool(np.all(act.prime(np.linspace(-10.0, -1.0, 10)[None, :], None) == 0.0))


def units(model: Model, fw: Forward | None = None) -> list[Diagnosis]:
    """Hidden units that pass (almost) no gradient back on the training set: dead (a ReLU-like unit with σ'(z) = 0 on
    99% of the examples: it (nearly) never fires) or saturated (σ'(z) under 1% of its peak on 99% of the examples: a
    sigmoid stuck at 0 or 1). `fw`: the training set's forward pass, when the caller has it already."""
    x = model.data.x_train
    if x.shape[0] == 0 or model.arch.L < 3:
        return []
    fw = fw or forward(model.arch, model.params, x.T)
    dead, saturated, total = [], [], 0
    for l in range(2, model.arch.L):
        act = model.arch.act(l)
        slope = act.prime(fw.z[l], fw.a[l])
        total += slope.shape[0]
        flat = np.mean(slope < SATURATED * _peak_slope(act), axis=1) >= SATURATED_SHARE
        is_dead = flat & _can_die(act) & (np.mean(slope == 0.0, axis=1) >= SATURATED_SHARE)
        dead += [(l, act.name) for _ in range(int(is_dead.sum()))]
        saturated += [(l, act.name) for _ in range(int((flat & ~is_dead).sum()))]
    out = []
    if dead:
        out.append(Diagnosis(
            "dead_units", f"{len(dead)} of {total} hidden units never fire on the training set ({_where(dead)}): "
            "their σ'(z) is 0 on (nearly) every example, so (almost) no gradient reaches their weights.",
            len(dead), "Try a smaller η, or leaky ReLU (it keeps a small slope below 0)."))
    if saturated:
        out.append(Diagnosis(
            "saturated_units", f"{len(saturated)} of {total} hidden units are saturated ({_where(saturated)}): "
            f"σ'(z) is under {SATURATED:.0%} of its peak on nearly every example, so they barely learn.",
            len(saturated), "Try a smaller η, or smaller starting weights (Glorot or He)."))
    return out


def _where(units: list[tuple[int, str]]) -> str:
    layers: dict[int, tuple[str, int]] = {}
    for l, name in units:
        layers[l] = (name, layers.get(l, (name, 0))[1] + 1)
    return ", ".join(f"{n} {name} in layer {l}" for l, (name, n) in sorted(layers.items()))


def gradient_flow(norms: dict[int, float]) -> Diagnosis | None:
    """The gradient reaching the first hidden layer against the output layer's: vanishing or exploding."""
    if len(norms) < 2:
        return None
    first, last = norms[min(norms)], norms[max(norms)]
    if not (np.isfinite(first) and np.isfinite(last)) or last == 0.0 or first == 0.0:
        return None
    ratio = first / last
    if ratio < 1 / GRADIENT_RATIO:
        return Diagnosis(
            "vanishing_gradients", f"The gradient reaching layer {min(norms)} is {ratio:.1e} of the output layer's: "
            "each layer back multiplies it by small σ' and weights, and the first layers hardly learn.", ratio,
            "Try ReLU-like activations in the hidden layers, fewer layers, or Glorot/He starting weights.")
    if ratio > GRADIENT_RATIO:
        return Diagnosis(
            "exploding_gradients", f"The gradient reaching layer {min(norms)} is {ratio:.1e} times the output "
            "layer's: it grows at every layer back.", ratio,
            "Try a smaller η or smaller starting weights.")
    return None


def symmetry(model: Model) -> Diagnosis | None:
    """A hidden layer whose units all have the same incoming weights and bias: they compute the same thing, get the
    same gradient and stay the same (the symmetry problem of starting from zeros)."""
    for l in range(2, model.arch.L):
        rows, bias = model.params.W[l], model.params.b[l]  # unit j's incoming weights are row j
        if rows.shape[0] > 1 and (rows == rows[0]).all() and (bias == bias[0]).all():
            return Diagnosis(
                "symmetric_units", f"The {rows.shape[0]} units of layer {l} are identical: they started equal, so each "
                "gets the same gradient and they stay equal — the layer works like a single unit.",
                rows.shape[0], "Start from random weights (Glorot or He), which break the symmetry.")
    return None


STUCK = ("dead_units", "saturated_units", "vanishing_gradients")  # a flat loss then is no call for a larger η


def trend(points: Sequence[Point], eta: float, now: Sequence[Diagnosis] = ()) -> list[Diagnosis]:
    """Diagnoses of a run from its recorded points (oldest first); `now`: the network's own (a loss that stays flat
    because units are stuck is not learning slowly for want of a larger η)."""
    out = []
    stuck = any(d.code in STUCK for d in now)
    for check in (_overfitting, _eta_too_large) if stuck else (_overfitting, _eta_too_large, _slow_learning):
        found = check(points, eta)
        if found:
            out.append(found)
            break  # one diagnosis of the loss's course at a time: they exclude each other
    return out


def _overfitting(points: Sequence[Point], eta: float) -> Diagnosis | None:
    tested = [p for p in points if p.test_loss is not None and p.train_loss is not None]
    if len(tested) < 3:
        return None
    best = min(tested, key=lambda p: p.test_loss or 0.0)
    now = tested[-1]
    assert best.test_loss is not None and now.test_loss is not None and now.train_loss is not None
    rise = (now.test_loss - best.test_loss) / max(best.test_loss, 1e-12)
    if best is now or rise < OVERFIT_RISE or now.train_loss >= (best.train_loss or 0.0):
        return None
    return Diagnosis(
        "overfitting", f"The test loss has risen {rise:.0%} from its lowest (at step {best.steps:,}) while the "
        "training loss kept falling: the network is learning the training points, not the pattern.", rise,
        "Stop at the lowest test loss, add L2 regularization (λ), or use more data.")


def _eta_too_large(points: Sequence[Point], eta: float) -> Diagnosis | None:
    losses = [p.train_loss for p in points[-11:] if p.train_loss is not None]
    if len(losses) < 5:
        return None
    ups = sum(b > a for a, b in zip(losses, losses[1:], strict=False))
    if ups / (len(losses) - 1) < 0.4 or losses[-1] < 0.9 * losses[0]:
        return None
    best = min(p.train_loss for p in points if p.train_loss is not None)
    if max(losses) < SWING * min(losses) and np.mean(losses) < SWING * best:
        return None  # up and down by a little, at the lowest the run has reached: the noise floor, not overshooting
    return Diagnosis(
        "eta_too_large", f"The training loss went up in {ups} of the last {len(losses) - 1} chunks instead of "
        f"falling: each step of η = {_eta(eta)} overshoots the minimum.", ups / (len(losses) - 1),
        f"Try η = {_eta(eta / 10)}.")


def _slow_learning(points: Sequence[Point], eta: float) -> Diagnosis | None:
    if len(points) < 2:
        return None
    last = points[-1]
    first = next((p for p in reversed(points) if last.steps - p.steps >= SLOW_WINDOW), None)
    if first is None or first.train_loss is None or last.train_loss is None or first.train_loss <= 1e-3:
        return None
    per_100 = (first.train_loss - last.train_loss) / first.train_loss / ((last.steps - first.steps) / 100)
    if not 0 <= per_100 < SLOW_PER_100:
        return None
    return Diagnosis(
        "slow_learning", f"The training loss fell by only {per_100:.3%} per 100 steps over the last "
        f"{last.steps - first.steps:,} steps, and is still {last.train_loss:.3g}.", per_100,
        f"Try a larger η (η = {_eta(eta * 10)}), or Adam.")


def blown_up_layer(points: Sequence[Point]) -> int | None:
    """The layer whose gradient norm blew up first (non-finite, or 1000× its first value), or None."""
    if not points:
        return None
    start = points[0].gradient_norms
    for p in points:
        grown = [l for l, norm in p.gradient_norms.items()
                 if not np.isfinite(norm) or (start.get(l, 0.0) > 0 and norm > BLOWUP * start[l])]
        if grown:
            return max(grown, key=lambda l: p.gradient_norms[l] / max(start.get(l, 0.0), 1e-300))
    return None


def safe_learning_rate(start: Model, steps: int, limits: Limits, tries: int = 6) -> float | None:
    """The largest of η/10, η/100, … that trains `steps` steps from `start` without diverging and with a lower loss
    at the end than at the start: measured by training copies, not guessed."""
    data = start.data
    before = dataset_cost(start, data.x_train, data.y_train)
    eta = start.hyper.eta
    for _ in range(tries):
        eta /= 10
        copy = replace(start, spec=replace(start.spec, hyper=replace(start.hyper, eta=eta)))
        result = train(copy, max(1, steps), limits, record_every=max(1, steps))
        after = dataset_cost(result.model, data.x_train, data.y_train)
        if result.status != "diverged" and before is not None and after is not None and after < before:
            return eta
    return None


def diverged(points: Sequence[Point], start: Model, steps: int, limits: Limits) -> Diagnosis:
    """Training stopped on numbers that are no longer finite: where it started, and an η that would have worked."""
    layer = blown_up_layer(points)
    safe = safe_learning_rate(start, min(steps, 200), limits)
    where = f"The gradient of layer {layer} blew up first" if layer else "The numbers overflowed"
    try_eta = f"η = {_eta(safe)} trains from the same start without diverging." if safe else "Try a much smaller η."
    return Diagnosis("diverged", f"Training diverged: {where}, and the weights became too large for floating-point "
                     f"numbers with η = {_eta(start.hyper.eta)}.", float(layer or 0), try_eta)


def now(model: Model, norms: dict[int, float], fw: Forward | None = None) -> list[Diagnosis]:
    """Every diagnosis of the network as it is now (`fw`: the training set's forward pass, if already made)."""
    found = units(model, fw)
    for one in (gradient_flow(norms), symmetry(model)):
        if one:
            found.append(one)
    return found
