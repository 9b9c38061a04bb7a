"""Shared helpers of the API tests: create a network, and check every response against its model."""

from typing import Any

from fastapi.testclient import TestClient
from httpx import Response
from pydantic import TypeAdapter

from app.api.schemas.documents import NetworkDocument
from app.api.schemas.errors import ErrorBody
from app.config import Settings
from app.main import create_app
from tests.support.strict_json import assert_strict_json

Json = dict[str, Any]


def make_client(**settings: Any) -> TestClient:
    """A fresh app with these Settings overrides. 500s come back as responses (and fail the error-shape
    checks) instead of being raised inside the test."""
    return TestClient(create_app(Settings(**settings)), raise_server_exceptions=False)


def conform(resp: Response, model: Any, status: int = 200) -> Any:
    """Assert the status, validate the raw JSON (strict, JSON mode) against `model`; return the parsed JSON."""
    assert resp.status_code == status, (resp.status_code, resp.text[:2000])
    assert resp.headers["content-type"].startswith("application/json")
    assert_strict_json(resp.content)
    TypeAdapter(model).validate_json(resp.content)
    return resp.json()


# A bad value may be refused by the request schema or by the core's checks: either code is right.
INVALID = ("invalid_request", "invalid_spec")


def assert_error(resp: Response, status: int, code: str | tuple[str, ...] | None = None,
                 field: str | None = None) -> Json:
    """The one error shape, with the expected status (and code(s) / field when given); never a 500."""
    assert resp.status_code != 500, resp.text
    body = conform(resp, ErrorBody, status)
    if code is not None:
        assert body["error"]["code"] in ((code,) if isinstance(code, str) else code), body
    if field is not None:
        assert body["error"]["field"] == field, body
    assert body["error"]["message"]
    return body["error"]


def create(client: TestClient, body: Json) -> Json:
    """POST /api/networks; asserts 201 and a valid NetworkDocument, returns it."""
    return conform(client.post("/api/networks", json=body), NetworkDocument, 201)


def net_url(network_id: str, action: str = "") -> str:
    return f"/api/networks/{network_id}" + (f"/{action}" if action else "")


def samples_spec(**overrides: Any) -> Json:
    """A small valid 2-3-1 spec with explicit samples; override any field."""
    spec: Json = {"sizes": [2, 3, 1], "activations": "sigmoid", "cost": "quadratic", "eta": 0.5,
                  "batch_size": 2, "seed": 3,
                  "samples": {"x": [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]],
                              "y": [[0.0], [1.0], [1.0], [0.0]]}}
    spec.update(overrides)
    return spec
