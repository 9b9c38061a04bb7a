"""No two texts of the lesson's diagram overlap, and no text lies on a neuron it does not belong to — for every
preset, at the screens classrooms have, in normal and projector mode, at every phase of a step. (A label with truly
no room is hidden and shown on hover or focus; the legend says so.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app.core.presets import PRESETS
from tests.e2e.lesson_pages import each_phase

TOLERANCE = 1.0  # px: anti-aliasing, not collision

# In the page: the boxes of every visible diagram text (its glyphs' box, not the halo) and of every neuron circle.
BOXES = """() => {
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && el.checkVisibility(); };
  const box = (r) => ({ x0: r.left, y0: r.top, x1: r.right, y1: r.bottom });
  const texts = [...document.querySelectorAll("#diagram text")].filter((t) => shown(t) && t.textContent.trim()
    && !t.classList.contains("probe"))
    .map((t) => ({ what: `${t.getAttribute("class")} "${t.textContent}"`, owner: t.closest(".neuron")?.dataset
      ? `${t.closest(".neuron")?.dataset.l}:${t.closest(".neuron")?.dataset.j}` : null, ...box(t.getBoundingClientRect()) }));
  const circles = [...document.querySelectorAll("#diagram .neuron")].filter(shown).map((n) => {
    const c = n.querySelector("circle.body");
    return { who: `${n.dataset.l}:${n.dataset.j}`, cx: +c.getAttribute("cx"), cy: +c.getAttribute("cy"), r: +c.getAttribute("r"),
             ctm: c.getScreenCTM() };
  }).map((c) => ({ who: c.who, x: c.ctm.a * c.cx + c.ctm.e, y: c.ctm.d * c.cy + c.ctm.f, r: c.ctm.a * c.r }));
  return { texts, circles };
}"""


def _overlap(a: dict, b: dict) -> float:
    w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    h = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
    return min(w, h) if w > 0 and h > 0 else 0.0


def _on_circle(t: dict, c: dict) -> bool:
    """Does the text's box reach into the circle by more than the tolerance?"""
    nx = min(max(c["x"], t["x0"]), t["x1"])
    ny = min(max(c["y"], t["y0"]), t["y1"])
    return (nx - c["x"]) ** 2 + (ny - c["y"]) ** 2 < (c["r"] - TOLERANCE) ** 2


def collisions(boxes: dict, where: str) -> list[str]:
    found = []
    texts = boxes["texts"]
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if _overlap(a, b) > TOLERANCE:
                found.append(f"{where}: {a['what']} overlaps {b['what']}")
        for c in boxes["circles"]:
            if a["owner"] != c["who"] and _on_circle(a, c):
                found.append(f"{where}: {a['what']} lies on neuron {c['who']}")
    return found


SIZES = [(1024, 768), (1280, 720), (1920, 1080)]


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_no_diagram_text_collides(new_guarded_page, preset: str) -> None:
    """One page per preset, resized and switched between modes in place (the lesson lays itself out again)."""
    page = new_guarded_page(*SIZES[0])
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"/?preset={preset}")
    expect(page.locator("#status")).to_be_hidden()
    found: list[str] = []
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for mode in ("normal", "projector"):
            if page.evaluate("window.backprop.store.get().mode") != mode:
                page.keyboard.press("m")
            for index in each_phase(page, {"mode": mode}):
                found += collisions(page.evaluate(BOXES), f"{width}×{height} {mode}, phase {index}")
    unique = list(dict.fromkeys(found))
    assert not unique, f"{len(unique)} collisions, first 12:\n" + "\n".join(unique[:12])


def test_the_collision_check_sees_an_overlap() -> None:
    a = {"what": "a", "owner": None, "x0": 0, "y0": 0, "x1": 10, "y1": 10}
    b = {"what": "b", "owner": None, "x0": 5, "y0": 5, "x1": 15, "y1": 15}
    assert collisions({"texts": [a, b], "circles": []}, "here")
    assert collisions({"texts": [a], "circles": [{"who": "2:0", "x": 12, "y": 5, "r": 4}]}, "here")
    assert not collisions({"texts": [a], "circles": [{"who": "2:0", "x": 30, "y": 5, "r": 4}]}, "here")
