"""The app as users get it: a wheel in a fresh venv, the console command, the Dockerfile."""

import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.support.server import free_port, running_server

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def installed_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it (not editable) into a brand-new virtual environment."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(work), str(ROOT)],
                   check=True)
    wheel = next(work.glob("backprop_explorer-*.whl"))
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", str(wheel)],
                   check=True)
    return venv


def test_wheel_carries_templates_and_static(installed_venv: Path, tmp_path: Path) -> None:
    listing = subprocess.run([str(installed_venv / "bin" / "python"), "-c",
                              "import app, pathlib; p = pathlib.Path(app.__file__).parent;"
                              "print(p); print(sorted(x.name for x in (p / '_web').iterdir()))"],
                             check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    assert str(installed_venv) in listing  # the installed copy, not the checkout
    assert "'static'" in listing and "'templates'" in listing


def test_installed_wheel_serves_page_and_presets(installed_venv: Path, tmp_path: Path) -> None:
    port = free_port()
    # Run from an empty directory so nothing can come from the checkout.
    with running_server([str(installed_venv / "bin" / "backprop-explorer"), "--port", str(port)], port,
                        cwd=tmp_path) as base:
        page = httpx.get(f"{base}/")
        assert page.status_code == 200 and "Backprop Explorer" in page.text and "mazur-2-2-2" in page.text
        presets = httpx.get(f"{base}/api/presets").json()
        assert [p["name"] for p in presets] == ["mazur-2-2-2", "seed-2-3-1", "xor-2-2-1", "lecture-3-2-1"]
        assert httpx.get(f"{base}/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
        assert httpx.get(f"{base}/docs").status_code == 200


def test_python_dash_m_app_prints_url_and_binds_loopback() -> None:
    port = free_port()
    proc_cmd = [sys.executable, "-m", "app", "--port", str(port)]
    with running_server(proc_cmd, port, cwd=ROOT) as base:
        assert httpx.get(f"{base}/healthz").json()["status"] == "ok"
    out = subprocess.run([sys.executable, "-m", "app", "--help"], capture_output=True, text=True, cwd=ROOT).stdout
    for option in ("--host", "--port", "--open"):
        assert option in out
    assert "127.0.0.1" in out


def test_cli_prints_the_url(tmp_path: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "app", "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert f"http://localhost:{port}" in line
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_dockerfile_passes_hadolint() -> None:
    hadolint = shutil.which("hadolint") or str(Path(sys.executable).parent / "hadolint")
    result = subprocess.run([hadolint, "--failure-threshold", "warning", str(ROOT / "Dockerfile")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (ROOT / "Dockerfile").read_text()
    assert "HEALTHCHECK" in text and "/healthz" in text and "USER" in text and "0.0.0.0" in text
