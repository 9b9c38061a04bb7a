"""Every route's successful response validates (strict, JSON mode) against its documented response model.

The other API test files check each response with `conform()` too; this tour makes sure that no route is
left out, and that the model a test validates with is the one the OpenAPI document names.
"""

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from app.api.schemas.documents import (
    DatasetInfo,
    DatasetSamples,
    FunctionCatalog,
    Health,
    NetworkData,
    NetworkDocument,
    PresetInfo,
)
from app.api.schemas.errors import ErrorBody
from app.api.schemas.lab import BoundaryGrid, CompareResult, MetricsOut, StreamEvent
from app.api.schemas.specs import ExportDocument
from app.api.schemas.traces import ForwardBackward, ForwardTrace, GradcheckResult, StepResult, TrainResult, UpdateResult
from app.api.schemas.uploads import CsvPreview, ParsedCsv
from tests.api.api_helpers import conform, create, samples_spec

CSV = "x1,x2,label\n0.1,0.2,a\n0.3,0.1,b\n-0.2,0.5,a\n"

# (method, OpenAPI path) → (model, status, body); {id} is filled with a fresh network's id.
TOUR: dict[tuple[str, str], tuple[Any, int, Any]] = {
    ("get", "/healthz"): (Health, 200, None),
    ("get", "/api/presets"): (list[PresetInfo], 200, None),
    ("get", "/api/datasets"): (list[DatasetInfo], 200, None),
    ("get", "/api/functions"): (FunctionCatalog, 200, None),
    ("get", "/api/datasets/{name}"): (DatasetSamples, 200, None),
    ("post", "/api/networks"): (NetworkDocument, 201, {"preset": "xor-2-2-1"}),
    ("post", "/api/networks/import"): (NetworkDocument, 201, "export"),
    ("get", "/api/networks/{network_id}"): (NetworkDocument, 200, None),
    ("get", "/api/networks/{network_id}/export"): (ExportDocument, 200, None),
    ("get", "/api/networks/{network_id}/data"): (NetworkData, 200, None),
    ("post", "/api/networks/{network_id}/reset"): (NetworkDocument, 200, None),
    ("put", "/api/networks/{network_id}/parameters"): (NetworkDocument, 200, "parameters"),
    ("post", "/api/networks/{network_id}/forward"): (ForwardTrace, 200, None),
    ("post", "/api/networks/{network_id}/backward"): (ForwardBackward, 200, None),
    ("post", "/api/networks/{network_id}/update"): (UpdateResult, 200, None),
    ("post", "/api/networks/{network_id}/step"): (StepResult, 200, None),
    ("post", "/api/networks/{network_id}/train"): (TrainResult, 200, {"steps": 20}),
    ("post", "/api/networks/{network_id}/gradcheck"): (GradcheckResult, 200, None),
    ("delete", "/api/networks/{network_id}"): (None, 204, None),
    ("get", "/api/networks/{network_id}/metrics"): (MetricsOut, 200, None),
    ("get", "/api/networks/{network_id}/boundary"): (BoundaryGrid, 200, None),
    ("post", "/api/networks/{network_id}/compare"): (CompareResult, 200, {"etas": [0.1, 1.0], "steps": 5}),
    ("post", "/api/networks/{network_id}/train/stream"): (StreamEvent, 200, {"steps": 6, "chunk": 3}),
    ("post", "/api/csv/inspect"): (CsvPreview, 200, {"csv": CSV}),
    ("post", "/api/csv/parse"): (ParsedCsv, 200, {"csv": CSV, "features": ["x1", "x2"], "target": "label",
                                                 "task": "binary"}),
}


def _documented_model(op: dict, status: int) -> str | None:
    content = op["responses"][str(status)].get("content")
    if not content:
        return None
    schema = (content.get("text/event-stream") or content["application/json"])["schema"]
    # An event stream documents its events: the model is that of each event's data (JSON text).
    schema = schema.get("properties", {}).get("data", {}).get("contentSchema", schema)
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


