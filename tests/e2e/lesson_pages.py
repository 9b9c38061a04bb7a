"""Helpers for browser tests that walk the lesson's micro-steps on one page."""

from __future__ import annotations

from collections.abc import Iterator

from playwright.sync_api import Page

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
        page.wait_for_function(AT, arg=[index, state or {}])
        page.evaluate("window.backprop.drawn()")
        yield index
