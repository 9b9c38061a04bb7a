"""Reading students' CSV files: the preview, the three tasks, the split, and every error naming its row and column."""

import numpy as np
import pytest

from app.core.csvdata import inspect_csv, parse_csv
from app.core.errors import SpecError
from app.core.limits import Limits

IRIS = "sepal,petal,species\n5.1,1.4,setosa\n7.0,4.7,versicolor\n6.3,6.0,virginica\n4.9,1.4,setosa\n"


def error(text: str, *args, **kwargs) -> SpecError:
    """The SpecError parse_csv (or inspect_csv, without args) raises."""
    with pytest.raises(SpecError) as info:
        parse_csv(text, *args, **kwargs) if args or kwargs else inspect_csv(text)
    return info.value


# --- reading the file ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_comma_semicolon_and_tab_delimiters_give_the_same_data(delimiter):
    text = IRIS.replace(",", delimiter)
    preview = inspect_csv(text)
    assert preview.delimiter == delimiter and [c.name for c in preview.columns] == ["sepal", "petal", "species"]
    data = parse_csv(text, ["sepal", "petal"], "species", "multiclass")
    assert data.x.tolist() == [[5.1, 1.4], [7.0, 4.7], [6.3, 6.0], [4.9, 1.4]]


def test_semicolon_files_may_use_decimal_commas():
    data = parse_csv("x;y\n1,5;2\n-0,25;3\n", ["x"], "y", "regression")
    assert inspect_csv("x;y\n1,5;2\n").delimiter == ";"
    assert data.x.tolist() == [[1.5], [-0.25]] and data.y.tolist() == [[2.0], [3.0]]


def test_a_bom_and_windows_or_old_mac_line_endings_are_read():
    for text in ("\ufeff" + IRIS.replace("\n", "\r\n"), IRIS.replace("\n", "\r")):
        data = parse_csv(text, ["sepal", "petal"], "species", "multiclass")
        assert data.features == ["sepal", "petal"] and data.rows == 4


def test_quoted_fields_may_hold_delimiters_quotes_and_line_breaks():
    text = 'name,x,y\n"Smith, J.","1.5",0\n"say ""hi""\nthere",2,1\nplain,three,1\n'
    preview = inspect_csv(text)
    assert preview.head[0] == ["Smith, J.", "1.5", "0"] and preview.head[1][0] == 'say "hi"\nthere'
    assert preview.rows == 3
    # the quoted line break stays inside one row: 'plain' is row 4, as a spreadsheet shows it (line 5 of the text)
    assert error(text, ["x"], "y", "binary").message == "Row 4, column 'x' (2): 'three' is not a number."


def test_cells_are_trimmed_and_blank_rows_skipped_but_counted():
    text = "x, y\n 1 , 2\n\n3,4\n,\n5,x\n"
    assert inspect_csv("x, y\n 1 , 2\n\n3,4\n").head == [["1", "2"], ["3", "4"]]
    assert error(text, ["x"], "y", "regression").message == "Row 6, column 'y' (2): 'x' is not a number."


def test_trailing_empty_cells_from_spreadsheets_are_ignored():
    preview = inspect_csv("x,y,\n1,2,\n3,4,,\n")
    assert [c.name for c in preview.columns] == ["x", "y"] and preview.head == [["1", "2"], ["3", "4"]]


@pytest.mark.parametrize(("text", "has_header", "names"), [
    ("x1,x2,label\n1,2,a\n", True, ["x1", "x2", "label"]),
    ("x,2020,label\n0.5,1,cat\n0.7,2,dog\n", True, ["x", "2020", "label"]),  # text above numbers in column 1
    ("1,2,cat\n3,4,dog\n", False, ["column 1", "column 2", "column 3"]),
    ("0.5,1\n0.7,2\n", False, ["column 1", "column 2"]),
    (",x2\n1,2\n", True, ["column 1", "x2"]),  # pandas' index column has no name
])
def test_the_header_row_is_detected(text, has_header, names):
    preview = inspect_csv(text)
    assert preview.has_header is has_header and [c.name for c in preview.columns] == names
    assert preview.rows == text.count("\n") - has_header


