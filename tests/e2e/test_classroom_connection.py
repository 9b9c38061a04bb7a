"""A student's connection lost in a live class, in real Chromium (issue 14): the Wi-Fi falls silent — no error, no
closed socket, nothing arrives — while the teacher moves on; when it is back, the student's page is on the
teacher's step again, without a reload.

The browser alone would not notice: a silent connection looks open to it for minutes. The server pings a quiet
stream (every 0.5 s here), and the page replaces a stream that misses two and a half pings. The student reaches
the server through `SilentProxy`, the teacher directly."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.e2e.conftest import REPO
from tests.e2e.test_classroom import AT, WHERE, follows, join, step, teach
from tests.support.server import free_port, running_server
from tests.support.silent_proxy import SilentProxy

PING_SECONDS = 0.5


@pytest.fixture(scope="module")
def pinging_server() -> Iterator[str]:
    """The app with its class streams pinging every 0.5 s (BACKPROP_CLASS_PING_SECONDS)."""
    port = free_port()
    env = {**os.environ, "BACKPROP_CLASS_PING_SECONDS": str(PING_SECONDS)}
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port, cwd=REPO, env=env) as base:
        yield base


@pytest.fixture
def proxy(pinging_server: str) -> Iterator[SilentProxy]:
    relay = SilentProxy(int(pinging_server.rsplit(":", 1)[1]))
    yield relay
    relay.close()


@pytest.fixture
def page_at(browser: Browser) -> Iterator[Callable[[str, int, int], Page]]:
    """page_at(base, width, height) → a page of its own context on `base`. Not the guarded pages of conftest:
    their route() handler sits in every request's path, and here the student's requests must meet the network as
    they are."""
    contexts: list[BrowserContext] = []

    def make(base: str, width: int, height: int) -> Page:
        contexts.append(browser.new_context(base_url=base, viewport={"width": width, "height": height}))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


def test_a_student_whose_wifi_falls_silent_is_back_on_the_teachers_step_once_it_returns(
        page_at: Callable[[str, int, int], Page], pinging_server: str, proxy: SilentProxy) -> None:
    teacher = page_at(pinging_server, 1280, 720)
    student = page_at(proxy.base, 390, 844)
    code = teach(teacher)
    join(student, code, "Ada", "typed")
    step(teacher)
    follows(teacher, [student])
    student.evaluate("window.sameDocument = true")  # a reload would lose it

    proxy.silence()
    for _ in range(3):
        step(teacher)
    silent_since = time.monotonic()
    # The page notices on its own — no error came, no socket closed: it opens the stream again, and again, while
    # the network stays silent (each attempt lost with it).
    while sum("/events" in r for r in proxy.requests) < 2 and time.monotonic() - silent_since < 8:
        time.sleep(0.1)
    reopened = [r for r in proxy.requests if "/events" in r]
    assert len(reopened) >= 2, f"the page did not replace its silent stream: {proxy.requests}"
    assert time.monotonic() - silent_since < 2 * 2.5 * PING_SECONDS + 3
    assert student.evaluate(WHERE) != teacher.evaluate(WHERE)  # nothing got through meanwhile
    expect(student.locator("#class-bar-status")).not_to_have_text("Following the teacher")

    proxy.restore()
    student.wait_for_function(AT, arg=teacher.evaluate(WHERE), timeout=15_000)
    follows(teacher, [student])
    expect(student.locator("#class-bar-status")).to_have_text("Following the teacher")
    assert student.evaluate("window.sameDocument") is True
    step(teacher)  # and it follows live again, on the new stream
    follows(teacher, [student])
