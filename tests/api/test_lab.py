"""The training lab through the API: metrics, the boundary grid, training streamed as Server-Sent Events."""

import time

import orjson

from app.api.schemas.lab import BoundaryGrid, MetricsOut, StreamEvent
from tests.api.api_helpers import assert_error, conform, make_client

SPEC = {"sizes": [2, 4, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy", "eta": 0.5,
        "batch_size": 16, "seed": 1, "dataset": {"name": "xor", "n": 120}}


def new_network(client) -> str:
    return client.post("/api/networks", json={"spec": SPEC}).json()["id"]


def read_events(client, network_id: str, body: dict) -> list[tuple[str, dict]]:
    with client.stream("POST", f"/api/networks/{network_id}/train/stream", json=body) as resp:
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/event-stream")
        text = resp.read().decode()
    events = []
    for block in text.strip().split("\n\n"):
        name, data = block.split("\n")
        assert name.startswith("event: ") and data.startswith("data: ")
        payload = orjson.loads(data[6:])
        StreamEvent.model_validate_json(data[6:])
        events.append((name[7:], payload))
    return events


def test_metrics_report_loss_accuracy_and_gradient_norms() -> None:
    client = make_client()
    nid = new_network(client)
    m = conform(client.get(f"/api/networks/{nid}/metrics"), MetricsOut)
    assert m["steps"] == 0 and 0 <= m["train_accuracy"] <= 1 and [g["l"] for g in m["gradient_norms"]] == [2, 3]


def test_boundary_grid_has_the_asked_resolution() -> None:
    client = make_client()
    nid = new_network(client)
    g = conform(client.get(f"/api/networks/{nid}/boundary", params={"resolution": 9}), BoundaryGrid)
    assert g["resolution"] == 9 and len(g["xs"]) == 9 and len(g["output"]) == 1 and len(g["output"][0]) == 9
    assert [h["l"] for h in g["hidden"]] == [2] and len(g["hidden"][0]["a"]) == 4
    g2 = conform(client.get(f"/api/networks/{nid}/boundary", params={"resolution": 5, "hidden": "false"}),
                 BoundaryGrid)
    assert g2["hidden"] == []


def test_boundary_errors() -> None:
    client = make_client()
    lecture = client.post("/api/networks", json={"preset": "lecture-3-2-1"}).json()["id"]
    assert_error(client.get(f"/api/networks/{lecture}/boundary"), 422, ("invalid_spec",), "network")
    nid = new_network(client)
    assert_error(client.get(f"/api/networks/{nid}/boundary", params={"resolution": 1}), 422,
                 ("invalid_request",), "resolution")
    assert_error(client.get("/api/networks/nope/boundary"), 404, ("network_not_found",), "network_id")


def test_training_streams_progress_then_done_and_the_loss_falls() -> None:
    client = make_client()
    nid = new_network(client)
    events = read_events(client, nid, {"steps": 300, "chunk": 100})
    assert [name for name, _ in events] == ["progress", "progress", "progress", "done"]
    losses = [e["metrics"]["train_loss"] for _, e in events]
    assert losses[-1] < losses[0]
    assert events[-1][1]["status"] == "completed" and events[-1][1]["metrics"]["steps"] == 300
    assert client.get(f"/api/networks/{nid}").json()["steps"] == 300  # the network kept the training


def test_each_event_carries_the_parameters_and_version_it_reached() -> None:
    client = make_client()
    nid = new_network(client)
    events = read_events(client, nid, {"steps": 40, "chunk": 20})
    versions = [e["version"] for _, e in events]
    assert versions == [e["metrics"]["version"] for _, e in events] and versions[0] < versions[1] == versions[2]
    doc = client.get(f"/api/networks/{nid}").json()
    assert events[-1][1]["parameters"] == doc["parameters"] and events[-1][1]["version"] == doc["version"]
    assert events[0][1]["parameters"] != doc["parameters"]  # the first chunk's, not the last one's
    assert [p["l"] for p in events[0][1]["parameters"]] == [2, 3]


def test_frame_ms_ends_chunks_early_and_still_trains_every_step() -> None:
    client = make_client()
    spec = {**SPEC, "sizes": [2, 16, 16, 16, 1], "activations": ["tanh", "tanh", "tanh", "sigmoid"]}
    nid = client.post("/api/networks", json={"spec": spec}).json()["id"]
    events = read_events(client, nid, {"steps": 400, "chunk": 400, "frame_ms": 1})
    steps = [e["metrics"]["steps"] for name, e in events if name == "progress"]
    assert len(steps) > 1 and steps == sorted(steps) and len(set(steps)) == len(steps)  # several chunks, each ≥ 1 step
    assert events[-1] == ("done", {**events[-1][1], "status": "completed"}) and steps[-1] == 400
    assert client.get(f"/api/networks/{nid}").json()["steps"] == 400


def test_frame_ms_paces_quick_chunks_to_one_event_a_frame() -> None:
    client = make_client()
    nid = new_network(client)
    started = time.perf_counter()
    events = read_events(client, nid, {"steps": 4, "chunk": 1, "frame_ms": 50})  # each chunk is done in far less
    elapsed = time.perf_counter() - started
    assert [e["metrics"]["steps"] for _, e in events] == [1, 2, 3, 4, 4]
    assert elapsed >= 0.15  # the 2nd, 3rd and 4th progress events waited for their frame


def test_a_diverging_stream_says_so_and_stops() -> None:
    client = make_client()
    spec = {**SPEC, "activations": ["linear", "linear"], "cost": "quadratic", "eta": 1e6}
    nid = client.post("/api/networks", json={"spec": spec}).json()["id"]
    events = read_events(client, nid, {"steps": 1000, "chunk": 10})
    assert events[-1][0] == "done" and events[-1][1]["status"] == "diverged"
    assert len(events) < 100


def test_stream_request_errors_are_plain_json() -> None:
    client = make_client(max_train_steps=100)
    nid = new_network(client)
    assert_error(client.post(f"/api/networks/{nid}/train/stream", json={"steps": 101, "chunk": 10}), 422,
                 ("invalid_spec",), "steps")
    assert_error(client.post(f"/api/networks/{nid}/train/stream", json={"steps": 10, "chunk": 11}), 422,
                 ("invalid_spec",), "chunk")
    assert_error(client.post("/api/networks/nope/train/stream", json={}), 404, ("network_not_found",), "network_id")
    for bad in (0, -5, 101, "8", True):  # frame_ms: a number of milliseconds in (0, 100]
        assert_error(client.post(f"/api/networks/{nid}/train/stream", json={"steps": 10, "chunk": 5, "frame_ms": bad}),
                     422)


def test_learning_rates_compared_side_by_side_leave_the_network_alone() -> None:
    from app.api.schemas.lab import CompareResult

    client = make_client()
    nid = new_network(client)
    before = client.get(f"/api/networks/{nid}").json()
    result = conform(client.post(f"/api/networks/{nid}/compare",
                                 json={"etas": [0.01, 1.0, 1e5], "steps": 200, "record_every": 20}), CompareResult)
    small, good, huge = result["runs"]
    assert small["eta"] == 0.01 and len(small["steps"]) == 11
    assert good["train_loss"][-1] < small["train_loss"][-1]  # too small crawls
    assert huge["status"] == "diverged" or huge["train_loss"][-1] > good["train_loss"][-1]  # too large misbehaves
    assert client.get(f"/api/networks/{nid}").json() == before
    assert_error(client.post(f"/api/networks/{nid}/compare", json={"etas": [], "steps": 10}), 422)
    assert_error(client.post(f"/api/networks/{nid}/compare", json={"etas": [0.1, -1], "steps": 10}), 422,
                 ("invalid_spec",), "etas[1]")


def test_a_stream_stops_at_the_servers_time_limit_and_says_so() -> None:
    """Issue 12, problem 8: a stream of one-step chunks on a big network could run for hours; now at most
    BACKPROP_MAX_STREAM_SECONDS, ending with a `done` event that says why and how far it got."""
    client = make_client(max_stream_seconds=0.3)
    nid = new_network(client)
    start = time.perf_counter()
    events = read_events(client, nid, {"steps": 10_000, "chunk": 1, "frame_ms": 50})
    assert time.perf_counter() - start < 3.0
    name, last = events[-1]
    assert name == "done" and last["status"] == "time_limit" and "limit for one stream" in last["message"], last
    steps = last["metrics"]["steps"]
    assert 0 < steps < 10_000 and client.get(f"/api/networks/{nid}").json()["steps"] == steps


def test_the_grid_limit_is_the_servers_setting() -> None:
    """BACKPROP_MAX_GRID_VALUES: a boundary answer of more grid points × neurons than it allows is refused."""
    client = make_client(max_grid_values=1000)
    nid = new_network(client)
    assert client.get(f"/api/networks/{nid}/boundary?resolution=10&hidden=false").status_code == 200   # 100 values
    assert_error(client.get(f"/api/networks/{nid}/boundary?resolution=40&hidden=false"), 422, field="resolution")
