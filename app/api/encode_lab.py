"""The training lab's numbers → JSON-ready dicts (numpy arrays kept as they are; orjson writes them)."""

import numpy as np

from ..core.lab import Comparison, Grid, Metrics
from .encode import Json


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
