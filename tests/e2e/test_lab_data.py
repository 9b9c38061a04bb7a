"""The training lab on the students' own data, in real Chromium: a CSV file loaded through the dialog, a bad
file named by row and column (with nothing lost), more than 2 inputs (no plane, and why), points added by
clicking on the plane."""

import random
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.waits import when_drawn

READY = "() => window.backprop?.lab.grid && window.backprop.lab.history.length >= 1"


def clusters_csv(path: Path, rows: int = 60) -> Path:
    """Two numeric features and a text label: 'no' around (−1, −1), 'yes' around (1, 1)."""
    rng = random.Random(7)
    lines = ["x1,x2,label"]
    for i in range(rows):
        c = 1 if i % 2 else -1
        lines.append(f"{rng.gauss(c, 0.45):.3f},{rng.gauss(c, 0.45):.3f},{'yes' if c > 0 else 'no'}")
    path.write_text("\n".join(lines) + "\n")
    return path


def open_csv(page: Page, path: Path) -> None:
    page.get_by_role("button", name="Load CSV…").click()
    expect(page.locator("#csv-dialog")).to_be_visible()
    page.locator("#csv-file").set_input_files(path)
    expect(page.locator("#csv-preview")).to_be_visible()


def test_csv_upload_builds_a_network_that_learns_the_clusters(page: Page, artifacts, tmp_path: Path) -> None:
    page.goto("/lab")
    page.wait_for_function(READY)
    old_id = page.evaluate("window.backprop.lab.network.id")
    open_csv(page, clusters_csv(tmp_path / "clusters.csv"))
    table = page.locator("#csv-table")
    expect(table.locator("thead")).to_contain_text("x1")
    expect(table).to_contain_text("no, yes")  # the label's distinct values
    expect(page.get_by_label("Use x1 as an input")).to_be_checked()  # numeric columns are preselected
    expect(page.get_by_label("Use x2 as an input")).to_be_checked()
    expect(page.get_by_label("Target column")).to_have_value("label")
    expect(page.get_by_label("Task")).to_have_value("binary")  # 2 distinct values
    page.get_by_label("Test fraction").fill("0.25")
    expect(page.locator("#csv-summary")).to_contain_text("2-4-4-1 network, sigmoid output")
    page.screenshot(path=artifacts / "lab-csv-dialog.png")

    page.get_by_role("button", name="Build the network").click()
    expect(page.locator("#csv-dialog")).to_be_hidden()
    page.wait_for_function(f"() => window.backprop.lab.network.id !== '{old_id}' && window.backprop.lab.grid")
    spec = page.evaluate("window.backprop.lab.network.spec")
    assert spec["sizes"] == [2, 4, 4, 1]
    assert spec["activations"][-1] == "sigmoid" and spec["cost"] == "binary_cross_entropy"
    assert spec["dataset"] is None and len(spec["samples"]["x"]) == 45 and len(spec["samples"]["x_test"]) == 15
    assert page.evaluate("window.backprop.lab.network.labels.neurons['1']") == ["x1", "x2"]
    expect(page.locator("#lab-diagram")).to_contain_text("x1")
    expect(page.locator("#lab-dataset option:checked")).to_have_text("clusters.csv")
    expect(page.locator("#plane-axes")).to_contain_text("x1")
    expect(page.locator("#point-picker")).to_contain_text("yes")  # the classes by their names

    page.get_by_role("button", name="Train (P)").click()
    page.wait_for_function("() => { const m = window.backprop.lab.history.at(-1); "
                           "return (m.train_accuracy ?? 0) >= 0.9 && m.steps >= 150; }", timeout=60_000)
    page.keyboard.press("p")
    expect(page.get_by_role("button", name="Train (P)")).to_be_visible()
    expect(page.locator("#lab-counter")).to_contain_text("accuracy")
    page.wait_for_timeout(300)
    assert page.evaluate("window.backprop.lab.history.at(-1).train_accuracy") >= 0.9
    page.screenshot(path=artifacts / "lab-csv-trained.png")

    href = page.locator("#to-lesson").get_attribute("href")
    assert href and href.startswith("/?spec=")
    page.goto(href)  # the lesson opens on these weights, with the file's data and names
    when_drawn(page, "() => window.backprop.store.get().status === 'ready'")
    expect(page.locator("#diagram")).to_contain_text("x1")


