"""The lesson's JS registry (static/js/registry.js) and the core's registries list the same activations, costs
and update rules, with the same pairing rules and the same functions: neither can gain an entry the other lacks
(issue 10), and the pages cannot compute what the core does not (issue 13). The JS side is run by Node itself."""

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from app.core.activations import ACTIVATIONS
from app.core.costs import COSTS
from app.core.initialization import INITS
from app.core.optimizers import OPTIMIZERS, STATE_SLOTS, make, settings

ROOT = Path(__file__).resolve().parents[2]
LIST_JS = """
import("./static/js/registry.js").then((r) => console.log(JSON.stringify({
  activations: Object.keys(r.ACTIVATIONS), costs: Object.keys(r.COSTS), rules: Object.keys(r.UPDATE_RULES),
  coupled: Object.keys(r.ACTIVATIONS).filter((a) => r.ACTIVATIONS[a].coupled),
  pairs: Object.fromEntries(Object.entries(r.COSTS).map(([c, v]) => [c, v.output ?? null])),
  tasks: Object.fromEntries(Object.entries(r.COSTS).map(([c, v]) => [c, [v.task ?? null, v.freeOutput ?? null]])),
  needsCost: Object.fromEntries(Object.entries(r.ACTIVATIONS).map(([a, v]) => [a, v.needsCost ?? null])),
  minWidth: Object.fromEntries(Object.entries(r.ACTIVATIONS).map(([a, v]) => [a, v.minWidth ?? 1])),
  slots: Object.fromEntries(Object.entries(r.UPDATE_RULES).map(([n, v]) => [n, v.slots])),
  settings: Object.fromEntries(Object.entries(r.UPDATE_RULES).map(([n, v]) => [n, v.settings])),
  inits: Object.keys(r.INITS),
})));
"""
# Reads { layers: [zs, …], costs: [{ name, a, y }, …] } on stdin; answers each activation's layer and prime of
# every zs, and each cost's C and ∂C/∂a.
EVAL_JS = """
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
import("./static/js/registry.js").then((r) => console.log(JSON.stringify({
  activations: Object.fromEntries(Object.entries(r.ACTIVATIONS).map(([name, A]) =>
    [name, input.layers.map((zs) => ({ a: A.layer(zs), prime: A.prime(zs) }))])),
  costs: input.costs.map(({ name, a, y }) => ({ C: r.COSTS[name].C(a, y), gradA: r.COSTS[name].gradA(a, y) })),
})));
"""
# z at the points that matter: saturation either way, the kink at 0, both sides of it, and in between.
POINTS = [-30.0, -3.0, -1.0, -0.1, 0.0, 0.1, 1.0, 3.0, 30.0]
LAYERS = [POINTS, [0.3, -1.1, 0.8], [-30.0, 0.0, 30.0], [1e-3, -2e-3, 5e-4]]
COST_ZS = [[0.4, -0.9, 1.2], [2.5, -3.0, 0.1]]


def node(script: str, *, stdin: str | None = None, module: bool = True) -> dict:
    exe = shutil.which("node")
    assert exe, "Node.js is needed (Debian: apt-get install nodejs)"
    args = [exe, "--input-type=module" if module else "--input-type=commonjs", "-e", script]
    out = subprocess.run(args, cwd=ROOT, input=stdin, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


def js_registry() -> dict:
    return node(LIST_JS)


def assert_close(js: list[float], py: np.ndarray, what: str) -> None:
    """Each JS number within 1e-12 of the core's, relative (so an exact 0 must be 0)."""
    js_arr = np.asarray(js, dtype=np.float64)
    assert js_arr.shape == py.shape, what
    assert np.all(np.abs(js_arr - py) <= 1e-12 * np.abs(py)), f"{what}: JS {js_arr.tolist()} vs core {py.tolist()}"


def test_the_js_and_python_registries_list_the_same_names() -> None:
    js = js_registry()
    assert sorted(js["activations"]) == sorted(ACTIVATIONS)
    assert sorted(js["costs"]) == sorted(COSTS)
    assert sorted(js["rules"]) == sorted(OPTIMIZERS)


def test_they_list_the_same_initializations() -> None:
    assert js_registry()["inits"] == list(INITS)


def test_they_agree_on_what_couples_and_what_pairs() -> None:
    js = js_registry()
    assert sorted(js["coupled"]) == sorted(name for name, a in ACTIVATIONS.items() if a.output_only)
    assert js["pairs"] == {name: c.paired_activation for name, c in COSTS.items()}
    assert js["tasks"] == {name: [c.task, c.free_output] for name, c in COSTS.items()}
    assert js["needsCost"] == {name: a.needs_cost for name, a in ACTIVATIONS.items()}
    assert js["minWidth"] == {name: a.min_width for name, a in ACTIVATIONS.items()}


def test_they_agree_on_what_each_rule_remembers_and_which_settings_it_has() -> None:
    js = js_registry()
    assert {name: tuple(slots) for name, slots in js["slots"].items()} == STATE_SLOTS
    assert {name: sorted(s) for name, s in js["settings"].items()} == {
        name: sorted(settings(make(name, 0.1))) for name in OPTIMIZERS}


@pytest.fixture(scope="module")
def cost_cases() -> list[dict]:
    """Outputs a = σ(z) of each cost's paired activation (sigmoid where it has none), and targets it accepts."""
    cases = []
    for name, cost in COSTS.items():
        out = ACTIVATIONS[cost.paired_activation or "sigmoid"]
        for zs in COST_ZS:
            z = np.array(zs)[:, None]
            y = np.array([0.0, 1.0, 0.0] if out.output_only else [1.0, 0.0, 0.3])[:, None]
            cases.append({"name": name, "z": z, "a": out.fn(z), "y": y})
    return cases


@pytest.fixture(scope="module")
def js_values(cost_cases: list[dict]) -> dict:
    stdin = json.dumps({"layers": LAYERS, "costs": [
        {"name": c["name"], "a": c["a"][:, 0].tolist(), "y": c["y"][:, 0].tolist()} for c in cost_cases]})
    return node(EVAL_JS, stdin=stdin, module=False)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_each_activation_computes_what_the_core_does(name: str, js_values: dict) -> None:
    act = ACTIVATIONS[name]
    for zs, js in zip(LAYERS, js_values["activations"][name], strict=True):
        z = np.array(zs)[:, None]  # one layer of len(zs) neurons, one example
        assert_close(js["a"], act.fn(z)[:, 0], f"{name}({zs})")
        assert_close(js["prime"], act.prime(z)[:, 0], f"{name}′({zs})")


def test_each_cost_computes_what_the_core_does(cost_cases: list[dict], js_values: dict) -> None:
    for case, js in zip(cost_cases, js_values["costs"], strict=True):
        cost, what = COSTS[case["name"]], f"{case['name']} at a = {case['a'][:, 0].tolist()}"
        assert_close([js["C"]], cost.per_example(case["z"], case["a"], case["y"]), f"C of {what}")
        assert_close(js["gradA"], cost.grad_a(case["a"], case["y"])[:, 0], f"∂C/∂a of {what}")


def test_explain_keeps_no_special_case_of_its_own() -> None:
    """What differs between activations, costs and rules lives in the registry, not in the files that lay rows out."""
    names = [*ACTIVATIONS, *COSTS, *OPTIMIZERS]
    for path in ("static/js/explain.js", "static/js/inspect.js"):
        source = (ROOT / path).read_text().lower()
        found = [name for name in names if f'"{name}"' in source or f"'{name}'" in source or f".{name}" in source]
        assert not found, f"{path} names {found}: put what differs into static/js/registry.js"
