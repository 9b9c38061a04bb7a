"""Helpers for browser tests that walk the lesson's micro-steps on one page."""

from __future__ import annotations

from collections.abc import Iterator

from playwright.sync_api import Page

from tests.e2e.waits import when_drawn

# The diagram is laid out for its box as it is now, and its box leaves the legend at least the height it has now.
SETTLED = """() => {
  const svg = document.querySelector("#diagram svg"), box = document.getElementById("diagram").getBoundingClientRect();
  const legend = document.getElementById("legend");
  const [, , w, h] = (svg?.getAttribute("viewBox") ?? "0 0 0 0").split(" ").map(Number);
  const legendH = `${Math.ceil(legend.getBoundingClientRect().height)}px`;
  return Math.abs(w - Math.round(box.width)) <= 1 && Math.abs(h - Math.round(box.height)) <= 1
    && parseFloat(legend.parentElement.style.getPropertyValue("--legend-h")) >= parseFloat(legendH);
}"""

AT = """([i, want]) => { const s = window.backprop.store.get();
  return s.phaseIndex === i && Object.entries(want).every(([k, v]) => s[k] === v); }"""


def each_phase(page: Page, state: dict[str, str] | None = None) -> Iterator[int]:
    """From the start (Home), every micro-step of the step in view, once it is drawn; the store's `state` fields
    (say the mode or the theme just switched) must hold too."""
    count = page.evaluate("window.backprop.store.get().phases.length")
    page.keyboard.press("Home")
    for index in range(count):
        if index:
            page.keyboard.press("ArrowRight")
        when_drawn(page, AT, arg=[index, state or {}])
        # A legend that changed its height resizes the diagram, which lays itself out a frame or two later
        # (ResizeObserver): measure what stays on screen, not the frames in between.
        page.wait_for_function(SETTLED)
        yield index
