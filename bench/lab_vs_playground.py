"""The lab against TensorFlow Playground, side by side in one browser: frames and training steps a second (issue 15).

The case is Playground's "6 × 8 spiral with features": six hidden layers of 8 tanh neurons, the inputs x, y, x², y²,
xy, sin x, sin y, η = 0.03, batch 10, 500 spiral points without noise, half of them for training. Both pages run in
the same headless Chromium (Debian's, through Playwright; 1280 × 720), one after the other, several rounds, the
order swapped each round so that a noisy minute on the shared two cores hits both. Each run loads a fresh page,
presses play, warms up, then counts inside the page for `--seconds` (performance.now()):

- frames showing new weights a second: Playground redraws once per training pass (its #iter-number, "Epoch");
  the lab counts its own (`window.backprop.frames`);
- the display's frames a second: an injected requestAnimationFrame counter — the ceiling of the first;
- training steps (SGD updates of one batch of 10) a second. Playground's play loop (playground.ts, Player → d3.timer,
  which runs on requestAnimationFrame) calls oneStep() once a frame, and oneStep() is one epoch: all 250 training
  points, a weight update every 10, so 25 updates a frame, then the loss over all 500 points and a redraw that runs
  the network at 100 × 100 points of the plane. The lab trains on the server (numpy) and streams the weights
  (POST …/train/stream at the page's "normal" speed: up to 25 steps an event, paced to 14 ms); its page computes a
  32 × 32 grid from them each frame (static/js/lab/grid.js);
- the CPU the browser's processes (and for the lab the server's) spent per frame shown, from /proc.

Each round starts with an empty page's requestAnimationFrame count (2 s): the display's rate at the moment, the
most frames any page could show — 60 here, under 5 × Playground's, so the ratio of frames is capped at 60 ÷ its.

Then, unless --profile 0: the stream alone (no browser: the events and steps a second the server can feed), and a
sampling profile of each page's main thread (Chrome DevTools Protocol, the `--profile` seconds): how much of it is
busy, on what, per frame shown.

Playground's page asks for Google Fonts and Google Analytics; the browser here refuses every request outside the two
local servers, so its icons show as their names (layout only: no per-frame work changes). Output layer: Playground
uses tanh with squared error on ±1 labels; the lab's spec uses sigmoid with cross-entropy on 0/1 labels (the lab's
own choice for two classes: it colours the plane by a probability) — the same 7-8-8-8-8-8-8-1 shape and work.

Building Playground for it (once; the run itself needs no network):

    git clone <TensorFlow Playground's repository, tensorflow/playground> /tmp/playground   # or `git archive` a copy
    cd /tmp/playground && npm ci && mkdir -p dist && npm run build        # TypeScript + browserify + uglify: ~10 s
    # dist/ now holds index.html, bundle.js, lib.js, bundle.css, analytics.js

    python -m bench.lab_vs_playground [--playground /tmp/playground/dist] [--rounds 5] [--seconds 10] [--profile 5]

`--uncapped` starts Chromium with --disable-frame-rate-limit --disable-gpu-vsync: requestAnimationFrame is then
not held to the 60 Hz display, which shows what each page could draw if the screen allowed (the lab's frames are
then held by its stream's 14 ms pace and by the two cores).
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.support.server import free_port, running_server

from .common import median, print_table
from .lab_fps import CHROMIUM_ARGS, cpu_seconds
from .page_tools import idle_display, main_thread_profile, static_server

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIST = Path(os.environ.get("PLAYGROUND_DIST", "/tmp/playground/dist"))
VIEWPORT = {"width": 1280, "height": 720}
TARGET_RATIO = 5.0  # the issue's: at least 5 × Playground's frame rate
UNCAPPED_ARGS = ["--disable-frame-rate-limit", "--disable-gpu-vsync"]

# Playground's state, every property of its declarative table (src/state.ts, State.PROPS), as its URL hash.
PLAYGROUND_STATE: dict[str, str | int | float] = {
    "activation": "tanh", "batchSize": 10, "dataset": "spiral", "regDataset": "reg-plane", "learningRate": 0.03,
    "regularizationRate": 0, "noise": 0, "networkShape": "8,8,8,8,8,8", "seed": "0.12345", "showTestData": "false",
    "discretize": "false", "percTrainData": 50, "x": "true", "y": "true", "xTimesY": "true", "xSquared": "true",
    "ySquared": "true", "cosX": "false", "sinX": "true", "cosY": "false", "sinY": "true", "collectStats": "false",
    "problem": "classification", "initZero": "false", "hideText": "false",
}
PLAYGROUND_HASH = "&".join(f"{k}={v}" for k, v in PLAYGROUND_STATE.items())
# oneStep(): 500 points × 50% = 250 training points, an update after every 10th (playground.ts) — 25 a frame.
UPDATES_PER_EPOCH = 500 * int(PLAYGROUND_STATE["percTrainData"]) // 100 // int(PLAYGROUND_STATE["batchSize"])

# The same in the lab: Playground's features by our names (app/core/features.py; sin πx over our [−1, 1] is the
# wave Playground's sin x makes over its [−6, 6]).
FEATURES = ["x1", "x2", "x1_squared", "x2_squared", "x1_times_x2", "sin_pi_x1", "sin_pi_x2"]
LAB_SPEC = {"sizes": [len(FEATURES), *[8] * 6, 1], "activations": ["tanh"] * 6 + ["sigmoid"],
            "cost": "binary_cross_entropy", "eta": 0.03, "batch_size": 10, "seed": 1, "features": FEATURES,
            "dataset": {"name": "spiral", "n": 500, "noise": 0, "test_fraction": 0.5, "seed": 0}}
# What the lab's page sends at speed "normal" (static/js/lab/main.js: PLAY_STEPS, the chunk select, FRAME_MS).
STREAM_BODY = {"steps": 10_000, "chunk": 25, "frame_ms": 14}

PLAYGROUND_READ = "() => ({ shown: +document.querySelector('#iter-number').textContent.replace(/,/g, ''), events: 0 })"
LAB_READ = ("() => ({ shown: window.backprop.frames, steps: window.backprop.lab.history.at(-1).steps, "
            "events: window.__benchEvents })")
# The lab's stream events reach the page through JSON.parse (stream.js): counted here, so that the frames shown can
# be told apart from the states that arrived (a frame draws only the newest).
COUNT_EVENTS = """() => {
  const parse = JSON.parse;
  window.__benchEvents = 0;
  JSON.parse = function (text, ...rest) {
    if (typeof text === "string" && text.startsWith('{"status":')) window.__benchEvents += 1;
    return parse.call(this, text, ...rest);
  };
}"""
MEASURE = """async (seconds) => {
  const read = READ;
  let display = 0, counting = true;
  const tick = () => { if (counting) { display += 1; requestAnimationFrame(tick); } };
  requestAnimationFrame(tick);
  const [r0, t0] = [read(), performance.now()];
  await new Promise((done) => setTimeout(done, seconds * 1000));
  const [r1, t1] = [read(), performance.now()];
  counting = false;
  const dt = (t1 - t0) / 1000;
  return { fps: (r1.shown - r0.shown) / dt, display: display / dt, events: (r1.events - r0.events) / dt,
           steps: r1.steps === undefined ? null : (r1.steps - r0.steps) / dt, seconds: dt };
}"""


def lab_path() -> str:
    """/lab?spec=…: base64url of the spec's JSON without padding, as the lab reads it (spec.js labToken)."""
    token = base64.urlsafe_b64encode(json.dumps(LAB_SPEC).encode()).decode().rstrip("=")
    return f"/lab?spec={token}"


