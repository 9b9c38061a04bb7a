"""The lab holds up on every classroom screen: after training and after "Compare η", in normal and projector mode,
light and dark, no text overlaps or is cut off, every text meets AA contrast, projector mode sets every text at 24 px
or more and shows the network, the boundary and the loss curve large; M and T switch mode and theme and the URL keeps
them (page_check.py does the measuring)."""

from __future__ import annotations

import base64
import json

from playwright.sync_api import Page, expect

from tests.e2e.page_check import page_problems, report

SIZES = [(1024, 768), (1280, 720), (1366, 768), (1920, 1080)]
SETTLE = "() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))"


def _trained(page: Page) -> None:
    """+10 steps, then the η comparison: the page as a class sees it after a minute of use."""
    page.goto("/lab")
    expect(page.locator("#lab-status")).to_contain_text("Press Train")
    page.locator("#lab-step").click()
    expect(page.locator("#lab-counter")).to_contain_text("step 10")
    page.locator("#lab-compare").click()
    expect(page.locator("#lab-status")).to_contain_text("Too small")


def _look(page: Page, where: str, projector: bool) -> list[str]:
    page.evaluate(SETTLE)
    return page_problems(page, where, projector=projector)


def test_the_lab_reads_at_every_size_in_both_modes_and_themes(new_guarded_page, artifacts) -> None:
    page = new_guarded_page(*SIZES[0])
    page.emulate_media(reduced_motion="reduce")
    _trained(page)
    found: list[str] = []
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for mode, theme in (("normal", "light"), ("normal", "dark"), ("projector", "dark"), ("projector", "light")):
            in_projector = page.evaluate("document.body.classList.contains('projector')")
            if (mode == "projector") != in_projector:
                page.keyboard.press("m")
            if page.evaluate("document.documentElement.dataset.theme") != theme:
                page.keyboard.press("t")
            found += _look(page, f"lab {width}×{height} {mode} {theme}", mode == "projector")
            page.screenshot(path=artifacts / f"lab-{width}x{height}-{mode}-{theme}.png")
    assert not found, report(found)


def test_a_4k_projector_at_twice_the_pixels(new_guarded_page, artifacts) -> None:
    """3840 × 2160 at device pixel ratio 2, projector mode, both themes: the same checks at twice the pixels."""
    page = new_guarded_page(1920, 1080, device_scale_factor=2)
    page.emulate_media(reduced_motion="reduce")
    _trained(page)
    page.keyboard.press("m")
    found = []
    for theme in ("light", "dark"):
        if page.evaluate("document.documentElement.dataset.theme") != theme:
            page.keyboard.press("t")
        found += _look(page, f"lab 4K projector {theme}", True)
        page.screenshot(path=artifacts / f"lab-3840x2160-projector-{theme}.png")
    assert not found, report(found)


def test_projector_mode_shows_network_boundary_and_loss_large_and_the_url_keeps_it(new_guarded_page) -> None:
    page = new_guarded_page(1024, 768)
    page.goto("/lab?mode=projector&theme=dark")
    expect(page.locator("#lab-status")).to_contain_text("Press Train")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    expect(page.locator("#lab-topbar")).to_be_hidden()
    expect(page.locator("#norm-plot")).to_be_hidden()
    for big, least in (("#lab-diagram", 0.35), ("#boundary", 0.25), ("#loss-plot", 0.35)):
        box = page.locator(big).bounding_box()
        assert box and box["width"] >= least * 1024, (big, box)
    side = page.locator("#boundary").bounding_box()
    assert side["height"] >= 280 and abs(side["width"] - side["height"]) <= 2, side   # a square, not a stamp
    page.locator("#lab-settings").click()          # the settings come back on demand
    expect(page.locator("#lab-topbar")).to_be_visible()
    expect(page.locator("#lab-eta")).to_be_visible()
    page.locator("#lab-settings").click()
    expect(page.locator("#lab-topbar")).to_be_hidden()
    # location.search, not page.url: Playwright learns of history.replaceState a moment later.
    query = lambda: page.evaluate("location.search")  # noqa: E731
    page.keyboard.press("m")
    expect(page.locator("#lab-topbar")).to_be_visible()
    assert "mode=projector" not in query() and "theme=dark" in query()
    page.keyboard.press("t")
    assert "theme=" not in query()
    page.keyboard.press("m")
    assert "mode=projector" in query()
    href = page.locator("#to-lesson").get_attribute("href")
    assert href and "mode=projector" in href, href   # the lesson opens in the same mode


