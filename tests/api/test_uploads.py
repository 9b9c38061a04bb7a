"""POST /api/csv/inspect and /api/csv/parse: previews, samples a network accepts, errors that name the cell."""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.api.schemas.uploads import CsvPreview, ParsedCsv
from app.config import Settings
from app.main import create_app
from tests.api.api_helpers import assert_error, conform, create

INSPECT, PARSE = "/api/csv/inspect", "/api/csv/parse"
POINTS = "x1,x2,label\n" + "".join(f"{i / 10},{(i * 7 % 10) / 10},{'yes' if i % 3 else 'no'}\n" for i in range(24))
IRIS = ("sepal;petal;species\r\n" + "5,1;1,4;setosa\r\n7,0;4,7;versicolor\r\n6,3;6,0;virginica\r\n" * 5)


def make_client(**settings) -> TestClient:
    return TestClient(create_app(Settings(**settings)), raise_server_exceptions=False)


@pytest.fixture
def client() -> Iterator[TestClient]:
    with make_client() as c:
        yield c


def parse(client: TestClient, **body) -> dict:
    return conform(client.post(PARSE, json=body), ParsedCsv)


# --- happy paths --------------------------------------------------------------------------------------------


def test_inspect_offers_the_columns(client):
    preview = conform(client.post(INSPECT, json={"csv": POINTS}), CsvPreview)
    assert (preview["delimiter"], preview["has_header"], preview["rows"]) == (",", True, 24)
    assert [(c["name"], c["number"], c["numeric"]) for c in preview["columns"]] == [
        ("x1", 1, True), ("x2", 2, True), ("label", 3, False)]
    assert preview["columns"][2]["values"] == ["no", "yes"] and preview["columns"][0]["values"] is None
    assert preview["head"][0] == ["0.0", "0.0", "no"] and len(preview["head"]) == 5


def test_inspect_can_be_told_there_is_no_header(client):
    preview = conform(client.post(INSPECT, json={"csv": "1,2\n3,4\n", "header": False}), CsvPreview)
    assert [c["name"] for c in preview["columns"]] == ["column 1", "column 2"] and preview["rows"] == 2


def test_parse_binary_gives_samples_that_build_a_sigmoid_network(client):
    parsed = parse(client, csv=POINTS, features=["x1", "x2"], target="label", task="binary", test_fraction=0.25,
                   seed=4)
    assert (parsed["input_size"], parsed["output_size"], parsed["rows"]) == (2, 1, 24)
    assert parsed["classes"] == ["no", "yes"] and parsed["features"] == ["x1", "x2"] and parsed["target"] == "label"
    samples = parsed["samples"]
    assert len(samples["x"]) == 18 and len(samples["x_test"]) == 6
    assert {v for row in samples["y"] + samples["y_test"] for v in row} == {0.0, 1.0}
    doc = create(client, {"spec": {"sizes": [2, 4, 1], "activations": ["tanh", "sigmoid"],
                                   "cost": "binary_cross_entropy", "samples": samples}})
    assert doc["data"] == {"n_train": 18, "n_test": 6, "input_size": 2, "output_size": 1, "point_size": 2}


def test_parse_multiclass_gives_one_hot_samples_that_build_a_softmax_network(client):
    parsed = parse(client, csv=IRIS, features=[1, 2], target="species", task="multiclass")
    assert parsed["classes"] == ["setosa", "versicolor", "virginica"] and parsed["output_size"] == 3
    assert parsed["samples"]["x"][0] == [5.1, 1.4] and parsed["samples"]["y"][:2] == [[1, 0, 0], [0, 1, 0]]
    assert parsed["samples"]["x_test"] is None and parsed["samples"]["y_test"] is None
    doc = create(client, {"spec": {"sizes": [2, 4, 3], "activations": ["relu", "softmax"],
                                   "cost": "softmax_cross_entropy", "samples": parsed["samples"]}})
    assert doc["data"]["n_train"] == 15 and doc["data"]["output_size"] == 3


def test_parse_regression_gives_samples_that_build_a_linear_network(client):
    parsed = parse(client, csv="a\tb\tprice\n1\t2\t100\n3\t4\t250.5\n", features=["a", "b"], target="price",
                   task="regression")
    assert parsed["samples"]["y"] == [[100.0], [250.5]] and parsed["classes"] is None
    create(client, {"spec": {"sizes": [2, 4, 1], "activations": ["tanh", "linear"], "cost": "quadratic",
                             "samples": parsed["samples"]}})


def test_the_same_seed_gives_the_same_split(client):
    body = {"csv": POINTS, "features": ["x1"], "target": "label", "task": "binary", "test_fraction": 0.3, "seed": 9}
    assert client.post(PARSE, json=body).json() == client.post(PARSE, json=body).json()


