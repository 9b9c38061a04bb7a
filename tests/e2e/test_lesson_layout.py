"""The lesson's layout, measured: the main equation keeps its full size whatever else is open."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.waits import when_drawn

SIZES = [(1024, 768), (1280, 720), (1920, 1080)]


@pytest.mark.parametrize("mode", ["normal", "projector"])
@pytest.mark.parametrize("width,height", SIZES)
def test_the_main_equation_keeps_its_size_with_matrices_and_inspector_open(new_guarded_page, width: int, height: int,
                                                                           mode: str) -> None:
    page = new_guarded_page(width, height)
    page.goto(f"/?preset=lecture-3-2-1&phase=update&matrix=1&mode={mode}")
    expect(page.locator("#status")).to_be_hidden()
    page.locator('#diagram .edge[data-l="2"][data-j="0"][data-k="0"]').dispatch_event("click")
    if mode == "normal":
        expect(page.locator("#inspector h2")).to_be_visible()
    page.evaluate("window.backprop.drawn()")
    box = page.evaluate("""() => {
        const el = document.querySelector('#eq-general');
        const math = el.querySelector('.katex-html').getBoundingClientRect();
        return { client: el.clientHeight, content: el.scrollHeight, math: math.height };
    }""")
    assert box["content"] <= box["client"] + 1, f"the equation is cut: {box}"
    assert box["math"] >= 20, f"the equation is squashed: {box}"
    # The page itself never scrolls: the pane does, if it must.
    root = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
    assert root == [width, height]


def test_a_phone_gets_one_readable_column(new_guarded_page) -> None:
    """390 × 844: the diagram, the equation panel under it and back/next at the bottom; nothing sideways, no text
    collides, and a tap on Next steps the lesson."""
    from tests.e2e.page_check import page_problems

    page = new_guarded_page(390, 844, has_touch=True, is_mobile=True, device_scale_factor=2)
    page.emulate_media(reduced_motion="reduce")   # colors measured as they end, not halfway through a transition
    page.goto("/?preset=mazur-2-2-2")
    expect(page.locator("#status")).to_be_hidden()
    found: list[str] = []
    for phase, theme in (("start", "light"), ("d3", "dark"), ("bp4", "light"), ("update", "dark")):
        while page.evaluate("window.backprop.store.get().phaseId") != phase:
            before = page.evaluate("window.backprop.store.get().phaseIndex")
            page.locator("#next-button").tap()
            when_drawn(page, "b => window.backprop.store.get().phaseIndex !== b", arg=before)
        if page.evaluate("window.backprop.store.get().theme") != theme:
            page.locator("#theme-button").tap()
        page.evaluate("window.backprop.drawn()")
        found += page_problems(page, f"{phase} {theme}")
        geometry = page.evaluate("""() => {
            const r = (id) => document.querySelector(id).getBoundingClientRect();
            const px = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
            return { scrollWidth: document.documentElement.scrollWidth, diagram: r('#diagram'), panel: r('#eq-general'),
                     next: r('#next-button'), back: r('#back-button'), caption: px('#caption'),
                     value: px('#diagram .neuron-value') };
        }""")
        assert geometry["scrollWidth"] == 390, f"{phase}: the page scrolls sideways ({geometry['scrollWidth']} px)"
        assert geometry["diagram"]["width"] >= 360 and geometry["diagram"]["height"] >= 300
        assert geometry["panel"]["top"] >= geometry["diagram"]["bottom"] - 1  # one column: the panel under it
        for button in ("next", "back"):  # always on screen, big enough for a thumb
            box = geometry[button]
            assert box["bottom"] <= 844 and box["top"] >= 0 and box["height"] >= 44, f"{button}: {box}"
        assert geometry["caption"] >= 16 and geometry["value"] >= 11, geometry
    assert not found, "\n".join(found[:12])


def test_reduced_motion_turns_off_the_flow_and_the_transitions(new_guarded_page) -> None:
    """prefers-reduced-motion: a phase change starts no animation and no transition; without it, the flow runs."""
    counts = {}
    for motion in ("no-preference", "reduce"):
        page = new_guarded_page(1280, 720)
        page.emulate_media(reduced_motion=motion)
        page.goto("/?preset=mazur-2-2-2")
        expect(page.locator("#status")).to_be_hidden()
        page.keyboard.press("ArrowRight")
        when_drawn(page, "() => window.backprop.store.get().phaseIndex === 1")
        counts[motion] = page.evaluate("document.getAnimations().length")
        page.context.close()
    assert counts["no-preference"] > 0, "the flow animation should run when motion is welcome"
    assert counts["reduce"] == 0, f"{counts['reduce']} animations or transitions run with reduced motion"


# Every input feature, on a 1024 × 768 projector: seven neurons in the first column, too small for their numbers.
SEVEN_FEATURES = {"sizes": [7, 4, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy",
                  "eta": 0.1, "batch_size": 4, "seed": 1, "dataset": {"name": "circle", "n": 40},
                  "features": ["x1", "x2", "x1_squared", "x2_squared", "x1_times_x2", "sin_pi_x1", "sin_pi_x2"]}
SHOWN_TEXTS = """(l) => [...document.querySelectorAll(`#diagram .layer[data-layer="${l}"] .neuron`)].map((n) => {
  const seen = (t) => t && t.checkVisibility() && t.textContent.trim() ? t.textContent.trim() : null;
  const size = (t) => parseFloat(getComputedStyle(t).fontSize);
  const label = n.querySelector('.neuron-label'), value = n.querySelector('.neuron-value');
  return { name: seen(label), number: seen(value), sizes: [size(label), size(value)] }; })"""


def test_a_projector_names_every_neuron_whose_number_sits_beside_it_or_has_no_room(new_guarded_page) -> None:
    """A number beside its neuron took the name's place: on a 1024-px projector a network of input features showed
    seven numbers and not which feature each was, and lecture-3-2-1's hidden neurons, with no room for a number,
    showed nothing. Now the name goes over the number where both fit, and stays where no number fits."""
    import base64
    import json

    from tests.e2e.page_check import page_problems

    page = new_guarded_page(1024, 768)
    token = base64.urlsafe_b64encode(json.dumps(SEVEN_FEATURES).encode()).decode().rstrip("=")
    page.goto(f"/?spec={token}&mode=projector")
    expect(page.locator("#status")).to_be_hidden()
    page.evaluate("window.backprop.drawn()")
    inputs = page.evaluate(SHOWN_TEXTS, 1)
    assert [n["name"] for n in inputs] == ["x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin πx₁", "sin πx₂"], inputs
    assert all(n["number"] and min(n["sizes"]) >= 24 for n in inputs), inputs
    found = page_problems(page, "7 features, 1024 projector", projector=True)

    page.goto("/?preset=lecture-3-2-1&phase=cost&mode=projector")
    expect(page.locator("#status")).to_be_hidden()
    page.evaluate("window.backprop.drawn()")
    for l in (2, 3):
        assert all(n["name"] and n["sizes"][0] >= 24 for n in page.evaluate(SHOWN_TEXTS, l)), l
    found += page_problems(page, "lecture-3-2-1, 1024 projector", projector=True)
    assert not found, "\n".join(found)
