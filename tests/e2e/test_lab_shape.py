"""Shaping the network in the lab (issue 15): + / − hidden layer, + / − neuron and each hidden layer's activation
(every one the registry has) change the network at once, on the same data, and it trains."""

from playwright.sync_api import Page, expect

from app.core.activations import ACTIVATIONS

READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"
SIZES = "window.backprop.lab.network.spec.sizes"


def test_shape_the_network_in_place_and_train(page: Page) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    bar = page.locator("#lab-shape")
    assert page.evaluate(SIZES) == [2, 4, 4, 1]
    bar.get_by_role("button", name="add a hidden layer").click()
    page.wait_for_function(f"() => {SIZES}.length === 5")
    bar.get_by_role("button", name="more neurons in layer 2").click()
    page.wait_for_function(f"() => {SIZES}[1] === 5")
    bar.get_by_role("button", name="fewer neurons in layer 4").click()
    page.wait_for_function(f"() => {SIZES}[3] === 3")
    assert page.evaluate(SIZES) == [2, 5, 4, 3, 1]
    menu = bar.get_by_label("activation of layer 3")
    offered = menu.locator("option").evaluate_all("os => os.map((o) => o.value)")
    assert offered == [a for a, info in ACTIVATIONS.items() if not info.output_only]
    menu.select_option("gelu")
    page.wait_for_function("() => window.backprop.lab.network.spec.activations[1] === 'gelu'")
    expect(page.locator("#lab-diagram .neuron")).to_have_count(2 + 5 + 4 + 3 + 1)
    assert page.evaluate("window.backprop.lab.data.x_train.length") == 160  # the same data
    bar.get_by_role("button", name="remove the last hidden layer").click()
    page.wait_for_function(f"() => {SIZES}.length === 4")
    page.get_by_role("button", name="+10 steps").click()
    page.wait_for_function("() => window.backprop.lab.history.at(-1)?.steps >= 10")
