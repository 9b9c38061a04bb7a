"""Every text of the lesson is readable against the color actually behind it (WCAG 2.2 AA: 4.5:1, or 3:1 at 24 px
and more), in both themes, at every phase, dimmed neurons included: the page dims a neuron by its fill and outline,
never by fading its text.

The color behind a text is computed from the styles: a diagram text with a halo (painted stroke in the paper color)
stands on the paper; a neuron's value stands on its circle's fill; an HTML text stands on the first ancestor with a
background. Opacity on a text or any ancestor fades the text into what is behind it and is counted.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.core.presets import PRESETS
from tests.e2e.lesson_pages import each_phase

# In the page: every visible text element of the diagram, the equation panel, the legend and the stepper, with its
# color, the color behind it (both as [r, g, b, a]), its font size and the product of the opacities above it.
TEXTS = """() => {
  const rgba = (s) => {
    const m = s.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const paper = rgba(getComputedStyle(document.body).backgroundColor);
  const opacityOf = (el) => { let o = 1; for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && el.checkVisibility({ visibilityProperty: true }); };
  const behindHtml = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) return c;
    }
    return paper;
  };
  const out = [];
  for (const t of document.querySelectorAll("#diagram text")) {
    if (!visible(t) || !t.textContent.trim()) continue;
    const cs = getComputedStyle(t);
    const halo = cs.paintOrder.startsWith("stroke") && cs.stroke !== "none" && parseFloat(cs.strokeWidth) >= 2;
    const circle = t.closest(".neuron")?.querySelector("circle.body");
    const bg = halo ? rgba(cs.stroke) : t.classList.contains("neuron-value") && circle ? rgba(getComputedStyle(circle).fill) : paper;
    const fillOpacity = circle && !halo ? Number(getComputedStyle(circle).fillOpacity) : 1;
    out.push({ what: `svg ${t.getAttribute("class")} "${t.textContent}"`, fg: rgba(cs.fill), bg, bgAlpha: fillOpacity,
               size: parseFloat(cs.fontSize), opacity: opacityOf(t), paper });
  }
  const html = document.querySelectorAll(".explain-pane *, .legend *, .stepper *, .topbar *");
  for (const el of html) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(el) || el.closest("svg") || el.closest(".katex-mathml")) continue;
    const cs = getComputedStyle(el);
    out.push({ what: `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}"`,
               fg: rgba(cs.color), bg: behindHtml(el), bgAlpha: 1, size: parseFloat(cs.fontSize), opacity: opacityOf(el), paper });
  }
  return out;
}"""


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _over(top: list[float], alpha: float, under: list[float]) -> list[float]:
    return [alpha * t + (1 - alpha) * u for t, u in zip(top[:3], under[:3])]


def contrast(text: dict) -> float:
    """The contrast ratio of a text against what is behind it, with its fading and the fill's transparency."""
    bg = _over(text["bg"], text["bg"][3] * text["bgAlpha"], text["paper"])
    fg = _over(text["fg"], text["fg"][3] * text["opacity"], bg)
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def problems(page: Page, where: str) -> list[str]:
    found = []
    for text in page.evaluate(TEXTS):
        if text["fg"] is None or text["bg"] is None:
            found.append(f"{where}: {text['what']}: no color to measure")
            continue
        need = 3.0 if text["size"] >= 24 else 4.5
        ratio = contrast(text)
        if ratio < need:
            found.append(f"{where}: {text['what']} at {text['size']:.0f}px: {ratio:.2f}:1 < {need}:1")
    return found


@pytest.mark.parametrize("preset", sorted(PRESETS))
def test_every_text_meets_aa_contrast_at_every_phase(page: Page, preset: str) -> None:
    """One page per preset; the theme switched in place (key T)."""
    page.emulate_media(reduced_motion="reduce")  # no fill transitions: the colors measured are the final ones at once
    page.goto(f"/?preset={preset}")
    expect(page.locator("#status")).to_be_hidden()
    found: list[str] = []
    for theme in ("light", "dark"):
        if page.evaluate("window.backprop.store.get().theme") != theme:
            page.keyboard.press("t")
        for index in each_phase(page, {"theme": theme}):
            found += problems(page, f"{theme} phase {index}")
    assert not found, f"{len(found)} texts below AA, first 15:\n" + "\n".join(found[:15])


def test_the_contrast_check_sees_a_faded_text() -> None:
    """The measure itself: ink faded to 35% on paper fails; full ink passes."""
    ink, paper = [22, 24, 31, 1], [251, 251, 253, 1]
    text = {"fg": ink, "bg": paper, "bgAlpha": 1, "paper": paper, "opacity": 1.0}
    assert contrast(text) > 15
    assert contrast({**text, "opacity": 0.35}) < 4.5
