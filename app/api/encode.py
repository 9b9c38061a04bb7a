"""Core objects → JSON-ready dicts that hold numpy arrays (serialized by FastJSONResponse).

This is the only place arrays become JSON. The dicts follow the response
models in schemas/ field by field; the API tests validate them against those.
"""

from typing import Any

import numpy as np

from ..core.gradcheck import GradCheck
from ..core.lab import Comparison, Grid, Metrics
from ..core.limits import Limits
from ..core.model import DatasetRef, Labels, Model, Spec
from ..core.network import Forward, Params, Trace
from ..core.optimizers import OptimizerState, Update, settings
from ..core.sampler import SamplerState, batch_indices
from ..core.training import TrainResult

Json = dict[str, Any]
GRADCHECK_PASS = 1e-5
# The optional per-layer fields of OptimizerLayerState and UpdateLayer, in their order; null when absent.
STATE_FIELDS = ("velocity_W", "velocity_b", "m_W", "v_W", "m_b", "v_b")
_UPDATE_W = ("velocity_W_old", "velocity_W", "m_W_old", "m_W", "v_W_old", "v_W", "m_hat_W", "v_hat_W", "step_W")
UPDATE_FIELDS = _UPDATE_W + tuple(f.replace("_W", "_b") for f in _UPDATE_W)
HYPER_FIELDS = ("momentum", "beta1", "beta2", "epsilon")


def rows(per_example: np.ndarray, shown: int) -> np.ndarray:
    """(n_l, m) with a column per example → (shown, n_l) with a row per example."""
    return np.ascontiguousarray(per_example[:, :shown].T)


def params_json(params: Params) -> list[Json]:
    return [{"l": l, "W": params.W[l], "b": params.b[l]} for l in sorted(params.W)]


def labels_json(labels: Labels) -> Json:
    return {"neurons": {str(l): v for l, v in labels.neurons.items()},
            "weights": {str(l): v for l, v in labels.weights.items()},
            "biases": {str(l): v for l, v in labels.biases.items()}}


def spec_json(spec: Spec, initial: Params) -> Json:
    arch, hyper, data = spec.arch, spec.hyper, spec.data
    out: Json = {
        "sizes": list(arch.sizes), "activations": list(arch.activations), "cost": arch.cost_name,
        "eta": hyper.eta, "lam": hyper.lam, "l1": hyper.l1, "optimizer": hyper.optimizer,
        "momentum": hyper.momentum, "beta1": hyper.beta1, "beta2": hyper.beta2, "epsilon": hyper.epsilon,
        "batch_size": hyper.batch_size,
        "freeze_biases": hyper.freeze_biases, "shared_bias": arch.shared_bias, "seed": spec.seed,
        "initial": params_json(initial), "dataset": None, "samples": None, "labels": labels_json(spec.labels),
    }
    if isinstance(data, DatasetRef):
        out["dataset"] = {"name": data.name, "n": data.n, "noise": data.noise,
                          "test_fraction": data.test_fraction, "seed": data.seed}
    else:
        out["samples"] = {"x": data.x, "y": data.y, "x_test": data.x_test, "y_test": data.y_test}
    return out


def sampler_json(model: Model, sampler: SamplerState | None = None) -> Json:
    s = sampler or model.sampler
    idx = batch_indices(model.data.n_train, model.hyper.batch_size, model.spec.seed, s)
    return {"epoch": s.epoch, "cursor": s.cursor, "batch": idx}


def optimizer_state_json(state: OptimizerState) -> Json:
    return {"t": state.t, "layers": [{"l": l, **{f: slots.get(f) for f in STATE_FIELDS}}
                                     for l, slots in sorted(state.slots.items())]}


def network_json(network_id: str, model: Model) -> Json:
    data = model.data
    return {
        "id": network_id, "version": model.version, "steps": model.steps, "preset": model.spec.preset,
        "spec": spec_json(model.spec, model.initial), "parameters": params_json(model.params),
        "sampler": sampler_json(model), "optimizer_state": optimizer_state_json(model.optimizer),
        "data": {"n_train": data.n_train, "n_test": data.x_test.shape[0],
                 "input_size": model.arch.sizes[0], "output_size": model.arch.sizes[-1]},
        "labels": labels_json(model.spec.labels),
    }


