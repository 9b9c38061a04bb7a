"""One check of everything a reader sees on a page, as drawn: no two texts overlap, no diagram text lies on a neuron
it does not belong to, no text is cut off, every text meets WCAG 2.2 AA contrast against what is behind it, and — in
projector mode — every text is at least 24 px. The measuring runs in the page (page_texts.js); the judging here."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page

TEXTS_JS = (Path(__file__).with_name("page_texts.js")).read_text()
TOLERANCE = 1.0          # px: anti-aliasing, not collision
PROJECTOR_MIN_PX = 24.0  # the promise for the back of the room
AA_NORMAL, AA_LARGE = 4.5, 3.0

CIRCLES_JS = """() => [...document.querySelectorAll("svg .neuron")].filter((n) => n.checkVisibility()).map((n) => {
  const c = n.querySelector("circle.body"), m = c.getScreenCTM();
  return { who: `${n.dataset.l}:${n.dataset.j}`, x: m.a * +c.getAttribute("cx") + m.e,
           y: m.d * +c.getAttribute("cy") + m.f, r: m.a * +c.getAttribute("r") };
})"""


# Both in one call, as one JSON string: Playwright's own serializer takes longer over a few hundred small objects
# than the measuring itself.
# The lesson's equations — the general form and the rows — never run past their panel (set smaller, or wrapped at
# their operators instead).
ROWS_JS = """() => [...document.querySelectorAll("#eq-general, .eq-rows .eq")]
  .filter((e) => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1).map((e) => e.id)"""
MEASURE_JS = (f"() => JSON.stringify({{ texts: ({TEXTS_JS})(), circles: ({CIRCLES_JS})(), "
              f"rowsCut: ({ROWS_JS})() }})")


def measure(page: Page) -> dict:
    return json.loads(page.evaluate(MEASURE_JS))


def _overlap(a: dict, b: dict) -> float:
    w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    h = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
    return min(w, h) if w > 0 and h > 0 else 0.0


def _on_circle(t: dict, c: dict) -> bool:
    """Does the text's box reach into the circle by more than the tolerance?"""
    nx = min(max(c["x"], t["x0"]), t["x1"])
    ny = min(max(c["y"], t["y0"]), t["y1"])
    return (nx - c["x"]) ** 2 + (ny - c["y"]) ** 2 < (c["r"] - TOLERANCE) ** 2


def judge(seen: dict, where: str, *, projector: bool = False, contrast: bool = True) -> list[str]:
    """Every problem in a measurement (from measure()), each a line naming where and what."""
    found = [f"{where}: equation row #{row} runs past its panel" for row in seen.get("rowsCut", [])]
    texts = seen["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if a.get("group") is not None and a.get("group") == b.get("group"):
                continue  # two lines of one text
            if _overlap(a, b) > TOLERANCE:
                found.append(f"{where}: {a['what']} overlaps {b['what']}")
        for c in seen["circles"]:
            if a["kind"] == "svg" and a["owner"] != c["who"] and _on_circle(a, c):
                found.append(f"{where}: {a['what']} lies on neuron {c['who']}")
        if a["clipped"]:
            found.append(f"{where}: {a['what']} is cut off")
        if projector and a["size"] < PROJECTOR_MIN_PX - 0.05:
            found.append(f"{where}: {a['what']} is {a['size']:.1f} px in projector mode")
        need = AA_LARGE if a["large"] else AA_NORMAL
        if contrast and a["ratio"] is not None and a["ratio"] < need - 0.01:
            found.append(f"{where}: {a['what']} has contrast {a['ratio']:.2f}:1 (AA asks {need}:1)")
    return found


def page_problems(page: Page, where: str, *, projector: bool = False, contrast: bool = True) -> list[str]:
    return judge(measure(page), where, projector=projector, contrast=contrast)


def report(found: list[str]) -> str:
    unique = list(dict.fromkeys(found))
    return f"{len(unique)} problems, first 15:\n" + "\n".join(unique[:15])
