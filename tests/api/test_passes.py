"""The math through the API: the published 2-2-2 numbers, forward, backward, update, train, gradcheck, truncation."""

from decimal import Decimal

import pytest

from app.api.schemas.documents import NetworkDocument
from app.api.schemas.traces import ForwardBackward, ForwardTrace, GradcheckResult, StepResult, TrainResult, UpdateResult
from tests.api.api_helpers import assert_error, conform, create, make_client, net_url, samples_spec
from tests.support.strict_json import assert_strict_json

PRESET_NAMES = ["mazur-2-2-2", "seed-2-3-1", "xor-2-2-1", "lecture-3-2-1"]


def matches_printed(actual: float, printed: float) -> bool:
    """Equal to the digits printed: within half a unit of the last printed decimal."""
    decimals = -Decimal(repr(printed)).as_tuple().exponent
    return abs(actual - printed) <= 0.5 * 10.0 ** -decimals + 1e-15


@pytest.fixture
def mazur_step(client):
    doc = create(client, {"preset": "mazur-2-2-2"})
    return doc, conform(client.post(net_url(doc["id"], "step")), StepResult)


def test_mazur_step_forward_matches_the_published_numbers(mazur_step, mazur_reference):
    pub = mazur_reference["published"]
    _, step = mazur_step
    layers = {layer["l"]: layer for layer in step["forward"]["layers"]}
    assert layers[1]["z"] is None and layers[1]["a"] == [mazur_reference["network"]["input"]]
    assert matches_printed(layers[2]["z"][0][0], pub["net_h1"])
    assert matches_printed(layers[2]["a"][0][0], pub["out_h1"])
    assert matches_printed(layers[2]["a"][0][1], pub["out_h2"])
    assert matches_printed(layers[3]["z"][0][0], pub["net_o1"])
    assert matches_printed(layers[3]["a"][0][0], pub["out_o1"])
    assert matches_printed(layers[3]["a"][0][1], pub["out_o2"])
    assert matches_printed(step["forward"]["costs"][0], pub["E_total"])
    assert matches_printed(step["forward"]["cost"], 0.298371109)
    assert step["forward"]["version"] == 1 and step["forward"]["batch"]["m"] == 1


def test_mazur_step_backward_matches_the_published_numbers(mazur_step, mazur_reference):
    pub = mazur_reference["published"]
    _, step = mazur_step
    back = step["backward"]
    layers = {layer["l"]: layer for layer in back["layers"]}
    assert matches_printed(back["grad_a"][0][0], pub["dE_total/dout_o1"])
    assert matches_printed(layers[3]["sigma_prime"][0][0], pub["dout_o1/dnet_o1"])
    assert matches_printed(layers[3]["delta"][0][0], 0.138498562)
    assert matches_printed(layers[3]["nabla_w"][0][0], 0.082167041)
    assert matches_printed(layers[2]["nabla_w"][0][0], 0.000438568)


def test_mazur_step_update_matches_the_published_new_weights(mazur_step, mazur_reference):
    pub = mazur_reference["published"]
    _, step = mazur_step
    update = step["update"]
    W = {layer["l"]: layer["W_new"] for layer in update["layers"]}
    printed = {"w1_new": W[2][0][0], "w2_new": W[2][0][1], "w3_new": W[2][1][0], "w4_new": W[2][1][1],
               "w5_new": W[3][0][0], "w6_new": W[3][0][1], "w7_new": W[3][1][0], "w8_new": W[3][1][1]}
    for name, actual in printed.items():
        assert matches_printed(actual, pub[name]), (name, actual, pub[name])
    for layer in update["layers"]:
        assert layer["b_new"] == layer["b_old"]
    assert (update["old_version"], update["version"]) == (1, 2)


def test_mazur_step_stores_the_new_weights_and_version_2(client, mazur_step):
    doc, step = mazur_step
    after = conform(client.get(net_url(doc["id"])), NetworkDocument)
    assert after["version"] == 2 and after["steps"] == 1
    assert [p["W"] for p in after["parameters"]] == [layer["W_new"] for layer in step["update"]["layers"]]