def export_json(model: Model) -> Json:
    return {"format": "backprop-explorer/network", "format_version": 1,
            "spec": spec_json(model.spec, model.initial), "parameters": params_json(model.params),
            "sampler": {"epoch": model.sampler.epoch, "cursor": model.sampler.cursor},
            "version": model.version, "steps": model.steps,
            "optimizer_state": optimizer_state_json(model.optimizer)}


def examples_shown(sizes: tuple[int, ...], m: int, limits: Limits) -> int:
    """How many examples fit the per-call cap (z, a, σ', δ of every neuron, per example)."""
    per_example = 4 * sum(sizes)
    return max(1, min(m, limits.max_trace_values // per_example))


def batch_json(source: str, indices: np.ndarray | None, m: int, shown: int) -> Json:
    return {"source": source, "indices": indices, "m": m, "examples_shown": shown}


def forward_json(fw: Forward, version: int, batch: Json) -> Json:
    shown = batch["examples_shown"]
    layers = [{"l": 1, "z": None, "a": rows(fw.a[1], shown)}]
    layers += [{"l": l, "z": rows(fw.z[l], shown), "a": rows(fw.a[l], shown)} for l in sorted(fw.z)]
    return {
        "version": version, "batch": batch, "layers": layers,
        "targets": None if fw.y is None else rows(fw.y, shown),
        "costs": None if fw.costs is None else np.ascontiguousarray(fw.costs[:shown]),
        "cost": fw.cost, "regularization": fw.regularization,
    }


def backward_json(trace: Trace, shown: int) -> Json:
    return {
        "delta_rule": trace.delta_rule,
        "grad_a": rows(trace.grad_a, shown),
        "layers": [{"l": l, "sigma_prime": rows(trace.sigma_prime[l], shown), "delta": rows(trace.delta[l], shown),
                    "nabla_b": trace.nabla_b[l], "Delta": trace.Delta[l], "nabla_w": trace.nabla_w[l]}
                   for l in sorted(trace.delta)],
    }


def update_json(old: Model, new: Model, trace: Trace, update: Update) -> Json:
    hyper, used = old.hyper, settings(update.rule)
    layers = [{"l": l, "W_old": old.params.W[l], "W_new": new.params.W[l], "b_old": old.params.b[l],
               "b_new": new.params.b[l], "nabla_w": trace.nabla_w[l], "nabla_b": update.grad_b[l],
               **{f: update.shown[l].get(f) for f in UPDATE_FIELDS}} for l in old.arch.layers]
    return {"rule": update.rule.name, "eta": hyper.eta, "lam": hyper.lam, "l1": hyper.l1,
            **{h: used.get(h) for h in HYPER_FIELDS}, "t": update.state.t,
            "old_version": old.version, "version": new.version, "layers": layers, "sampler": sampler_json(new)}


def train_json(network_id: str, result: TrainResult) -> Json:
    return {"status": result.status, "message": result.message, "steps_done": result.steps_done,
            "history": {"steps": result.history_steps, "train_loss": result.train_loss,
                        "test_loss": result.test_loss},
            "network": network_json(network_id, result.model)}


def gradcheck_json(check: GradCheck) -> Json:
    return {"max_rel_error": check.max_rel_error, "passed": check.max_rel_error < GRADCHECK_PASS,
            "checked": check.checked, "total": check.total, "epsilon": check.epsilon,
            "entries": [e.__dict__ for e in check.entries]}


def metrics_json(m: Metrics) -> Json:
    return {"steps": m.steps, "epoch": m.epoch, "version": m.version, "train_loss": m.train_loss,
            "test_loss": m.test_loss, "train_accuracy": m.train_accuracy, "test_accuracy": m.test_accuracy,
            "gradient_norms": [{"l": l, "norm": v} for l, v in sorted(m.gradient_norms.items())]}


def grid_json(g: Grid) -> Json:
    return {"resolution": g.xs.shape[0], "xs": g.xs, "ys": g.ys, "output": np.ascontiguousarray(g.output),
            "hidden": [{"l": l, "a": np.ascontiguousarray(a)} for l, a in sorted(g.hidden.items())]}


def compare_json(runs: list[Comparison]) -> Json:
    return {"runs": [{"eta": c.eta, "status": c.result.status, "message": c.result.message,
                      "steps": c.result.history_steps, "train_loss": c.result.train_loss,
                      "test_loss": c.result.test_loss} for c in runs]}
