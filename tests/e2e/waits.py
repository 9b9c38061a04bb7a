"""Waiting on the lesson's state, then on its drawing.

The store changes at once; the page draws that change at the next animation frame. A test that waits on the store
and then reads the page can read the frame before — a busy machine shows it (a weight still at its stepped value
after Home, an empty equation just after 'ready'). So every wait on the store ends by waiting for the drawing too.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page


def when_drawn(page: Page, condition: str, arg: Any = None) -> None:
    """Wait until the lesson's `condition` (a JS predicate over window.backprop.store) holds, and is drawn."""
    page.wait_for_function(condition, arg=arg)
    page.evaluate("window.backprop.drawn()")