def test_forward_without_body_uses_the_current_batch(client):
    doc = create(client, {"spec": samples_spec(batch_size=2)})
    fw = conform(client.post(net_url(doc["id"], "forward")), ForwardTrace)
    assert fw["batch"]["source"] == "batch" and fw["batch"]["m"] == 2
    assert fw["batch"]["indices"] == doc["sampler"]["batch"]
    assert [len(layer["a"]) for layer in fw["layers"]] == [2, 2, 2]
    assert [len(layer["a"][0]) for layer in fw["layers"]] == [2, 3, 1]
    assert fw["cost"] is not None and len(fw["costs"]) == 2
    assert fw["version"] == 1


def test_forward_with_inputs_and_targets_gives_the_cost(client):
    doc = create(client, {"preset": "mazur-2-2-2"})
    body = {"inputs": [[0.05, 0.1], [1.0, -1.0], [0.0, 0.0]], "targets": [[0.01, 0.99]] * 3}
    fw = conform(client.post(net_url(doc["id"], "forward"), json=body), ForwardTrace)
    assert fw["batch"] == {"source": "inputs", "indices": None, "m": 3, "examples_shown": 3}
    assert len(fw["costs"]) == 3 and fw["targets"] == body["targets"]
    assert fw["costs"][0] == pytest.approx(0.298371109, abs=1e-9)


def test_forward_with_inputs_without_targets_has_no_cost(client):
    doc = create(client, {"preset": "mazur-2-2-2"})
    fw = conform(client.post(net_url(doc["id"], "forward"), json={"inputs": [[0.05, 0.1]]}), ForwardTrace)
    assert fw["cost"] is None and fw["costs"] is None and fw["targets"] is None
    assert fw["layers"][-1]["a"][0][0] == pytest.approx(0.75136507, abs=1e-8)


def test_forward_with_an_example_feeds_that_stored_example(client):
    doc = create(client, {"spec": samples_spec()})
    fw = conform(client.post(net_url(doc["id"], "forward"), json={"example": 2}), ForwardTrace)
    assert fw["batch"] == {"source": "example", "indices": [2], "m": 1, "examples_shown": 1}
    assert fw["layers"][0]["a"] == [[1.0, 0.0]] and fw["targets"] == [[1.0]]


def test_backward_changes_nothing(client):
    doc = create(client, {"preset": "lecture-3-2-1"})
    fb = conform(client.post(net_url(doc["id"], "backward")), ForwardBackward)
    assert fb["forward"]["version"] == 1
    assert [layer["l"] for layer in fb["backward"]["layers"]] == [2, 3]
    assert fb["backward"]["delta_rule"] == "a_minus_y"
    assert conform(client.get(net_url(doc["id"])), NetworkDocument) == doc


def test_update_returns_old_and_new_and_bumps_version(client):
    doc = create(client, {"preset": "seed-2-3-1"})
    up = conform(client.post(net_url(doc["id"], "update")), UpdateResult)
    assert (up["old_version"], up["version"]) == (1, 2) and up["eta"] == 0.5
    for layer, before in zip(up["layers"], doc["parameters"], strict=True):
        assert layer["W_old"] == before["W"] and layer["b_old"] == before["b"]
        assert layer["W_new"] != layer["W_old"]
        expected = [[w - 0.5 * g for w, g in zip(r, gr, strict=True)]
                    for r, gr in zip(layer["W_old"], layer["nabla_w"], strict=True)]
        for row, exp_row in zip(layer["W_new"], expected, strict=True):
            assert row == pytest.approx(exp_row, abs=1e-15)
    after = conform(client.get(net_url(doc["id"])), NetworkDocument)
    assert after["version"] == 2 and [p["W"] for p in after["parameters"]] == [la["W_new"] for la in up["layers"]]
    assert_error(client.post(net_url(doc["id"], "update"), json={"expected_version": 1}), 409, "version_conflict")


def test_train_records_history_every_n_steps(client):
    doc = create(client, {"preset": "xor-2-2-1"})
    tr = conform(client.post(net_url(doc["id"], "train"), json={"steps": 100, "record_every": 25}), TrainResult)
    assert tr["status"] == "completed" and tr["steps_done"] == 100
    assert tr["history"]["steps"] == [0, 25, 50, 75, 100]
    assert len(tr["history"]["train_loss"]) == 5 and tr["history"]["test_loss"] == [None] * 5
    assert tr["network"]["version"] == 101 and tr["network"]["steps"] == 100


