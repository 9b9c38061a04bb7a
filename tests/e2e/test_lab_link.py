"""The lab's state is in its URL (issue 15): after changing the data set, η and the update rule, a reload — or
the link opened in another tab — reopens the same lab."""

from playwright.sync_api import Page

SPEC_OF = "() => window.backprop.lab.network.spec"
READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"


def settled(page: Page, check: str) -> None:
    page.wait_for_function(f"() => {{ const s = window.backprop?.lab.network?.spec; return s && ({check}); }}")


def test_a_reload_or_the_link_reopens_the_same_lab(page: Page) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    page.get_by_label("Data set").select_option("moons")
    settled(page, "s.dataset?.name === 'moons'")
    page.get_by_label("Learning rate").fill("0.07")
    page.get_by_label("Learning rate").dispatch_event("change")
    settled(page, "s.eta === 0.07")
    page.get_by_label("Optimizer").select_option("momentum")
    settled(page, "s.optimizer === 'momentum'")
    before = page.evaluate(SPEC_OF)
    link = page.evaluate("location.href")
    assert "spec=" in link

    page.reload()
    page.wait_for_function(READY)
    after = page.evaluate(SPEC_OF)
    keys = ("sizes", "activations", "cost", "eta", "optimizer", "seed", "dataset", "batch_size", "initial")
    assert {k: after[k] for k in keys} == {k: before[k] for k in keys}  # the same weights too: drawn from the seed

    other = page.context.new_page()
    other.goto(link)
    other.wait_for_function(READY)
    assert other.evaluate(SPEC_OF)["dataset"]["name"] == "moons"