def test_both_routes_are_documented_with_examples(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in (INSPECT, PARSE):
        assert set(paths[path]["post"]["responses"]) >= {"200", "413", "422"}
    assert paths[PARSE]["post"]["tags"] == ["data"]
    assert set(paths[PARSE]["post"]["requestBody"]["content"]["application/json"]["examples"]) == {"binary",
                                                                                                  "numbers"}


# --- errors: 422 with the message and the field -------------------------------------------------------------

BAD_FILES = [
    ("", "The file is empty.", "csv"),
    ("x,y,label\n", "Row 1 is the header, and there are no data rows below it.", "csv"),
    ("x,y,label\n1,2,a\n1,2\n", "Row 3 has 2 cells; the header has 3.", "csv"),
    ("x,y,x\n1,2,3\n", "Row 1: columns 1 and 3 are both named 'x'; column names must be unique.", "csv"),
]


@pytest.mark.parametrize(("text", "message", "field"), BAD_FILES)
def test_inspect_says_what_is_wrong_with_a_file(client, text, message, field):
    err = assert_error(client.post(INSPECT, json={"csv": text}), 422, "invalid_spec", field)
    assert err["message"] == message


@pytest.mark.parametrize(("change", "message", "field"), [
    ({"csv": "x1,x2,label\n1,2,a\n1,abc,b\n"}, "Row 3, column 'x2' (2): 'abc' is not a number.", "csv"),
    ({"csv": "x1,x2,label\n1,,a\n"}, "Row 2, column 'x2' (2) is empty; every chosen cell needs a number.", "csv"),
    ({"csv": "x1,x2,label\n1,inf,a\n"}, "Row 2, column 'x2' (2): 'inf' is not a finite number.", "csv"),
    ({"csv": "x1,x2,label\n1,3e9,a\n"}, "Row 2, column 'x2' (2): '3e9' is beyond ±1e+06.", "csv"),
    ({"csv": "x1,x2,label\n1,2,a\n1,2,b\n1,2,c\n"},
     "The target column 'label' (3) has 3 distinct values; binary needs exactly 2.", "target"),
    ({"target": "Label"}, "There is no column named 'Label'; the columns are 'x1', 'x2', 'label'.", "target"),
    ({"features": ["x1", 5]}, "There is no column 5; the file has 3 columns (1 … 3).", "features[1]"),
    ({"features": ["x1", "label"]}, "The column 'label' (3) is the target; it cannot also be a feature.",
     "features[1]"),
    ({"features": ["x1", 1]}, "The column 'x1' (1) is chosen twice as a feature.", "features[1]"),
    ({"test_fraction": 0.9},
     "With 2 data rows, test_fraction 0.9 leaves no row for training.", "test_fraction"),
])
def test_parse_names_the_row_and_column_of_a_problem(client, change, message, field):
    body = {"csv": "x1,x2,label\n1,2,a\n3,4,b\n", "features": ["x1", "x2"], "target": "label", "task": "binary",
            **change}
    err = assert_error(client.post(PARSE, json=body), 422, "invalid_spec", field)
    assert err["message"] == message


@pytest.mark.parametrize(("change", "field"), [
    ({"features": [0]}, "features[0]"),
    ({"features": [True]}, "features[0]"),
    ({"target": 2.0}, "target"),
    ({"features": []}, "features"),
    ({"task": "clustering"}, "task"),
    ({"test_fraction": 0.95}, "test_fraction"),
    ({"seed": -1}, "seed"),
    ({"csv": None}, "csv"),
    ({"columns": ["x1"]}, "columns"),
])
def test_a_malformed_request_is_refused_with_its_field(client, change, field):
    body = {"csv": "x1,x2,label\n1,2,a\n3,4,b\n", "features": ["x1"], "target": "label", "task": "binary", **change}
    err = assert_error(client.post(PARSE, json=body), 422, "invalid_request", field)
    assert err["message"].startswith(field)


def test_limits_come_from_the_settings():
    with make_client(max_samples=10, max_inputs=1, max_neurons=2) as small:
        rows = {"csv": "x,y\n" + "1,2\n" * 11, "features": ["x"], "target": "y", "task": "regression"}
        assert "at most 10" in assert_error(small.post(PARSE, json=rows), 422, field="csv")["message"]
        inputs = {"csv": "a,b,y\n1,2,3\n", "features": ["a", "b"], "target": "y", "task": "regression"}
        assert assert_error(small.post(PARSE, json=inputs), 422, field="features")["message"] == (
            "At most 1 feature columns (one input neuron each); got 2.")
        classes = {"csv": "x,y\n1,a\n2,b\n3,c\n", "features": ["x"], "target": "y", "task": "multiclass"}
        assert "at most 2 (one output neuron each)" in assert_error(small.post(PARSE, json=classes), 422,
                                                                  field="target")["message"]


@pytest.mark.parametrize("path", [INSPECT, PARSE])
def test_an_upload_over_2_mib_gets_413_with_the_one_error_shape(client, path):
    text = "x,y\n" + "1.000000,2.000000\n" * (2 * 1024 * 1024 // 18 + 1)
    err = assert_error(client.post(path, json={"csv": text, "features": ["x"], "target": "y", "task": "regression"}),
                       413, "body_too_large", "body")
    assert "larger than 2097152 bytes" in err["message"]
