"""Runs the front-end's pure-logic unit tests (tests/js/*.test.js) with Node's built-in test runner."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_front_end_unit_tests_pass() -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed for the front-end unit tests (Debian: apt-get install nodejs)"
    tests = sorted(str(p) for p in (ROOT / "tests" / "js").glob("*.test.js"))
    assert len(tests) >= 4
    result = subprocess.run([node, "--test", *tests], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
