"""The lesson page in headless Chromium: how long one phase change takes to re-render, and how many bytes of
JS and CSS the page loads.

Re-render: the lesson opens a 6-layer × 16-neuron network, 16-16-16-16-16-16 — six layers of 16 neurons each,
the input and output included (96 neurons, 1,280 edges), the heaviest reading of "6 × 16" — and presses → and ←
through the micro-steps, timed with performance.now() inside the page (bench/phase_timing.js). The steps are
fetched from the server once beforehand, so each timing is the render from data in hand, not a fetch. Presses
come GAP_MS apart, faster than any presenter (the lesson's quickest play speed is one step per 500 ms), and
again back to back, as a key held down does. Between presses the page does what it does in use: the equations
of the neighbouring micro-steps are typeset in idle time (render/equation.js), when there is idle time.

Bytes: every JS and CSS response of a cold first load, from Playwright's network events: the decoded body
(what the browser parses) and the encoded body as sent (what a classroom network carries; headers excluded).
The page's own files and the vendored libraries (static/vendor/) are counted apart. 1 kB = 1,000 bytes.

Needs Chromium (Debian's package) and playwright, as the browser tests do.
"""

import base64
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from tests.support.server import free_port, running_server

from . import frame_cpu
from .common import percentile

REPO = Path(__file__).resolve().parents[1]
PHASE_TIMING_JS = (Path(__file__).parent / "phase_timing.js").read_text()
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1920, "height": 1080}  # the screen for this target (a 1080p projector)

SIZES = [16] * 6
FRAME_MS = 1000 / 60
BYTES_TARGET = 150_000
STEPS_HELD = 5        # training steps fetched before timing: 5 × 20 phases = 100 presses forward, 100 back
GAP_MS = 300          # between presses: the previous phase's 700 ms flow animation is still running


def six_by_sixteen_spec() -> dict:
    """The 16-16-16-16-16-16 network with four explicit 16-value examples (no data set has 16 inputs)."""
    rng = np.random.default_rng(0)
    x = np.round(rng.uniform(-1, 1, (4, SIZES[0])), 2).tolist()
    y = np.round(rng.uniform(0.05, 0.95, (4, SIZES[-1])), 2).tolist()
    return {"sizes": SIZES, "activations": "sigmoid", "cost": "quadratic", "eta": 0.5, "batch_size": 4,
            "seed": 1, "samples": {"x": x, "y": y}}


def lesson_query(spec: dict, phase: str = "start") -> str:
    token = base64.urlsafe_b64encode(json.dumps(spec, separators=(",", ":")).encode()).decode().rstrip("=")
    return f"/?spec={token}&phase={phase}"


def launch(playwright):
    chromium = shutil.which("chromium")
    if chromium is None:
        raise RuntimeError("Chromium is not installed: run `make setup-test` (Debian's chromium package)")
    return playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)


def offline_context(browser, base: str):
    """A fresh 1280×720 context (empty cache) that may talk to the server under test only."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route("**/*", lambda route, request: route.continue_() if request.url.startswith(base)
                  else route.abort("blockedbyclient"))
    return context


def wait_ready(page) -> None:
    page.wait_for_function("() => window.backprop?.store.get().status === 'ready'", timeout=30_000)


# ---- bytes ----

def load_bytes(browser, base: str) -> dict[str, dict[str, int]]:
    """Decoded and encoded body bytes of the JS and CSS of a cold load: the page's own and the vendored files
    loaded at start, and the page's own modules loaded later, at the first use of Build… and Export…"""
    context = offline_context(browser, base)
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(base + "/", wait_until="networkidle")
    wait_ready(page)
    page.wait_for_load_state("networkidle")
    totals = {"own": tally(responses, vendored=False), "vendor": tally(responses, vendored=True)}
    at_start = len(responses)
    for button, dialog in (("#build-button", "#builder"), ("#export-button", "#export")):
        page.click(button)
        page.wait_for_selector(f"{dialog}[open]")
        page.keyboard.press("Escape")
    page.wait_for_load_state("networkidle")
    totals["later"] = tally(responses[at_start:], vendored=False)
    context.close()
    return totals


def tally(responses, vendored: bool) -> dict[str, int]:
    out = {"raw": 0, "sent": 0, "files": 0}
    for response in responses:
        path = urlsplit(response.url).path
        if path.endswith((".js", ".mjs", ".css")) and path.startswith("/static/vendor/") == vendored:
            out["raw"] += len(response.body())
            out["sent"] += response.request.sizes()["responseBodySize"]
            out["files"] += 1
    return out


def kb(n: int) -> str:
    return f"{n / 1000:.1f} kB"


def byte_rows(totals: dict[str, dict[str, int]]) -> list[tuple[str, str, str, str]]:
    own, vendor, later = totals["own"], totals["vendor"], totals["later"]
    met = [name for name, n in (("raw", own["raw"]), ("as sent", own["sent"])) if n <= BYTES_TARGET]
    return [
        (f"the lesson's own JS + CSS loaded at start ({own['files']} files)",
         f"raw {kb(own['raw'])}, as sent (gzip) {kb(own['sent'])}", f"≤ {kb(BYTES_TARGET)}",
         f"yes ({' and '.join(met)})" if met else "no"),
        (f"… and loaded at first use of Build… and Export… ({later['files']} files, not at start)",
         f"raw {kb(later['raw'])}, as sent (gzip) {kb(later['sent'])}", "report", ""),
        (f"vendored (KaTeX) JS + CSS, counted apart ({vendor['files']} files; its fonts not counted)",
         f"raw {kb(vendor['raw'])}, as sent (gzip) {kb(vendor['sent'])}", "report", ""),
    ]


