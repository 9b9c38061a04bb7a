"""The lab's charts never label two y ticks alike: a loss that has barely moved (0.6934 … 0.6951 at step 0) gets
the digits that tell its ticks apart, in the loss and the gradient-size charts alike."""

from playwright.sync_api import Page

READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"
TICKS = """(id) => [...document.querySelectorAll(`#${id} text.chart-muted`)]
  .filter((t) => t.getAttribute('text-anchor') === 'end').map((t) => t.textContent)"""


def test_no_two_ticks_read_the_same(page: Page) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    page.get_by_label("starting weights").select_option("uniform")  # the outputs all near ½: a flat, narrow loss
    page.wait_for_function("() => window.backprop.lab.network.spec.init === 'uniform' "
                           "&& window.backprop.lab.history.length >= 1")
    for chart in ("loss-plot", "norm-plot"):
        page.wait_for_function(f"() => ({TICKS})('{chart}').length >= 3")
        ticks = page.evaluate(TICKS, chart)
        assert len(set(ticks)) == len(ticks), f"{chart}: {ticks}"
