"""What happens to a network over time: build, forward, step, train, reset, set parameters.

Each function takes a Model and returns new values; none mutates its input.
"""

import time
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from . import fast_loop
from .datasets import DATASETS
from .errors import DivergedError, SpecError
from .limits import Limits
from .model import Data, DatasetRef, Model, Spec, build_model, load_data
from .network import Forward, Params, Trace, backprop, forward
from .optimizers import OptimizerState, Update, update
from .sampler import SamplerState, advance
from .validation import check_examples, check_features, check_optimizer_state, check_params, check_spec

Array = np.ndarray


def create(spec: Spec, limits: Limits) -> Model:
    """Validate a spec and build the network at its starting parameters."""
    if isinstance(spec.data, DatasetRef):
        if spec.data.name not in DATASETS:
            raise SpecError(f"Unknown data set '{spec.data.name}'; choose one of {', '.join(DATASETS)}.",
                            "dataset.name")
        if spec.data.n > limits.max_samples:
            raise SpecError(f"dataset.n must be at most {limits.max_samples}; got {spec.data.n}.", "dataset.n")
    check_features(spec)
    try:
        data = load_data(spec.data, spec.features)
    except ValueError as err:  # the generator names the bad argument
        raise SpecError(str(err), "dataset") from err
    check_spec(spec, data, limits)
    return build_model(spec, data)


def restore(fresh: Model, params: Params, sampler: SamplerState, version: int, steps: int, limits: Limits,
            optimizer: OptimizerState | None = None) -> Model:
    """An exported network, exactly: a freshly created one moved to the saved parameters, position and
    optimizer state (a document without one, from before optimizers existed, starts it fresh)."""
    check_params(fresh.arch, params, limits)
    if version < 1 or steps < 0:
        raise SpecError("version must be ≥ 1 and steps ≥ 0.", "version")
    state = OptimizerState() if optimizer is None else optimizer
    check_optimizer_state(fresh.arch, fresh.hyper, state)
    return replace(fresh, params=params, sampler=check_sampler(fresh.data, sampler), version=version, steps=steps,
                   optimizer=state)


def check_sampler(data: Data, sampler: SamplerState) -> SamplerState:
    if sampler.epoch < 0 or not 0 <= sampler.cursor < data.n_train:
        raise SpecError(f"sampler: epoch must be ≥ 0 and cursor 0 … {data.n_train - 1}.", "sampler")
    return sampler


def forward_batch(model: Model) -> Forward:
    """Forward pass on the current mini-batch, with its cost."""
    _, x, y = model.batch()
    return forward(model.arch, model.params, x, y, model.hyper.penalty)


def forward_inputs(model: Model, x: Array, y: Array | None, limits: Limits) -> Forward:
    """Forward pass on given examples, one per row (targets optional)."""
    check_examples(model.arch, x, y, limits)
    return forward(model.arch, model.params, x.T, None if y is None else y.T, model.hyper.penalty)


def backward(model: Model) -> Trace:
    """Forward and backward pass (BP1 – BP4) on the current mini-batch. Changes nothing."""
    _, x, y = model.batch()
    return backprop(model.arch, model.params, x, y, model.hyper.penalty)


def step(model: Model) -> tuple[Trace, Model]:
    """One step of the spec's optimizer on the current batch; the sampler moves to the next batch."""
    trace, _, new = step_explained(model)
    return trace, new


def step_explained(model: Model) -> tuple[Trace, Update, Model]:
    """step(), also returning the update with its numbers (velocity, m̂, v̂ …) for the lesson to show."""
    trace = backward(model)
    upd = update(model.hyper.rule(), model.arch, model.params, model.optimizer, trace, model.hyper.freeze_biases)
    sampler = advance(model.data.n_train, model.hyper.batch_size, model.sampler)
    return trace, upd, model.changed(params=upd.params, optimizer=upd.state, sampler=sampler, steps=model.steps + 1)


def reset(model: Model) -> Model:
    """Back to the starting parameters, the first batch and a fresh optimizer (zero velocity and moments)."""
    return model.changed(params=model.initial.copy(), sampler=SamplerState(), steps=0, optimizer=OptimizerState())


