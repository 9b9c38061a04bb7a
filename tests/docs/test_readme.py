"""The README's API tour runs as written against a live server and prints the published numbers."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.server import free_port, running_server

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def code_block(language: str, containing: str) -> str:
    blocks = re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)
    return next(b for b in blocks if containing in b)


@pytest.fixture(scope="module")
def base_url() -> str:
    port = free_port()
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port, cwd=ROOT) as base:
        yield base


def test_readme_names_both_commands() -> None:
    assert "make run" in README and "make test" in README
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci  # CI runs the README's test command


def test_python_tour_prints_the_published_numbers(base_url: str, tmp_path: Path) -> None:
    code = code_block("python", "import httpx").replace("http://localhost:8000", base_url)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr
    for number in ("0.3775", "0.593269992", "0.298371109", "0.138498562", "0.082167041", "0.000438568",
                   "0.35891648", "0.408666186", "0.51130127", "0.561370121",
                   "0.149780716", "0.199561432", "0.249751144", "0.299502287"):
        assert number in out.stdout, number
    assert "completed" in out.stdout


def test_curl_tour_prints_the_published_numbers(base_url: str, tmp_path: Path) -> None:
    script = code_block("bash", "curl -s -X POST").replace("http://localhost:8000", base_url)
    out = subprocess.run(["bash", "-euo", "pipefail", "-c", script], capture_output=True, text=True,
                         cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr
    for number in ("0.5932699", "0.7513650", "0.2983711", "0.1384985", "0.0821670", "0.0004385", "0.3589164"):
        assert number in out.stdout, number
