"""Any JSON a client sends to a class's routes gets a 2xx or a 4xx in the error shape, never a 5xx (hypothesis)."""

import json
import math
from typing import Any

import hypothesis.strategies as st
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from app.classroom.memory import MemoryClassStore
from app.classroom.store import ClassLimits
from app.config import Settings
from app.main import create_app
from tests.api.api_helpers import assert_error
from tests.classroom.helpers import CHOICE_QUESTION, NUMBER_QUESTION, POSITION, start_class

# Any JSON value, with the numbers a careless client writes too (NaN, Infinity: Python's json writes them).
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=10), inner, max_size=4), max_leaves=20)


def near(valid: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid body with some fields replaced by any JSON, some dropped, an unknown one added: the requests that
    get past the JSON parser and into the validation."""
    keys = st.sampled_from([*valid, "extra"])
    return st.builds(lambda changes, dropped: {**{k: v for k, v in valid.items() if k not in dropped}, **changes},
                     st.dictionaries(keys, json_values, max_size=3), st.sets(keys, max_size=2))


FUZZ = settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def fuzzed() -> Any:
    # Room for the classes the fuzzing makes, and no throttle in the way (its own tests are in test_api.py).
    app = create_app(Settings(), class_store=MemoryClassStore(ClassLimits(max_classes=10_000, max_failed_joins=10**6)))
    with TestClient(app, raise_server_exceptions=False) as client:
        k = start_class(client)
        k.join("fuzz")
        yield client, k


def send(client: TestClient, method: str, url: str, body: Any, headers: dict[str, str]) -> None:
    resp = client.request(method, url, content=json.dumps(body), headers={**headers,
                                                                          "content-type": "application/json"})
    if resp.status_code >= 400:
        assert_error(resp, resp.status_code)  # the one error shape, never a 500
        assert 400 <= resp.status_code < 500
    else:
        assert resp.status_code in (200, 201), resp.text


@FUZZ
@given(body=json_values | near({"position": POSITION}) | st.builds(lambda p: {"position": p}, near(POSITION)))
def test_any_body_to_create_or_move_a_class(fuzzed: Any, body: Any) -> None:
    client, k = fuzzed
    send(client, "POST", "/api/classes", body, {})
    send(client, "PUT", f"{k.url}/position", body.get("position", body) if isinstance(body, dict) else body,
         k.teacher)


@FUZZ
@given(body=json_values | near(NUMBER_QUESTION) | near(CHOICE_QUESTION))
def test_any_question(fuzzed: Any, body: Any) -> None:
    client, k = fuzzed
    send(client, "POST", f"{k.url}/questions", body, k.teacher)


@FUZZ
@given(body=json_values | near({"question_id": 0, "value": 0.5}) | near({"question_id": 0, "value": "w5"}),
       kind=st.sampled_from([NUMBER_QUESTION, CHOICE_QUESTION]))
def test_any_answer(fuzzed: Any, body: Any, kind: dict[str, Any]) -> None:
    client, k = fuzzed
    question = k.ask(kind)
    if isinstance(body, dict) and body.get("question_id") == 0:
        body = {**body, "question_id": question["id"]}
    send(client, "POST", f"{k.url}/answers", body, k.student())


@FUZZ
@given(body=json_values | near({"nickname": "Ada"}))
def test_any_join(fuzzed: Any, body: Any) -> None:
    client, k = fuzzed
    send(client, "POST", f"{k.url}/join", body, {})


@pytest.mark.parametrize(("field", "value"), [
    ("spec", {"x": math.nan}), ("record", {"big": 2**60}), ("record", {"s": "\ud800"}),
    ("spec", json.loads("[" * 0 + '{"a":' * 70 + "1" + "}" * 70))])
def test_opaque_json_that_could_not_be_sent_back_is_refused(fuzzed: Any, field: str, value: Any) -> None:
    client, k = fuzzed
    body = json.dumps({**POSITION, field: value})
    resp = client.put(f"{k.url}/position", content=body, headers={**k.teacher, "content-type": "application/json"})
    assert assert_error(resp, 422, "invalid_request")["field"] == field
