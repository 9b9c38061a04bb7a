"""The guard of the browser tests works: outside requests are blocked, errors are recorded and fail a test."""

import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


STABLE_PAGE = "/healthz"  # a page of the app no one is redesigning


def test_guard_records_console_and_page_errors(page, page_guard):
    page.goto(STABLE_PAGE)
    page.evaluate("console.error('deliberate console error')")
    page.evaluate("setTimeout(() => { throw new Error('deliberate page error') })")
    page.wait_for_timeout(100)
    errors = page_guard.take_console_errors()
    assert any("deliberate console error" in e for e in errors), errors
    assert any("page error" in e and "deliberate page error" in e for e in errors), errors
    assert page_guard.take_console_errors() == []


def test_guard_blocks_requests_outside_the_origin(page, page_guard):
    page.set_content('<img src="http://example.com/tracker.png">')  # about:blank: no CSP stops it first
    page.wait_for_timeout(100)
    assert page_guard.take_outside_requests() == ["GET http://example.com/tracker.png"]
    page_guard.take_console_errors()  # the aborted load is also logged as a console error


def test_projector_page_has_its_own_viewport(projector_page):
    projector_page.goto(STABLE_PAGE)
    assert projector_page.evaluate("[innerWidth, innerHeight]") == [1024, 768]


def test_guard_fails_tests_whose_pages_misbehave(tmp_path):
    (tmp_path / "conftest.py").write_text("from tests.e2e.conftest import *  # noqa: F403\n")
    (tmp_path / "test_inner.py").write_text(textwrap.dedent("""
        import pytest

        def test_console_error(page):
            page.goto("/healthz")
            page.evaluate("console.error('inner console error')")

        def test_outside_request(page):
            page.set_content('<img src="http://example.com/x.png">')
            page.wait_for_timeout(100)

        @pytest.mark.allow_console_errors
        def test_allowed_console_error(page):
            page.goto("/healthz")
            page.evaluate("console.error('allowed')")
    """))
    run = subprocess.run([sys.executable, "-m", "pytest", "-c", "pyproject.toml", "-p", "no:cacheprovider",
                          "-q", "-rf", str(tmp_path)], cwd=REPO, capture_output=True, text=True, timeout=120)
    out = run.stdout + run.stderr
    assert "2 failed, 1 passed" in out, out
    assert "FAILED" in out and "test_console_error" in out and "inner console error" in out, out
    assert "request outside http://127.0.0.1:" in out and "http://example.com/x.png" in out, out