def test_the_tour_covers_every_documented_route_with_its_documented_model(client):
    paths = client.get("/openapi.json").json()["paths"]
    # The live-class routes need a class, its teacher and a student: their tour is tests/classroom/test_contract.py.
    documented = {(method, path): op for path, ops in paths.items() for method, op in ops.items()
                  if not path.startswith("/api/classes")}
    assert set(TOUR) == set(documented)
    for key, (model, status, _) in TOUR.items():
        name = getattr(model, "__name__", None) if model is not None else None
        if model is not None and getattr(model, "__origin__", None) is list:
            name = model.__args__[0].__name__
        assert _documented_model(documented[key], status) == name, key


@pytest.mark.parametrize("key", list(TOUR), ids=[f"{m.upper()} {p}" for m, p in TOUR])
@pytest.mark.parametrize("preset", ["mazur-2-2-2", "lecture-3-2-1"])
def test_every_route_response_conforms(client, key, preset):
    method, path = key
    model, status, body = TOUR[key]
    doc = create(client, {"preset": preset})
    if body == "export":
        body = client.get(f"/api/networks/{doc['id']}/export").json()
    elif body == "parameters":
        body = {"parameters": doc["parameters"], "expected_version": 1}
    url = path.replace("{network_id}", doc["id"]).replace("{name}", "spiral3")
    resp = client.request(method.upper(), url, json=body)
    if path.endswith("/boundary") and preset == "lecture-3-2-1":  # 3 inputs: no plane to draw
        conform(resp, ErrorBody, 422)
        return
    if path.endswith("/stream"):  # Server-Sent Events: each event's data is a StreamEvent
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/event-stream")
        datas = [line[6:] for line in resp.text.splitlines() if line.startswith("data: ")]
        assert len(datas) == 3 and all(TypeAdapter(model).validate_json(d) for d in datas)  # 2 chunks, done
        return
    if model is None:
        assert resp.status_code == status and resp.content == b""
    else:
        conform(resp, model, status)


def test_a_dataset_network_conforms_through_a_few_steps(client):
    doc = create(client, {"spec": {"sizes": [2, 5, 3], "activations": ["relu", "softmax"],
                                   "cost": "softmax_cross_entropy", "batch_size": 8, "lam": 0.01,
                                   "dataset": {"name": "spiral3", "n": 60}}})
    for _ in range(3):
        conform(client.post(f"/api/networks/{doc['id']}/step"), StepResult)
    conform(client.post(f"/api/networks/{doc['id']}/forward", json={"example": 0, "split": "test"}), ForwardTrace)
    conform(client.post(f"/api/networks/{doc['id']}/train", json={"steps": 30, "record_every": 10}), TrainResult)
    conform(client.get(f"/api/networks/{doc['id']}/data"), NetworkData)


def test_the_check_is_strict_json_mode():
    """conform() would catch a stringified number, a null where a number belongs, or an extra field."""
    with pytest.raises(ValidationError):
        TypeAdapter(ErrorBody).validate_json(b'{"detail": [{"msg": "x"}]}')
    with pytest.raises(ValidationError):
        TypeAdapter(list[DatasetInfo]).validate_json(
            b'[{"name": "x", "title": "", "description": "", "classes": "2", "input_size": 2, "output_size": 1}]')
    with pytest.raises(ValidationError):
        TypeAdapter(NetworkData).validate_json(b'{"x_train": [[null]], "y_train": [], "x_test": [], "y_test": []}')


def test_conform_helper_rejects_a_wrong_status(client):
    with pytest.raises(AssertionError):
        conform(client.get("/api/networks/nope"), NetworkDocument)


def test_samples_spec_helper_builds_a_valid_network(client):
    assert create(client, {"spec": samples_spec()})["data"]["n_train"] == 4
