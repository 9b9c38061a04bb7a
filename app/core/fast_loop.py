"""Many training steps in a row, at the cost of their arithmetic.

training.step() builds the whole Trace (every z, a, σ', δ and gradient) and a new Model for each step:
that is what the lesson shows and the API returns. A run of many steps (the lab, POST /train) needs
none of it. run() calls the same equations (network.py's feedforward, output_error, backpropagate and
gradients) on the same mini-batches with the same update rule, keeps only the arrays it needs, and builds
one Model at the end. What is its own: the batching, the optimizer's state between steps and the policy
below for numbers that stop being finite. Its numbers are those of repeated step() calls, bit for bit
(tests/core/test_fast_loop.py).

Divergence is left to step() to judge, so that it is reported exactly as step() reports it. run()
only notices that something *may* have stopped being finite, cheaply, and hands the steps from the
last point known to be sound back to its caller, who replays them with step():
- z^l: the sum of its entries is finite only if every entry is (one reduction per layer and step);
  for z^L a bound that keeps every cost finite stands in for computing the cost;
- the parameters and the optimizer's state are summed every CHECK_EVERY steps only: once a weight
  or a moment is infinite or NaN it stays so (θ − η g, μ v − η g, β v + … never make it finite again),
  so a check now also covers the steps since the last one.
A sum that merely overflows, with every term finite, is a false alarm: step() then simply steps on.
"""

import time
from dataclasses import dataclass, replace
from typing import Literal, NamedTuple

import numpy as np

from .model import Model
from .network import Params, backpropagate, feedforward, gradients, moving_bias_gradient, output_error
from .optimizers import STATE_SLOTS, OptimizerState, own_state
from .sampler import SamplerState, advance, epoch_order

Array = np.ndarray
Slots = dict[str, Array]

CHECK_EVERY = 16  # steps between two checks of the parameters and the optimizer's state
EPOCH_GATHER_BYTES = 256 * 1024  # a data set up to this size is gathered once per epoch (see run())


@dataclass(frozen=True)
class Run:
    model: Model  # where the run ended: a point whose parameters are all finite
    previous: Model | None  # one step before that; None when no step was taken
    stopped: Literal["done", "time_limit", "unusual"]
    replay: int = 0  # unusual: the next steps (at most this many) must be taken by step()


class _Point(NamedTuple):
    """Everything that changes from one step to the next."""

    W: dict[int, Array]
    b: dict[int, Array]
    state_W: dict[int, Slots]  # the rule's state of W^l: {"velocity": …} or {"m": …, "v": …}
    state_b: dict[int, Slots]
    sampler: SamplerState
    t: int
    steps: int  # taken in this run


