"""The lesson's JS registry (static/js/registry.js) and the core's registries list the same activations, costs
and update rules: neither can gain an entry the other lacks (issue 10). The JS side is read by Node itself."""

import json
import shutil
import subprocess
from pathlib import Path

from app.core.activations import ACTIVATIONS
from app.core.costs import COSTS
from app.core.optimizers import OPTIMIZERS

ROOT = Path(__file__).resolve().parents[2]
LIST_JS = """
import("./static/js/registry.js").then((r) => console.log(JSON.stringify({
  activations: Object.keys(r.ACTIVATIONS), costs: Object.keys(r.COSTS), rules: Object.keys(r.UPDATE_RULES),
  coupled: Object.keys(r.ACTIVATIONS).filter((a) => r.ACTIVATIONS[a].coupled),
  pairs: Object.fromEntries(Object.entries(r.COSTS).map(([c, v]) => [c, v.output ?? null])),
})));
"""


def js_registry() -> dict:
    node = shutil.which("node")
    assert node, "Node.js is needed (Debian: apt-get install nodejs)"
    out = subprocess.run([node, "--input-type=module", "-e", LIST_JS], cwd=ROOT, capture_output=True, text=True,
                         timeout=60, check=True)
    return json.loads(out.stdout)


def test_the_js_and_python_registries_list_the_same_names() -> None:
    js = js_registry()
    assert sorted(js["activations"]) == sorted(ACTIVATIONS)
    assert sorted(js["costs"]) == sorted(COSTS)
    assert sorted(js["rules"]) == sorted(OPTIMIZERS)


def test_they_agree_on_what_couples_and_what_pairs() -> None:
    js = js_registry()
    assert sorted(js["coupled"]) == sorted(name for name, a in ACTIVATIONS.items() if a.output_only)
    assert js["pairs"] == {name: c.paired_activation for name, c in COSTS.items()}


def test_explain_keeps_no_special_case_of_its_own() -> None:
    """What differs between activations, costs and rules lives in the registry, not in the files that lay rows out."""
    names = [*ACTIVATIONS, *COSTS, *OPTIMIZERS]
    for path in ("static/js/explain.js", "static/js/inspect.js"):
        source = (ROOT / path).read_text().lower()
        found = [name for name in names if f'"{name}"' in source or f"'{name}'" in source or f".{name}" in source]
        assert not found, f"{path} names {found}: put what differs into static/js/registry.js"
