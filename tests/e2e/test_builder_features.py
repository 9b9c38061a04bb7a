"""The builder's input features (issue 15): a generated data set offers the features its inputs allow, the network
built takes the checked ones as its layer 1, named for them, and the lesson walks it with the same numbers as the
API."""

from playwright.sync_api import Page, expect

from app.core.features import FEATURES
from tests.e2e.test_lesson import open_lesson

STATE = "window.backprop.store.get()"


def open_builder_on(page: Page, dataset: str) -> None:
    page.get_by_role("button", name="Build…").click()
    page.locator("#builder").get_by_label("data set").select_option(dataset)


def test_features_checked_in_the_builder_become_the_input_layer(page: Page) -> None:
    open_lesson(page)
    open_builder_on(page, "circle")
    dialog = page.locator("#builder")
    boxes = dialog.get_by_role("group", name="input features").get_by_role("checkbox")
    expect(boxes).to_have_count(len(FEATURES))
    expect(dialog.get_by_label("input feature x₁", exact=True)).to_be_checked()  # the data's own inputs at first
    dialog.get_by_label("input feature x₁²").check()
    dialog.get_by_label("input feature x₂²").check()
    dialog.get_by_label("input feature x₁", exact=True).uncheck()
    dialog.get_by_label("input feature x₂", exact=True).uncheck()
    expect(dialog.get_by_label("2 neurons in layer 1")).to_be_visible()
    dialog.get_by_label("input feature x₂²").uncheck()
    dialog.get_by_label("input feature x₁²").click()  # the last one stays: a network needs an input
    expect(dialog.get_by_label("input feature x₁²")).to_be_checked()
    dialog.get_by_label("input feature x₂²").check()
    dialog.get_by_role("button", name="Build and start").click()
    expect(dialog).to_be_hidden()
    page.wait_for_function(f"() => {STATE}.network?.spec.features?.length === 2")
    assert page.evaluate(f"{STATE}.network.spec.features") == ["x1_squared", "x2_squared"]
    assert page.evaluate(f"{STATE}.network.spec.sizes[0]") == 2
    expect(page.locator("#diagram .neuron-label").filter(has_text="x₁²")).to_have_count(1)
    expect(page.locator("#diagram .neuron-label").filter(has_text="x₂²")).to_have_count(1)
    # The inputs the lesson shows are the features of the example: a square is never negative.
    inputs = page.evaluate(f"{STATE}.record.a[1][0]")
    assert len(inputs) == 2 and all(x >= 0 for x in inputs)


def test_a_curve_offers_only_the_features_of_one_input(page: Page) -> None:
    open_lesson(page)
    open_builder_on(page, "curve_sine")
    boxes = page.locator("#builder").get_by_role("group", name="input features").get_by_role("checkbox")
    names = [f.label for f in FEATURES.values() if f.reads == 1]
    expect(boxes).to_have_count(len(names))
    assert boxes.evaluate_all("bs => bs.map((b) => b.getAttribute('aria-label'))") == [
        f"input feature {n}" for n in names]
