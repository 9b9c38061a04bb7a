"""Issue 12, problems 1 and 2: no integer or string a client sends can break a network or the server. Integers past
what JSON readers keep exactly (2⁵³ − 1) and strings holding a lone UTF-16 surrogate are refused with a 422 naming
the field — never a 500, and the network stays as it was and readable."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.schemas.base import MAX_COUNT
from tests.api.api_helpers import assert_error, create, net_url, samples_spec
from tests.support.strict_json import assert_strict_json

HUGE = [2**53, 2**63, 2**64 - 1, 10**20, 10**40]
LONE = ["\ud800", "a\udfffb", "\udc00x", "ok\ud83d"]   # a high or low half alone (a pair would be fine)


def post_raw(client, url: str, body: Any, method: str = "POST"):
    """Send the JSON as Python writes it (ensure_ascii: a lone surrogate travels as its \\u escape, as a browser's
    JSON.stringify sends it)."""
    return client.request(method, url, content=json.dumps(body).encode(), headers={"content-type": "application/json"})


def exported(client) -> tuple[str, dict]:
    net = create(client, {"spec": samples_spec()})
    return net["id"], client.get(net_url(net["id"], "export")).json()


@pytest.mark.parametrize("huge", HUGE)
def test_a_sampler_epoch_past_2_to_the_53_is_refused_and_the_network_stays_readable(client, huge):
    net_id, doc = exported(client)
    before = client.get(net_url(net_id)).json()
    body = {"parameters": doc["parameters"], "sampler": {"epoch": huge, "cursor": 0}}
    assert_error(post_raw(client, net_url(net_id, "parameters"), body, "PUT"), 422, field="sampler.epoch")
    after = client.get(net_url(net_id))
    assert after.status_code == 200 and after.json() == before


@pytest.mark.parametrize("field", ["version", "steps"])
@pytest.mark.parametrize("huge", [2**53, 2**64 - 1])
def test_an_import_with_a_huge_counter_is_refused(client, field, huge):
    _, doc = exported(client)
    assert_error(post_raw(client, "/api/networks/import", {**doc, field: huge}), 422, field=field)


def test_the_largest_allowed_counter_imports_steps_and_exports(client):
    """At the bound, everything still works end to end: the counters can be written back."""
    _, doc = exported(client)
    resp = post_raw(client, "/api/networks/import", {**doc, "version": MAX_COUNT - 5, "steps": MAX_COUNT - 5})
    assert resp.status_code == 201, resp.text
    net_id = resp.json()["id"]
    assert client.post(net_url(net_id, "step")).status_code == 200
    assert client.get(net_url(net_id, "export")).json()["version"] == MAX_COUNT - 4


@pytest.mark.parametrize("huge", HUGE)
def test_huge_integers_elsewhere_are_refused_by_name(client, huge):
    net_id, doc = exported(client)
    cases = [
        ("step", {"expected_version": huge}, "expected_version"),
        ("train", {"steps": huge}, "steps"),
        ("forward", {"example": huge}, "example"),
        ("compare", {"etas": [0.1], "steps": huge}, "steps"),
        ("train/stream", {"steps": huge}, "steps"),
    ]
    for action, body, field in cases:
        assert_error(post_raw(client, net_url(net_id, action), body), 422, field=field)
    state = {"t": huge, "layers": []}
    assert_error(post_raw(client, net_url(net_id, "parameters"),
                          {"parameters": doc["parameters"], "optimizer_state": state}, "PUT"),
                 422, field="optimizer_state.t")
    assert client.get(net_url(net_id)).status_code == 200


@pytest.mark.parametrize("lone", LONE)
def test_a_lone_surrogate_in_any_echoed_string_is_a_422_naming_the_field(client, lone):
    assert_error(post_raw(client, "/api/networks", {"preset": lone}), 422, field="preset")
    assert_error(post_raw(client, "/api/networks", {"spec": samples_spec(
        dataset={"name": lone}, samples=None)}), 422, field="spec.dataset.name")
    labels = {"neurons": {"1": ["x", lone]}}
    assert_error(post_raw(client, "/api/networks", {"spec": samples_spec(labels=labels)}), 422,
                 field="spec.labels.neurons.1[1]")
    csv = f"x1,{lone}\n1,2\n3,4\n"
    assert_error(post_raw(client, "/api/csv/inspect", {"csv": csv}), 422, field="csv")
    assert_error(post_raw(client, "/api/csv/parse", {"csv": "a,b\n1,2\n", "features": [lone], "target": "b",
                                                     "task": "regression"}), 422)


def test_a_surrogate_pair_is_a_character_like_any_other(client):
    """"\\ud83d\\ude00" is one emoji, well formed: accepted and sent back as it came."""
    net = post_raw(client, "/api/networks", {"spec": samples_spec(labels={"neurons": {"1": ["😀", "x₂"]}})})
    assert net.status_code == 201, net.text
    assert net.json()["labels"]["neurons"]["1"] == ["😀", "x₂"]


def test_the_refusal_keeps_the_connection_alive(client):
    """A 422 is an ordinary answer: the client's next request on the same connection goes through."""
    assert post_raw(client, "/api/networks", {"preset": "\ud800"}).status_code == 422
    assert client.get("/healthz").status_code == 200


