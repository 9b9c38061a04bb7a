"""The training lab: metrics, the decision boundary, and training streamed as Server-Sent Events."""

import contextlib
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import StreamingResponse
from pydantic.json_schema import models_json_schema

from ...core import doctor, lab
from ...core.errors import DivergedError
from ...core.limits import Limits
from ...core.model import Model
from .. import encode
from ..deps import INVALID, NOT_FOUND, TOO_LARGE, UNAVAILABLE, LimitsDep, NetworkDep, NetworkId, Responses, StoreDep
from ..responses import FastJSONResponse, render
from ..schemas.lab import BoundaryGrid, CompareRequest, CompareResult, MetricsOut, StreamEvent, TrainStreamRequest

router = APIRouter(prefix="/api/networks/{network_id}", tags=["lab"],
                   responses={**NOT_FOUND, **INVALID, **UNAVAILABLE})


class EventStreamResponse(StreamingResponse):
    """Server-Sent Events; the class names the media type, so the OpenAPI document lists only that one."""

    media_type = "text/event-stream"


# The explicit "type" replaces the {"type": "string"} FastAPI gives a non-JSON response class.
# Each event of the stream as a schema-aware client (and the fuzzer) reads it: its name, and its data — a
# StreamEvent written as JSON text (OpenAPI 3.1: a string whose content is JSON of that schema).
SSE_EVENT = {"type": "object", "required": ["event", "data"], "properties": {
    "event": {"type": "string", "enum": ["progress", "done"]},
    "data": {"type": "string", "contentMediaType": "application/json",
             "contentSchema": {"$ref": "#/components/schemas/StreamEvent"}}}}
def document_stream_events(openapi: dict) -> dict:
    """Put StreamEvent (and the models it holds) into the document's components: the stream's 200 names it only
    inside `contentSchema`, where FastAPI does not look for models to include."""
    _, defs = models_json_schema([(StreamEvent, "serialization")], ref_template="#/components/schemas/{model}")
    openapi.setdefault("components", {}).setdefault("schemas", {}).update(defs.get("$defs", {}))
    return openapi


SSE_DOC: Responses = {200: {
    "description": "A `text/event-stream`: one `progress` event per chunk, then one `done` event. "
                   "The data of each event is a StreamEvent, as JSON.",
    "content": {"text/event-stream": {"schema": SSE_EVENT}}}}


@router.get("/metrics", response_model=MetricsOut)
def read_metrics(model: NetworkDep) -> Response:
    """Train and test loss and accuracy, and the gradient norm of every layer on the current batch."""
    return FastJSONResponse(encode.metrics_out(lab.metrics(model)))


@router.get("/boundary", response_model=BoundaryGrid)
def read_boundary(
    model: NetworkDep,
    limits: LimitsDep,
    resolution: Annotated[int, Query(ge=2, le=lab.MAX_RESOLUTION, description="Grid points per side.")] = 50,
    hidden: Annotated[bool, Query(description="Include every hidden neuron's grid too.")] = True,
) -> Response:
    """The output (and each hidden neuron) over the input plane: the decision boundary. 2-D inputs only."""
    return FastJSONResponse(encode.boundary_grid(lab.boundary(model, resolution, hidden, limits=limits)))


