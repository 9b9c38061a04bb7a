"""The training lab in real Chromium: XOR trained live until the loss falls and the boundary forms."""

from playwright.sync_api import Page, expect

from tests.e2e.waits import when_drawn


def boundary_pixels(page: Page) -> str:
    return page.evaluate("document.getElementById('boundary').toDataURL()")


def test_training_xor_live_lowers_the_loss_and_moves_the_boundary(page: Page, artifacts) -> None:
    page.goto("/lab")
    page.wait_for_function("() => window.backprop?.lab.grid && window.backprop.lab.history.length === 1")
    first_loss = page.evaluate("window.backprop.lab.history[0].train_loss")
    before = boundary_pixels(page)
    page.get_by_role("button", name="Train (P)").click()
    page.wait_for_function("() => { const h = window.backprop.lab.history;"
                           " return h.length > 3 && h.at(-1).train_loss < 0.2; }",
                           timeout=60_000)
    page.keyboard.press("p")  # pause
    expect(page.get_by_role("button", name="Train (P)")).to_be_visible()
    page.wait_for_timeout(300)
    last = page.evaluate("window.backprop.lab.history.at(-1)")
    assert last["train_loss"] < first_loss / 2 and last["steps"] > 0
    assert boundary_pixels(page) != before
    expect(page.locator("#lab-counter")).to_contain_text("accuracy")
    expect(page.locator("#neurons canvas")).to_have_attribute("data-maps", "8")  # a map per hidden neuron (4 + 4)
    page.screenshot(path=artifacts / "lab-xor-trained.png")
    href = page.locator("#to-lesson").get_attribute("href")
    assert href and href.startswith("/?spec=")
    page.goto(href)  # pausing leads into the lesson on the current weights
    expect(page.locator("#diagram .neuron")).to_have_count(11)
    when_drawn(page, "() => window.backprop.store.get().status === 'ready'")


def test_learning_rates_compared_in_the_lab(page: Page, artifacts) -> None:
    page.goto("/lab")
    page.wait_for_function("() => window.backprop?.lab.grid")
    page.get_by_role("button", name="Compare η ÷10, ×1, ×10").click()
    expect(page.locator("#compare-plot")).to_be_visible()
    expect(page.locator("#lab-status")).to_contain_text("Too small")
    page.screenshot(path=artifacts / "lab-compare.png")