def test_the_openapi_document_states_the_bounds(client):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["SamplerPosition"]["properties"]["epoch"]["maximum"] == MAX_COUNT
    assert schemas["ExportDocument"]["properties"]["version"]["maximum"] == MAX_COUNT
    assert schemas["OptimizerState"]["properties"]["t"]["maximum"] == MAX_COUNT
    assert schemas["LabelsSpec"]["properties"]["neurons"]["additionalProperties"]["items"]["maxLength"] == 200


# Any integer (past 2⁶⁴ included) or any string (lone surrogates included) put in place of one field of a valid body.
ANY_INT = st.one_of(st.integers(), st.integers(min_value=2**53 - 3, max_value=2**70), st.integers(max_value=-2**63))
ANY_STR = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=8)
BODIES = {  # (method, path: "{id}" is the network's) → a valid body, from the network's export document
    ("PUT", "/api/networks/{id}/parameters"): lambda doc: {
        "parameters": doc["parameters"], "sampler": {"epoch": 0, "cursor": 0},
        "optimizer_state": {"t": 0, "layers": []}, "expected_version": doc["version"]},
    ("POST", "/api/networks/{id}/step"): lambda doc: {"expected_version": doc["version"]},
    ("POST", "/api/networks/{id}/update"): lambda doc: {"expected_version": doc["version"]},
    ("POST", "/api/networks/{id}/train"): lambda doc: {"steps": 2, "record_every": 1},
    ("POST", "/api/networks/{id}/forward"): lambda doc: {"example": 0, "split": "train"},
    ("POST", "/api/networks/{id}/forward "): lambda doc: {"inputs": [[0.1, 0.2]], "targets": [[0.5]]},
    ("POST", "/api/networks/{id}/gradcheck"): lambda doc: {"epsilon": 1e-5},
    ("POST", "/api/networks/{id}/compare"): lambda doc: {"etas": [0.1, 1.0], "steps": 3, "record_every": 1},
    ("POST", "/api/networks/{id}/train/stream"): lambda doc: {"steps": 2, "chunk": 1, "frame_ms": None},
    ("POST", "/api/networks"): lambda doc: {"spec": {**doc["spec"], "labels": {"neurons": {"1": ["a", "b"]}}}},
    ("POST", "/api/networks "): lambda doc: {"preset": "mazur-2-2-2"},
    ("POST", "/api/networks/import"): lambda doc: doc,
    ("POST", "/api/csv/inspect"): lambda doc: {"csv": "x1,x2,y\n1,2,a\n3,4,b\n", "header": True},
    ("POST", "/api/csv/parse"): lambda doc: {"csv": "x1,x2,y\n1,2,a\n3,4,b\n", "features": ["x1", 2],
                                             "target": "y", "task": "binary", "test_fraction": 0.0, "seed": 1},
}


