"""The catalog (presets, data sets, functions), the HTML pages, the offline API docs, the OpenAPI document and
health."""

import re

import pytest
from pydantic import TypeAdapter

from app.api.schemas.documents import DatasetInfo, DatasetSamples, FunctionCatalog, Health, PresetInfo
from app.core.activations import ACTIVATIONS
from app.core.costs import COSTS
from app.core.optimizers import RULES
from tests.api.api_helpers import INVALID, assert_error, conform, create, samples_spec

PRESET_NAMES = ["mazur-2-2-2", "seed-2-3-1", "xor-2-2-1", "lecture-3-2-1"]
DATASET_NAMES = ["xor", "circle", "gaussians", "spiral", "moons", "spiral3"]
API_ROUTES = {
    ("get", "/healthz"), ("get", "/api/presets"), ("get", "/api/datasets"), ("get", "/api/datasets/{name}"),
    ("get", "/api/functions"),
    ("post", "/api/networks"), ("post", "/api/networks/import"), ("get", "/api/networks/{network_id}"),
    ("delete", "/api/networks/{network_id}"), ("get", "/api/networks/{network_id}/export"),
    ("get", "/api/networks/{network_id}/data"), ("post", "/api/networks/{network_id}/reset"),
    ("put", "/api/networks/{network_id}/parameters"), ("post", "/api/networks/{network_id}/forward"),
    ("post", "/api/networks/{network_id}/backward"), ("post", "/api/networks/{network_id}/update"),
    ("post", "/api/networks/{network_id}/step"), ("post", "/api/networks/{network_id}/train"),
    ("post", "/api/networks/{network_id}/gradcheck"),
    ("get", "/api/networks/{network_id}/metrics"), ("get", "/api/networks/{network_id}/boundary"),
    ("post", "/api/networks/{network_id}/compare"), ("post", "/api/networks/{network_id}/train/stream"),
    ("post", "/api/csv/inspect"), ("post", "/api/csv/parse"),
    ("post", "/api/classes"), ("get", "/api/classes/{code}"), ("delete", "/api/classes/{code}"),
    ("put", "/api/classes/{code}/position"), ("post", "/api/classes/{code}/join"),
    ("get", "/api/classes/{code}/events"), ("get", "/api/classes/{code}/qr.svg"),
    ("post", "/api/classes/{code}/questions"), ("post", "/api/classes/{code}/answers"),
    ("get", "/api/classes/{code}/answers"), ("post", "/api/classes/{code}/reveal"),
}


def test_presets_lists_the_four_presets(client):
    presets = conform(client.get("/api/presets"), list[PresetInfo])
    assert [p["name"] for p in presets] == PRESET_NAMES
    for p in presets:
        assert p["title"] and p["description"] and p["source"]
        assert p["spec"]["initial"] is not None


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_each_preset_spec_posted_back_builds_the_same_network(client, name):
    info = next(p for p in conform(client.get("/api/presets"), list[PresetInfo]) if p["name"] == name)
    from_spec = create(client, {"spec": info["spec"]})
    from_preset = create(client, {"preset": name})
    assert from_spec["parameters"] == from_preset["parameters"] == info["spec"]["initial"]
    assert from_spec["spec"] == from_preset["spec"] == info["spec"]
    assert from_spec["sampler"] == from_preset["sampler"]


def test_functions_list_the_registries_with_their_formulas(client):
    catalog = conform(client.get("/api/functions"), FunctionCatalog)
    assert [a["name"] for a in catalog["activations"]] == list(ACTIVATIONS)
    assert [c["name"] for c in catalog["costs"]] == list(COSTS)
    assert [r["name"] for r in catalog["optimizers"]] == list(RULES)
    assert all(entry["formula"] for entry in catalog["activations"] + catalog["costs"] + catalog["optimizers"])
    assert next(r for r in catalog["optimizers"] if r["name"] == "adam")["slots"] == ["m", "v"]


def test_every_listed_function_builds_a_network_as_the_catalog_pairs_them(client):
    """What the catalog says goes together is accepted: each activation on a hidden layer (unless output-only)
    and on the output (with the cost it needs, and the cost's paired output), each rule with its defaults."""
    catalog = conform(client.get("/api/functions"), FunctionCatalog)
    costs = {c["name"]: c for c in catalog["costs"]}
    for act in catalog["activations"]:
        cost = act["needs_cost"] or next(c for c, info in costs.items() if info["paired_activation"] in (None,
                                                                                                         act["name"]))
        hidden = "tanh" if act["output_only"] else act["name"]
        width = max(2, act["min_width"])
        one_hot = [[float(i % width == j) for j in range(width)] for i in range(4)]
        spec = samples_spec(sizes=[2, 3, width], activations=[hidden, act["name"]], cost=cost,
                            samples={"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": one_hot})
        create(client, {"spec": spec})
    for rule in catalog["optimizers"]:
        spec = samples_spec(optimizer=rule["name"], **rule["hyperparameters"])
        assert create(client, {"spec": spec})["spec"]["optimizer"] == rule["name"]


def test_datasets_lists_the_classification_and_regression_sets(client):
    datasets = conform(client.get("/api/datasets"), list[DatasetInfo])
    assert [d["name"] for d in datasets if d["task"] != "regression"] == DATASET_NAMES
    regression = {d["name"]: d for d in datasets if d["task"] == "regression"}
    assert {"plane", "multi_gaussian", "curve_sine"} <= set(regression)
    assert (regression["curve_sine"]["input_size"], regression["plane"]["input_size"]) == (1, 2)
    spiral3 = next(d for d in datasets if d["name"] == "spiral3")
    assert (spiral3["classes"], spiral3["input_size"], spiral3["output_size"]) == (3, 2, 3)


