"""The CPU time of the frames that draw the lesson, read from a Chromium performance trace.

The wall-clock timings (phase_timing.js) also count the time the page waits for a CPU: on a machine shared
with other work that can be most of it. The trace's thread time (`tdur`) of each frame's task on the page's
main thread is the work itself — script, style, layout, paint — whatever else the machine is doing (it still
runs slower when the other core's hyper-thread sibling is busy, so it is not a clean-room number either).
"""

import bisect
import json
from pathlib import Path

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]


def render_frame_cpu_ms(trace_file: Path, script: str = "/static/js/main.js") -> list[float]:
    """Main-thread CPU ms of each task that ran the lesson's render() (a frame: rAF callbacks, style, layout,
    paint). `script` is the URL path of the module whose render() marks the frame."""
    data = json.loads(trace_file.read_text())
    events = data["traceEvents"] if isinstance(data, dict) else data
    renders = [e for e in events if e.get("name") == "FunctionCall" and e.get("ph") == "X"
               and script in e.get("args", {}).get("data", {}).get("url", "")
               and e["args"]["data"].get("functionName") == "render"]
    if not renders:
        return []
    thread = (renders[0]["pid"], renders[0]["tid"])
    tasks = sorted((e for e in events if e.get("name") == "RunTask" and e.get("ph") == "X"
                    and (e["pid"], e["tid"]) == thread and "tdur" in e), key=lambda e: e["ts"])
    starts = [t["ts"] for t in tasks]
    out = []
    for call in renders:
        i = bisect.bisect_right(starts, call["ts"]) - 1   # the task that was running when render() began
        if i >= 0 and call["ts"] + call["dur"] <= tasks[i]["ts"] + tasks[i]["dur"]:
            out.append(tasks[i]["tdur"] / 1000)
    return out
