"""The builder's choice of starting weights (issue 15): every scheme of the registry is offered, uniform asks for its
a, and the network built starts as chosen (zeros: every weight 0; uniform: within ±a)."""

from playwright.sync_api import Page, expect

from app.core.initialization import INITS
from tests.e2e.test_lesson import open_lesson
from tests.e2e.waits import when_drawn

WEIGHTS = "() => window.backprop.store.get().network.parameters.flatMap((p) => p.W.flat())"


def build_with(page: Page, init: str, scale: str | None = None) -> None:
    page.get_by_role("button", name="Build…").click()
    dialog = page.locator("#builder")
    dialog.get_by_label("starting weights").select_option(init)
    if scale is not None:
        dialog.get_by_label("uniform init scale a").fill(scale)
        dialog.get_by_label("uniform init scale a").dispatch_event("change")
    dialog.get_by_role("button", name="Build and start").click()
    expect(dialog).to_be_hidden()
    when_drawn(page, f"() => window.backprop.store.get().network?.spec.init === '{init}'")


def test_the_builder_offers_every_scheme_and_builds_with_the_one_chosen(page: Page) -> None:
    open_lesson(page)
    page.get_by_role("button", name="Build…").click()
    menu = page.locator("#builder").get_by_label("starting weights")
    expect(menu.locator("option")).to_have_count(len(INITS))  # (the dialog's module loads at its first use)
    assert menu.locator("option").evaluate_all("os => os.map((o) => o.value)") == list(INITS)
    expect(page.locator("#builder").get_by_label("uniform init scale a")).to_have_count(0)  # only for uniform
    page.locator("#builder").get_by_role("button", name="Cancel").click()

    build_with(page, "zeros")
    assert all(w == 0 for w in page.evaluate(WEIGHTS))
    build_with(page, "uniform", "0.05")
    weights = page.evaluate(WEIGHTS)
    assert all(abs(w) <= 0.05 for w in weights) and any(w != 0 for w in weights)
    assert page.evaluate("window.backprop.store.get().network.spec.init_scale") == 0.05
