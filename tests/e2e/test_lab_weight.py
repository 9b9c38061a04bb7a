"""Set a weight in the lab by clicking its edge (issue 15): the dialog shows the weight's value, Set puts it on the
server, and training goes on from there; an empty value is refused in the dialog."""

from playwright.sync_api import Page, expect

READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"


def test_an_edge_clicked_sets_its_weight_on_the_server(page: Page) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    edge = page.locator('#lab-diagram .edge[data-l="3"][data-j="1"][data-k="2"]')  # layer 2's third → layer 3's second
    edge.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#weight-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("h2")).to_contain_text("neuron 3 of layer 2")
    w = page.evaluate("window.backprop.lab.network.parameters.find((p) => p.l === 3).W[1][2]")
    assert float(dialog.get_by_label("New weight").input_value()) == float(f"{w:.4g}")  # 4 significant digits
    dialog.get_by_label("New weight").fill("")  # empty: not a number
    dialog.get_by_role("button", name="Set").click()
    expect(dialog.locator(".error")).to_contain_text("number")
    dialog.get_by_label("New weight").fill("2.5")
    dialog.get_by_role("button", name="Set").click()
    expect(dialog).to_be_hidden()
    network_id = page.evaluate("window.backprop.lab.network.id")
    server = page.request.get(f"/api/networks/{network_id}").json()
    assert next(p for p in server["parameters"] if p["l"] == 3)["W"][1][2] == 2.5
    page.wait_for_function("() => window.backprop.lab.network.parameters.find((p) => p.l === 3).W[1][2] === 2.5")
    page.get_by_role("button", name="+10 steps").click()
    page.wait_for_function("() => window.backprop.lab.history.at(-1).steps >= 10")
