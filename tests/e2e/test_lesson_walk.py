"""The generative lesson walk: every preset and 30+ seeded specs covering the whole configuration space, walked
through every micro-step of two training steps in real Chromium, with the default focus and with random neurons
and edges selected (the inspector open).

At every micro-step, read back from the page (one evaluate per micro-step: the assertions are batched in Python):
- the panel's phase is the URL's phase, and the timeline marks it;
- every numbers row, read from the rendered KaTeX's TeX annotation, has no symbol left and evaluates (interval
  arithmetic over the rounding of every number shown) to the result shown — the panel's row and the inspector's
  chain-rule and update rows alike;
- the result equals the REST API's own number for that element (from a network built here from the same spec),
  to the digits shown.
Console errors and page errors fail the test (tests/e2e/conftest.py's page guard).
"""

from __future__ import annotations

import base64
import json
import random
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from app.core.features import FEATURES
from app.core.presets import PRESETS
from tests.support.lesson_specs import coverage, walk_specs
from tests.support.registry_space import HIDDEN, OUTPUTS, RULES
from tests.support.tex_numbers import check_row as check_row_raising
from tests.support.tex_numbers import number_interval

STEPS = 2
SPECS = walk_specs()

# In the page: wait until the lesson stands at (step, phaseIndex) and has drawn it, read the panel and the
# inspector; then click the neuron or edge at index `select` of the diagram's clickable elements, and read again.
READ = """async ({ step, phaseIndex, select }) => {
  const store = window.backprop.store;
  const drawn = window.backprop.drawn;
  const until = Date.now() + 8000;
  const at = () => {
    const s = store.get();
    return s.status !== "loading" && s.step === step && s.phaseIndex === phaseIndex;
  };
  while (!at() && store.get().status !== "error") {
    if (Date.now() > until) {
      const s = store.get(), stuck = { stuck: `${s.step}:${s.phaseIndex}:${s.status}` };
      return [stuck, stuck];
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const texOf = (el) => el?.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? null;
  const read = () => {
    const s = store.get();
    const q = new URLSearchParams(location.search);
    const rows = document.querySelector("#eq-rows");
    return {
      status: s.status, error: s.error, step: s.step, phaseId: s.phaseId,
      urlPhase: q.get("phase") ?? "start", urlStep: Number(q.get("step") ?? 0),
      title: document.querySelector("#phase-title").textContent,
      urlTitle: s.phases.find((p) => p.id === (q.get("phase") ?? "start"))?.title,
      timeline: document.querySelector("#timeline button[aria-current=step]")?.dataset.phase ?? null,
      focus: rows.hidden ? "" : rows.dataset.focus,
      ex: Math.min(s.example ?? 0, s.record.batch.examples_shown - 1), m: s.record.batch.m,
      symbolic: texOf(document.querySelector("#eq-symbolic")),
      substituted: rows.hidden || document.querySelector("#eq-substituted").parentElement.hidden ? null
        : texOf(document.querySelector("#eq-substituted")),
      result: rows.hidden ? null : texOf(document.querySelector("#eq-result")),
      chain: [...document.querySelectorAll('#inspector .chain > [data-row="numbers"]')].map(texOf),
      selection: s.selection,
    };
  };
  await drawn();
  const asIs = read();
  const all = [...document.querySelectorAll("#diagram .neuron, #diagram .edge")];
  all[select % all.length].dispatchEvent(new MouseEvent("click", { bubbles: true }));
  await drawn();
  return [asIs, read()];
}"""