# ---- re-render ----

def phase_timings(browser, base: str, spec: dict, gap_ms: int, steps: int = STEPS_HELD,
                  trace: Path | None = None) -> list[dict]:
    """Press → through `steps` steps' worth of phases, then ← as many: one timing per press (phase_timing.js).
    With `trace`, a Chromium performance trace of the presses is written there (see frame_cpu.py)."""
    context = offline_context(browser, base)
    page = context.new_page()
    page.goto(base + lesson_query(spec))
    wait_ready(page)
    phases = page.evaluate("window.backprop.store.get().phases.length")
    # Fetch the steps once (the session keeps them), then go back to the start: every press below re-renders
    # from data the page already holds.
    page.evaluate(f"window.backprop.session.goTo({steps - 1}, {phases - 1})")
    page.evaluate("window.backprop.session.goTo(0, 0)")
    page.wait_for_timeout(500)  # let the first frames (and the idle-time work) settle
    presses = steps * phases - 1
    timings = []
    if trace:
        browser.start_tracing(page=page, path=trace, categories=frame_cpu.CATEGORIES)
    for key in ("ArrowRight", "ArrowLeft"):
        timings += page.evaluate(PHASE_TIMING_JS, {"key": key, "count": presses, "gap": gap_ms,
                                                   "wrapRaf": trace is None})
    if trace:
        browser.stop_tracing()
    context.close()
    return timings


def p50_p95(timings: list[dict], key: str) -> str:
    xs = [t[key] for t in timings]
    return f"p50 {percentile(xs, 50):.1f} ms, p95 {percentile(xs, 95):.1f} ms"


def render_rows(paced: list[dict], held: list[dict], cpu: list[float],
                load: tuple[float, float]) -> list[tuple[str, str, str, str]]:
    usable = [t for t in paced if t["sameFrame"]]
    dropped = len(paced) - len(usable)
    frame95 = percentile([t["frame"] for t in usable], 95)
    net = "-".join(map(str, SIZES))
    what = (f"{net}, {len(usable)} changes → and ←, one every {GAP_MS} ms"
            + (f"; {dropped} dropped: not drawn in the frame timed" if dropped else ""))
    held_ok = [t for t in held if t["sameFrame"]]
    return [
        (f"re-render one phase change ({what}): the frame that shows it, from its first rAF callback "
         + "(data in hand) to style, layout and paint done",
         p50_p95(usable, "frame"), f"p95 ≤ {FRAME_MS:.1f} ms", "yes" if frame95 <= FRAME_MS else "no"),
        ("of which the render function (diagram, equations with KaTeX, legend, inspector, timeline)",
         p50_p95(usable, "sync"), "report", ""),
        ("key press → that frame done (adds the wait for the frame to begin: not work)",
         p50_p95(usable, "latency"), "report", ""),
        (f"key held down ({net}, {len(held_ok)} changes back to back): the same frame",
         p50_p95(held_ok, "frame"), "report", ""),
        (f"main-thread CPU time of that frame, from a Chromium trace of another {len(cpu)} paced changes "
         + "(the work itself, without the waits for a busy CPU)",
         f"p50 {percentile(cpu, 50):.1f} ms, p95 {percentile(cpu, 95):.1f} ms" if cpu else "no frames found",
         "report", ""),
        ("load on the machine during these runs (1-minute load average; 2 cores shared with other work)",
         f"{load[0]:.1f} at the start, {load[1]:.1f} at the end", "report", ""),
    ]


def run() -> list[tuple[str, str, str, str]]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [("browser benchmark", "skipped: install the test extra (playwright)", "", "no")]
    if shutil.which("chromium") is None:
        return [("browser benchmark", "skipped: no Chromium (`make setup-test` installs Debian's)", "", "no")]

    port = free_port()
    with (running_server([sys.executable, "-m", "app", "--port", str(port)], port, cwd=REPO) as base,
          sync_playwright() as playwright):
        browser = launch(playwright)
        try:
            load_before = os.getloadavg()[0]
            paced = phase_timings(browser, base, six_by_sixteen_spec(), GAP_MS)
            held = phase_timings(browser, base, six_by_sixteen_spec(), 0, steps=3)
            with tempfile.TemporaryDirectory() as tmp:
                trace = Path(tmp) / "trace.json"
                phase_timings(browser, base, six_by_sixteen_spec(), GAP_MS, steps=2, trace=trace)
                cpu = frame_cpu.render_frame_cpu_ms(trace)
            load = (load_before, os.getloadavg()[0])
            totals = load_bytes(browser, base)
        finally:
            browser.close()
    return render_rows(paced, held, cpu, load) + byte_rows(totals)


if __name__ == "__main__":
    from .common import print_table

    print_table("Browser (headless Chromium, performance.now() in the page)", run())
