"""The lab draws from the training stream alone: its grid (computed in the page from the streamed parameters)
equals the server's GET /boundary within 1e-9, and a frame of training fetches neither the network nor the grid."""

import base64
import json

from playwright.sync_api import Page

from tests.support.registry_space import HIDDEN

READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"

# The page's grid against GET /boundary at the same resolution: the same keys and shapes, and the largest gap.
COMPARE = """async () => {
  const { grid, network } = window.backprop.lab;
  const res = await fetch(`/api/networks/${network.id}/boundary?resolution=${grid.resolution}`);
  const server = await res.json();
  let gap = 0, shapes = true;
  const walk = (a, b) => {
    if (typeof b === "number") { gap = Math.max(gap, Math.abs(a - b)); return; }
    if (!Array.isArray(a) || a.length !== b.length) { shapes = false; return; }
    b.forEach((v, i) => walk(a[i], v));
  };
  walk(grid.xs, server.xs); walk(grid.ys, server.ys); walk(grid.output, server.output);
  shapes = shapes && grid.hidden.length === server.hidden.length && grid.resolution === server.resolution
    && Object.keys(grid).sort().join() === Object.keys(server).sort().join();
  grid.hidden.forEach((h, i) => { shapes = shapes && h.l === server.hidden[i].l; walk(h.a, server.hidden[i].a); });
  return { gap, shapes, version: network.version, steps: network.steps };
}"""


def spec_url(spec: dict) -> str:
    return "/lab?spec=" + base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("=")


def ten_steps_then_compare(page: Page) -> dict:
    """+10 steps (the stream runs to its end, so the page has the server's last parameters), then compare."""
    before = page.evaluate("window.backprop.lab.history.at(-1).steps")
    page.get_by_role("button", name="+10 steps").click()
    page.wait_for_function(f"() => window.backprop.lab.history.at(-1).steps === {before + 10} "
                           "&& !window.backprop.lab.playing")
    page.wait_for_function("() => window.backprop.lab.grid && "
                           "window.backprop.lab.network.steps === window.backprop.lab.history.at(-1).steps")
    return page.evaluate(COMPARE)


def test_the_page_grid_equals_the_server_boundary_for_every_hidden_activation(page: Page) -> None:
    """A hidden layer of each activation the registry has (a new one too): the page's σ is the server's."""
    spec = {"sizes": [2, *[4] * len(HIDDEN), 1], "activations": [*HIDDEN, "sigmoid"], "cost": "binary_cross_entropy",
            "eta": 0.3, "batch_size": 16, "seed": 2, "dataset": {"name": "circle", "n": 200, "noise": 0.1}}
    page.goto(spec_url(spec))
    page.wait_for_function(READY)
    got = ten_steps_then_compare(page)
    assert got["shapes"] and got["gap"] <= 1e-9, got
    assert got["steps"] == 10


def test_the_page_grid_equals_the_server_boundary_for_softmax_spiral3(page: Page) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    old_id = page.evaluate("window.backprop.lab.network.id")
    page.get_by_label("Data set").select_option("spiral3")
    page.wait_for_function(f"() => window.backprop.lab.network.id !== '{old_id}' && window.backprop.lab.grid")
    assert page.evaluate("window.backprop.lab.network.spec.activations.at(-1)") == "softmax"
    got = ten_steps_then_compare(page)
    assert got["shapes"] and got["gap"] <= 1e-9, got


def test_training_frames_fetch_neither_the_network_nor_the_grid(page: Page) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "/api/" in r.url else None)
    page.goto("/lab")
    page.wait_for_function(READY)
    fetched.clear()
    start = page.evaluate("window.backprop.frames")
    page.get_by_role("button", name="Train (P)").click()
    page.wait_for_function(f"() => window.backprop.frames >= {start + 20}", timeout=60_000)
    during = list(fetched)  # (a pause then reads the network back once: tests/e2e/test_lab_fixes.py)
    page.keyboard.press("p")
    assert during and all(url.endswith("/train/stream") for url in during), during
    assert page.evaluate("window.backprop.lab.history.length") > 20
