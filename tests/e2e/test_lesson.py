"""The step-by-step lesson in real Chromium: the 2-2-2 example taught from the keyboard alone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.waits import when_drawn

PHASES = ["start", "z2", "a2", "z3", "a3", "cost", "d3", "d2", "bp3", "bp4", "update"]


def open_lesson(page: Page, query: str = "") -> None:
    page.goto(f"/{query}")
    expect(page.locator("#diagram .neuron")).to_have_count(6)
    expect(page.locator("#status")).to_be_hidden()


def neuron_value(page: Page, l: int, j: int) -> str:
    return page.locator(f'#diagram .neuron[data-l="{l}"][data-j="{j}"] .neuron-value').text_content() or ""


def edge_value(page: Page, l: int, j: int, k: int) -> str:
    return page.locator(f'#diagram .edge-value[data-l="{l}"][data-j="{j}"][data-k="{k}"]').text_content() or ""


def katex_text(page: Page, selector: str) -> str:
    """What KaTeX shows (its HTML part; the MathML copy would double every character), every line of it."""
    return "".join(page.locator(f"{selector} .katex-html").all_inner_texts()).replace("\n", "")


def current_phase(page: Page) -> str:
    return page.evaluate("window.backprop.store.get().phaseId")


POSITION = "() => { const s = window.backprop.store.get(); return `${s.step}:${s.phaseId}:${s.status}`; }"


def press_to(page: Page, phase_id: str, key: str = "ArrowRight") -> None:
    """Press `key` one micro-step at a time (each press waits for the page to move) until phase_id."""
    for _ in range(40):
        if current_phase(page) == phase_id:
            return
        before = page.evaluate(POSITION)
        page.keyboard.press(key)
        when_drawn(page, f"before => ({POSITION})() !== before && window.backprop.store.get().status === 'ready'",
                         arg=before)
    raise AssertionError(f"never reached phase {phase_id}")


def api_step(page: Page) -> dict:
    """The same step through the REST API, for comparison with what the page shows."""
    net = page.request.post("/api/networks", data={"preset": "mazur-2-2-2"}).json()
    return page.request.post(f"/api/networks/{net['id']}/step").json()


def test_the_page_opens_on_the_2_2_2_example_ready_to_step(page: Page) -> None:
    response = page.goto("/")
    assert response is not None and "default-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("#diagram .neuron")).to_have_count(6)
    expect(page.locator("#timeline button")).to_have_count(len(PHASES))
    expect(page.locator("#phase-badge")).to_have_text("start")
    expect(page.locator('#diagram .neuron[data-l="2"][data-j="0"] .neuron-label')).to_have_text("h1")
    expect(page.locator("#caption")).to_have_attribute("aria-live", "polite")
    assert page.locator("#diagram .neuron").first.get_attribute("aria-label")
    # Nothing scrolls at 1280×720 (DESIGN.md): not sideways, not down.
    assert page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]") == [1280, 720]


def test_keyboard_walkthrough_shows_the_published_numbers(page: Page, artifacts) -> None:
    open_lesson(page)
    api = api_step(page)
    out_o1 = api["forward"]["layers"][2]["a"][0][0]
    delta_o1 = api["backward"]["layers"][1]["delta"][0][0]
    w5_new = api["update"]["layers"][1]["W_new"][0][0]
    keys = ["ArrowRight", " ", "PageDown"]  # every "next" key a presenter might press
    seen = []
    for i, phase in enumerate(PHASES):
        if i:
            page.keyboard.press(keys[i % 3])
        expect(page.locator("#timeline button[aria-current=step]")).to_have_count(1)
        when_drawn(page, f"() => window.backprop.store.get().phaseId === '{phase}'")
        page.screenshot(path=artifacts / f"lesson-2-2-2-{i:02d}-{phase}.png")
        seen.append(page.locator("#caption").inner_text())
        if phase == "z2":
            assert neuron_value(page, 2, 0) == "0.3775"  # net_h1
        if phase == "a3":
            assert neuron_value(page, 3, 0) == "0.7514" == f"{out_o1:.4f}"  # out_o1
            assert "0.7514" in katex_text(page, "#eq-result")
        if phase == "cost":
            assert "0.2984" in katex_text(page, "#eq-result")  # E_total 0.298371109
        if phase == "d3":
            assert neuron_value(page, 3, 0) == "0.1385" == f"{delta_o1:.4f}"  # δ_o1
            assert katex_text(page, "#eq-substituted").replace(" ", "").startswith("=(0.7514−0.01)×0.1868")
            assert "0.1385" in katex_text(page, "#eq-result")
        if phase == "bp4":
            assert edge_value(page, 3, 0, 0).endswith("0.08217")  # ∂E/∂w5 0.082167041
        if phase == "update":
            assert edge_value(page, 3, 0, 0).endswith("0.3589") and f"{w5_new:.4f}" == "0.3589"
            assert "0.35891648" in katex_text(page, "#eq-result")
    assert len(set(seen)) == len(PHASES)  # a caption in words for every micro-step


def test_back_restores_earlier_phases_and_weights_across_an_update(page: Page) -> None:
    open_lesson(page)
    assert edge_value(page, 3, 0, 0).endswith("0.4")  # w5 before any update
    press_to(page, "update")
    page.keyboard.press("ArrowRight")  # into step 2: the weights have moved
    when_drawn(page, "() => window.backprop.store.get().step === 1")
    expect(page.locator("#step-counter")).to_have_text("step 2")
    assert edge_value(page, 3, 0, 0).endswith("0.3589")
    page.keyboard.press("PageUp")  # a presenter remote's "back"
    when_drawn(page, "() => window.backprop.store.get().phaseId === 'update'")
    expect(page.locator("#step-counter")).to_have_text("step 1")
    page.keyboard.press("Home")
    when_drawn(page, "() => window.backprop.store.get().phaseId === 'start'")
    assert edge_value(page, 3, 0, 0).endswith("0.4")  # restored in view


def test_a_reloaded_url_reopens_the_same_place(page: Page) -> None:
    open_lesson(page)
    press_to(page, "update")
    page.keyboard.press("ArrowRight")
    press_to(page, "d2")
    assert re.search(r"step=1", page.url) and "phase=d2" in page.url
    before = neuron_value(page, 2, 0)
    page.reload()
    expect(page.locator("#phase-badge")).to_have_text("BP2")
    when_drawn(page, "() => window.backprop.store.get().status === 'ready'")
    assert current_phase(page) == "d2"
    expect(page.locator("#step-counter")).to_have_text("step 2")
    assert neuron_value(page, 2, 0) == before


def test_selecting_a_weight_explains_it_by_the_chain_rule(page: Page) -> None:
    open_lesson(page, "?phase=bp4")
    expect(page.locator("#phase-badge")).to_have_text("BP4")
    edge = page.locator('#diagram .edge[data-l="3"][data-j="0"][data-k="1"]')  # w6: h2 → o1
    edge.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#eq-element")).to_have_text("for w6")
    expect(page.locator("#inspector h2")).to_contain_text("w6")
    grad = page.locator('#inspector td.num[data-key="grad"]').inner_text()
    assert grad.startswith("0.0826")  # ∂E/∂w6 = out_h2 × δ_o1 = 0.596884378 × 0.138498562


def test_projector_mode_is_readable_from_the_back_of_the_room(page: Page, artifacts) -> None:
    open_lesson(page, "?mode=projector&phase=d3")
    expect(page.locator(".topbar")).to_be_hidden()
    sizes = page.evaluate("""() => ({
        values: [...document.querySelectorAll('#diagram .neuron-value')]
                   .map(t => parseFloat(getComputedStyle(t).fontSize)),
        equation: parseFloat(getComputedStyle(document.querySelector('#eq-result .katex')).fontSize),
        timeline: parseFloat(getComputedStyle(document.querySelector('#timeline button')).fontSize),
    })""")
    assert sizes["values"] and min(sizes["values"]) >= 24
    diagram = page.locator("#diagram").bounding_box()
    assert diagram and diagram["height"] >= 450 and diagram["width"] >= 600  # the stage fills the screen
    for selector in ("#eq-result", "#timeline", "#diagram .neuron >> nth=5"):
        box = page.locator(selector).bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 720, selector  # nothing scrolls
    assert sizes["equation"] >= 28
    assert sizes["timeline"] >= 18
    page.screenshot(path=artifacts / "lesson-projector-d3.png")
    page.keyboard.press("m")
    expect(page.locator(".topbar")).to_be_visible()


def test_theme_help_and_fullscreen_keys(page: Page, artifacts) -> None:
    open_lesson(page)
    page.keyboard.press("t")
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.screenshot(path=artifacts / "lesson-dark.png")
    page.keyboard.press("?")
    expect(page.locator("#help")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#help")).to_be_hidden()
    page.keyboard.press("ArrowRight")  # keys work again once the dialog is closed
    when_drawn(page, "() => window.backprop.store.get().phaseId === 'z2'")


def test_a_forgotten_network_is_recreated_silently(page: Page, page_guard) -> None:
    open_lesson(page)
    press_to(page, "update")
    network_id = page.evaluate("window.backprop.store.get().network.id")
    assert page.request.delete(f"/api/networks/{network_id}").status == 204  # as if the server restarted
    page.keyboard.press("ArrowRight")
    when_drawn(page, "() => window.backprop.store.get().step === 1")
    expect(page.locator("#status")).to_be_hidden()
    assert edge_value(page, 3, 0, 0).endswith("0.3589")
    page_guard.take_console_errors()  # Chromium logs the 404 that triggered the re-creation


def test_every_preset_opens(page: Page) -> None:
    for name, neurons in [("seed-2-3-1", 6), ("xor-2-2-1", 5), ("lecture-3-2-1", 6)]:
        page.goto(f"/?preset={name}")
        expect(page.locator("#diagram .neuron")).to_have_count(neurons)
        expect(page.locator("#status")).to_be_hidden()
        page.keyboard.press("ArrowRight")
        when_drawn(page, "() => window.backprop.store.get().phaseId === 'z2'")


def test_the_builder_makes_a_new_network_and_a_batch_shows_each_example(page: Page, artifacts) -> None:
    open_lesson(page)
    page.get_by_role("button", name="Build…").click()
    dialog = page.locator("#builder")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="more neurons in layer 2").click()  # 2 → 3 hidden neurons
    dialog.get_by_label("activation of layer 2").select_option("tanh")
    dialog.get_by_label("data set").select_option("xor")
    dialog.get_by_label("batch size").fill("4")
    dialog.get_by_label("batch size").dispatch_event("change")
    page.screenshot(path=artifacts / "lesson-builder.png")
    dialog.get_by_role("button", name="Build and start").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#diagram .neuron")).to_have_count(6)  # 2 inputs, 3 hidden, 1 output (xor)
    assert "spec=" in page.url and "preset=" not in page.url
    expect(page.locator("#example-field")).to_be_visible()
    page.locator("#example-select").select_option("2")
    press_to(page, "d3")
    third = neuron_value(page, 3, 0)
    assert third == f"{page.evaluate('window.backprop.store.get().record.delta[3][2][0]'):.4g}".replace("-", "−")
    page.reload()  # the custom network comes back from the URL alone
    expect(page.locator("#diagram .neuron")).to_have_count(6)
    when_drawn(page, "() => window.backprop.store.get().phaseId === 'd3'")


def test_an_invalid_build_is_explained_and_nothing_is_lost(page: Page, page_guard) -> None:
    open_lesson(page, "?phase=d3")
    page.get_by_role("button", name="Build…").click()
    dialog = page.locator("#builder")
    dialog.get_by_role("button", name="more neurons in layer 1").click()  # 3 inputs, but the examples have 2
    dialog.get_by_role("button", name="Build and start").click()
    expect(page.locator("#builder-error")).to_contain_text("input")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.locator("#status")).to_be_hidden()
    assert current_phase(page) == "d3" and neuron_value(page, 3, 0) == "0.1385"  # the lesson is untouched
    assert "spec=" not in page.url
    page_guard.take_console_errors()  # Chromium logs the refused (422) request


def test_a_hand_edit_at_an_earlier_step_sets_the_server_back_to_that_point(page: Page) -> None:
    open_lesson(page)
    press_to(page, "update")
    page.keyboard.press("ArrowRight")
    press_to(page, "d3")  # in step 2 now; the server is past step 2's update
    page.keyboard.press("Home")  # back to step 1, in view only
    when_drawn(page, "() => window.backprop.store.get().step === 0")
    page.locator('#diagram .edge[data-l="3"][data-j="0"][data-k="0"]').focus()  # w5 (a flat line: no box to click)
    page.keyboard.press("Enter")
    page.locator("#inspector input[type=number]").fill("0.5")
    page.locator("#inspector button[type=submit]").click()
    when_drawn(page, "() => window.backprop.store.get().record.W[3][0][0] === 0.5")
    assert edge_value(page, 3, 0, 0).endswith("0.5")
    assert "edits=" in page.url
    state = page.evaluate("""() => { const s = window.backprop.store.get();
        return { id: s.network.id, history: s.history.length, after: s.record.Wnew[3][0][0] }; }""")
    assert state["history"] == 1  # the later steps no longer hold and are dropped
    server = page.request.get(f"/api/networks/{state['id']}").json()
    assert server["parameters"][1]["W"][0][0] == state["after"]  # the server went back, then stepped from 0.5
    page.reload()
    when_drawn(page, "() => window.backprop.store.get().status === 'ready'")
    assert edge_value(page, 3, 0, 0).endswith("0.5")  # the edit lives in the URL


def test_play_advances_on_its_own_and_pauses(page: Page) -> None:
    open_lesson(page)
    page.locator("#speed-select").select_option("500")
    page.locator("body").click(position={"x": 5, "y": 700})
    page.keyboard.press("p")
    expect(page.get_by_role("button", name="Pause (P)")).to_be_visible()
    when_drawn(page, "() => window.backprop.store.get().phaseIndex >= 3")
    page.keyboard.press("p")
    expect(page.get_by_role("button", name="Play (P)")).to_be_visible()
    stopped = page.evaluate("window.backprop.store.get().phaseIndex")
    page.wait_for_timeout(1200)
    assert page.evaluate("window.backprop.store.get().phaseIndex") == stopped


def test_wide_layers_are_collapsed_yet_inspectable(page: Page, artifacts) -> None:
    import base64
    import json

    spec = {"sizes": [2, 20, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy",
            "eta": 0.5, "batch_size": 8, "seed": 3, "dataset": {"name": "circle", "n": 100}}
    token = base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("=")
    page.goto(f"/?spec={token}&phase=a2")
    expect(page.locator('#diagram .neuron[data-l="2"]')).to_have_count(14)  # the first and last 7
    ellipsis = page.locator("#diagram .ellipsis")
    expect(ellipsis).to_have_count(1)
    page.screenshot(path=artifacts / "lesson-collapsed.png")
    ellipsis.focus()
    page.keyboard.press("Enter")
    expect(page.locator('#diagram .neuron[data-l="2"]')).to_have_count(20)
    page.locator('#diagram .neuron[data-l="2"][data-j="10"]').focus()
    page.keyboard.press("Enter")
    expect(page.locator("#inspector h2")).to_contain_text("layer 2, neuron 11")


def test_export_and_reimport_give_the_same_numbers(page: Page, tmp_path) -> None:
    open_lesson(page)
    press_to(page, "update")
    page.keyboard.press("ArrowRight")  # step 2: the weights have moved once
    when_drawn(page, "() => window.backprop.store.get().step === 1")
    w5 = edge_value(page, 3, 0, 0)
    page.get_by_role("button", name="Export…").click()
    with page.expect_download() as saved:
        page.get_by_role("button", name="Network (JSON)").click()
    network_file = tmp_path / "network.json"
    saved.value.save_as(network_file)
    with page.expect_download() as trace:
        page.get_by_role("button", name="This step's numbers (CSV)").click()
    csv_text = trace.value.path().read_text()
    assert csv_text.startswith("quantity,layer,example,j,k,value") and "\ndelta,3,0,1,," in csv_text
    for label, suffix in (("Diagram (SVG)", ".svg"), ("Diagram (PNG)", ".png")):
        with page.expect_download() as image:
            page.get_by_role("button", name=label).click()
        assert image.value.suggested_filename.endswith(suffix) and image.value.path().stat().st_size > 1000
    page.goto("/")  # a fresh lesson on the original weights …
    expect(page.locator("#diagram .neuron")).to_have_count(6)
    assert edge_value(page, 3, 0, 0).endswith("0.4")
    page.get_by_role("button", name="Export…").click()
    expect(page.locator("#export")).to_be_visible()  # loaded at first use: its file field listens once it shows
    page.locator("#import-file").set_input_files(network_file)  # … and the saved network back
    expect(page.locator("#export")).to_be_hidden()
    when_drawn(page, "() => { const s = window.backprop.store.get(); return s.status === 'ready' && !s.preset; }")
    assert edge_value(page, 3, 0, 0) == w5


def test_a_file_that_is_not_a_network_is_refused_and_nothing_changes(page: Page, tmp_path) -> None:
    open_lesson(page, "?phase=d3")
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}')
    page.get_by_role("button", name="Export…").click()
    expect(page.locator("#export")).to_be_visible()
    page.locator("#import-file").set_input_files(bad)
    expect(page.locator("#export-note")).to_contain_text("not a network document")
    assert current_phase(page) == "d3" and neuron_value(page, 3, 0) == "0.1385"


def test_the_update_phase_shows_the_rule_in_use(page: Page) -> None:
    import base64
    import json

    spec = {"sizes": [2, 2, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy", "eta": 0.1,
            "batch_size": 4, "seed": 2, "optimizer": "adam",
            "samples": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [0]]}}
    token = base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("=")
    page.goto(f"/?spec={token}&phase=update")
    when_drawn(page, "() => window.backprop.store.get().status === 'ready'")
    assert "β1" in katex_text(page, "#eq-general") and "ϵ" in katex_text(page, "#eq-general")
    w_new = page.evaluate("window.backprop.store.get().record.Wnew[3][0][0]")
    assert katex_text(page, "#eq-result").lstrip("=") == f"{w_new:.9g}".replace("-", "−")
    expect(page.locator("#caption")).to_contain_text("Adam")


def test_going_back_and_editing_under_momentum_keeps_the_velocity(page: Page) -> None:
    import base64
    import json

    spec = {"sizes": [2, 2, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy", "eta": 0.5,
            "batch_size": 4, "seed": 2, "optimizer": "momentum", "freeze_biases": True,
            "samples": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [0]]}}
    token = base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("=")
    page.goto(f"/?spec={token}&step=2&phase=start")
    when_drawn(page, "() => window.backprop.store.get().status === 'ready'")
    before = page.evaluate("window.backprop.store.get().record.ruleW[3].vOld")  # velocity going into step 3
    page.locator('#diagram .edge[data-l="2"][data-j="0"][data-k="0"]').focus()
    page.keyboard.press("Enter")
    page.locator("#inspector input[type=number]").fill("0.25")
    page.locator("#inspector button[type=submit]").click()
    when_drawn(page, "() => window.backprop.store.get().record.W[2][0][0] === 0.25")
    after = page.evaluate("window.backprop.store.get().record.ruleW[3].vOld")
    assert after == before  # the velocity going into step 3 survived the hand edit


def test_every_edge_is_drawn_once_in_its_layers_strokes(page: Page) -> None:
    """Edges are drawn in batches (render/diagram-edges.js): each one a subpath of exactly one stroke path."""
    drawn = """l => [...document.querySelectorAll(`#diagram .layer[data-layer="${l}"] .edge-strokes path[d]`)]
        .reduce((n, p) => n + (p.getAttribute("d").match(/M/g) || []).length, 0)"""
    open_lesson(page, "?phase=d3")
    assert [page.evaluate(drawn, l) for l in (2, 3)] == [4, 4]
    page.locator('#diagram .edge[data-l="3"][data-j="0"][data-k="1"]').focus()  # w6
    page.keyboard.press("Enter")
    expect(page.locator("#diagram .edge-stroke.selected[d]")).to_have_count(1)  # on its own, on top
    assert [page.evaluate(drawn, l) for l in (2, 3)] == [4, 4]
    press_to(page, "bp4")  # new numbers, new looks: still each edge once
    assert [page.evaluate(drawn, l) for l in (2, 3)] == [4, 4]


def test_keys_stay_alive_after_a_checkbox_or_a_select(page: Page) -> None:
    """A teacher who ticks "matrices" or picks an example must still step the lesson with the keys."""
    page.goto("/?preset=lecture-3-2-1")
    expect(page.locator("#status")).to_be_hidden()
    page.locator("#matrix-toggle").click()
    expect(page.locator("#matrix-toggle")).to_be_focused()
    page.keyboard.press("ArrowRight")
    when_drawn(page, "() => window.backprop.store.get().phaseId === 'z2'")
    page.locator("#values-toggle").click()
    page.keyboard.press("ArrowRight")
    when_drawn(page, "() => window.backprop.store.get().phaseId === 'a2'")
    page.locator("#example-select").focus()  # as after choosing with the mouse: the select keeps the focus
    page.locator("#example-select").select_option("2")
    page.keyboard.press("ArrowRight")
    when_drawn(page, "() => window.backprop.store.get().phaseId === 'z3'")
    page.keyboard.press("ArrowLeft")
    when_drawn(page, "() => window.backprop.store.get().phaseId === 'a2'")
    assert page.evaluate("window.backprop.store.get().example") == 2  # the select kept its value
    # A text field still owns its keys: → moves the caret, the lesson stays.
    page.locator('#diagram .neuron[data-l="2"][data-j="0"]').click()
    expect(page.locator("#inspector h2")).to_contain_text("a1")
    page.locator("#inspector input[type=number]").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(150)
    assert page.evaluate("window.backprop.store.get().phaseId") == "a2"
    page.locator("#values-toggle").focus()
    page.keyboard.press("m")  # and the letters work from a checkbox
    when_drawn(page, "() => window.backprop.store.get().mode === 'projector'")


@pytest.mark.parametrize("rule", ["momentum", "adam"])
def test_a_forgotten_network_comes_back_with_its_optimizer_state(page: Page, page_guard, rule: str) -> None:
    """The server forgets the network mid-lesson: the page re-imports it with momentum's velocity or Adam's moments,
    so the next step is the very step an uninterrupted network takes."""
    import base64
    import json

    spec = {"sizes": [2, 2, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy", "eta": 0.3,
            "batch_size": 2, "seed": 5, "optimizer": rule,
            "samples": {"x": [[0, 0], [0, 1], [1, 0], [1, 1]], "y": [[0], [1], [1], [0]]}}
    net = page.request.post("/api/networks", data={"spec": spec}).json()
    uninterrupted = [page.request.post(f"/api/networks/{net['id']}/step").json() for _ in range(3)]
    token = base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("=")
    page.goto(f"/?spec={token}&step=1&phase=update")
    when_drawn(page, "() => window.backprop.store.get().status === 'ready'")
    network_id = page.evaluate("window.backprop.store.get().network.id")
    assert page.request.delete(f"/api/networks/{network_id}").status == 204
    page.keyboard.press("ArrowRight")
    when_drawn(page, "() => { const s = window.backprop.store.get();"
                     " return s.step === 2 && s.status === 'ready'; }")
    shown = page.evaluate("window.backprop.store.get().record.Wnew")
    expected = {layer["l"]: layer["W_new"] for layer in uninterrupted[2]["update"]["layers"]}
    assert {int(l): w for l, w in shown.items()} == expected  # bit for bit: the state came back exactly
    page_guard.take_console_errors()  # Chromium logs the 404 that triggered the re-creation