def set_params(model: Model, params: Params, sampler: SamplerState | None, limits: Limits,
               optimizer: OptimizerState | None = None) -> Model:
    """A hand edit, or a return to an earlier point of the lesson.

    The optimizer starts afresh (zero velocity and moments, t = 0) unless `optimizer` gives the state to
    continue with: velocity and moments belong to the path that led to the old parameters, and carrying
    them to a point chosen by hand would make the next step depend on a history nobody sees. A return
    to an earlier point passes that point's state and then steps exactly as it did the first time.
    """
    check_params(model.arch, params, limits)
    position = check_sampler(model.data, sampler) if sampler is not None else model.sampler
    state = OptimizerState() if optimizer is None else optimizer
    check_optimizer_state(model.arch, model.hyper, state)
    return model.changed(params=params, sampler=position, optimizer=state)


def dataset_cost(model: Model, x: Array, y: Array) -> float | None:
    """Mean cost over a whole set (rows), without the L2 and L1 terms; None for an empty set."""
    if x.shape[0] == 0:
        return None
    fw = forward(model.arch, model.params, x.T, y.T)
    return float(np.mean(fw.costs))  # type: ignore[arg-type]


@dataclass(frozen=True)
class TrainResult:
    model: Model
    steps_done: int
    status: Literal["completed", "time_limit", "diverged"]
    message: str
    history_steps: list[int] = field(default_factory=list)  # model.steps at each record
    train_loss: list[float] = field(default_factory=list)
    test_loss: list[float | None] = field(default_factory=list)


def train(model: Model, steps: int, limits: Limits, record_every: int = 1, record_start: bool = True) -> TrainResult:
    """Up to `steps` steps within the time limit, recording the loss every `record_every` steps (and where it
    starts, unless `record_start` is False: a caller that has just measured the network there).

    On divergence, training stops and the network is left at the last point
    whose forward pass was still finite, so it can be inspected or stepped back.
    """
    if not 1 <= steps <= limits.max_train_steps:
        raise SpecError(f"steps must be 1 … {limits.max_train_steps}; got {steps}.", "steps")
    if not 1 <= record_every <= steps:
        raise SpecError(f"record_every must be 1 … {steps}; got {record_every}.", "record_every")
    data = model.data
    history: list[tuple[int, float, float | None]] = []
    last_recorded = model

    def record(m: Model) -> None:
        nonlocal last_recorded
        history.append((m.steps, dataset_cost(m, data.x_train, data.y_train),  # type: ignore[arg-type]
                        dataset_cost(m, data.x_test, data.y_test)))
        last_recorded = m

    deadline = time.perf_counter() + limits.max_train_seconds
    start_steps, previous = model.steps, model
    status: Literal["completed", "time_limit", "diverged"] = "completed"
    message = f"Trained {steps} steps."
    try:
        if record_start:
            record(model)
        done = 0
        while done < steps:
            # The fast loop up to the next record (fast_loop.py: the numbers of step(), without the trace).
            run = fast_loop.run(model, min(record_every - done % record_every, steps - done), deadline)
            model, previous = run.model, run.previous or previous
            done = model.steps - start_steps
            if run.stopped == "time_limit":
                status = "time_limit"
                message = f"Stopped after {done} of {steps} steps: one call may run {limits.max_train_seconds:g} s."
                break
            if run.stopped == "unusual":  # a number may have stopped being finite: step() judges, and raises
                for _ in range(run.replay):
                    _, nxt = step(model)
                    previous, model = model, nxt
                done = model.steps - start_steps
            if done % record_every == 0 or done == steps:
                record(model)
    except DivergedError as err:
        # Keep the latest point whose batch and whole-set costs are still finite numbers.
        model = next((m for m in (model, previous) if _evaluates(m)), last_recorded)
        history[:] = [h for h in history if h[0] <= model.steps]
        status = "diverged"
        message = (f"Diverged after {model.steps - start_steps} of {steps} steps; the network is left at the "
                   f"last point that could still be evaluated. {err}")
    return TrainResult(model=model, steps_done=model.steps - start_steps, status=status, message=message,
                       history_steps=[h[0] for h in history], train_loss=[h[1] for h in history],
                       test_loss=[h[2] for h in history])


def _evaluates(model: Model) -> bool:
    try:
        backward(model)
        dataset_cost(model, model.data.x_train, model.data.y_train)
        dataset_cost(model, model.data.x_test, model.data.y_test)
        return True
    except DivergedError:
        return False
