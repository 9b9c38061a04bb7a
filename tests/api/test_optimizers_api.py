"""Optimizers and L1 through the API: spec fields, the update's rule and numbers, export/import of the state,
PUT parameters, 422s naming the field, and Adam against SGD on the XOR data."""

import pytest

from app.api.schemas.documents import NetworkDocument, PresetInfo
from app.api.schemas.specs import ExportDocument
from app.api.schemas.traces import ForwardTrace, GradcheckResult, StepResult, TrainResult, UpdateResult
from tests.api.api_helpers import INVALID, assert_error, conform, create, net_url, samples_spec

DEFAULTS = {"l1": 0.0, "optimizer": "sgd", "momentum": 0.9, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}


def _step(client, network_id: str) -> dict:
    return conform(client.post(net_url(network_id, "step")), StepResult)


def test_specs_without_the_new_fields_get_the_defaults_and_presets_list_them(client):
    doc = create(client, {"spec": samples_spec()})
    assert {k: doc["spec"][k] for k in DEFAULTS} == DEFAULTS
    assert doc["optimizer_state"] == {"t": 0, "layers": []}
    for preset in conform(client.get("/api/presets"), list[PresetInfo]):
        assert {k: preset["spec"][k] for k in DEFAULTS} == DEFAULTS


def test_sgd_update_reports_its_rule_and_no_extra_numbers(client):
    doc = create(client, {"preset": "mazur-2-2-2"})
    up = conform(client.post(net_url(doc["id"], "update")), UpdateResult)
    assert up["rule"] == "sgd" and up["t"] == 1 and up["l1"] == 0.0
    assert up["momentum"] is up["beta1"] is up["beta2"] is up["epsilon"] is None
    assert all(layer["velocity_W"] is None and layer["m_hat_W"] is None for layer in up["layers"])


def test_momentum_step_reports_the_velocity_that_moved_the_weights(client):
    doc = create(client, {"spec": samples_spec(optimizer="momentum", momentum=0.5, eta=0.3)})
    first = _step(client, doc["id"])["update"]
    second = _step(client, doc["id"])["update"]
    assert (second["rule"], second["momentum"], second["t"], second["beta1"]) == ("momentum", 0.5, 2, None)
    for one, two in zip(first["layers"], second["layers"], strict=True):
        assert two["velocity_W_old"] == one["velocity_W"]
        for j, row in enumerate(two["velocity_W"]):
            for k, v in enumerate(row):  # v ← μ v − η g, then w ← w + v
                assert v == pytest.approx(0.5 * two["velocity_W_old"][j][k] - 0.3 * two["nabla_w"][j][k])
                assert two["W_new"][j][k] == pytest.approx(two["W_old"][j][k] + v)
        assert two["m_W"] is None and two["velocity_b"] is not None
    state = conform(client.get(net_url(doc["id"])), NetworkDocument)["optimizer_state"]
    assert state["t"] == 2 and [s["velocity_W"] for s in state["layers"]] == [la["velocity_W"]
                                                                              for la in second["layers"]]


def test_adam_step_reports_the_corrected_moments_and_the_effective_step(client):
    doc = create(client, {"spec": samples_spec(optimizer="adam", eta=0.01, beta1=0.8)})
    up = _step(client, doc["id"])["update"]
    assert (up["rule"], up["t"], up["beta1"], up["beta2"], up["epsilon"]) == ("adam", 1, 0.8, 0.999, 1e-8)
    assert up["momentum"] is None
    for layer in up["layers"]:
        for j, row in enumerate(layer["nabla_w"]):
            for k, g in enumerate(row):  # at t = 1 the bias correction gives m̂ = g, v̂ = g²
                assert layer["m_hat_W"][j][k] == pytest.approx(g, rel=1e-12)
                assert layer["v_hat_W"][j][k] == pytest.approx(g * g, rel=1e-12)
                assert layer["W_new"][j][k] == pytest.approx(layer["W_old"][j][k] - layer["step_W"][j][k])
        assert layer["m_W_old"] == [[0.0] * len(layer["W_old"][0])] * len(layer["W_old"])
        assert layer["step_b"] is not None and layer["velocity_W"] is None


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adam"])
def test_export_import_keeps_the_optimizer_state_so_both_copies_step_bit_for_bit(client, optimizer):
    doc = create(client, {"spec": samples_spec(optimizer=optimizer, eta=0.2, l1=0.01, batch_size=1, seed=5)})
    for _ in range(3):
        _step(client, doc["id"])
    exported = client.get(net_url(doc["id"], "export"))
    body = conform(exported, ExportDocument)
    assert body["optimizer_state"]["t"] == 3
    copy = conform(client.post("/api/networks/import", content=exported.content,
                               headers={"content-type": "application/json"}), NetworkDocument, 201)
    assert client.get(net_url(copy["id"], "export")).content == exported.content
    for _ in range(3):
        a, b = client.post(net_url(doc["id"], "step")), client.post(net_url(copy["id"], "step"))
        conform(a, StepResult)
        assert a.content == b.content


