"""The training lab: metrics, the decision boundary, and training streamed as Server-Sent Events."""

from collections.abc import Iterator
from typing import Annotated

import orjson
from fastapi import APIRouter, Query, Response
from fastapi.responses import StreamingResponse

from ...core import lab
from ...core.model import Model
from .. import encode
from ..deps import INVALID, NOT_FOUND, TOO_LARGE, UNAVAILABLE, LimitsDep, NetworkDep, NetworkId, StoreDep
from ..responses import FastJSONResponse
from ..schemas.lab import BoundaryGrid, CompareRequest, CompareResult, MetricsOut, StreamEvent, TrainStreamRequest

router = APIRouter(prefix="/api/networks/{network_id}", tags=["lab"],
                   responses={**NOT_FOUND, **INVALID, **UNAVAILABLE})


class EventStreamResponse(StreamingResponse):
    """Server-Sent Events; the class names the media type, so the OpenAPI document lists only that one."""

    media_type = "text/event-stream"


# The explicit "type" replaces the {"type": "string"} FastAPI gives a non-JSON response class.
SSE_DOC = {200: {"model": StreamEvent,
                 "description": "A `text/event-stream`: one `progress` event per chunk, then one `done` event. "
                                "The data of each event is a StreamEvent, as JSON.",
                 "content": {"text/event-stream": {"schema": {"$ref": "#/components/schemas/StreamEvent",
                                                                "type": "object"}}}}}


@router.get("/metrics", response_model=MetricsOut)
def read_metrics(model: NetworkDep) -> Response:
    """Train and test loss and accuracy, and the gradient norm of every layer on the current batch."""
    return FastJSONResponse(encode.metrics_json(lab.metrics(model)))


@router.get("/boundary", response_model=BoundaryGrid)
def read_boundary(
    model: NetworkDep,
    resolution: Annotated[int, Query(ge=2, le=lab.MAX_RESOLUTION, description="Grid points per side.")] = 50,
    hidden: Annotated[bool, Query(description="Include every hidden neuron's grid too.")] = True,
) -> Response:
    """The output (and each hidden neuron) over the input plane: the decision boundary. 2-D inputs only."""
    return FastJSONResponse(encode.grid_json(lab.boundary(model, resolution, hidden)))


@router.post("/compare", response_model=CompareResult, responses=TOO_LARGE)
def compare(model: NetworkDep, body: CompareRequest, limits: LimitsDep) -> Response:
    """Train copies of the network with several learning rates from the same point; loss curves to overlay.
    The network itself is not changed."""
    record_every = body.record_every if body.record_every is not None else max(1, body.steps // 100)
    runs = lab.compare_learning_rates(model, body.etas, body.steps, limits, record_every)
    return FastJSONResponse(encode.compare_json(runs))


# The errors are JSON, as everywhere: named by hand, since a `model` here would be listed as an event stream.
STREAM_ERRORS = {status: {"description": doc["description"],
                          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
                 for status, doc in {**NOT_FOUND, **INVALID, **TOO_LARGE}.items()}


@router.post("/train/stream", response_class=EventStreamResponse, responses={**SSE_DOC, **STREAM_ERRORS})
def train_stream(network_id: NetworkId, store: StoreDep, limits: LimitsDep,
                 body: TrainStreamRequest | None = None) -> EventStreamResponse:
    """Train in chunks and report after each one. Steps are atomic per chunk; stop reading to pause."""
    body = body or TrainStreamRequest()
    store.get(network_id)  # an unknown id fails here, as JSON (404) …
    plan = lab.chunk_plan(body.steps, body.chunk, limits)  # … and so does a bad request (422)

    def run(n: int) -> lab.Chunk:
        def change(model: Model) -> tuple[lab.Chunk, Model]:
            chunk = lab.train_chunk(model, n, limits)
            return chunk, chunk.model
        return store.update(network_id, change)

    def events() -> Iterator[bytes]:
        done = 0
        for n in plan:
            chunk = run(n)
            done += n
            if chunk.status != "running":  # diverged or out of time: say so and stop
                yield sse("done", event(chunk.status, chunk.message, chunk))
                return
            yield sse("progress", event("running", f"{done} of {body.steps} steps.", chunk))
        yield sse("done", event("completed", f"Trained {body.steps} steps.", chunk))

    def event(status: str, message: str, chunk: lab.Chunk) -> dict:
        return {"status": status, "message": message, "metrics": encode.metrics_json(chunk.metrics)}

    return EventStreamResponse(events(), media_type="text/event-stream",
                               headers={"cache-control": "no-store", "x-accel-buffering": "no"})


def sse(event: str, data: dict) -> bytes:
    return b"event: " + event.encode() + b"\ndata: " + orjson.dumps(data, option=orjson.OPT_SERIALIZE_NUMPY) + b"\n\n"

