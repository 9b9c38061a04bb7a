"""The training doctor through the API (issue 15): GET …/metrics carries the network's diagnoses, the training
stream its run's; each present on a network built to trigger it, absent on a healthy one."""

from app.api.schemas.lab import MetricsOut
from tests.api.api_helpers import conform, make_client
from tests.api.test_lab import SPEC, read_events


def create(client, **changes) -> str:
    return client.post("/api/networks", json={"spec": {**SPEC, **changes}}).json()["id"]


def test_a_healthy_network_has_no_diagnosis() -> None:
    client = make_client()
    nid = create(client)
    events = read_events(client, nid, {"steps": 300, "chunk": 100})
    assert all(e["metrics"]["diagnoses"] == [] and e["run_diagnoses"] == [] for _, e in events)
    assert conform(client.get(f"/api/networks/{nid}/metrics"), MetricsOut)["diagnoses"] == []


def test_saturated_sigmoids_are_diagnosed_in_the_metrics() -> None:
    client = make_client()
    nid = create(client, activations=["sigmoid", "sigmoid"])
    doc = client.get(f"/api/networks/{nid}").json()
    params = doc["parameters"]
    params[0]["b"] = [40.0] * len(params[0]["b"])  # every hidden z ≈ 40: σ'(z) ≈ 4e−18
    assert client.put(f"/api/networks/{nid}/parameters", json={"parameters": params}).status_code == 200
    found = conform(client.get(f"/api/networks/{nid}/metrics"), MetricsOut)["diagnoses"]
    saturated = next(d for d in found if d["code"] == "saturated_units")
    assert saturated["value"] == 4 and saturated["advice"]


def test_a_diverging_stream_ends_with_the_doctors_diagnosis_and_a_safe_eta() -> None:
    client = make_client()
    nid = create(client, activations=["relu", "linear"], cost="quadratic", eta=1e6)
    events = read_events(client, nid, {"steps": 200, "chunk": 20})
    name, last = events[-1]
    assert name == "done" and last["status"] == "diverged"
    (diverged,) = last["run_diagnoses"]
    assert diverged["code"] == "diverged" and "η = " in diverged["advice"]


def test_a_tiny_eta_is_slow_learning() -> None:
    client = make_client()
    nid = create(client, eta=1e-5)
    events = read_events(client, nid, {"steps": 600, "chunk": 100})
    assert "slow_learning" in {d["code"] for d in events[-1][1]["run_diagnoses"]}


def test_the_doctor_can_be_left_out_of_a_stream() -> None:
    client = make_client()
    nid = create(client, eta=1e-5)
    events = read_events(client, nid, {"steps": 600, "chunk": 100, "diagnose": False})
    assert all(e["run_diagnoses"] == [] for _, e in events)
