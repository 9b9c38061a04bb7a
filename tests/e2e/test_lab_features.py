"""Input features in the lab, as in TensorFlow Playground: a toggle per feature the data allow rebuilds the network
at once with those inputs; with x₁² and x₂² a network without hidden layers learns the circle, which without them it
cannot; the features survive a reload and clicked-in points (a set chosen from the menu brings its own suggested
network, features included); the plane is drawn over the data's own points, and a curve's data are offered only the
features of x₁."""

import base64
import json

from playwright.sync_api import Page, expect

LAB = "window.backprop.lab"
READY = f"() => window.backprop?.lab.grid && {LAB}.history.length >= 1"
CIRCLE = {"sizes": [2, 1], "activations": ["sigmoid"], "cost": "binary_cross_entropy", "eta": 1.0, "batch_size": 16,
          "seed": 1, "dataset": {"name": "circle", "n": 200, "noise": 0.1, "test_fraction": 0.2, "seed": 0}}
SINE = {"sizes": [1, 6, 1], "activations": ["tanh", "linear"], "cost": "quadratic", "eta": 0.01, "optimizer": "adam",
        "batch_size": 16, "seed": 1, "dataset": {"name": "curve_sine", "n": 120, "noise": 0.03}}


def open_lab(page: Page, spec: dict, ready: str = READY) -> None:
    page.goto("/lab?spec=" + base64.urlsafe_b64encode(json.dumps(spec).encode()).decode().rstrip("="))
    page.wait_for_function(ready)


def toggles(page: Page) -> dict[str, bool]:
    """Each toggle's label → pressed."""
    return page.locator("#lab-features .feature-toggle").evaluate_all(
        "bs => Object.fromEntries(bs.map((b) => [b.textContent, b.getAttribute('aria-pressed') === 'true']))")


def toggle(page: Page, label: str, features: list[str]) -> None:
    """Click a feature's toggle and wait for the network built with `features` to be drawn."""
    page.locator("#lab-features").get_by_role("button", name=label, exact=True).click()
    page.wait_for_function(f"() => {LAB}.network.spec.features.join() === {json.dumps(','.join(features))} && "
                           f"{LAB}.grid && {LAB}.history.length >= 1")


def train_until(page: Page, check: str, timeout: float = 45_000) -> None:
    page.get_by_role("button", name="Train (P)").click()
    page.wait_for_function(f"() => {{ const last = {LAB}.history.at(-1); return {check}; }}", timeout=timeout)
    page.keyboard.press("p")
    page.wait_for_function(f"() => !{LAB}.playing")


def test_squares_let_a_network_without_hidden_layers_learn_the_circle(page: Page) -> None:
    open_lab(page, CIRCLE)
    assert toggles(page) == {"x₁": True, "x₂": True, "x₁²": False, "x₂²": False, "x₁x₂": False, "sin πx₁": False,
                             "sin πx₂": False}
    train_until(page, "last.steps >= 600")
    best = page.evaluate(f"Math.max(...{LAB}.history.map((m) => m.test_accuracy))")
    assert best < 0.75, best  # a line cannot split a ring from its middle
    toggle(page, "x₁²", ["x1", "x2", "x1_squared"])
    toggle(page, "x₂²", ["x1", "x2", "x1_squared", "x2_squared"])
    toggle(page, "x₁", ["x2", "x1_squared", "x2_squared"])
    toggle(page, "x₂", ["x1_squared", "x2_squared"])
    assert page.evaluate(f"{LAB}.network.spec.sizes") == [2, 1]  # still no hidden layer: two inputs, one output
    train_until(page, "last.test_accuracy >= 0.9")
    assert page.evaluate(f"{LAB}.history.at(-1).steps") <= 3000


