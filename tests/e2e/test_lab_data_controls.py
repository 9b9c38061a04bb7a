"""A generated data set's controls in the lab (issue 15): noise, number of points, test share and ↻ (the next
seed) each rebuild the network on the set drawn anew; they are hidden for a CSV's data."""

import base64
import json

from playwright.sync_api import Page, expect

READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"


def set_field(page: Page, label: str, value: str, check: str) -> None:
    page.get_by_label(label).fill(value)
    page.get_by_label(label).dispatch_event("change")
    page.wait_for_function(f"() => {{ const d = window.backprop.lab.network?.spec.dataset; return d && ({check}); }}")


def test_each_control_draws_the_set_anew(page: Page) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    first = page.evaluate("window.backprop.lab.data.x_train[0]")
    set_field(page, "Number of points", "120", "d.n === 120")
    page.wait_for_function("() => window.backprop.lab.data.x_train.length + window.backprop.lab.data.x_test.length"
                           " === 120")
    set_field(page, "Test share in percent", "50", "d.test_fraction === 0.5")
    page.wait_for_function("() => window.backprop.lab.data.x_test.length === 60")
    set_field(page, "Noise", "0.3", "d.noise === 0.3")
    page.get_by_role("button", name="Regenerate the data").click()
    page.wait_for_function("() => window.backprop.lab.network.spec.dataset.seed === 1")
    assert page.evaluate("window.backprop.lab.data.x_train[0]") != first
    # Out of range: put back, nothing rebuilt.
    page.get_by_label("Noise").fill("7")
    page.get_by_label("Noise").dispatch_event("change")
    expect(page.get_by_label("Noise")).to_have_value("0.3")


def test_the_controls_hide_for_data_that_are_not_a_generated_set(page: Page) -> None:
    spec = {"sizes": [2, 3, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy", "eta": 0.5,
            "batch_size": 2, "samples": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [0]]}}
    page.goto("/lab?spec=" + base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("="))
    page.wait_for_function(READY)
    assert page.evaluate("window.backprop.lab.network.spec.samples") is not None
    expect(page.get_by_label("Noise")).to_be_hidden()


def test_the_latest_change_wins_when_answers_come_back_out_of_order(page: Page) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    held = []

    def hold_the_first(route):  # the first new network's answer comes back after the second's
        if not held:
            held.append(route)
            page.wait_for_timeout(1500)
        route.continue_()

    page.route("**/api/networks", hold_the_first)
    page.evaluate("""() => {
        const noise = document.getElementById('lab-noise');
        noise.value = '0.2'; noise.dispatchEvent(new Event('change'));
        setTimeout(() => { noise.value = '0.4'; noise.dispatchEvent(new Event('change')); }, 100);
    }""")
    page.wait_for_function("() => window.backprop.lab.network.spec.dataset.noise === 0.4")
    page.wait_for_timeout(2500)  # the held answer has come back by now
    assert held
    assert page.evaluate("window.backprop.lab.network.spec.dataset.noise") == 0.4
    expect(page.get_by_label("Noise")).to_have_value("0.4")
