"""Everything a reader sees on the lesson page holds up at the screens classrooms have — for every preset, in normal and
projector mode, light and dark, at every phase of a step: no two texts overlap (SVG, HTML and KaTeX alike), no diagram
text lies on a neuron it does not belong to, nothing is cut off, every text meets AA contrast against what is behind
it, and in projector mode every text is at least 24 px (page_check.py). A diagram label with truly no room is hidden
and shown on hover or focus; the legend says so."""

from __future__ import annotations

import base64
import json

import pytest
from playwright.sync_api import expect

from app.core.presets import PRESETS
from tests.e2e.lesson_pages import each_phase
from tests.e2e.page_check import judge, measure, page_problems, report

# Each size in both modes; the theme alternates so that each mode meets both themes across the sizes: every phase of
# every preset is measured in both themes, in both modes (the contrast of dimmed neurons included).
WALKS = [
    ((1024, 768), "normal", "light"), ((1024, 768), "projector", "dark"),
    ((1280, 720), "normal", "dark"), ((1280, 720), "projector", "light"),
    ((1366, 768), "normal", "light"), ((1366, 768), "projector", "dark"),
    ((1920, 1080), "normal", "dark"), ((1920, 1080), "projector", "light"),
]


# Beyond the presets: a network of seven input features on a data set (their values run long, e.g. 0.0001298).
FEATURED = {"sizes": [7, 4, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy", "eta": 0.1,
            "dataset": {"name": "spiral", "n": 200}, "features": ["x1", "x2", "x1_squared", "x2_squared",
                                                                "x1_times_x2", "sin_pi_x1", "sin_pi_x2"]}
PAGES = {**{preset: f"?preset={preset}" for preset in sorted(PRESETS)},
         "features-7-4-1": "?spec=" + base64.urlsafe_b64encode(json.dumps(FEATURED).encode()).decode().rstrip("=")}


def _switch(page, mode: str, theme: str) -> None:
    """Press M and T as a teacher would until the lesson is in this mode and theme."""
    state = page.evaluate("(() => { const s = window.backprop.store.get(); return [s.mode, s.theme]; })()")
    if state[0] != mode:
        page.keyboard.press("m")
    if state[1] != theme:
        page.keyboard.press("t")


@pytest.mark.parametrize("preset", sorted(PAGES))
def test_every_text_is_readable_at_every_size_mode_and_theme(new_guarded_page, preset: str, artifacts) -> None:
    """One page per preset (and a featured network), resized and switched in place (the lesson lays itself out
    again); a screenshot of each size, mode and theme at the step's middle phase goes to test-artifacts/ for a
    person to look at."""
    page = new_guarded_page(*WALKS[0][0])
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"/{PAGES[preset]}")
    expect(page.locator("#status")).to_be_hidden()
    found: list[str] = []
    for (width, height), mode, theme in WALKS:
        page.set_viewport_size({"width": width, "height": height})
        _switch(page, mode, theme)
        middle = page.evaluate("window.backprop.store.get().phases.length") // 2
        for index in each_phase(page, {"mode": mode, "theme": theme}):
            found += page_problems(page, f"{width}×{height} {mode} {theme}, phase {index}",
                                   projector=mode == "projector")
            if index == middle:
                page.screenshot(path=artifacts / f"lesson-{preset}-{width}x{height}-{mode}-{theme}.png")
    assert not found, report(found)


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_a_4k_projector_at_twice_the_pixels_reads_the_same(new_guarded_page, preset: str, artifacts) -> None:
    """3840 × 2160 at device pixel ratio 2 (a 1920 × 1080 CSS-pixel page drawn at twice the pixels)."""
    page = new_guarded_page(1920, 1080, device_scale_factor=2)
    page.emulate_media(reduced_motion="reduce")
    page.goto(f"/?preset={preset}&mode=projector&theme=dark")
    expect(page.locator("#status")).to_be_hidden()
    found: list[str] = []
    for index in each_phase(page, {"mode": "projector"}):
        found += page_problems(page, f"4K projector, phase {index}", projector=True)
    assert not found, report(found)
    page.screenshot(path=artifacts / f"lesson-{preset}-3840x2160-projector-dark.png")


def test_the_check_sees_overlap_cut_off_small_and_faint_text() -> None:
    a = {"what": "a", "kind": "svg", "owner": None, "x0": 0, "y0": 0, "x1": 10, "y1": 10, "size": 24, "ratio": 7,
         "large": True, "clipped": False}
    b = {**a, "what": "b", "x0": 5, "y0": 5, "x1": 15, "y1": 15}
    far = {**a, "what": "far", "x0": 50, "x1": 60}
    assert judge({"texts": [a, b], "circles": []}, "here")
    assert judge({"texts": [a], "circles": [{"who": "2:0", "x": 12, "y": 5, "r": 4}]}, "here")
    assert not judge({"texts": [a, far], "circles": [{"who": "2:0", "x": 30, "y": 5, "r": 4}]}, "here", projector=True)
    assert judge({"texts": [{**a, "clipped": True}], "circles": []}, "here")
    assert judge({"texts": [{**a, "size": 20}], "circles": []}, "here", projector=True)
    assert not judge({"texts": [{**a, "size": 20}], "circles": []}, "here", projector=False)
    assert judge({"texts": [{**a, "ratio": 2.9}], "circles": []}, "here")
    assert judge({"texts": [{**a, "ratio": 4.0, "large": False}], "circles": []}, "here")
    assert not judge({"texts": [{**a, "ratio": 4.0, "large": True}], "circles": []}, "here")
    assert judge({"texts": [], "circles": [], "rowsCut": ["eq-substituted"]}, "here")
    # Two lines of one paragraph (one group) are one text; the same boxes from two elements collide.
    line1, line2 = {**a, "kind": "html", "group": 3}, {**b, "kind": "html", "group": 3}
    assert not judge({"texts": [line1, line2], "circles": []}, "here")
    assert judge({"texts": [line1, {**line2, "group": 4}], "circles": []}, "here")


def test_the_check_measures_a_real_page(new_guarded_page) -> None:
    """The in-page measurement finds a planted overlap and a planted faint text on the real lesson."""
    page = new_guarded_page(1280, 720)
    page.goto("/?preset=mazur-2-2-2")
    expect(page.locator("#status")).to_be_hidden()
    # Measured once the neurons' fills have finished fading in (mid-fade a value's contrast is not yet its own).
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    assert not page_problems(page, "as loaded")
    page.evaluate("""() => {
      const cap = document.getElementById('caption');
      const twin = cap.cloneNode(true); twin.id = 'twin';
      twin.style.cssText = 'position: fixed; left: ' + cap.getBoundingClientRect().left + 'px; top: '
        + cap.getBoundingClientRect().top + 'px; color: #eee';
      document.body.append(twin);
    }""")
    seen = measure(page)
    problems = judge(seen, "planted")
    assert any("overlaps" in p and "twin" in p for p in problems), problems
    assert any("contrast" in p and "twin" in p for p in problems), problems