def run(model: Model, steps: int, deadline: float) -> Run:
    """Up to `steps` steps of the spec's optimizer, stopping at the deadline (time.perf_counter())."""
    arch, hyper, data = model.arch, model.hyper, model.data
    L, layers, penalty, rule = arch.L, arch.layers, hyper.penalty, hyper.rule()
    hidden = [(l, arch.act(l).prime) for l in range(2, L)]  # σ' of the layers BP2 passes through
    names = STATE_SLOTS[rule.name]
    n, batch_size, seed = data.n_train, hyper.batch_size, model.spec.seed
    # Training needs the batch cost only to know it is finite (step() stops where it is not). It is, for
    # each of the costs, while every |z^L| stays below this bound: then ½ Σ_j (y_j − a_j)², Σ_j softplus(z_j)
    # − y_j z_j and logsumexp(z)·Σ_j y_j − Σ_j y_j z_j are all far below the largest float.
    z_bound = 1e150 / ((1.0 + float(np.abs(data.y_train).max(initial=0.0))) * arch.sizes[-1])
    z_bound_squared = z_bound * z_bound  # checked against Σ (z^L)², one reduction: then every |z^L| < z_bound
    regularized = bool(penalty.lam or penalty.l1)

    p, slots = model.params, model.optimizer.slots
    point = _Point(dict(p.W), dict(p.b), {l: own_state(rule, "W", p.W[l], slots.get(l, {})) for l in layers},
                   {l: own_state(rule, "b", p.b[l], slots.get(l, {})) for l in layers}, model.sampler,
                   model.optimizer.t, 0)
    trail = [point]  # trail[0] is known sound; the points after it are not checked yet
    before: _Point | None = None  # the point before trail[0]
    # A small data set's examples are gathered once per epoch, in their shuffled order: a batch is then a slice of
    # rows, laid out exactly as data.x_train[idx] would be (so its .T is the same matrix to BLAS, bit for bit), and a
    # step of a small network saves its fancy indexing. A large one is gathered a batch at a time, which keeps the
    # batch in cache for the step that reads it (784 inputs: 15% faster than the whole epoch; BENCHMARKS.md).
    per_epoch = data.x_train.nbytes + data.y_train.nbytes <= EPOCH_GATHER_BYTES
    order_epoch, x_epoch, y_epoch = -1, data.x_train, data.y_train

    def outcome(stopped: Literal["done", "time_limit", "unusual"], replay: int = 0) -> Run:
        """End at the newest point if it checks out, else at the last sound one with the rest to replay."""
        if _sound(trail[-1]):
            end, prior = trail[-1], trail[-2] if len(trail) > 1 else before
        else:
            end, prior, stopped, replay = trail[0], before, "unusual", len(trail) - 1 + replay
        return Run(_at(model, end, names), None if prior is None else _at(model, prior, names), stopped, replay)

    with np.errstate(all="ignore"):
        while point.steps < steps:
            if time.perf_counter() > deadline:
                return outcome("time_limit")
            sampler = point.sampler
            if sampler.epoch != order_epoch:  # one shuffle per epoch, not per step
                order, order_epoch = epoch_order(n, batch_size, seed, sampler.epoch), sampler.epoch
                if per_epoch:
                    x_epoch, y_epoch = data.x_train[order], data.y_train[order]
            rows = slice(sampler.cursor, sampler.cursor + batch_size)
            if per_epoch:
                x, y = x_epoch[rows].T, y_epoch[rows].T
            else:
                x, y = data.x_train[order[rows]].T, data.y_train[order[rows]].T
            m = x.shape[1]
            W, b = point.W, point.b

            z, a = feedforward(arch, W, b, x)
            check = sum(z[l].sum() for l, _ in hidden)
            if regularized:
                check += penalty.cost(Params(W, b), m)
            zL = z[L].ravel()
            if not (zL @ zL < z_bound_squared and np.isfinite(check)):  # (a NaN fails the comparison too)
                return outcome("unusual", replay=1)  # this step, after any unchecked ones

            sigma_prime = {l: prime(z[l], a[l]) for l, prime in hidden}
            delta = backpropagate(W, output_error(arch, z[L], a[L], y), sigma_prime, L)  # BP1, BP2
            nabla_b, _, nabla_w = gradients(arch, W, a, delta, penalty, m)  # BP3, BP4
            t = point.t + 1
            new_W, new_b, new_sW, new_sb = {}, {}, {}, {}
            for l in layers:
                new_W[l], new_sW[l], _ = rule.apply(W[l], nabla_w[l], point.state_W[l], t)
                if hyper.freeze_biases:
                    new_b[l], new_sb[l] = b[l], point.state_b[l]
                else:
                    new_b[l], new_sb[l], _ = rule.apply(b[l], moving_bias_gradient(arch, nabla_b[l]),
                                                        point.state_b[l], t)

            point = _Point(new_W, new_b, new_sW, new_sb, advance(n, batch_size, sampler), t, point.steps + 1)
            trail.append(point)
            if len(trail) > CHECK_EVERY:
                if not _sound(point):
                    return outcome("unusual")
                before, trail = trail[-2], [point]
    return outcome("done")


def _sound(point: _Point) -> bool:
    """Every parameter and every number of the optimizer's state finite (a sum is finite only then)."""
    total = sum(w.sum() for w in point.W.values()) + sum(v.sum() for v in point.b.values())
    for slots in (*point.state_W.values(), *point.state_b.values()):
        total += sum(s.sum() for s in slots.values())
    return bool(np.isfinite(total))


def _at(start: Model, point: _Point, names: tuple[str, ...]) -> Model:
    """The Model `point.steps` steps after `start`, as that many step() calls would have left it."""
    if point.steps == 0:
        return start
    slots = {l: {**{f"{s}_W": point.state_W[l][s] for s in names}, **{f"{s}_b": point.state_b[l][s] for s in names}}
             for l in start.arch.layers} if names else {}
    return replace(start, params=Params(point.W, point.b), optimizer=OptimizerState(point.t, slots),
                   sampler=point.sampler, steps=start.steps + point.steps, version=start.version + point.steps)
