"""Fixtures of the API tests: a fresh app per test, with default or tiny limits."""

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.api.api_helpers import create, make_client  # noqa: F401  (create(client, body) -> dict, re-exported)

REFERENCE = Path(__file__).parent.parent / "reference" / "mazur-2-2-2.json"
SHARED_REFERENCE = Path("/work/shared/reference/mazur-2-2-2.json")


@pytest.fixture
def client() -> Iterator[TestClient]:
    """A fresh app with the default limits."""
    with make_client() as c:
        yield c


@pytest.fixture
def small_client() -> Iterator[TestClient]:
    """A fresh app with tiny limits, to reach them cheaply."""
    with make_client(max_networks=3, max_body_bytes=4096, max_train_steps=50, max_neurons=8) as c:
        yield c


@pytest.fixture(scope="session")
def mazur_reference() -> dict:
    """The published numbers of the classic 2-2-2 example (copied from /work/shared when missing)."""
    if not REFERENCE.exists() and SHARED_REFERENCE.exists():
        REFERENCE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SHARED_REFERENCE, REFERENCE)
    return json.loads(REFERENCE.read_text())
