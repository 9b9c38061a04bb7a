"""The training lab's update rules, regularization and 3-class data, in real Chromium."""

import base64
import json

from playwright.sync_api import Page, expect

READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"
# Plain gradient descent with a large η (the lab's own XOR network is Adam's: app/core/suggested.py).
SGD_XOR = {"sizes": [2, 4, 4, 1], "activations": ["tanh", "tanh", "sigmoid"], "cost": "binary_cross_entropy",
           "eta": 0.3, "batch_size": 16, "seed": 1, "dataset": {"name": "xor", "n": 200, "noise": 0.1}}

# The class colors of the plane (plane.js): orange, purple, teal, each mixed with the neutral background.
CLASS_RGB = [(179, 88, 6), (84, 39, 136), (1, 133, 113)]


def rebuilt(page: Page, old_id: str) -> None:
    page.wait_for_function(f"() => window.backprop.lab.network.id !== '{old_id}' && window.backprop.lab.grid")


def test_adam_optimizer_rebuilds_and_still_learns(page: Page, artifacts) -> None:
    page.goto("/lab?spec=" + base64.urlsafe_b64encode(json.dumps(SGD_XOR).encode()).decode().rstrip("="))
    page.wait_for_function(READY)
    old_id = page.evaluate("window.backprop.lab.network.id")
    page.get_by_label("Optimizer").select_option("adam")
    rebuilt(page, old_id)
    spec = page.evaluate("window.backprop.lab.network.spec")
    assert spec["optimizer"] == "adam"
    assert spec["eta"] == 0.03  # Adam's step is about η per weight: the lab lowers η and says so
    expect(page.get_by_label("Learning rate")).to_have_value("0.03")
    expect(page.locator("#lab-status")).to_contain_text("Adam")
    first = page.evaluate("window.backprop.lab.history[0].train_loss")
    page.get_by_role("button", name="Train (P)").click()
    page.wait_for_function(f"() => window.backprop.lab.history.at(-1).train_loss < {first} * 0.5", timeout=60_000)
    page.keyboard.press("p")
    expect(page.get_by_role("button", name="Train (P)")).to_be_visible()
    assert page.evaluate("window.backprop.lab.network.spec.optimizer") == "adam"
    page.screenshot(path=artifacts / "lab-adam.png")

    old_id = page.evaluate("window.backprop.lab.network.id")
    page.get_by_label("Optimizer").select_option("sgd")  # and back: η returns to what it was
    rebuilt(page, old_id)
    assert page.evaluate("[window.backprop.lab.network.spec.optimizer, window.backprop.lab.network.spec.eta]") \
        == ["sgd", 0.3]


def test_momentum_and_regularization_rebuild_the_network(page: Page) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    expect(page.get_by_label("Momentum μ")).to_be_hidden()
    old_id = page.evaluate("window.backprop.lab.network.id")
    page.get_by_label("Optimizer").select_option("momentum")
    rebuilt(page, old_id)
    expect(page.get_by_label("Momentum μ")).to_be_visible()
    for label, field, value in [("Momentum μ", "momentum", 0.5), ("L2 regularization λ", "lam", 0.01),
                                ("L1 regularization λ₁", "l1", 0.001)]:
        old_id = page.evaluate("window.backprop.lab.network.id")
        box = page.get_by_label(label)
        box.fill(str(value))
        box.press("Enter")
        rebuilt(page, old_id)
        assert page.evaluate(f"window.backprop.lab.network.spec.{field}") == value
    spec = page.evaluate("window.backprop.lab.network.spec")
    assert (spec["optimizer"], spec["momentum"], spec["lam"], spec["l1"]) == ("momentum", 0.5, 0.01, 0.001)
    old_id = page.evaluate("window.backprop.lab.network.id")
    box = page.get_by_label("L2 regularization λ")
    box.fill("-1")  # out of range: put back, nothing rebuilt
    box.press("Enter")
    expect(box).to_have_value("0.01")
    assert page.evaluate("window.backprop.lab.network.id") == old_id


def class_shares(page: Page) -> list[float]:
    """Share of the plane's pixels tinted like each class (the points cover only a few percent)."""
    pixels = page.evaluate("""() => { const c = document.getElementById('boundary');
        return Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data); }""")
    counts = [0] * len(CLASS_RGB)
    total = len(pixels) // 4
    for i in range(0, len(pixels), 4 * 7):  # every 7th pixel is plenty
        p = pixels[i:i + 3]
        best = min(((sum((p[ch] - (247 + mix * (rgb[ch] - 247))) ** 2 for ch in range(3)), c)
                    for c, rgb in enumerate(CLASS_RGB) for mix in (0.25, 0.35, 0.45, 0.55, 0.6)))
        if best[0] < 12 ** 2:
            counts[best[1]] += 1
    return [7 * n / total for n in counts]


def test_three_class_spiral_trains_with_softmax_and_three_colors(page: Page, artifacts) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    old_id = page.evaluate("window.backprop.lab.network.id")
    page.get_by_label("Data set").select_option("spiral3")
    rebuilt(page, old_id)
    spec = page.evaluate("window.backprop.lab.network.spec")
    assert spec["sizes"][-1] == 3 and spec["activations"][-1] == "softmax"
    assert spec["cost"] == "softmax_cross_entropy"
    expect(page.locator('#lab-diagram .neuron[data-l="4"]')).to_have_count(3)
    expect(page.locator("#point-picker").get_by_role("radio")).to_have_count(3)
    first = page.evaluate("window.backprop.lab.history[0].train_loss")
    page.get_by_label("Steps between redraws").select_option("100")
    page.get_by_role("button", name="Train (P)").click()
    page.wait_for_function(f"() => window.backprop.lab.history.at(-1).train_loss < {first} * 0.85", timeout=60_000)
    page.keyboard.press("p")
    expect(page.get_by_role("button", name="Train (P)")).to_be_visible()
    page.wait_for_timeout(400)
    shares = class_shares(page)
    assert all(s > 0.05 for s in shares), shares  # three regions, each its own color
    page.screenshot(path=artifacts / "lab-spiral3.png")