def _token(spec: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("=")


def _api_steps(page: Page, body: dict[str, Any]) -> list[dict[str, Any]]:
    """The same training steps through the REST API, from a network of its own."""
    net = page.request.post("/api/networks", data=body)
    assert net.ok, net.text()
    steps = []
    for _ in range(STEPS):
        r = page.request.post(f"/api/networks/{net.json()['id']}/step")
        assert r.ok, r.text()
        steps.append(r.json())
    return steps


def _api_value(step: dict[str, Any], phase_id: str, focus: str, ex: int, spec: dict[str, Any]) -> float:
    """The API's number for what the panel explains at this micro-step."""
    fw, bw, up = step["forward"], step["backward"], step["update"]
    kind, *index = focus.split(":")
    l, j = int(index[0]), int(index[1])
    k = int(index[2]) if kind == "edge" else None
    if phase_id == "start":
        return fw["layers"][0]["a"][ex][j]
    if phase_id.startswith("z"):
        return fw["layers"][l - 1]["z"][ex][j]
    if phase_id.startswith("a"):
        return fw["layers"][l - 1]["a"][ex][j]
    if phase_id == "cost":
        return fw["cost"] if fw["batch"]["m"] == 1 else fw["costs"][ex]
    if phase_id.startswith("d"):
        return bw["layers"][l - 2]["delta"][ex][j]
    if phase_id == "bp3":
        nabla_b = bw["layers"][l - 2]["nabla_b"]
        return sum(nabla_b) if spec.get("shared_bias") else nabla_b[j]
    if phase_id == "bp4":
        return bw["layers"][l - 2]["nabla_w"][j][k]
    if phase_id == "update":
        layer = up["layers"][l - 2]
        return layer["W_new"][j][k] if kind == "edge" else layer["b_new"][j]
    raise AssertionError(f"unknown phase {phase_id}")


def check_row(substituted: str, result: str) -> str | None:
    """check_row, with a symbol left or an unreadable row reported like a row that does not add up."""
    try:
        return check_row_raising(substituted, result)
    except ValueError as problem:  # SymbolLeft is one
        return str(problem)


def _check_view(view: dict[str, Any], api: list[dict[str, Any]], spec: dict[str, Any], where: str) -> list[str]:
    """Everything one micro-step shows that could be wrong, as messages (empty: all right)."""
    if "stuck" in view:
        return [f"{where}: the lesson never reached this micro-step (it stands at {view['stuck']})"]
    problems = []
    if view["status"] != "ready":
        problems.append(f"{where}: status {view['status']}: {view['error']}")
    if (view["urlStep"], view["urlPhase"]) != (view["step"], view["phaseId"]):
        problems.append(f"{where}: URL says {view['urlStep']}:{view['urlPhase']}, "
                        f"lesson {view['step']}:{view['phaseId']}")
    if view["title"] != view["urlTitle"]:
        problems.append(f"{where}: panel shows {view['title']!r}, URL's phase is {view['urlTitle']!r}")
    if view["timeline"] not in (None, view["phaseId"]):
        problems.append(f"{where}: the timeline marks {view['timeline']}")
    if view["substituted"] is not None:
        wrong = check_row(view["substituted"].replace("\\displaystyle", ""), view["result"])
        if wrong:
            problems.append(f"{where} [{view['focus']}] {view['symbolic']}: {wrong}")
    if view["result"] is not None and view["focus"]:
        value = _api_value(api[view["step"]], view["phaseId"], view["focus"], view["ex"], spec)
        low, high = number_interval(view["result"].lstrip("= "))
        slack = 1e-9 * max(abs(low), abs(high))
        if not low - slack <= value <= high + slack:
            problems.append(f"{where} [{view['focus']}]: shows {view['result']}, the API says {value!r}")
    for row in view["chain"]:
        # The inspector's rows: "= numbers = result" (the chain rule) and "w_new = numbers = result" (the update).
        parts = [p.strip() for p in (row or "").split("=")]
        if len(parts) == 3:
            wrong = check_row(parts[1], parts[2])
            if wrong:
                problems.append(f"{where} inspector {view['selection']}: {row}: {wrong}")
    return problems


def walk(page: Page, query: str, spec: dict[str, Any], api: list[dict[str, Any]], seed: int) -> None:
    """Open the lesson at `query` and walk two steps, phase by phase, checking every micro-step."""
    rng = random.Random(seed)
    page.goto(f"/{query}")
    expect(page.locator("#status")).to_be_hidden()
    if rng.random() < 0.5:
        # A ticked checkbox keeps its focus, and the keys must still step the lesson (issue 10, problem 8).
        page.locator("#matrix-toggle").click()
    count = page.evaluate("window.backprop.store.get().phases.length")
    problems: list[str] = []
    for step in range(STEPS):
        for index in range(count):
            if step or index:
                page.keyboard.press("ArrowRight")
            where = f"step {step + 1}, phase {index}"
            # As it stands, then with a random neuron or edge clicked as a student would: the panel and the
            # inspector explain it.
            pick = rng.randrange(10_000)
            as_is, selected = page.evaluate(READ, {"step": step, "phaseIndex": index, "select": pick})
            problems += _check_view(as_is, api, spec, where)
            problems += _check_view(selected, api, spec, f"{where}, selected #{pick}")
            if rng.random() < 0.4:
                page.keyboard.press("Escape")  # back to the phase's default focus
            if index == 2 and step == 0 and spec.get("batch_size", 1) > 1:
                # Another example of the batch, chosen in its select: the keys stay alive there too.
                options = page.locator("#example-select option").count()
                if options > 1:
                    page.locator("#example-select").select_option(str(rng.randrange(1, options)))
    assert not problems, f"{len(problems)} problems, first 12:\n" + "\n".join(problems[:12])


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_preset_walks_without_a_wrong_equation(page: Page, preset: str) -> None:
    api = _api_steps(page, {"preset": preset})
    spec = {"shared_bias": PRESETS[preset].spec.arch.shared_bias, "batch_size": PRESETS[preset].spec.hyper.batch_size}
    walk(page, f"?preset={preset}", spec, api, seed=len(preset))


@pytest.mark.parametrize("index", range(len(SPECS)))
def test_every_configuration_walks_without_a_wrong_equation(page: Page, index: int) -> None:
    spec = SPECS[index]
    walk(page, f"?spec={_token(spec)}", spec, _api_steps(page, {"spec": spec}), seed=index)


def test_the_walk_covers_the_configuration_space() -> None:
    cov = coverage(SPECS)
    assert cov["hidden"] == set(HIDDEN)
    assert len(cov["output"]) == len(OUTPUTS) and len(cov["output×rule"]) == len(OUTPUTS) * len(RULES)
    assert cov["penalty"] == {(False, False), (True, False), (False, True), (True, True)}
    assert cov["batch>1"] == {False, True}
    assert cov["bias"] == {(False, False), (True, False), (False, True), (True, True)}
    assert cov["hidden_layers"] == {1, 2, 3}
    assert cov["features"] == set(FEATURES)
    assert len(SPECS) >= 30


def test_the_labs_hand_off_walks_without_a_wrong_equation(page: Page) -> None:
    """"In the lesson →" after some training: the lab's batch of 16 and its trained weights, walked like the rest."""
    page.goto("/lab")
    page.wait_for_function("() => window.backprop?.lab?.grid")
    page.get_by_role("button", name="+10 steps").click()
    page.wait_for_function("() => window.backprop.lab.history.at(-1)?.steps >= 10")
    href = page.locator("#to-lesson").get_attribute("href") or ""
    assert href.startswith("/?spec="), href
    token = href.split("spec=")[1].split("&")[0]
    spec = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    assert spec["batch_size"] > 8  # sums long enough to be elided
    walk(page, href.lstrip("/"), spec, _api_steps(page, {"spec": spec}), seed=16)