def offline_page(browser, origins: tuple[str, ...]):
    """A fresh page (its own context: empty cache) that may load from the local servers only."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route("**/*", lambda route, request: route.continue_() if request.url.startswith(origins)
                  else route.abort("blockedbyclient"))
    return context.new_page()


def with_cpu(page, read: str, seconds: float) -> dict:
    """MEASURE in the page, with the CPU the browser and the server spent meanwhile (per frame shown) and the load."""
    cpu0, t0 = cpu_seconds(), time.monotonic()
    got = page.evaluate(MEASURE.replace("READ", read), seconds)  # the reader inlined: the lab's CSP forbids eval
    cpu1, dt = cpu_seconds(), time.monotonic() - t0
    frames = max(1.0, got["fps"] * dt)
    got["browser_ms"] = 1000 * (cpu1["browser"] - cpu0["browser"]) / frames
    got["server_ms"] = 1000 * (cpu1["server"] - cpu0["server"]) / frames
    got["server_share"] = (cpu1["server"] - cpu0["server"]) / dt
    got["load"] = os.getloadavg()[0]
    return got


def open_playground(browser, base: str):
    page = offline_page(browser, (base,))
    page.goto(f"{base}/index.html#{PLAYGROUND_HASH}")
    page.wait_for_selector("#play-pause-button")
    page.click("#play-pause-button")
    page.wait_for_function("() => +document.querySelector('#iter-number').textContent.replace(/,/g, '') >= 10",
                           timeout=60_000)  # warm-up: the first passes and the JIT settle
    return page


def open_lab(browser, base: str):
    page = offline_page(browser, (base,))
    page.goto(base + lab_path())
    page.wait_for_function("() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1")
    sizes = page.evaluate("window.backprop.lab.network.spec.sizes")
    if sizes != LAB_SPEC["sizes"]:
        raise RuntimeError(f"the lab built {sizes}, not the network asked for")
    page.evaluate(COUNT_EVENTS)
    page.get_by_role("button", name="Train (P)").click()
    start = page.evaluate("window.backprop.frames")
    page.wait_for_function(f"() => window.backprop.frames >= {start + 20}", timeout=60_000)  # warm-up
    return page


def measure_playground(browser, base: str, seconds: float) -> dict:
    page = open_playground(browser, base)
    got = with_cpu(page, PLAYGROUND_READ, seconds)
    got["epochs"] = got["fps"]
    got["steps"] = got["fps"] * UPDATES_PER_EPOCH
    page.context.close()
    return got


def measure_lab(browser, base: str, seconds: float) -> dict:
    page = open_lab(browser, base)
    got = with_cpu(page, LAB_READ, seconds)
    if not page.evaluate("Boolean(window.backprop.lab.playing)"):
        raise RuntimeError(f"the lab stopped training: {page.inner_text('#lab-status')}")
    page.context.close()
    return got


# ---- diagnostics: the stream alone, and where each page's main thread goes ----

def stream_alone(base: str, seconds: float) -> dict:
    """The lab's stream as its page asks for it, read by a bare client: events and steps a second the server
    feeds when no browser shares the cores (after 1 s of warm-up)."""
    network = httpx.post(f"{base}/api/networks", json={"spec": LAB_SPEC}, timeout=30).json()
    url = f"{base}/api/networks/{network['id']}/train/stream"
    events, first, last, t0 = 0, None, None, None
    buffer = b""
    with httpx.stream("POST", url, json=STREAM_BODY, timeout=60) as response:
        started = time.monotonic()
        for raw in response.iter_raw():
            buffer += raw
            *blocks, buffer = buffer.split(b"\n\n")
            now = time.monotonic()
            for block in blocks:
                if now - started < 1.0:
                    continue
                if t0 is None:
                    t0, first = now, block
                else:
                    events, last = events + 1, block
            if t0 is not None and now - t0 >= seconds:
                break
    if t0 is None or first is None or last is None:
        raise RuntimeError("the stream ended before it could be timed")
    dt = time.monotonic() - t0

    def steps(block: bytes) -> int:
        return json.loads(block.split(b"data: ", 1)[1])["metrics"]["steps"]

    return {"events": events / dt, "steps": (steps(last) - steps(first)) / dt}


# ---- the run ----

def git_state() -> str:
    """The lab's commit, and whether the page's or the server's files differ from it (other work in the tree)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = git("status", "--porcelain", "--", "app", "static", "templates")
    return git("rev-parse", "--short", "HEAD") + (" + uncommitted changes in app/static/templates" if dirty else "")