def test_the_header_can_be_forced_either_way():
    assert inspect_csv("1,2\n3,4\n", header=True).columns[0].name == "1"
    assert inspect_csv("a,b\nc,d\n", header=False).rows == 2


def test_the_preview_describes_each_column():
    rows = "\n".join(f"{i},{i % 3},{'yes' if i % 2 else 'no'}," for i in range(30))
    preview = inspect_csv("id,group,answer,note\n" + rows + "\n")
    ident, group, answer, note = preview.columns
    assert (ident.number, ident.numeric, ident.values) == (1, True, None)  # 30 distinct values: not listed
    assert group.values == [0.0, 1.0, 2.0] and group.numeric
    assert answer.values == ["no", "yes"] and not answer.numeric and answer.empty == 0
    assert note.empty == 30 and not note.numeric and note.values == []
    assert preview.rows == 30 and len(preview.head) == 5 and preview.head[1] == ["1", "1", "yes", ""]


def test_nan_and_inf_make_a_column_not_numeric():
    assert [c.numeric for c in inspect_csv("a,b,c\n1,nan,inf\n2,3,4\n").columns] == [True, False, False]


# --- the three tasks ----------------------------------------------------------------------------------------


def test_regression_keeps_the_raw_numbers():
    data = parse_csv("a,b,price\n1,2,100.5\n3,4,-7e2\n", ["b", "a"], "price", "regression")
    assert data.x.tolist() == [[2.0, 1.0], [4.0, 3.0]] and data.y.tolist() == [[100.5], [-700.0]]
    assert data.classes is None and data.x.dtype == data.y.dtype == np.float64
    assert data.x.flags.c_contiguous and data.y.flags.c_contiguous


def test_binary_keeps_0_and_1_and_maps_other_labels_in_sorted_order():
    assert parse_csv("x,y\n1,1\n2,0\n3,1.0\n", ["x"], "y", "binary").y.ravel().tolist() == [1, 0, 1]
    minus = parse_csv("x,y\n1,1\n2,-1\n", ["x"], "y", "binary")
    assert minus.y.ravel().tolist() == [1, 0] and minus.classes == ["-1", "1"]
    words = parse_csv("x,y\n1,yes\n2,no\n3,yes\n", ["x"], "y", "binary")
    assert words.y.tolist() == [[1.0], [0.0], [1.0]] and words.classes == ["no", "yes"]


def test_multiclass_is_one_hot_with_the_classes_in_order():
    data = parse_csv(IRIS, ["sepal", "petal"], "species", "multiclass")
    assert data.classes == ["setosa", "versicolor", "virginica"]
    assert data.y.tolist() == [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]
    numeric = parse_csv("x,k\n1,10\n2,2\n3,10\n", ["x"], "k", "multiclass")
    assert numeric.classes == ["2", "10"] and numeric.y.tolist() == [[0, 1], [1, 0], [0, 1]]  # by value


def test_columns_can_be_given_by_1_based_number():
    by_number = parse_csv(IRIS, [2, 1], 3, "multiclass")
    assert by_number.features == ["petal", "sepal"] and by_number.target == "species"
    assert by_number.x[0].tolist() == [1.4, 5.1]


# --- the train/test split -----------------------------------------------------------------------------------

LABELLED = "x,label\n" + "".join(f"{i},{'a' if i < 30 else 'b'}\n" for i in range(40))


