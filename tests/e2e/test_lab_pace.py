"""The lab asks its training stream for one state per frame of the display it is on (static/js/lab/display-rate.js),
in real Chromium: 14 ms on a 60 Hz display, and less where frames come faster. Headless Chromium without its frame
limit (--disable-frame-rate-limit) stands in for a fast display: it draws a changing page as fast as it can, and an
unchanging one at 60 a second only — so the page must measure while something on it changes, as when it trains."""

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserType, Page, expect

from tests.e2e.conftest import CHROMIUM_ARGS

READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"


def frame_ms_asked(page: Page) -> float:
    """Open the lab, press Train, and read the frame_ms of the stream's request; stop training."""
    page.goto("/lab")
    page.wait_for_function(READY)
    with page.expect_request("**/train/stream") as request:
        page.get_by_role("button", name="Train (P)").click()
    page.keyboard.press("p")
    expect(page.get_by_role("button", name="Train (P)")).to_be_visible()
    return request.value.post_data_json["frame_ms"]


@pytest.fixture
def unlimited(browser_type: BrowserType, browser_type_launch_args: dict, base_url: str) -> Iterator[Callable[[], Page]]:
    launched: list[Browser] = []

    def page() -> Page:
        args = {**browser_type_launch_args, "args": [*CHROMIUM_ARGS, "--disable-frame-rate-limit",
                                                      "--disable-gpu-vsync"]}
        launched.append(browser_type.launch(**args))
        return launched[-1].new_page(base_url=base_url, viewport={"width": 1280, "height": 720})

    yield page
    for browser in launched:
        browser.close()


def test_a_60_hz_display_gets_a_state_every_14_ms(page: Page) -> None:
    assert frame_ms_asked(page) == 14


def test_a_display_with_faster_frames_gets_states_faster(unlimited: Callable[[], Page]) -> None:
    # Measured on an idle page, this browser said 60 Hz (14 ms) and the stream could not keep up with its frames.
    assert 5 <= frame_ms_asked(unlimited()) <= 10
