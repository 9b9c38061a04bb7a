"""axe-core finds no serious or critical accessibility violation on the lesson and the lab.

axe-core (tests/vendor/axe-core, test-only: never served by the app) is put into each page with
`context.add_init_script(path=…)`: Playwright hands it to Chromium over the DevTools protocol, so it runs before
the page's own scripts without any change to the app's Content-Security-Policy. Each test checks several states of
one page (light, an open inspector or dialog, dark, projector) to keep the page loads, and the time, few.

A failure lists every serious or critical violation: the rule, its impact, axe's help text and the first few
elements it was found on. Minor and moderate findings are not checked here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.waits import when_drawn

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
TARGETS_SHOWN = 4

# Lets the page settle first (the lesson's pending frame, then the CSS transitions and the flow animation, all
# finite), so that colors are checked as they end up, not halfway through a theme switch; then runs axe.
RUN_AXE = """async () => {
  if (window.backprop?.drawn) await window.backprop.drawn();
  const settled = Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
  await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, 2000))]);
  const results = await window.axe.run(document, { resultTypes: ["violations"] });
  return results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    count: v.nodes.length,
    targets: v.nodes.map((n) => n.target.join(" ")),
    summary: v.nodes[0]?.failureSummary ?? "",
  }));
}"""

READY = "() => window.backprop?.store.get().status === 'ready'"


def with_axe(context: BrowserContext) -> Page:
    """A page of the (guarded) context with axe-core loaded into every document it shows."""
    context.add_init_script(path=AXE)
    return context.new_page()


def axe_violations(page: Page) -> list[dict]:
    assert page.evaluate("() => typeof window.axe?.run === 'function'"), "axe-core is not loaded in the page"
    return page.evaluate(RUN_AXE)


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def report(where: str, violations: list[dict]) -> str:
    lines = [f"{where}: {len(violations)} serious/critical accessibility violation(s)"]
    for v in violations:
        shown = ", ".join(v["targets"][:TARGETS_SHOWN]) + (" …" if v["count"] > TARGETS_SHOWN else "")
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} — {v['count']} element(s): {shown}")
        if v["summary"]:
            lines.append("    " + v["summary"].replace("\n", "\n    "))
        lines.append(f"    {v['helpUrl']}")
    return "\n".join(lines)


def check(page: Page, where: str, failures: list[str]) -> None:
    """Run axe on the page as it is; collect a report of its serious/critical violations (all states are
    checked before the test fails, so one run shows everything that is wrong)."""
    found = blocking(axe_violations(page))
    if found:
        failures.append(report(where, found))


def test_the_lesson_has_no_serious_violation(context: BrowserContext) -> None:
    page = with_axe(context)
    page.goto("/?preset=mazur-2-2-2")
    page.wait_for_function(READY)
    expect(page.locator("#diagram .neuron")).to_have_count(6)
    for _ in range(8):  # into the backward pass
        page.keyboard.press("ArrowRight")
    when_drawn(page, "() => window.backprop.store.get().phaseIndex === 8")
    page.locator("#diagram .neuron").nth(3).click()  # a hidden neuron: the inspector shows its numbers
    expect(page.locator("#inspector h2")).to_be_visible()
    failures: list[str] = []
    check(page, "lesson, light, backward phase, inspector open", failures)

    page.get_by_role("button", name="Build…").click()
    expect(page.locator("#builder")).to_be_visible()
    check(page, "lesson, light, builder dialog", failures)
    page.locator("#builder-cancel").click()
    expect(page.locator("#builder")).to_be_hidden()

    page.keyboard.press("t")
    page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
    check(page, "lesson, dark, inspector open", failures)

    page.keyboard.press("m")
    page.wait_for_function("() => document.body.classList.contains('projector')")
    check(page, "lesson, dark, projector mode", failures)
    assert not failures, "\n\n".join(failures)


def test_the_lab_has_no_serious_violation(context: BrowserContext) -> None:
    page = with_axe(context)
    page.goto("/lab")
    page.wait_for_function("() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1")
    page.locator("#lab-step").click()  # +10 steps: the curves, the boundary and the counter have something to show
    page.wait_for_function("() => !window.backprop.lab.playing && window.backprop.lab.history.at(-1)?.steps >= 10")
    page.wait_for_timeout(500)  # the last frames of the curves, the boundary and the neuron maps
    failures: list[str] = []
    check(page, "lab, light, after 10 steps", failures)

    # The lab's theme and projector switches are newer than this test: checked when the page has them.
    if page.locator("#lab-theme").count():
        page.keyboard.press("t")
        page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'")
        check(page, "lab, dark", failures)
    if page.locator("#lab-projector").count():
        page.keyboard.press("m")
        page.wait_for_function("() => document.body.classList.contains('projector')")
        check(page, "lab, projector mode", failures)
    assert not failures, "\n\n".join(failures)


def test_the_check_catches_a_known_violation(new_guarded_page: Callable[..., Page]) -> None:
    """The check above can fail: an image without a text alternative and a button without a name, put into the
    page under its real CSP, are reported as critical."""
    page = new_guarded_page()
    for path in ("/tests/vendor/axe-core/axe.min.js", "/static/vendor/axe-core/axe.min.js"):
        assert page.request.get(path).status == 404, f"{path}: axe-core is for the tests only, never served"
    page.context.add_init_script(path=AXE)
    page.goto("/about")
    page.evaluate("""() => {
      const img = document.createElement("img");
      img.src = "/static/favicon.svg";
      img.id = "axe-probe-img";
      const button = document.createElement("button");
      button.id = "axe-probe-button";
      document.body.append(img, button);
    }""")
    found = {v["id"]: v for v in blocking(axe_violations(page))}
    assert "image-alt" in found and "#axe-probe-img" in found["image-alt"]["targets"], found
    assert "button-name" in found and "#axe-probe-button" in found["button-name"]["targets"], found
    assert found["image-alt"]["impact"] == found["button-name"]["impact"] == "critical"
    assert "image-alt" in report("probe", list(found.values()))