def test_a_toggle_names_the_inputs_on_the_diagram_and_sizes_the_input_layer(page: Page) -> None:
    open_lab(page, {**CIRCLE, "sizes": [2, 3, 1], "activations": ["tanh", "sigmoid"]})
    expect(page.locator("#lab-diagram .neuron")).to_have_count(2 + 3 + 1)
    toggle(page, "x₁²", ["x1", "x2", "x1_squared"])
    toggle(page, "sin πx₂", ["x1", "x2", "x1_squared", "sin_pi_x2"])
    spec = page.evaluate(f"{LAB}.network.spec")
    assert spec["sizes"] == [4, 3, 1] and spec["initial"] is not None  # fresh weights, drawn by the server
    assert page.evaluate(f"{LAB}.network.labels.neurons['1']") == ["x₁", "x₂", "x₁²", "sin πx₂"]
    expect(page.locator("#lab-diagram .neuron")).to_have_count(4 + 3 + 1)
    labels = page.locator("#lab-diagram .neuron-label").all_text_contents()
    assert {"x₁²", "sin πx₂"} <= set(labels), labels
    expect(page.locator("#lab-status")).to_contain_text("Inputs: x₁, x₂, x₁², sin πx₂")
    pressed = toggles(page)
    assert [name for name, on in pressed.items() if on] == ["x₁", "x₂", "x₁²", "sin πx₂"]
    # Back to x₁ and x₂ alone: the data's own inputs, which a spec says as no features at all.
    toggle(page, "x₁²", ["x1", "x2", "sin_pi_x2"])
    toggle(page, "sin πx₂", [])
    assert page.evaluate(f"{LAB}.network.spec.sizes") == [2, 3, 1]
    # The last input pressed cannot be let go of.
    toggle(page, "x₁", ["x2"])
    last = page.locator("#lab-features").get_by_role("button", name="x₂", exact=True)
    expect(last).to_be_disabled()
    expect(last).to_have_attribute("aria-pressed", "true")


def test_a_reload_or_the_link_reopens_the_lab_with_the_same_features(page: Page) -> None:
    open_lab(page, CIRCLE)
    toggle(page, "x₁x₂", ["x1", "x2", "x1_times_x2"])
    toggle(page, "x₁", ["x2", "x1_times_x2"])
    link = page.url
    page.reload()
    page.wait_for_function(READY)
    assert page.evaluate(f"{LAB}.network.spec.features") == ["x2", "x1_times_x2"]
    assert [name for name, on in toggles(page).items() if on] == ["x₂", "x₁x₂"]
    other = page.context.new_page()
    other.goto(link)
    other.wait_for_function(READY)
    assert other.evaluate(f"{LAB}.network.spec.sizes") == [2, 1]
    assert [name for name, on in toggles(other).items() if on] == ["x₂", "x₁x₂"]


def test_clicked_points_are_points_of_the_plane_and_the_features_stay(page: Page) -> None:
    open_lab(page, CIRCLE)
    toggle(page, "x₁²", ["x1", "x2", "x1_squared"])
    before = page.evaluate(f"""() => {{ const {{ data, grid }} = {LAB};
        return {{ n: data.points_train.length,
                  range: [grid.xs[0], grid.xs.at(-1), grid.ys[0], grid.ys.at(-1)] }}; }}""")
    box = page.locator("#boundary").bounding_box()
    assert box
    spots = [(0.15, 0.2), (0.8, 0.7)]  # (fraction across, fraction down)
    for fx, fy in spots:
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
    page.wait_for_function(f"() => {LAB}.about.added === 2 && {LAB}.data.points_train.length === {before['n'] + 2}")
    page.wait_for_function(READY)
    got = page.evaluate(f"""() => {{ const {{ data, network }} = {LAB};
        return {{ spec: network.spec, points: data.points_train.slice(-2), x: data.x_train.slice(-2),
                  n: data.x_train.length }}; }}""")
    assert got["spec"]["features"] == ["x1", "x2", "x1_squared"] and got["spec"]["sizes"][0] == 3
    assert got["n"] == before["n"] + 2
    assert all(len(row) == 2 for row in got["spec"]["samples"]["x"])  # the samples are points; the server featurizes
    x0, x1, y0, y1 = before["range"]
    for (fx, fy), point, x in zip(spots, got["points"], got["x"], strict=True):
        assert abs(point[0] - (x0 + fx * (x1 - x0))) < 0.03 * (x1 - x0)
        assert abs(point[1] - (y0 + (1 - fy) * (y1 - y0))) < 0.03 * (y1 - y0)
        assert x == [point[0], point[1], point[0] ** 2]
    expect(page.locator("#lab-features .feature-toggle[aria-pressed='true']")).to_have_count(3)
    expect(page.locator("#lab-dataset option:checked")).to_have_text("circle + 2 points")
    # Another feature on the same points, and Reset goes back to that network's starting weights (the ones before
    # it had another input layer).
    toggle(page, "x₂²", ["x1", "x2", "x1_squared", "x2_squared"])
    assert page.evaluate(f"{LAB}.data.points_train.length") == before["n"] + 2
    start = page.evaluate(f"{LAB}.network.parameters")
    train_until(page, "last.steps >= 20")
    page.get_by_role("button", name="Reset").click()
    page.wait_for_function(f"() => {LAB}.history.at(-1)?.steps === 0")
    assert page.evaluate(f"{LAB}.network.parameters") == start
    assert page.evaluate(f"{LAB}.network.spec.features") == ["x1", "x2", "x1_squared", "x2_squared"]