def _paths(body: Any, at: tuple = ()) -> list[tuple]:
    """Every leaf's path in a JSON body (lists: their first item)."""
    if isinstance(body, dict):
        return [p for k, v in body.items() for p in _paths(v, (*at, k))] or [at]
    if isinstance(body, list) and body:
        return _paths(body[0], (*at, 0))
    return [at]


def _replace(body: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    copy = dict(body) if isinstance(body, dict) else list(body)
    copy[path[0]] = _replace(body[path[0]], path[1:], value)
    return copy


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(which=st.sampled_from(sorted(BODIES)), pick=st.integers(min_value=0), value=st.one_of(ANY_INT, ANY_STR))
def test_any_integer_or_string_anywhere_never_breaks_the_network(client, which, pick, value):
    """Every endpoint that takes a body, one field of a valid body replaced: never a 5xx, never NaN or Infinity in
    the answer, and the network still readable — unchanged when refused."""
    net_id, doc = exported(client)
    before = client.get(net_url(net_id)).json()
    method, path = which
    body = BODIES[which](doc)
    paths = _paths(body)
    resp = post_raw(client, path.strip().replace("{id}", net_id), _replace(body, paths[pick % len(paths)], value),
                    method)
    assert resp.status_code < 500, resp.text
    if resp.headers.get("content-type", "").startswith("application/json"):
        assert_strict_json(resp.content)
    after = client.get(net_url(net_id))
    assert after.status_code == 200
    if resp.status_code >= 400:
        assert after.json() == before   # refused: nothing changed
    client.delete(net_url(net_id))


def test_a_csv_of_a_million_one_character_columns_is_refused_at_once(client):
    """Issue 12, problem 5: 2 MB of "a,a,a,…" once took 14–15 s and answered 85 MB; the column cap refuses it."""
    import time

    start = time.perf_counter()
    err = assert_error(post_raw(client, "/api/csv/inspect", {"csv": ",".join(["a"] * 600_000) + "\n"}), 422,
                       field="csv")
    assert "2048 columns" in err["message"], err
    assert time.perf_counter() - start < 5.0


def test_head_is_answered_wherever_get_is(client):
    """Issue 12, problem 8: HEAD / once answered 405."""
    for path in ("/", "/lab", "/about", "/healthz", "/api/presets"):
        resp = client.head(path)
        assert resp.status_code == 200, (path, resp.status_code)
        assert resp.content == b""


def test_a_network_over_the_per_network_memory_cap_is_refused_by_the_api():
    """BACKPROP_MAX_NETWORK_BYTES: the create answers 422 naming the spec, and nothing is kept."""
    from tests.api.api_helpers import make_client

    with make_client(max_network_bytes=2048) as small:
        err = assert_error(small.post("/api/networks", json={"spec": samples_spec(
            dataset={"name": "xor", "n": 1000}, samples=None)}), 422, field="spec")
        assert "BACKPROP_MAX_NETWORK_BYTES" in err["message"]
        assert small.get("/healthz").json()["networks"] == 0


def test_an_answer_over_the_response_limit_is_refused_with_a_clear_422():
    """BACKPROP_MAX_RESPONSE_BYTES: the last bound on what one answer puts on the classroom's network."""
    from tests.api.api_helpers import make_client

    with make_client(max_response_bytes=4000) as small:
        net = create(small, {"spec": samples_spec(dataset={"name": "xor", "n": 400}, samples=None)})
        err = assert_error(small.get(net_url(net["id"], "data")), 422, code="answer_too_large")
        assert "BACKPROP_MAX_RESPONSE_BYTES" in err["message"]
        assert small.get("/healthz").status_code == 200          # small answers go through
        assert small.get(net_url(net["id"])).status_code == 200
