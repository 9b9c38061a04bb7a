"""The math on a network: forward, backward, update, step, train, gradient check."""

from collections.abc import Callable

from fastapi import APIRouter, Response

from ...core import document, training
from ...core.errors import SpecError
from ...core.gradcheck import gradcheck
from ...core.model import Model
from ...core.optimizers import Update
from .. import encode, offload
from ..deps import CONFLICT, INVALID, NOT_FOUND, TOO_LARGE, UNAVAILABLE, LimitsDep, NetworkDep, NetworkId, StoreDep
from ..responses import FastJSONResponse, RenderedJSON, render
from ..schemas.base import construct
from ..schemas.requests import ForwardRequest, GradcheckRequest, StepRequest, TrainRequest
from ..schemas.traces import (
    BatchInfo,
    ForwardBackward,
    ForwardTrace,
    GradcheckResult,
    StepResult,
    TrainResult,
    UpdateResult,
)
from .networks import check_version

# Every route here is a POST: the body limit (413) applies to each, body or not.
router = APIRouter(prefix="/api/networks/{network_id}", tags=["backpropagation"],
                   responses={**INVALID, **TOO_LARGE, **UNAVAILABLE})


def _batch_info(model: Model, limits: LimitsDep) -> BatchInfo:
    idx = encode.current_batch(model)
    m = idx.shape[0]
    return encode.batch_info("batch", idx, m, encode.examples_shown(model.arch.sizes, m, limits))


@router.post("/forward", response_model=ForwardTrace, responses={**NOT_FOUND, **INVALID})
def forward(model: NetworkDep, limits: LimitsDep, body: ForwardRequest | None = None) -> Response:
    """z^l = W^l a^{l−1} + b^l and a^l = σ(z^l) for every layer, on the current batch, one stored example,
    or given inputs (with optional targets for the cost)."""
    body = body or ForwardRequest()
    sizes = model.arch.sizes
    if body.inputs is not None:
        x = document.read_array(body.inputs, "inputs", 2)
        y = document.read_array(body.targets, "targets", 2) if body.targets is not None else None
        fw = training.forward_inputs(model, x, y, limits)
        batch = encode.batch_info("inputs", None, x.shape[0], encode.examples_shown(sizes, x.shape[0], limits))
    elif body.example is not None:
        xs, ys = (model.data.x_train, model.data.y_train) if body.split == "train" else (
            model.data.x_test, model.data.y_test)
        if not 0 <= body.example < xs.shape[0]:
            raise SpecError(f"example must be 0 … {xs.shape[0] - 1} in the {body.split} set; got {body.example}.",
                            "example")
        fw = training.forward_inputs(model, xs[body.example:body.example + 1], ys[body.example:body.example + 1],
                                     limits)
        batch = encode.batch_info("example", [body.example], 1, 1)
    else:
        fw = training.forward_batch(model)
        batch = _batch_info(model, limits)
    return FastJSONResponse(encode.forward_trace(fw, model.version, batch))


@router.post("/backward", response_model=ForwardBackward, responses={**NOT_FOUND, **INVALID})
def backward(model: NetworkDep, limits: LimitsDep) -> Response:
    """BP1 – BP4 on the current batch: δ^l per example, ∂C/∂b^l and ∂C/∂w^l of the batch cost. Changes nothing."""
    trace = training.backward(model)
    batch = _batch_info(model, limits)
    return FastJSONResponse(construct(ForwardBackward,
                                      forward=encode.forward_trace(trace.forward, model.version, batch),
                                      backward=encode.backward_trace(trace, batch.examples_shown)))


Answer = Callable[[Model, Model, training.Trace, Update], UpdateResult | StepResult]


async def _step(network_id: str, store: StoreDep, expected_version: int | None, answer: Answer) -> bytes:
    """One step; its answer rendered before the store commits it (what cannot be sent back is not stored)."""
    def change(model: Model) -> tuple[bytes, Model]:
        check_version(model.version, expected_version)
        trace, upd, new = training.step_explained(model)
        return render(answer(model, new, trace, upd)), new

    return await offload.update(store, network_id, change)


@router.post("/update", response_model=UpdateResult, responses={**NOT_FOUND, **INVALID, **CONFLICT})
async def update(network_id: NetworkId, store: StoreDep, body: StepRequest | None = None) -> Response:
    """One update by the spec's rule (SGD: W ← W − η ∂C/∂W; or momentum, Adam) from the current batch: the old
    and new values and the rule's own numbers; version + 1."""
    return RenderedJSON(await _step(network_id, store, body.expected_version if body else None, encode.update_result))


@router.post("/step", response_model=StepResult, responses={**NOT_FOUND, **INVALID, **CONFLICT})
async def step(network_id: NetworkId, store: StoreDep, limits: LimitsDep,
               body: StepRequest | None = None) -> Response:
    """Forward, backward and update in one call, with the whole trace; version + 1."""
    def answer(old: Model, new: Model, trace: training.Trace, upd: Update) -> StepResult:
        batch = _batch_info(old, limits)
        return construct(StepResult, forward=encode.forward_trace(trace.forward, old.version, batch),
                         backward=encode.backward_trace(trace, batch.examples_shown),
                         update=encode.update_result(old, new, trace, upd))

    return RenderedJSON(await _step(network_id, store, body.expected_version if body else None, answer))


@router.post("/train", response_model=TrainResult, responses={**NOT_FOUND, **INVALID})
def train(network_id: NetworkId, store: StoreDep, limits: LimitsDep, body: TrainRequest | None = None) -> Response:
    """Up to `steps` steps (bounded in number and time), with the train and test loss along the way."""
    body = body or TrainRequest()
    record_every = body.record_every if body.record_every is not None else max(1, body.steps // 200)

    def change(model: Model) -> tuple[bytes, Model]:
        result = training.train(model, body.steps, limits, record_every)
        return render(encode.train_result(network_id, result)), result.model   # rendered before the commit

    return RenderedJSON(store.update(network_id, change))


@router.post("/gradcheck", response_model=GradcheckResult, responses={**NOT_FOUND, **INVALID})
def check_gradients(model: NetworkDep, limits: LimitsDep, body: GradcheckRequest | None = None) -> Response:
    """Central differences against backprop for every parameter (a seeded sample of large networks)."""
    body = body or GradcheckRequest()
    _, x, y = model.batch()
    # gradcheck hands its λ argument on to forward() and backprop(), which also take a Penalty (λ and λ₁):
    # passing the Penalty checks the L1 term too.
    check = gradcheck(model.arch, model.params, x, y, model.hyper.penalty, epsilon=body.epsilon,
                      max_params=limits.max_gradcheck_params, seed=model.spec.seed,
                      seconds=limits.max_train_seconds)
    return FastJSONResponse(encode.gradcheck_result(check))
