"""The lab's confusion matrices (issue 15): train and test, each summing to its set's size, the diagonal the
examples the network gets right; none for a regression."""

from playwright.sync_api import Page, expect

from tests.e2e.test_lab_doctor import open_lab, ten_steps


def cells(page: Page, caption: str) -> list[list[int]]:
    table = page.locator("#confusion table", has=page.locator("caption", has_text=caption))
    return table.locator("tbody tr").evaluate_all(
        "rows => rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent)))")


def test_the_matrices_count_every_example_and_their_diagonal_is_the_accuracy(page: Page) -> None:
    open_lab(page)
    ten_steps(page)
    expect(page.locator("#confusion")).to_be_visible()
    data = page.evaluate("(({ data, history }) => ({ train: data.x_train.length, test: data.x_test.length,"
                         " last: history.at(-1) }))(window.backprop.lab)")
    for caption, n, accuracy in (("train", data["train"], data["last"]["train_accuracy"]),
                                 ("test", data["test"], data["last"]["test_accuracy"])):
        counts = cells(page, caption)
        assert len(counts) == 2 and sum(map(sum, counts)) == n
        assert (counts[0][0] + counts[1][1]) / n == accuracy


def test_three_classes_make_a_three_by_three_matrix_and_a_regression_none(page: Page) -> None:
    open_lab(page, sizes=[2, 8, 3], activations=["tanh", "softmax"], cost="softmax_cross_entropy",
             dataset={"name": "spiral3", "n": 150, "noise": 0.1})
    ten_steps(page)
    assert [len(row) for row in cells(page, "test")] == [3, 3, 3]
    open_lab(page, sizes=[1, 8, 1], activations=["tanh", "linear"], cost="quadratic",
             dataset={"name": "curve_sine", "n": 100, "noise": 0.1})
    ten_steps(page)
    expect(page.locator("#confusion")).to_be_hidden()
