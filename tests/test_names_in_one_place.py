"""Issue 13: each activation, cost and update rule is named in one place in the server's code, its registry
(app/core/activations.py, costs.py, optimizers.py). Anywhere else in app/ a name written out is a choice, not a
list: a default, a published preset, an example. Those are listed below with their reason; any other is a copy
that a new entry would have to follow by hand, and fails here. (The pages: tests/js/one-source.test.js.)"""

import ast
from dataclasses import fields
from pathlib import Path

from app.core.activations import ACTIVATIONS
from app.core.costs import COSTS
from app.core.model import Hyper
from app.core.optimizers import RULES

APP = Path(__file__).resolve().parents[1] / "app"
REGISTRIES = {"core/activations.py", "core/costs.py", "core/optimizers.py"}
# "momentum" is a rule and also its hyperparameter μ's field name: that field is not a list of rules.
NAMES = (set(ACTIVATIONS) | set(COSTS) | set(RULES)) - {f.name for f in fields(Hyper)}

CHOSEN = {
    ("core/presets.py", "sigmoid"): "the published networks' activations",
    ("core/presets.py", "quadratic"): "the published networks' cost",
    ("core/presets.py", "binary_cross_entropy"): "the published networks' cost",
    ("core/model.py", "sgd"): "the default update rule",
    ("api/schemas/specs.py", "sigmoid"): "the spec's default activation",
    ("api/schemas/specs.py", "quadratic"): "the spec's default cost",
    ("api/schemas/specs.py", "sgd"): "the spec's default update rule",
    ("api/schemas/traces.py", "sgd"): "the default rule of an update's report",
    ("core/suggested.py", "tanh"): "the suggested networks' hidden layers",
    ("core/suggested.py", "relu"): "the hidden layer suggested for |x|, one kink",
    ("core/suggested.py", "adam"): "the suggested networks' update rule",
    ("api/routes/networks.py", "tanh"): "the OpenAPI example's spec",
    ("api/routes/networks.py", "sigmoid"): "the OpenAPI example's spec",
    ("api/routes/networks.py", "binary_cross_entropy"): "the OpenAPI example's spec",
}


def names_written_out() -> set[tuple[str, str]]:
    """(file, name) for every string literal in app/ that is exactly a registered name, outside the registries."""
    found = set()
    for path in APP.rglob("*.py"):
        where = path.relative_to(APP).as_posix()
        if where in REGISTRIES:  # (they name each other too: a cost's paired output, softmax's needed cost)
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and node.value in NAMES:
                found.add((where, node.value))
    return found


def test_names_are_written_out_only_in_their_registry_or_as_a_chosen_default():
    copies = names_written_out() - set(CHOSEN)
    assert not copies, f"names written out of their registry: {sorted(copies)}"


def test_every_chosen_default_is_still_there():
    """A stale entry here would let a copy in under its name."""
    assert set(CHOSEN) <= names_written_out()