def test_the_split_is_seeded_and_holds_out_the_fraction():
    first, again = (parse_csv(LABELLED, ["x"], "label", "binary", 0.25, seed=7) for _ in range(2))
    other = parse_csv(LABELLED, ["x"], "label", "binary", 0.25, seed=8)
    assert first.x_test.shape == (10, 1) and first.x.shape == (30, 1) and first.rows == 40
    assert np.array_equal(first.x_test, again.x_test) and np.array_equal(first.x, again.x)
    assert not np.array_equal(first.x_test, other.x_test)
    assert sorted(np.concatenate([first.x, first.x_test]).ravel()) == list(range(40))
    assert np.all(np.diff(first.x.ravel()) > 0)  # each part keeps the file's order


def test_the_split_is_stratified_by_class():
    data = parse_csv(LABELLED, ["x"], "label", "binary", 0.2, seed=3)
    assert data.y_test.sum() == 2 and len(data.y_test) == 8  # 30 a and 10 b: 6 and 2 held out


def test_no_test_set_without_a_test_fraction():
    data = parse_csv(LABELLED, ["x"], "label", "binary")
    assert data.x_test is None and data.y_test is None and data.x.shape == (40, 1)


# --- errors: each says what is wrong and where --------------------------------------------------------------


@pytest.mark.parametrize(("text", "message"), [
    ("", "The file is empty."),
    ("\ufeff \n\n", "The file is empty."),
    ("x,y,label\n", "Row 1 is the header, and there are no data rows below it."),
    ("a,b,c,d\n1,2,3,4\n" + "1,2,3,4\n" * 4 + "1,2,3\n", "Row 7 has 3 cells; the header has 4."),
    ("1,2\n3\n", "Row 2 has 1 cell; row 1 has 2."),
    ("x,y,x\n1,2,3\n", "Row 1: columns 1 and 3 are both named 'x'; column names must be unique."),
    ('x,y\n1,"2\n3,4\n', "Row 2 cannot be read as CSV: unexpected end of data (is a quote left open?)."),
])
def test_a_file_that_cannot_be_read_says_where(text, message):
    err = error(text)
    assert (err.message, err.field) == (message, "csv")


@pytest.mark.parametrize(("cell", "message"), [
    ("abc", "Row 14, column 'x2' (2): 'abc' is not a number."),
    ("", "Row 14, column 'x2' (2) is empty; every chosen cell needs a number."),
    ("nan", "Row 14, column 'x2' (2): 'nan' is not a finite number."),
    ("-inf", "Row 14, column 'x2' (2): '-inf' is not a finite number."),
    ("2e6", "Row 14, column 'x2' (2): '2e6' is beyond ±1e+06."),
])
def test_a_bad_cell_is_named_by_row_and_column(cell, message):
    rows = ["x1,x2,y"] + ["1,2,3"] * 12 + [f"1,{cell},3"] + ["1,2,3"]
    err = error("\n".join(rows), ["x1", "x2"], "y", "regression")
    assert (err.message, err.field) == (message, "csv")


def test_the_first_bad_cell_in_reading_order_is_reported():
    err = error("a,b,y\n1,2,3\n4,oops,6\nbad,8,9\n", ["a", "b"], "y", "regression")
    assert err.message == "Row 3, column 'b' (2): 'oops' is not a number."
    assert error("a,y\n1,2\n3,x\n", ["a"], "y", "regression").message == "Row 3, column 'y' (2): 'x' is not a number."


def test_a_long_cell_is_shortened_in_the_message():
    assert "'" + "z" * 40 + "…'" in error("a,y\n" + "z" * 500 + ",1\n", ["a"], "y", "regression").message


