"""Limits come from environment variables (prefix BACKPROP_)."""

import pytest

from app.config import Settings
from tests.api.api_helpers import make_client


def test_environment_variables_set_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BACKPROP_MAX_NEURONS", "4")
    monkeypatch.setenv("BACKPROP_MAX_BODY_BYTES", "1000")
    settings = Settings()
    assert settings.max_neurons == 4 and settings.limits().max_neurons == 4
    client = make_client(**settings.model_dump())
    spec = {"sizes": [2, 5, 1], "samples": {"x": [[0, 1]], "y": [[1]]}}
    refused = client.post("/api/networks", json={"spec": spec})
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "spec.sizes[1]"
    spec["sizes"] = [2, 4, 1]
    assert client.post("/api/networks", json={"spec": spec}).status_code == 201
    assert client.post("/api/networks", content=b" " * 1001,
                       headers={"content-type": "application/json"}).status_code == 413