def test_an_export_without_optimizer_state_imports_with_a_fresh_one(client):
    doc = create(client, {"spec": samples_spec(optimizer="adam")})
    _step(client, doc["id"])
    old_style = client.get(net_url(doc["id"], "export")).json()
    del old_style["optimizer_state"]
    copy = conform(client.post("/api/networks/import", json=old_style), NetworkDocument, 201)
    assert copy["optimizer_state"] == {"t": 0, "layers": []}
    assert _step(client, copy["id"])["update"]["t"] == 1


def test_put_parameters_starts_the_optimizer_afresh_unless_given_its_state(client):
    doc = create(client, {"spec": samples_spec(optimizer="momentum")})
    _step(client, doc["id"])
    saved = conform(client.get(net_url(doc["id"])), NetworkDocument)
    put = {"parameters": saved["parameters"]}
    fresh = conform(client.put(net_url(doc["id"], "parameters"), json=put), NetworkDocument)
    assert fresh["optimizer_state"] == {"t": 0, "layers": []}
    back = {**put, "sampler": {"epoch": saved["sampler"]["epoch"], "cursor": saved["sampler"]["cursor"]},
            "optimizer_state": saved["optimizer_state"]}
    restored = conform(client.put(net_url(doc["id"], "parameters"), json=back), NetworkDocument)
    assert restored["optimizer_state"] == saved["optimizer_state"]
    bad = dict(back, optimizer_state={"t": 1, "layers": [{**s, "velocity_W": [[0.0]]}
                                                         for s in saved["optimizer_state"]["layers"]]})
    assert_error(client.put(net_url(doc["id"], "parameters"), json=bad), 422, "invalid_spec",
                 "optimizer_state.velocity_W2")


@pytest.mark.parametrize("field,value", [("optimizer", "rmsprop"), ("momentum", 1.0), ("momentum", -0.5),
                                         ("beta1", 1.0), ("beta2", 1.5), ("epsilon", 0.0), ("l1", -0.1)])
def test_invalid_optimizer_settings_are_422_naming_the_field(client, field, value):
    resp = client.post("/api/networks", json={"spec": samples_spec(**{field: value})})
    assert_error(resp, 422, INVALID, f"spec.{field}")


def test_l1_is_in_the_cost_and_in_the_gradients_that_gradcheck_verifies(client):
    doc = create(client, {"spec": samples_spec(l1=0.2, lam=0.1, batch_size=4)})
    fw = conform(client.post(net_url(doc["id"], "forward")), ForwardTrace)
    weights = [w for layer in doc["parameters"] for row in layer["W"] for w in row]
    l2, l1 = 0.1 / 8 * sum(w * w for w in weights), 0.2 / 4 * sum(abs(w) for w in weights)
    assert fw["regularization"] == pytest.approx(l2 + l1)
    check = conform(client.post(net_url(doc["id"], "gradcheck")), GradcheckResult)
    assert check["passed"], check["max_rel_error"]


def test_adam_lowers_the_xor_loss_at_least_as_fast_as_sgd_at_the_same_eta(client):
    presets = conform(client.get("/api/presets"), list[PresetInfo])
    xor = next(p for p in presets if p["name"] == "xor-2-2-1")["spec"]["samples"]  # the four cases
    losses = {}
    for optimizer in ("sgd", "adam"):  # a small η, where plain descent crawls across XOR's plateau
        spec = {"sizes": [2, 4, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy",
                "eta": 0.05, "batch_size": 4, "seed": 1, "optimizer": optimizer, "samples": xor}
        doc = create(client, {"spec": spec})
        result = conform(client.post(net_url(doc["id"], "train"), json={"steps": 300, "record_every": 100}),
                         TrainResult)
        assert result["status"] == "completed"
        losses[optimizer] = result["history"]["train_loss"]
    assert losses["adam"][0] == losses["sgd"][0]  # the same start
    assert all(a <= s for a, s in zip(losses["adam"], losses["sgd"], strict=True))
    assert losses["adam"][-1] < 0.1 < losses["sgd"][-1]
