"""Measuring a page in headless Chromium, for the benchmarks that compare pages (bench/lab_vs_playground.py): a
static file server, the display's own frame rate, and a sampling profile of a page's main thread."""

import collections
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.server import free_port


@contextmanager
def static_server(root: Path) -> Iterator[str]:
    """Python's http.server over `root` on a free loopback port; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(root)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                with urllib.request.urlopen(f"{base}/index.html", timeout=1):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the static server for {root} did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def idle_display(browser, viewport: dict, seconds: float = 2.0) -> float:
    """requestAnimationFrame callbacks a second on an empty page: the display's rate, the ceiling of both pages."""
    page = browser.new_page(viewport=viewport)
    page.set_content("<!doctype html><title>idle</title>")
    rate = page.evaluate("""async (seconds) => {
      let n = 0, on = true;
      const tick = () => { if (on) { n += 1; requestAnimationFrame(tick); } };
      requestAnimationFrame(tick);
      await new Promise((done) => setTimeout(done, seconds * 1000));
      on = false;
      return n / seconds;
    }""", seconds)
    page.close()
    return rate


def main_thread_profile(page, read: str, seconds: float) -> dict:
    """A sampling CPU profile of the page's main thread (DevTools Protocol) while it runs: ms a frame shown that
    it spent in script, in the browser's own work there ("(program)": style, layout, paint), in garbage
    collection, and idle; and the five functions with the most self time."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Profiler.enable")
    cdp.send("Profiler.setSamplingInterval", {"interval": 1000})  # µs: coarse, to disturb the page little
    shown0 = page.evaluate(read)["shown"]
    cdp.send("Profiler.start")
    time.sleep(seconds)
    profile = cdp.send("Profiler.stop")["profile"]
    frames = max(1, page.evaluate(read)["shown"] - shown0)
    nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    self_us: collections.Counter[str] = collections.Counter()
    for sample, dt in zip(profile["samples"], profile["timeDeltas"], strict=True):
        frame = nodes[sample]
        name = frame["functionName"] or "(anonymous)"
        where = frame["url"].rsplit("/", 1)[-1]
        self_us[f"{name} ({where})" if where else name] += dt
    total = sum(self_us.values())
    special = {k: self_us.pop(k, 0) for k in ("(idle)", "(program)", "(garbage collector)")}
    script = sum(self_us.values())
    per_frame = {"script": script / 1000 / frames, "rendering": special["(program)"] / 1000 / frames,
                 "gc": special["(garbage collector)"] / 1000 / frames}
    return {"frames": frames / (total / 1e6), "busy_share": 1 - special["(idle)"] / total,
            "busy_ms": sum(per_frame.values()), **per_frame,
            "top": [(name, us / total) for name, us in self_us.most_common(5)]}