@router.post("/compare", response_model=CompareResult, responses=TOO_LARGE)
def compare(model: NetworkDep, body: CompareRequest, limits: LimitsDep) -> Response:
    """Train copies of the network with several learning rates from the same point; loss curves to overlay.
    The network itself is not changed."""
    record_every = body.record_every if body.record_every is not None else max(1, body.steps // 100)
    runs = lab.compare_learning_rates(model, body.etas, body.steps, limits, record_every)
    return FastJSONResponse(encode.compare_result(runs))


# The errors are JSON, as everywhere: named by hand, since a `model` here would be listed as an event stream.
STREAM_ERRORS: Responses = {
    status: {"description": doc["description"],
             "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}}
    for status, doc in {**NOT_FOUND, **INVALID, **TOO_LARGE}.items()}


class FramePacer:
    """With frame_ms: one progress event a frame. A chunk trains for what the frame leaves after the last
    chunk's measuring and encoding (its metrics: several passes over the data), ends early when that is up,
    and waits for the frame when it is done sooner. A page drawing every frame then gets one new state per
    frame and none it cannot draw (each costs the browser about 1 ms to receive), whatever the network's size.
    Without frame_ms: chunks of exactly `chunk` steps, each sent as soon as it is done."""

    def __init__(self, frame_ms: float | None, limits: Limits) -> None:
        self.frame = None if frame_ms is None else frame_ms / 1000
        self.limits = limits
        self.overhead = 0.0  # seconds from a chunk's end of training to its event, as last measured
        self.due = time.perf_counter() - (self.frame or 0)  # when the last event was due: the first goes at once

    def chunk_limits(self) -> Limits:
        """The next chunk's limits: its training stops when the frame's share is up (at least a quarter)."""
        if self.frame is None:
            return self.limits
        seconds = max(self.frame - self.overhead, self.frame / 4)
        return replace(self.limits, max_train_seconds=min(seconds, self.limits.max_train_seconds))

    def cut_short(self, chunk: lab.Chunk, ran: int, used: Limits) -> bool:
        """The chunk ran out of its frame (not of the server's own time limit): the stream goes on."""
        return (chunk.status == "time_limit" and ran > 0
                and used.max_train_seconds < self.limits.max_train_seconds)

    def before_sending(self, started: float, used: Limits, cut: bool) -> None:
        """Learn the overhead from a chunk cut short, then wait until the event is due (never to catch up)."""
        if self.frame is None:
            return
        if cut:
            self.overhead = max(0.0, time.perf_counter() - started - used.max_train_seconds)
        self.due += self.frame
        ahead = self.due - time.perf_counter()
        if ahead > 0:
            time.sleep(ahead)
        else:
            self.due = time.perf_counter()


@router.post("/train/stream", response_class=EventStreamResponse, responses={**SSE_DOC, **STREAM_ERRORS})
def train_stream(network_id: NetworkId, store: StoreDep, limits: LimitsDep,
                 body: TrainStreamRequest | None = None) -> EventStreamResponse:
    """Train in chunks and report after each one, with the parameters reached. Steps are atomic per chunk;
    stop reading to pause."""
    body = body or TrainStreamRequest()
    start = store.get(network_id)  # an unknown id fails here, as JSON (404) …
    lab.chunk_plan(body.steps, body.chunk, limits)  # … and so does a bad request (422)
    pacer = FramePacer(body.frame_ms, limits)
    # The run's course, for the doctor, from where it starts (a safe η is measured from there on divergence).
    points: list[doctor.Point] = []
    if body.diagnose:
        with contextlib.suppress(DivergedError):  # a network that is no longer finite has no course to read
            points.append(lab.point(lab.metrics(start)))

    def run(n: int, chunk_limits: Limits) -> tuple[lab.Chunk, int, bytes]:
        def change(model: Model) -> tuple[tuple[lab.Chunk, int, bytes], Model]:
            chunk = lab.train_chunk(model, n, chunk_limits)
            if chunk.model.steps == model.steps and chunk.status == "time_limit":  # measuring used the frame up
                chunk = lab.train_chunk(model, 1, limits)
            # What the chunk's events will say of it, rendered before the store commits it: what cannot be sent
            # back is not kept.
            # (A StreamEvent's fields after its status and message, which each event puts in front: event().)
            reached = render({"metrics": encode.metrics_out(chunk.metrics), "version": chunk.model.version,
                              "parameters": encode.parameters(chunk.model.params)})
            return (chunk, chunk.model.steps - model.steps, reached), chunk.model
        return store.update(network_id, change)

    def run_diagnoses(chunk: lab.Chunk) -> list[doctor.Diagnosis]:
        """The doctor's reading of the run so far (nothing when the request asked for none)."""
        if not body.diagnose:
            return []
        if chunk.status == "diverged":
            quick = replace(limits, max_train_seconds=min(limits.max_train_seconds, 0.25))
            return [doctor.diverged(points, start, body.steps, quick)]
        points.append(lab.point(chunk.metrics))
        return doctor.trend(points, start.hyper.eta, chunk.metrics.diagnoses)

    def events() -> Iterator[bytes]:
        done, deadline = 0, time.perf_counter() + limits.max_stream_seconds
        while done < body.steps:
            started, used = time.perf_counter(), pacer.chunk_limits()
            chunk, ran, reached = run(min(body.chunk, body.steps - done), used)
            done += ran
            cut = pacer.cut_short(chunk, ran, used)
            found = run_diagnoses(chunk)
            if chunk.status != "running" and not cut:  # diverged or out of time: say so and stop
                yield sse("done", event(chunk.status, chunk.message, reached, found))
                return
            data = sse("progress", event("running", f"{done} of {body.steps} steps.", reached, found))
            pacer.before_sending(started, used, cut)
            yield data
            if done < body.steps and time.perf_counter() > deadline:   # one stream never holds a worker longer
                yield sse("done", event("time_limit", f"Stopped after {limits.max_stream_seconds:g} s (the server's "
                                        f"limit for one stream) at {done} of {body.steps} steps; start another "
                                        "to go on.", reached, found))
                return
        yield sse("done", event("completed", f"Trained {body.steps} steps.", reached, found))

    def event(status: str, message: str, reached: bytes, found: list[doctor.Diagnosis]) -> bytes:
        """A StreamEvent's JSON: its status, message and run diagnoses, then the chunk's rendered metrics, version,
        parameters."""
        head = render({"status": status, "message": message, "run_diagnoses": encode.diagnoses(found)})
        return head[:-1] + b"," + reached[1:]

    return EventStreamResponse(events(), media_type="text/event-stream",
                               headers={"cache-control": "no-store", "x-accel-buffering": "no"})


def sse(event: str, data: bytes) -> bytes:
    return b"event: " + event.encode() + b"\ndata: " + data + b"\n\n"

