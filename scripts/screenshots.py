"""Take the README's screenshots in headless Chromium (Debian's, found on PATH).

Usage: python scripts/screenshots.py [BASE_URL]   (default: starts its own server)
"""

import base64
import json
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.server import free_port, running_server  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
def train_a_while(page) -> None:
    """The lab: train XOR for a few seconds, then pause."""
    page.wait_for_function("() => window.backprop?.lab?.grid")
    page.click("#lab-play")
    page.wait_for_function("() => (window.backprop.lab.history.at(-1)?.train_loss ?? 1) < 0.05", timeout=60_000)
    page.click("#lab-play")
    page.wait_for_timeout(800)


def train_1800_steps(page) -> None:
    """The lab: train to step 1,800 at the fastest pace, then pause (the doctor by then speaks of overfitting)."""
    page.wait_for_function("() => window.backprop?.lab?.grid")
    page.select_option("#lab-chunk", "100")
    page.click("#lab-play")
    page.wait_for_function("() => (window.backprop.lab.history.at(-1)?.steps ?? 0) >= 1800", timeout=120_000)
    page.click("#lab-play")
    page.wait_for_timeout(800)


# Three classes, softmax with cross-entropy: BP1 through the softmax's Jacobian.
SOFTMAX = {"sizes": [2, 3, 3], "activations": ["tanh", "softmax"], "cost": "softmax_cross_entropy", "eta": 0.5,
           "seed": 4, "samples": {"x": [[0.5, -0.2], [-0.4, 0.9], [0.1, 0.3]],
                                  "y": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}}
SOFTMAX_TOKEN = base64.urlsafe_b64encode(json.dumps(SOFTMAX).encode()).decode().rstrip("=")

# The lab's README picture: the two-armed spiral from every input feature, two hidden layers of 8.
SPIRAL = {"sizes": [7, 8, 8, 1], "activations": ["tanh", "tanh", "sigmoid"], "cost": "binary_cross_entropy",
          "eta": 0.01, "optimizer": "adam", "batch_size": 10, "seed": 1,
          "features": ["x1", "x2", "x1_squared", "x2_squared", "x1_times_x2", "sin_pi_x1", "sin_pi_x2"],
          "dataset": {"name": "spiral", "n": 200, "noise": 0}}
SPIRAL_TOKEN = base64.urlsafe_b64encode(json.dumps(SPIRAL).encode()).decode().rstrip("=")

WIDE = (1280, 720)        # DESIGN.md's reference screen
PROJECTOR = (1024, 768)   # an old classroom projector
SHOTS = [  # (file, path, viewport, actions…)
    ("lab.png", f"/lab?spec={SPIRAL_TOKEN}", WIDE, train_1800_steps),
    ("lab-projector.png", "/lab?mode=projector", PROJECTOR, train_a_while),
    ("lesson-bp1.png", "/?phase=d3", WIDE),
    ("lesson-update.png", "/?phase=update", WIDE),
    ("lesson-projector.png", "/?phase=bp3&mode=projector", PROJECTOR),
    ("lesson-projector-dark.png", "/?phase=d2&mode=projector&theme=dark", PROJECTOR),
    ("lesson-dark-matrices.png", "/?preset=lecture-3-2-1&phase=bp4&theme=dark&matrix=1", WIDE),
    ("lesson-softmax-bp1.png", f"/?spec={SOFTMAX_TOKEN}&phase=d3", WIDE),
    ("about.png", "/about", WIDE),
    ("api-docs.png", "/docs", WIDE),
]
READY = "() => !window.backprop?.store || window.backprop.store.get().status === 'ready'"


def take(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        for name, path, (width, height), *action in SHOTS:
            page.set_viewport_size({"width": width, "height": height})
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_function(READY)
            for act in action:
                act(page)
            page.wait_for_timeout(800)  # let the phase animation settle
            page.screenshot(path=str(out / name))
            print("wrote", out / name)
        browser.close()


if __name__ == "__main__":
    target = ROOT / "docs" / "screenshots"
    if len(sys.argv) > 1:
        take(sys.argv[1], target)
    else:
        port = free_port()
        with running_server([sys.executable, "-m", "app", "--port", str(port)], port, cwd=ROOT) as url:
            take(url, target)
