"""GET /api/datasets gives each built-in set's suggested network as a full spec that POST /api/networks builds, and
the lab's data menu carries the very same specs."""

import html
import json
import re

from app.api.schemas.documents import DatasetInfo
from app.core.datasets import DATASETS
from app.core.suggested import SUGGESTED
from tests.api.api_helpers import conform, create


def test_each_data_set_lists_its_suggested_network(client):
    listed = conform(client.get("/api/datasets"), list[DatasetInfo])
    assert [d["name"] for d in listed] == list(DATASETS)
    for info in listed:
        network, suggested = info["network"], SUGGESTED[info["name"]]
        noise = 0.0 if info["name"].startswith("spiral") else 0.1  # the spirals as Playground draws them
        assert network["dataset"] == {"name": info["name"], "n": 200, "noise": noise, "test_fraction": 0.2, "seed": 0}
        assert network["samples"] is None and network["initial"] is None  # the seed draws the starting weights
        assert network["sizes"] == [len(suggested.features) or info["input_size"], *suggested.hidden,
                                    info["output_size"]]
        assert network["features"] == list(suggested.features)
        assert (network["optimizer"], network["eta"], network["batch_size"]) == \
            (suggested.optimizer, suggested.eta, suggested.batch_size)


def test_each_suggested_network_builds(client):
    for info in client.get("/api/datasets").json():
        doc = create(client, {"spec": info["network"]})  # 201
        assert doc["spec"]["sizes"] == info["network"]["sizes"]
        assert doc["data"]["n_train"] == 160 and doc["data"]["n_test"] == 40
        assert doc["data"]["point_size"] == info["input_size"]


def test_the_labs_data_menu_carries_the_same_networks(client):
    page = client.get("/lab").text
    options = dict(re.findall(r"<option value=\"(\w+)\" data-network='([^']*)'>", page))
    assert list(options) == list(DATASETS)
    for info in client.get("/api/datasets").json():
        assert json.loads(html.unescape(options[info["name"]])) == info["network"]