@pytest.mark.parametrize("name", DATASET_NAMES)
def test_dataset_points_are_deterministic_for_a_seed(client, name):
    url = f"/api/datasets/{name}?n=50&noise=0.2&seed=5"
    first = client.get(url)
    data = conform(first, DatasetSamples)
    assert data["name"] == name
    assert len(data["x_train"]) + len(data["x_test"]) == 50 and len(data["x_test"]) == 10
    assert all(len(row) == 2 for row in data["x_train"])
    assert client.get(url).content == first.content
    other = conform(client.get(f"/api/datasets/{name}?n=50&noise=0.2&seed=6"), DatasetSamples)
    assert other["x_train"] != data["x_train"]


def test_dataset_points_match_a_network_built_on_them(client):
    points = conform(client.get("/api/datasets/moons?n=40&seed=2"), DatasetSamples)
    spec = {"sizes": [2, 3, 1], "dataset": {"name": "moons", "n": 40, "seed": 2}}
    doc = create(client, {"spec": spec})
    data = client.get(f"/api/networks/{doc['id']}/data").json()
    assert {k: data[k] for k in points if k != "name"} == {k: v for k, v in points.items() if k != "name"}
    assert (data["points_train"], data["points_test"]) == (data["x_train"], data["x_test"])  # no features


@pytest.mark.parametrize("query", ["", "?n=3", "?n=20000", "?noise=-1", "?seed=-1", "?n=abc"])
def test_bad_dataset_requests_are_422(client, query):
    assert_error(client.get(f"/api/datasets/xor{query}" if query else "/api/datasets/nope"), 422)


def test_unknown_dataset_is_422_naming_it(client):
    assert_error(client.get("/api/datasets/nope"), 422, INVALID, "name")


def test_lesson_page_offers_every_preset(client):
    resp = client.get("/")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    for name in PRESET_NAMES:
        assert f'value="{name}"' in resp.text
    assert '<script type="module" src="/static/js/main.js">' in resp.text


def test_about_page_names_the_presets_and_data_sets(client):
    resp = client.get("/about")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    for name in PRESET_NAMES + DATASET_NAMES:
        assert name in resp.text


def _attribute_urls(html: str) -> list[str]:
    return re.findall(r'\b(?:src|href)\s*=\s*["\']([^"\']*)["\']', html)


def test_docs_page_uses_only_local_static_files(client):
    resp = client.get("/docs")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    urls = _attribute_urls(resp.text)
    scripts = re.findall(r'<script\b[^>]*\bsrc\s*=\s*["\']([^"\']*)["\']', resp.text)
    assert scripts and all(s.startswith("/static/") for s in scripts)
    assert not re.search(r"<script\b[^>]*>\s*[^<\s]", resp.text), "no inline script"
    for url in urls:
        assert not url.startswith(("http://", "https://", "//")), url
        assert url.startswith("/static/"), url
        assert client.get(url).status_code == 200, url


def test_docs_page_points_at_the_spec_without_an_absolute_url(client):
    """An absolute http:// spec URL breaks the docs behind an HTTPS proxy (mixed content)."""
    spec_url = re.search(r'data-spec-url\s*=\s*["\']([^"\']*)["\']', client.get("/docs").text).group(1)
    assert spec_url == "/openapi.json"


def test_openapi_lists_every_route_with_a_response_schema(client):
    doc = client.get("/openapi.json").json()
    routes = {(method, path) for path, ops in doc["paths"].items() for method in ops}
    assert routes == API_ROUTES
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            success = {code: r for code, r in op["responses"].items() if code.startswith("2")}
            assert success, (method, path)
            for code, r in success.items():
                if code != "204":
                    media = next(iter(r["content"]))
                    expected = ("text/event-stream" if path.endswith(("/stream", "/events")) else
                                "image/svg+xml" if path.endswith(".svg") else "application/json")
                    assert media == expected, (method, path, code)
                    if media != "image/svg+xml":  # an image is its own format
                        assert r["content"][media]["schema"], (method, path, code)


def test_openapi_documents_errors_as_the_one_error_shape(client):
    doc = client.get("/openapi.json").json()
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            for code, r in op["responses"].items():
                if code.startswith("4"):
                    ref = r["content"]["application/json"]["schema"].get("$ref")
                    assert ref == "#/components/schemas/ErrorBody", (method, path, code, ref)


def test_openapi_has_working_examples(client):
    doc = client.get("/openapi.json").json()
    create_op = doc["paths"]["/api/networks"]["post"]
    examples = create_op["requestBody"]["content"]["application/json"]["examples"]
    assert set(examples) == {"preset", "spec"}
    for example in examples.values():
        create(client, example["value"])
    assert doc["components"]["schemas"]["ErrorDetail"]["properties"]["code"]["examples"]


def test_healthz_is_ok(client):
    health = conform(client.get("/healthz"), Health)
    assert health["status"] == "ok" and health["networks"] == 0
    create(client, {"preset": "mazur-2-2-2"})
    assert TypeAdapter(Health).validate_json(client.get("/healthz").content).networks == 1


def test_favicon_is_served(client):
    resp = client.get("/static/favicon.svg")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("image/svg+xml")