def test_train_xor_for_1000_steps_makes_the_loss_fall(client):
    doc = create(client, {"preset": "xor-2-2-1"})
    tr = conform(client.post(net_url(doc["id"], "train"), json={"steps": 1000}), TrainResult)
    assert tr["status"] == "completed"
    loss = tr["history"]["train_loss"]
    assert loss[-1] < loss[0] / 5


def test_train_with_a_huge_eta_diverges_cleanly_and_reset_recovers(client):
    spec = samples_spec(activations="linear", eta=1e6, batch_size=4)
    doc = create(client, {"spec": spec})
    resp = client.post(net_url(doc["id"], "train"), json={"steps": 1000})
    assert_strict_json(resp.content)
    tr = conform(resp, TrainResult)
    assert tr["status"] == "diverged" and tr["steps_done"] < 1000
    step = client.post(net_url(doc["id"], "step"))
    assert step.status_code in (200, 422), step.text
    assert_strict_json(step.content)
    if step.status_code == 422:
        assert_error(step, 422, "diverged")
    else:
        conform(step, StepResult)
    reset = conform(client.post(net_url(doc["id"], "reset")), NetworkDocument)
    assert reset["parameters"] == doc["parameters"]
    conform(client.post(net_url(doc["id"], "step")), StepResult)


def test_train_stops_at_the_time_limit_with_status_time_limit():
    with make_client(max_train_seconds=0.0) as c:
        doc = create(c, {"preset": "xor-2-2-1"})
        tr = conform(c.post(net_url(doc["id"], "train"), json={"steps": 500}), TrainResult)
        assert tr["status"] == "time_limit" and tr["steps_done"] < 500
        assert tr["network"]["steps"] == tr["steps_done"]


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_gradcheck_passes_on_each_preset(client, name):
    doc = create(client, {"preset": name})
    gc = conform(client.post(net_url(doc["id"], "gradcheck")), GradcheckResult)
    assert gc["passed"] and gc["max_rel_error"] < 1e-6
    assert gc["checked"] == gc["total"] == len(gc["entries"]) > 0


def test_big_batch_trace_is_truncated_but_gradients_are_whole():
    with make_client(max_trace_values=1000) as c:
        sizes = [2, 24, 24, 1]
        spec = {"sizes": sizes, "activations": ["tanh", "tanh", "sigmoid"], "cost": "binary_cross_entropy",
                "batch_size": 2000, "dataset": {"name": "circle", "n": 2000, "test_fraction": 0.0}}
        doc = create(c, {"spec": spec})
        fb = conform(c.post(net_url(doc["id"], "backward")), ForwardBackward)
        batch = fb["forward"]["batch"]
        assert batch["m"] == 2000
        shown = batch["examples_shown"]
        assert 1 <= shown < batch["m"]
        assert shown == 1000 // (4 * sum(sizes)) == 4
        for layer in fb["forward"]["layers"]:
            n_l = sizes[layer["l"] - 1]
            assert len(layer["a"]) == shown and all(len(row) == n_l for row in layer["a"])
            if layer["z"] is not None:
                assert len(layer["z"]) == shown and all(len(row) == n_l for row in layer["z"])
        assert len(fb["forward"]["costs"]) == shown
        for layer in fb["backward"]["layers"]:
            n_l, n_prev = sizes[layer["l"] - 1], sizes[layer["l"] - 2]
            for key in ("delta", "sigma_prime"):
                assert len(layer[key]) == shown and all(len(row) == n_l for row in layer[key])
            assert len(layer["nabla_b"]) == n_l
            assert len(layer["nabla_w"]) == n_l and all(len(row) == n_prev for row in layer["nabla_w"])
        step = conform(c.post(net_url(doc["id"], "step")), StepResult)
        assert step["forward"]["batch"]["examples_shown"] == shown
        assert len(step["update"]["layers"][0]["W_new"]) == 24

