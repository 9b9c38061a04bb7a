"""The training doctor in the lab (issue 15): units that a huge η killed are named with what to try, a healthy run
says nothing, and zeros as starting weights are explained (the diagnosis of a divergence, with the η that trains
from the same start, is tested through the API: tests/api/test_doctor_api.py)."""

import base64
import json

from playwright.sync_api import Page, expect

SPEC = {"sizes": [2, 4, 4, 1], "activations": ["tanh", "tanh", "sigmoid"], "cost": "binary_cross_entropy",
        "eta": 0.3, "batch_size": 16, "seed": 1, "dataset": {"name": "xor", "n": 200, "noise": 0.1}}
READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"


def open_lab(page: Page, **changes) -> None:
    spec = {**SPEC, **changes}
    page.goto("/lab?spec=" + base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("="))
    page.wait_for_function(READY)


def ten_steps(page: Page) -> None:
    before = page.evaluate("window.backprop.lab.history.at(-1).steps")
    page.get_by_role("button", name="+10 steps").click()
    page.wait_for_function(f"() => window.backprop.lab.history.at(-1)?.steps >= {before + 10} "
                           "&& !window.backprop.lab.playing")


def test_a_healthy_run_has_no_finding(page: Page) -> None:
    open_lab(page)
    ten_steps(page)
    expect(page.locator("#doctor")).to_be_hidden()


def test_a_huge_eta_that_kills_the_relus_is_diagnosed_with_what_to_try(page: Page) -> None:
    open_lab(page, activations=["relu", "relu", "sigmoid"], eta=1e6)
    page.get_by_role("button", name="Train (P)").click()
    finding = page.locator("#doctor .finding").first
    expect(finding).to_be_visible(timeout=20_000)
    # η = 10⁶ pushes every ReLU below 0 for good: they are dead, and the doctor says to lower η.
    expect(page.locator('#doctor .finding[data-code="dead_units"]')).to_contain_text("smaller η")
    assert page.locator('#doctor .finding[data-code="slow_learning"]').count() == 0  # not "try a larger η"


def test_zeros_as_starting_weights_are_explained(page: Page) -> None:
    open_lab(page, init="zeros")
    ten_steps(page)
    expect(page.locator('#doctor .finding[data-code="symmetric_units"]')).to_contain_text("identical")
    # Every weight's gradient is exactly 0 (a⁽ˡ⁾ = 0 and δ⁽ˡ⁾ = 0 behind the output): the log chart says so, and
    # draws no line at 10⁻³⁰⁰.
    expect(page.locator("#norm-plot")).to_contain_text("every value is 0")
