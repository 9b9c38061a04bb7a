"""Replay in the lab (issue 15): Reset goes back to the very same starting weights and batch order, so training
again retraces the same run, number for number — with every starting scheme, zeros included."""

import pytest
from playwright.sync_api import Page, expect

from app.core.initialization import INITS
from tests.e2e.test_lab_doctor import ten_steps

READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"
WEIGHTS = "window.backprop.lab.network.parameters.map((p) => [p.W, p.b])"
# The loss at each step the history recorded. Which steps those are depends on timing (a "+10 steps" stream may
# come as one event or, on a busy machine, as two), so two runs are compared at the steps both recorded.
LOSSES = "Object.fromEntries(window.backprop.lab.history.map((h) => [h.steps, h.train_loss]))"


@pytest.mark.parametrize("init", list(INITS))
def test_reset_replays_the_same_run(page: Page, init: str) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    if init != "auto":  # the lab's "start" menu, in the bar that shapes the network
        page.get_by_label("starting weights").select_option(init)
        page.wait_for_function(f"() => window.backprop.lab.network.spec.init === '{init}' "
                               "&& window.backprop.lab.history.length >= 1")
        if init == "zeros":
            expect(page.locator("#lab-status")).to_contain_text("start equal, get equal gradients and stay equal")
    start = page.evaluate(WEIGHTS)
    runs = []
    for _ in range(2):
        for _ in range(3):
            ten_steps(page)
        runs.append((page.evaluate(WEIGHTS), page.evaluate(LOSSES)))
        page.get_by_role("button", name="Reset").click()
        page.wait_for_function("() => window.backprop.lab.history.at(-1)?.steps === 0")
        assert page.evaluate(WEIGHTS) == start
    (weights, losses), (weights_again, losses_again) = runs
    assert weights != start and weights == weights_again
    both = losses.keys() & losses_again.keys()
    assert {"0", "10", "20", "30"} <= both
    assert {s: losses[s] for s in both} == {s: losses_again[s] for s in both}
    if init == "zeros":  # the symmetry problem: each layer's neurons got equal gradients, and are still equal
        for W, _ in weights[:-1]:
            assert all(row == W[0] for row in W)