def test_a_long_class_name_from_a_csv_keeps_the_charts_whole(new_guarded_page) -> None:
    """Class names as long as a CSV header allows: the picker gives up width, not the charts' titles."""
    page = new_guarded_page(1024, 768)
    page.emulate_media(reduced_motion="reduce")
    page.goto("/lab")
    expect(page.locator("#lab-status")).to_contain_text("Press Train")
    names = ("another very long class name B", "an extraordinarily long class name A")
    rows = "\n".join(f"{(i % 7) / 7:.3f},{(i % 5) / 5:.3f},{names[i % 2]}" for i in range(40))
    page.locator("#lab-csv").click()
    page.locator("#csv-file").set_input_files(files=[{"name": "long.csv", "mimeType": "text/csv",
                                                      "buffer": f"x1,x2,label\n{rows}\n".encode()}])
    page.locator("#csv-build").click()
    expect(page.locator("#lab-status")).to_contain_text("Loaded long.csv")
    page.locator("#lab-step").click()
    expect(page.locator("#lab-counter")).to_contain_text("step 10")
    found = _look(page, "lab with long class names", False)
    assert not found, report(found)
    title = page.locator("#loss-plot .chart-title").text_content()
    assert title and title.startswith("loss"), title


def test_a_phone_has_every_setting_and_reads_without_overlap(new_guarded_page, artifacts) -> None:
    """390 px: one scrolling column; every setting is there with its caption, and Train stays in reach."""
    page = new_guarded_page(390, 844)
    page.emulate_media(reduced_motion="reduce")
    _trained(page)
    for label in ("Learning rate", "Batch size", "Optimizer", "L2 regularization λ", "Noise", "Number of points",
                  "starting weights", "Steps between redraws"):
        expect(page.get_by_label(label)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    found: list[str] = []
    for theme in ("light", "dark"):
        if page.evaluate("document.documentElement.dataset.theme") != theme:
            page.keyboard.press("t")
        for y in (0, 700, 1400):  # the column, a screen at a time, with the training bar over it
            page.evaluate(f"window.scrollTo(0, {y})")
            expect(page.locator("#lab-play")).to_be_in_viewport()
            found += _look(page, f"390×844 {theme}, scrolled to {y}", projector=False)
        page.screenshot(path=artifacts / f"lab-390x844-{theme}.png", full_page=True)
    assert not found, report(found)


def test_the_doctor_and_a_three_class_matrix_keep_their_room_at_every_size(new_guarded_page, artifacts) -> None:
    """Three classes (two 3 × 3 matrices) and a finding of the doctor (zeros as starting weights): each shows whole,
    with no scrolling of its own, beside the plane — at 1024 × 768 they once shared one column's height, and the
    doctor's words covered the test matrix's rows."""
    spec = {"sizes": [2, 8, 8, 3], "activations": ["tanh", "tanh", "softmax"], "cost": "softmax_cross_entropy",
            "eta": 0.03, "batch_size": 10, "seed": 1, "init": "zeros",
            "dataset": {"name": "spiral3", "n": 300, "noise": 0.1}}
    page = new_guarded_page(*SIZES[0])
    page.emulate_media(reduced_motion="reduce")
    page.goto("/lab?spec=" + base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("="))
    expect(page.locator("#lab-status")).to_contain_text("Press Train")
    page.locator("#lab-step").click()
    expect(page.locator("#lab-counter")).to_contain_text("step 10")   # measured still, not mid-run
    expect(page.locator('#doctor .finding[data-code="symmetric_units"]')).to_be_visible()
    found: list[str] = []
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for mode in ("normal", "projector"):
            if (mode == "projector") != page.evaluate("document.body.classList.contains('projector')"):
                page.keyboard.press("m")
            where = f"lab {width}×{height} {mode}, 3 classes and the doctor"
            found += _look(page, where, mode == "projector")
            scrolled = page.evaluate("""() => ['confusion', 'doctor', 'loss-plot']
              .map((id) => document.getElementById(id))
              .filter((e) => e.checkVisibility() && e.scrollHeight > e.clientHeight + 1).map((e) => e.id)""")
            found += [f"{where}: #{id} scrolls (its content is taller than its room)" for id in scrolled]
            page.screenshot(path=artifacts / f"lab-{width}x{height}-{mode}-doctor-3-classes.png")
    assert not found, report(found)
