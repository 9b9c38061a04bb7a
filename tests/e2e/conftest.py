"""Browser tests: the real app in a real Chromium, offline and under the app's own CSP.

How it is wired
---------------
pytest-playwright provides the fixtures `playwright`, `browser`, `new_context`, `context` and `page`
(and its options: --headed, --slowmo, --tracing, --screenshot, --video, …). This conftest does NOT
start a second `sync_playwright()` (only one may run per thread); it overrides a few of those fixtures:

- `browser_type_launch_args`: launch Debian's Chromium (`executable_path=shutil.which("chromium")`;
  `playwright install` cannot download browsers here) with the args that work on these machines.
  No Chromium → the tests fail with a hint (`make setup-test` installs it); they are never skipped.
- `base_url`: the `live_server` below, so `page.goto("/docs")` works.
- `context`: a fresh 1280×720 context per test, watched by `page_guard`. pytest-playwright's `page`
  is `context.new_page()`, so `page` is guarded too.

Fixtures for tests
------------------
- `live_server` (session): base URL of `python -m app --port <free port>` started from the repo root.
- `page` (per test): a guarded 1280×720 page; `page.goto("/")` is relative to `live_server`.
- `page_guard` (per test): blocks (aborts) every request whose origin is not the live server's and
  records it, and records console messages of type "error" and uncaught page errors. After the test
  body the test FAILS if anything was recorded. For a test that provokes errors on purpose:
      errors = page_guard.take_console_errors()   # returns and clears console + page errors
  or mark the test `@pytest.mark.allow_console_errors`. Outside requests always fail a test
  (`page_guard.take_outside_requests()` returns and clears them, if a test really expects one).
- `new_guarded_page(width, height, **context_args)` (per test): a guarded page in its own context
  with another viewport; `projector_page` is `new_guarded_page(1024, 768)`.
- `artifacts` (session): `test-artifacts/screenshots/` at the repo root (git-ignored), for
  `page.screenshot(path=artifacts / "name.png")`.

Example::

    from playwright.sync_api import expect

    def test_lesson(page, artifacts):
        page.goto("/")
        expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
        page.screenshot(path=artifacts / "lesson.png")
"""

from __future__ import annotations

import contextlib
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Request, Route

from tests.support.server import free_port, running_server

REPO = Path(__file__).resolve().parents[2]
VIEWPORT = {"width": 1280, "height": 720}
PROJECTOR_VIEWPORT = {"width": 1024, "height": 768}
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class PageGuard:
    """Keeps a test's pages offline and records what went wrong in them (see the module docstring)."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.outside_requests: list[str] = []
        self.console_errors: list[str] = []  # console "error" messages and uncaught page errors
        self._contexts: list[BrowserContext] = []

    def watch(self, context: BrowserContext) -> BrowserContext:
        self._contexts.append(context)
        context.route("**/*", self._route)
        context.on("page", self._watch_page)
        for page in context.pages:
            self._watch_page(page)
        return context

    def _route(self, route: Route, request: Request) -> None:
        if _origin(request.url) == self.origin:
            route.continue_()
        else:
            self.outside_requests.append(f"{request.method} {request.url}")
            route.abort("blockedbyclient")

    def _watch_page(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"page error: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location or {}
            at = f" (at {where['url']}:{where.get('lineNumber', '?')})" if where.get("url") else ""
            self.console_errors.append(f"console error: {message.text}{at}")

    def take_console_errors(self) -> list[str]:
        """Return the console and page errors recorded so far, and forget them."""
        self.flush()
        taken, self.console_errors = self.console_errors, []
        return taken

    def take_outside_requests(self) -> list[str]:
        """Return the blocked outside requests recorded so far, and forget them."""
        self.flush()
        taken, self.outside_requests = self.outside_requests, []
        return taken

    def flush(self) -> None:
        """Receive the events the pages have sent so far (sync Playwright delivers them on its next call)."""
        for context in self._contexts:
            for page in context.pages:
                with contextlib.suppress(Error):  # closed or navigating: nothing to wait for
                    page.evaluate("0")

    def problems(self, check_console: bool = True) -> list[str]:
        self.flush()
        found = [f"request outside {self.origin} (blocked): {url}" for url in self.outside_requests]
        if check_console:
            found += self.console_errors
        return found


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail a test whose pages made outside requests or logged errors (add them to a failure's report)."""
    guard: PageGuard | None = getattr(item, "funcargs", {}).get("page_guard")
    try:
        result = yield
    except BaseException as failure:
        if guard is not None and (found := guard.problems()):
            failure.add_note("In the browser: " + "\n  ".join(found))
        raise
    if guard is not None:
        found = guard.problems(check_console=item.get_closest_marker("allow_console_errors") is None)
        if found:
            pytest.fail("In the browser: " + "\n  ".join(found), pytrace=False)
    return result


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The real app (`python -m app`) on a free loopback port; yields its base URL."""
    port = free_port()
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port, cwd=REPO) as base:
        yield base


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """pytest-base-url's fixture, pointed at the live server; pytest-playwright gives it to every context."""
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright's launch args (--headed, --slowmo, …) plus Debian's Chromium and its flags."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Chromium is not installed: run `make setup-test` (installs Debian's chromium package)",
                    pytrace=False)
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_ARGS}


@pytest.fixture
def page_guard(live_server: str) -> PageGuard:
    return PageGuard(_origin(live_server))


@pytest.fixture
def context(new_context: Callable[..., BrowserContext], page_guard: PageGuard) -> BrowserContext:
    """Overrides pytest-playwright's `context`: 1280×720 and guarded (so its `page` fixture is too)."""
    return page_guard.watch(new_context(viewport=VIEWPORT))


@pytest.fixture
def new_guarded_page(new_context: Callable[..., BrowserContext], page_guard: PageGuard) -> Callable[..., Page]:
    """A factory: `new_guarded_page(width, height, **context_args)` → a guarded page in a new context."""

    def make(width: int = VIEWPORT["width"], height: int = VIEWPORT["height"], **context_args: Any) -> Page:
        context = page_guard.watch(new_context(viewport={"width": width, "height": height}, **context_args))
        return context.new_page()

    return make


@pytest.fixture
def projector_page(new_guarded_page: Callable[..., Page]) -> Page:
    """A guarded page the size of a classroom projector (1024×768)."""
    return new_guarded_page(**PROJECTOR_VIEWPORT)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """`test-artifacts/screenshots/` at the repo root, for the screenshots tests save."""
    path = REPO / "test-artifacts" / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path
