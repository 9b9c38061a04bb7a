"""The lesson's layout, measured: the main equation keeps its full size whatever else is open."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

SIZES = [(1024, 768), (1280, 720), (1920, 1080)]


@pytest.mark.parametrize("mode", ["normal", "projector"])
@pytest.mark.parametrize("width,height", SIZES)
def test_the_main_equation_keeps_its_size_with_matrices_and_inspector_open(new_guarded_page, width: int, height: int,
                                                                           mode: str) -> None:
    page = new_guarded_page(width, height)
    page.goto(f"/?preset=lecture-3-2-1&phase=update&matrix=1&mode={mode}")
    expect(page.locator("#status")).to_be_hidden()
    page.locator('#diagram .edge[data-l="2"][data-j="0"][data-k="0"]').dispatch_event("click")
    if mode == "normal":
        expect(page.locator("#inspector h2")).to_be_visible()
    page.evaluate("window.backprop.drawn()")
    box = page.evaluate("""() => {
        const el = document.querySelector('#eq-general');
        const math = el.querySelector('.katex-html').getBoundingClientRect();
        return { client: el.clientHeight, content: el.scrollHeight, math: math.height };
    }""")
    assert box["content"] <= box["client"] + 1, f"the equation is cut: {box}"
    assert box["math"] >= 20, f"the equation is squashed: {box}"
    # The page itself never scrolls: the pane does, if it must.
    assert page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]") == [width, height]