def run(dist: Path, rounds: int, seconds: float, profile_seconds: float, uncapped: bool) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("No chromium on PATH: apt-get install chromium (Debian's package), as the browser tests use.")
    port = free_port()
    results: dict[str, list] = {"playground": [], "lab": [], "stream": []}
    idle: list[float] = []  # an empty page's requestAnimationFrame a second, each round
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port, cwd=REPO) as base, \
            static_server(dist) as playground, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS + (UNCAPPED_ARGS if uncapped else []))
        for r in range(rounds):
            idle.append(idle_display(browser, VIEWPORT))
            order = [("playground", lambda: measure_playground(browser, playground, seconds)),
                     ("lab", lambda: measure_lab(browser, base, seconds))]
            for name, measure in order if r % 2 == 0 else order[::-1]:
                results[name].append(measure())
            pg, lab = results["playground"][-1], results["lab"][-1]
            print(f"round {r + 1}/{rounds}: Playground {pg['fps']:.1f} fps (display {pg['display']:.0f}), "
                  f"lab {lab['fps']:.1f} fps (display {lab['display']:.0f}, {lab['events']:.0f} events/s, "
                  f"{lab['steps']:,.0f} steps/s); load {lab['load']:.1f}", file=sys.stderr)
        profiles = {}
        if profile_seconds > 0:
            results["stream"].append(stream_alone(base, seconds))
            for name, opener, read in (("playground", lambda: open_playground(browser, playground), PLAYGROUND_READ),
                                       ("lab", lambda: open_lab(browser, base), LAB_READ)):
                page = opener()
                profiles[name] = main_thread_profile(page, read, profile_seconds)
                page.context.close()
        browser.close()
    report(results, idle, profiles, rounds, seconds, uncapped)


