"""The lab's pure helpers (static/js/lab/spec.js), run in the page's own Chromium: the task a CSV column
suggests, the spec a task needs, short names, standardizing, and the lesson link for big data."""

from typing import Any

from playwright.sync_api import Page


def run(page: Page, body: str) -> Any:
    page.goto("/lab")
    return page.evaluate(f"async () => {{ const m = await import('/static/js/lab/spec.js'); {body} }}")


def test_the_task_preselected_for_a_column(page: Page) -> None:
    got = run(page, """return [
        m.guessTask({ numeric: false, values: ["no", "yes"] }),
        m.guessTask({ numeric: true, values: [0, 1] }),
        m.guessTask({ numeric: false, values: ["a", "b", "c"] }),
        m.guessTask({ numeric: true, values: [1, 2, 3, 4] }),
        m.guessTask({ numeric: true, values: [0.5, 1.5, 2.5] }),
        m.guessTask({ numeric: true, values: null }),
        m.guessTarget([{ name: "x", numeric: true, values: null }, { name: "kind", numeric: false, values: ["a", "b"] },
                       { name: "z", numeric: true, values: null }]),
        m.guessTarget([{ name: "x", numeric: true, values: null }, { name: "y", numeric: true, values: null }]),
    ];""")
    assert got == ["binary", "binary", "multiclass", "multiclass", "regression", "regression", "kind", "y"]


def test_a_task_sets_the_output_layer_and_keeps_the_hidden_ones(page: Page) -> None:
    got = run(page, """const spec = { sizes: [2, 5, 3, 1], activations: "tanh" };
        return [m.reshape(spec, 4, 1, "binary"), m.reshape(spec, 3, 3, "multiclass"),
                m.reshape(spec, 2, 1, "regression"),
                m.taskOf({ y_train: [[0], [1]] }), m.taskOf({ y_train: [[0, 0, 1], [1, 0, 0]] }),
                m.taskOf({ y_train: [[0.01, 0.99]] }), m.taskOf({ y_train: [[2.5]] })];""")
    assert got[0] == {"sizes": [4, 5, 3, 1], "activations": ["tanh", "tanh", "sigmoid"], "cost": "binary_cross_entropy"}
    assert got[1] == {"sizes": [3, 5, 3, 3], "activations": ["tanh", "tanh", "softmax"],
                      "cost": "softmax_cross_entropy"}
    assert got[2] == {"sizes": [2, 5, 3, 1], "activations": ["tanh", "tanh", "linear"], "cost": "quadratic"}
    assert got[3:] == ["binary", "multiclass", "regression", "regression"]


def test_short_names_keep_the_end_where_columns_differ(page: Page) -> None:
    got = run(page, "return ['x1', 'measurement_1', 'measurement_2'].map((n) => m.shortName(n));")
    assert got == ["x1", "measur…ent_1", "measur…ent_2"]


def test_standardizing_uses_the_training_rows_for_both_sets(page: Page) -> None:
    got = run(page, """return [
        m.standardize({ x: [[1, 10], [3, 30]], y: [[0], [1]], x_test: [[2, 50]], y_test: [[1]] }, "binary"),
        m.standardize({ x: [[0], [2]], y: [[100], [300]], x_test: null, y_test: null }, "regression")];""")
    assert got[0] == {"x": [[-1, -1], [1, 1]], "y": [[0], [1]], "x_test": [[0, 3]], "y_test": [[1]]}
    assert got[1] == {"x": [[-1], [1]], "y": [[-1], [1]], "x_test": None, "y_test": None}


def test_the_lesson_link_leaves_out_the_test_set_when_too_long(page: Page) -> None:
    got = run(page, """const rows = (n) => Array.from({ length: n }, (_, i) => [i / 7, -i / 3]);
        const net = (train, test) => ({ parameters: [], spec: { sizes: [2, 1], samples: {
            x: rows(train), y: rows(train).map(() => [1]), x_test: rows(test), y_test: rows(test).map(() => [0]) } } });
        const decode = (href) => JSON.parse(decodeURIComponent(escape(atob(
            href.slice(7).replace(/-/g, "+").replace(/_/g, "/")))));
        const small = decode(m.lessonLink(net(10, 5)));
        const big = decode(m.lessonLink(net(1200, 1000)));
        return [small.samples.x_test.length, small.samples.x[1], big.samples.x.length, big.samples.x_test,
                m.lessonLink(net(20000, 0))];""")
    assert got[0] == 5 and got[1] == [0.142857, -0.333333]  # 6 significant digits
    assert got[2] == 1200 and got[3] is None
    assert got[4] is None  # too long for any link: the lab says so instead