def test_the_plane_is_drawn_over_the_points_with_features(page: Page, artifacts) -> None:
    open_lab(page, {**CIRCLE, "sizes": [2, 4, 1], "activations": ["tanh", "sigmoid"]})
    toggle(page, "x₁²", ["x1", "x2", "x1_squared"])
    toggle(page, "x₂²", ["x1", "x2", "x1_squared", "x2_squared"])
    toggle(page, "x₁", ["x2", "x1_squared", "x2_squared"])
    toggle(page, "x₂", ["x1_squared", "x2_squared"])
    train_until(page, "last.steps >= 200")
    grid = page.evaluate(f"{LAB}.grid")
    assert grid["xs"][0] < -0.5 < 0.5 < grid["xs"][-1]  # the points' plane, not the squares' (which are ≥ 0)
    assert grid["ys"][0] < -0.5 < 0.5 < grid["ys"][-1]
    expect(page.locator("#plane-axes")).to_have_text("x₁ →   x₂ ↑")
    expect(page.locator("#lab-right")).not_to_have_class("no-plane")
    # The canvas shows the boundary: many colors, the points' and the plane's both.
    colors = page.evaluate("""() => {
        const c = document.getElementById('boundary'), px = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        const seen = new Set();
        for (let i = 0; i < px.data.length; i += 4 * 97) seen.add(px.data.slice(i, i + 4).join());
        return seen.size; }""")
    assert colors > 50, colors
    assert page.locator("#neurons canvas").get_attribute("data-maps") == "4"
    page.screenshot(path=artifacts / "lab-features.png")


def test_a_curve_offers_the_features_of_x1(page: Page) -> None:
    open_lab(page, CIRCLE)
    toggle(page, "x₁²", ["x1", "x2", "x1_squared"])
    toggle(page, "x₂²", ["x1", "x2", "x1_squared", "x2_squared"])
    # A set chosen from the menu brings its own suggested network (app/core/suggested.py): the sine's takes x₁ alone.
    page.get_by_label("Data set").select_option("curve_sine")
    page.wait_for_function(f"() => {LAB}.grid?.kind === 'curve' && {LAB}.history.length >= 1")
    assert toggles(page) == {"x₁": True, "x₁²": False, "sin πx₁": False}  # x₂'s features have gone with x₂
    assert page.evaluate(f"{LAB}.network.spec.features") == []
    toggle(page, "x₁²", ["x1", "x1_squared"])
    assert page.evaluate(f"{LAB}.network.spec.sizes")[0] == 2
    toggle(page, "sin πx₁", ["x1", "x1_squared", "sin_pi_x1"])
    toggle(page, "x₁²", ["x1", "sin_pi_x1"])
    curve = page.evaluate(f"{LAB}.grid")
    points = page.evaluate(f"{LAB}.data.points_train.map((p) => p[0])")
    assert curve["kind"] == "curve" and curve["xs"][0] < min(points) and curve["xs"][-1] > max(points)
    toggle(page, "sin πx₁", [])
    expect(page.locator("#lab-features").get_by_role("button", name="x₁", exact=True)).to_be_disabled()
    open_lab(page, SINE)
    assert toggles(page) == {"x₁": True, "x₁²": False, "sin πx₁": False}


def test_own_data_of_two_columns_get_toggles_and_keep_their_names(page: Page) -> None:
    rows = [[i / 10, (i % 7) / 7] for i in range(-10, 11)]
    spec = {"sizes": [2, 3, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy", "eta": 0.5,
            "batch_size": 4, "samples": {"x": rows, "y": [[float(x * x + y * y < 0.4)] for x, y in rows]},
            "labels": {"neurons": {"1": ["height", "weight"]}}}
    open_lab(page, spec)
    expect(page.locator("#plane-axes")).to_have_text("height →   weight ↑")
    toggle(page, "x₂²", ["x1", "x2", "x2_squared"])
    assert page.evaluate(f"{LAB}.network.labels.neurons['1']") == ["x₁", "x₂", "x₂²"]
    toggle(page, "x₂²", [])
    assert page.evaluate(f"{LAB}.network.labels.neurons['1']") == ["height", "weight"]
    # Three columns of one's own: no plane to draw, and no features offered.
    wide = {**spec, "sizes": [3, 3, 1], "labels": None,
            "samples": {"x": [[*r, 1.0] for r in rows], "y": spec["samples"]["y"]}}
    open_lab(page, wide, f"() => {LAB}.network?.spec.sizes[0] === 3 && {LAB}.history.length >= 1")
    expect(page.locator("#lab-features")).to_be_hidden()
    expect(page.locator("#plane-note")).to_contain_text("these data have 3 inputs")