def report(results: dict[str, list[dict]], idle: list[float], profiles: dict[str, dict], rounds: int, seconds: float,
           uncapped: bool) -> None:
    pg, lab = results["playground"], results["lab"]

    def med(rows: list[dict], key: str) -> float:
        return median([row[key] for row in rows])

    def runs(rows: list[dict], key: str) -> str:
        return ", ".join(f"{row[key]:.0f}" for row in rows)

    fps_ratios = [b["fps"] / a["fps"] for a, b in zip(pg, lab, strict=True)]
    step_ratios = [b["steps"] / a["steps"] for a, b in zip(pg, lab, strict=True)]
    cpu_ratios = [(a["browser_ms"] + a["server_ms"]) / (b["browser_ms"] + b["server_ms"])
                  for a, b in zip(pg, lab, strict=True)]
    fps_ratio, step_ratio = median(fps_ratios), median(step_ratios)
    display = median(idle)
    rows = [
        ("Playground: frames a second (each one epoch: 25 updates)",
         f"{med(pg, 'fps'):.1f} fps (runs {runs(pg, 'fps')}; display {med(pg, 'display'):.0f} frames/s); "
         f"{med(pg, 'steps'):,.0f} updates/s; browser CPU {med(pg, 'browser_ms'):.0f} ms a frame", "", ""),
        ("the lab: frames with new weights a second",
         f"{med(lab, 'fps'):.1f} fps (runs {runs(lab, 'fps')}; display {med(lab, 'display'):.0f} frames/s; "
         f"{med(lab, 'events'):.0f} stream events/s arrived); {med(lab, 'steps'):,.0f} updates/s, "
         f"{med(lab, 'steps') / med(lab, 'fps'):.0f} a frame; browser CPU {med(lab, 'browser_ms'):.0f} ms a frame, "
         f"server {med(lab, 'server_ms'):.0f} ms a frame ({100 * med(lab, 'server_share'):.0f}% of a core)", "", ""),
        ("frames a second, lab ÷ Playground (median of the rounds' ratios)",
         f"{fps_ratio:.2f}× (rounds {', '.join(f'{x:.2f}' for x in fps_ratios)})",
         f"≥ {TARGET_RATIO:g}× ({TARGET_RATIO * med(pg, 'fps'):.0f} fps)",
         "yes" if fps_ratio >= TARGET_RATIO else "no"),
        ("training steps (updates of 10 examples) a second, lab ÷ Playground",
         f"{step_ratio:.2f}× (rounds {', '.join(f'{x:.2f}' for x in step_ratios)})", "report", ""),
        ("CPU a frame shown (browser + server), Playground ÷ lab",
         f"{median(cpu_ratios):.1f}× (Playground {med(pg, 'browser_ms'):.0f} ms, the lab "
         f"{med(lab, 'browser_ms') + med(lab, 'server_ms'):.0f} ms)", "report", ""),
    ]
    if not uncapped:  # (uncapped, an empty page still gets ~60: with nothing to draw Chromium makes no more)
        rows.append(("the display's ceiling: an empty page's requestAnimationFrame a second",
                     f"{display:.0f} (runs {', '.join(f'{x:.0f}' for x in idle)}): at most "
                     f"{display / med(pg, 'fps'):.1f}× Playground's median can be shown", "", ""))
    if results["stream"]:
        stream = results["stream"][0]
        rows.append(("the lab's stream alone (no browser, 1 run)",
                     f"{stream['events']:.0f} events/s, {stream['steps']:,.0f} updates/s", "", ""))
    for name, prof in profiles.items():
        top = "; ".join(f"{fn} {100 * share:.0f}%" for fn, share in prof["top"][:3])
        rows.append((f"{'Playground' if name == 'playground' else 'the lab'}: the page's main thread "
                     f"(profiled apart, {prof['frames']:.0f} fps while profiled)",
                     f"busy {100 * prof['busy_share']:.0f}% — {prof['busy_ms']:.1f} ms a frame (room for "
                     f"{1000 / prof['busy_ms']:.0f} a second): script {prof['script']:.1f}, rendering "
                     f"{prof['rendering']:.1f}, GC {prof['gc']:.1f}; "
                     f"most self time: {top}", "", ""))
    mode = "uncapped requestAnimationFrame" if uncapped else "60 Hz display"
    print_table(f"The lab against TensorFlow Playground, 6 × 8 spiral with features (headless Chromium "
                f"{VIEWPORT['width']}×{VIEWPORT['height']}, {mode}; {rounds} rounds × {seconds:g} s, alternating; "
                f"medians; lab at {git_state()}; load average {med(pg + lab, 'load'):.1f} on {os.cpu_count()} cores)",
                rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--playground", type=Path, default=DEFAULT_DIST,
                        help=f"Playground's built dist/ (default {DEFAULT_DIST}, or $PLAYGROUND_DIST)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=10.0, help="counted per page per round")
    parser.add_argument("--profile", type=float, default=5.0,
                        help="seconds of the main-thread profile of each page (0: no diagnostics)")
    parser.add_argument("--uncapped", action="store_true", help="requestAnimationFrame not held to the display")
    args = parser.parse_args()
    if not (args.playground / "index.html").is_file() or not (args.playground / "bundle.js").is_file():
        sys.exit(f"No built Playground at {args.playground} (index.html and bundle.js). Build it once, offline "
                 "afterwards:\n  git clone <tensorflow/playground> /tmp/playground\n"
                 "  cd /tmp/playground && npm ci && mkdir -p dist && npm run build\n"
                 "then pass --playground /tmp/playground/dist (the default) or set PLAYGROUND_DIST.")
    run(args.playground, args.rounds, args.seconds, args.profile, args.uncapped)


if __name__ == "__main__":
    main()