@pytest.mark.parametrize(("args", "message", "field"), [
    ((["x1"], "label", "binary"), "The target column 'label' (3) has 5 distinct values; binary needs exactly 2.",
     "target"),
    ((["x1"], "x2", "binary"), "The target column 'x2' (2) has 1 distinct value; binary needs exactly 2.", "target"),
    ((["x1"], "x2", "multiclass"), "The target column 'x2' (2) has 1 distinct value; multiclass needs at least 2.",
     "target"),
    ((["x2"], "x1", "binary"), "Row 3, column 'x1' (1): label '0.5' is out of range: numeric class labels must be "
     "whole numbers (is this a regression target?).", "target"),
    ((["x9"], "label", "binary"), "There is no column named 'x9'; the columns are 'x1', 'x2', 'label'.",
     "features[0]"),
    ((["x1"], "Label", "binary"), "There is no column named 'Label'; the columns are 'x1', 'x2', 'label'.", "target"),
    (([1, 4], "label", "binary"), "There is no column 4; the file has 3 columns (1 … 3).", "features[1]"),
    ((["x1"], 0, "binary"), "There is no column 0; the file has 3 columns (1 … 3).", "target"),
    ((["x1", "label"], "label", "multiclass"), "The column 'label' (3) is the target; it cannot also be a feature.",
     "features[1]"),
    ((["x1", 1], "label", "multiclass"), "The column 'x1' (1) is chosen twice as a feature.", "features[1]"),
    (([], "label", "multiclass"), "Choose at least one feature column.", "features"),
    (([None], "label", "multiclass"), "Give a column by name or number; got None.", "features[0]"),
    ((["x1"], "label", "clustering"), "task must be 'regression', 'binary' or 'multiclass'; got 'clustering'.", "task"),
    ((["x1"], "label", "multiclass", 0.95), "test_fraction must be a number from 0 to 0.9; got 0.95.",
     "test_fraction"),
    ((["x1"], "label", "multiclass", 0.2, -1), "seed must be a whole number from 0 to 2^32 − 1; got -1.", "seed"),
])
def test_a_bad_choice_of_columns_or_task_names_it(args, message, field):
    text = "x1,x2,label\n1,7,a\n0.5,7,b\n2,7,c\n3,7,d\n4,7,e\n"
    err = error(text, *args)
    assert (err.message, err.field) == (message, field)


def test_a_test_fraction_that_leaves_no_training_row_is_refused():
    err = error("x,y\n1,2\n", ["x"], "y", "regression", 0.9)
    assert (err.message, err.field) == ("With 1 data row, test_fraction 0.9 leaves no row for training.",
                                        "test_fraction")


def test_an_empty_label_is_named():
    err = error("x,y\n1,a\n2,\n", ["x"], "y", "binary")
    assert (err.message, err.field) == ("Row 3, column 'y' (2) is empty; every row needs a label.", "csv")


# --- limits -------------------------------------------------------------------------------------------------


def test_more_rows_than_max_samples_are_refused():
    err = error("x,y\n" + "1,2\n" * 11, ["x"], "y", "regression", limits=Limits(max_samples=10))
    assert (err.message, err.field) == ("The file has 11 data rows; at most 10 are allowed.", "csv")
    with pytest.raises(SpecError, match="at most 10"):
        inspect_csv("x,y\n" + "1,2\n" * 11, limits=Limits(max_samples=10))


def test_more_feature_columns_than_max_inputs_are_refused():
    err = error("a,b,c,y\n1,2,3,4\n", ["a", "b", "c"], "y", "regression", limits=Limits(max_inputs=2))
    assert (err.message, err.field) == ("At most 2 feature columns (one input neuron each); got 3.", "features")


def test_more_classes_than_output_neurons_are_refused():
    text = "x,k\n" + "".join(f"{i},c{i}\n" for i in range(5))
    err = error(text, ["x"], "k", "multiclass", limits=Limits(max_neurons=4))
    assert err.message == ("The target column 'k' (2) has 5 distinct values; multiclass needs at most 4 "
                           "(one output neuron each).")
    assert parse_csv(text, ["x"], "k", "multiclass", limits=Limits(max_neurons=5)).y.shape == (5, 5)


def test_values_up_to_the_limit_are_accepted():
    assert parse_csv("x,y\n-1e6,1000000\n", ["x"], "y", "regression").x.tolist() == [[-1e6]]