def test_bad_csv_cell_is_named_and_the_network_stays(page: Page, page_guard, artifacts, tmp_path: Path) -> None:
    path = clusters_csv(tmp_path / "bad.csv", rows=20)
    lines = path.read_text().splitlines()
    cells = lines[4].split(",")  # row 5 as a spreadsheet numbers it (the header is row 1)
    lines[4] = ",".join([cells[0], "abc", cells[2]])
    path.write_text("\n".join(lines) + "\n")

    page.goto("/lab")
    page.wait_for_function(READY)
    before = page.evaluate("window.backprop.lab.network.id")
    page.get_by_role("button", name="Train (P)").click()  # it keeps training behind the dialog
    open_csv(page, path)
    expect(page.locator("#csv-table")).to_contain_text("text")  # x2 is no longer all numbers
    page.get_by_label("Use x2 as an input").check()
    page.get_by_role("button", name="Build the network").click()
    error = page.locator("#csv-error")
    expect(error).to_contain_text("Row 5")
    expect(error).to_contain_text("x2")
    expect(error).to_contain_text("abc")
    expect(page.locator("#csv-dialog")).to_be_visible()
    page.screenshot(path=artifacts / "lab-csv-bad.png")
    assert page.evaluate("window.backprop.lab.network.id") == before
    page.wait_for_function("() => window.backprop.lab.history.at(-1)?.steps > 0")  # still training, still there

    page.get_by_role("button", name="Cancel").click()
    expect(page.locator("#csv-dialog")).to_be_hidden()
    if page.evaluate("Boolean(window.backprop.lab.playing)"):
        page.get_by_role("button", name="Pause (P)").click()
    assert page.evaluate("window.backprop.lab.network.id") == before
    assert page.evaluate("window.backprop.lab.network.spec.dataset.name") == "xor"
    errors = page_guard.take_console_errors()  # Chromium logs the 422 answer
    assert errors and all("422" in e for e in errors)


def test_csv_with_three_features_hides_the_plane_and_says_why(page: Page, artifacts, tmp_path: Path) -> None:
    rng = random.Random(3)
    lines = ["height,weight,age,species"]
    for i in range(45):
        c = i % 3
        lines.append(f"{rng.gauss(c, 0.3):.2f},{rng.gauss(-c, 0.3):.2f},{rng.gauss(1, 0.5):.2f},{'abc'[c]}")
    path = tmp_path / "three.csv"
    path.write_text("\n".join(lines) + "\n")

    page.goto("/lab")
    page.wait_for_function(READY)
    open_csv(page, path)
    expect(page.get_by_label("Target column")).to_have_value("species")
    expect(page.get_by_label("Task")).to_have_value("multiclass")  # text with 3 values
    page.get_by_role("button", name="Build the network").click()
    page.wait_for_function("() => window.backprop.lab.network.spec.sizes[0] === 3")
    spec = page.evaluate("window.backprop.lab.network.spec")
    assert spec["sizes"] == [3, 4, 4, 3] and spec["cost"] == "softmax_cross_entropy"
    expect(page.locator("#boundary")).to_be_hidden()
    expect(page.locator("#neurons")).to_be_hidden()
    note = page.locator("#plane-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("two inputs")
    expect(note).to_contain_text("height, weight, age")
    page.get_by_role("button", name="+10 steps").click()
    page.wait_for_function("() => window.backprop.lab.history.at(-1)?.steps === 10")
    page.wait_for_timeout(200)
    page.screenshot(path=artifacts / "lab-csv-three-features.png")


def test_clicks_on_the_plane_add_training_points(page: Page, artifacts) -> None:
    creates: list[str] = []
    page.on("request", lambda r: creates.append(r.url) if r.method == "POST" and r.url.endswith("/api/networks")
            else None)
    page.goto("/lab")
    page.wait_for_function(READY)
    before = page.evaluate("""() => { const { data, network, grid } = window.backprop.lab;
        return { n: data.x_train.length, params: network.parameters, id: network.id,
                 range: [grid.xs[0], grid.xs.at(-1), grid.ys[0], grid.ys.at(-1)] }; }""")
    creates.clear()
    picker = page.locator("#point-picker")
    expect(picker).to_be_visible()
    box = page.locator("#boundary").bounding_box()
    assert box
    spots = [(0.5, 0.5, "class 0"), (0.1, 0.1, "class 1"), (0.85, 0.2, "class 1")]
    for fx, fy, cls in spots:
        picker.get_by_role("radio", name=cls).click()
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
    page.wait_for_function(f"() => window.backprop.lab.data.x_train.length === {before['n'] + 3}")
    lab = page.evaluate("""() => { const { data, network } = window.backprop.lab;
        return { x: data.x_train.slice(-3), y: data.y_train.slice(-3), spec: network.spec, id: network.id }; }""")
    x0, x1, y0, y1 = before["range"]
    for (fx, fy, cls), x, y in zip(spots, lab["x"], lab["y"], strict=True):
        assert abs(x[0] - (x0 + fx * (x1 - x0))) < 0.03 * (x1 - x0)
        assert abs(x[1] - (y0 + (1 - fy) * (y1 - y0))) < 0.03 * (y1 - y0)  # y grows upward
        assert y == [0.0 if cls == "class 0" else 1.0]
    assert lab["id"] != before["id"]
    assert lab["spec"]["initial"] == before["params"]  # the picture does not jump
    assert lab["spec"]["samples"] is not None and lab["spec"]["dataset"] is None
    assert 1 <= len(creates) <= 2  # quick clicks are batched into one or two rebuilds
    expect(page.locator("#lab-dataset option:checked")).to_have_text("xor + 3 points")
    page.get_by_role("button", name="+10 steps").click()
    page.wait_for_function("() => window.backprop.lab.history.at(-1)?.steps >= 10")
    page.wait_for_timeout(300)
    page.screenshot(path=artifacts / "lab-click-points.png")
