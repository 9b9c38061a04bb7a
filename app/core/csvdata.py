"""Students' own data: a CSV file → a preview of its columns, or the x and y a network trains on.

Every message points at a cell the student can find: rows are numbered as a spreadsheet shows them (the header
is row 1, blank lines count) and columns by name and 1-based number, e.g. "Row 14, column 'x2' (2): 'abc' is
not a number." Errors are SpecErrors whose field names the request field: csv, features[i], target, task, ….
"""

import csv
import io
import math
from dataclasses import dataclass
from itertools import islice
from typing import Literal

import numpy as np

from .errors import SpecError
from .limits import Limits

Task = Literal["regression", "binary", "multiclass"]
TASKS = ("regression", "binary", "multiclass")
DELIMITERS = ("\t", ";", ",")  # on a tie the earlier wins: in "1,5;2,3" the comma is a decimal comma
SNIFF_ROWS = 50  # rows read to choose the delimiter and whether row 1 is a header
LISTED_VALUES = 20  # a column's distinct values are listed up to this many
HEAD_ROWS = 5


@dataclass(frozen=True)
class Table:
    """The cells of a file (stripped strings): the column names and the data rows with their row numbers."""

    names: list[str]
    rows: list[list[str]]
    row_numbers: list[int]  # as a spreadsheet shows them
    has_header: bool
    delimiter: str

    def where(self, i: int, j: int) -> str:
        """Data row i, column j (both 0-based) as the student sees them: "Row 14, column 'x2' (2)"."""
        return f"Row {self.row_numbers[i]}, {self.column(j)}"

    def column(self, j: int) -> str:
        return f"column '{self.names[j]}' ({j + 1})"


@dataclass(frozen=True)
class Column:
    name: str
    number: int  # 1-based, as in the messages
    numeric: bool  # every non-empty cell is a finite number (and there is one)
    empty: int  # empty cells
    values: list[float] | list[str] | None  # the sorted distinct values, when at most LISTED_VALUES


@dataclass(frozen=True)
class CsvPreview:
    delimiter: str
    has_header: bool
    rows: int  # data rows
    columns: list[Column]
    head: list[list[str]]  # the first HEAD_ROWS data rows


@dataclass(frozen=True, eq=False)  # eq=False: `==` on arrays would be ambiguous
class CsvData:
    """x (n_train, d), y (n_train, k), x_test (n_test, d) and y_test (n_test, k), or None without a test set;
    every array a float64. classes: the label of output j (binary: of y = 0 and y = 1), None for regression."""

    x: np.ndarray
    y: np.ndarray
    x_test: np.ndarray | None
    y_test: np.ndarray | None
    classes: list[str] | None
    features: list[str]
    target: str

    @property
    def rows(self) -> int:
        return self.x.shape[0] + (0 if self.x_test is None else self.x_test.shape[0])


def inspect_csv(text: str, header: bool | None = None, limits: Limits = Limits()) -> CsvPreview:
    """What the page needs to offer the columns. header: None detects whether row 1 holds names."""
    table = _read(text, header, limits)
    return CsvPreview(table.delimiter, table.has_header, len(table.rows),
                      [_describe(table, j) for j in range(len(table.names))],
                      [list(row) for row in table.rows[:HEAD_ROWS]])


def parse_csv(text: str, features: list[str | int], target: str | int, task: Task, test_fraction: float = 0.0,
              seed: int = 0, limits: Limits = Limits(), header: bool | None = None) -> CsvData:
    """The chosen columns as examples. Columns are given by name or 1-based number. Targets: regression the raw
    numbers (k = 1); binary 0/1, the two labels in sorted order; multiclass one-hot rows, classes sorted.
    test_fraction > 0 holds out round(n · test_fraction) rows, seeded and stratified by class."""
    if task not in TASKS:
        raise SpecError(f"task must be 'regression', 'binary' or 'multiclass'; got {task!r}.", "task")
    if not _is_number(test_fraction) or not 0 <= test_fraction <= 0.9:
        raise SpecError(f"test_fraction must be a number from 0 to 0.9; got {test_fraction!r}.", "test_fraction")
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**32:
        raise SpecError(f"seed must be a whole number from 0 to 2^32 − 1; got {seed!r}.", "seed")
    table = _read(text, header, limits)
    t = _resolve(table, target, "target")
    js = _feature_columns(table, features, t, limits)
    if task == "regression":
        xy = _numbers(table, js + [t], limits)
        x, y, labels, classes = xy[:, :-1].copy(), xy[:, -1:].copy(), None, None  # contiguous, for orjson
    else:
        x = _numbers(table, js, limits)
        labels, classes = _labels(table, t, task, limits)
        y = labels.astype(np.float64)[:, None] if task == "binary" else np.eye(len(classes))[labels]
    train, test = _split(len(table.rows), test_fraction, seed, labels)
    names = [table.names[j] for j in js]
    if test is None:
        return CsvData(x, y, None, None, classes, names, table.names[t])
    return CsvData(x[train], y[train], x[test], y[test], classes, names, table.names[t])


# --- reading the file ---------------------------------------------------------------------------------------


def _read(text: str, header: bool | None, limits: Limits) -> Table:
    """Cells of every non-blank row; the first is the header when `header` says so (None: when it looks so)."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise SpecError("The file is empty.", "csv")
    delimiter = _delimiter(text)
    records: list[tuple[int, list[str]]] = []
    number = 0
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter,
                                                  strict=True), start=1):
            if len(cells) > limits.max_csv_columns:
                # Refused before any cell is looked at: a small file of a million one-character cells would
                # otherwise cost seconds and an answer many times its size.
                raise SpecError(f"Row {number} has {len(cells)} cells; a file may have at most "
                                f"{limits.max_csv_columns} columns.", "csv")
            cells = [cell.strip() for cell in cells]
            if any(cells):
                records.append((number, cells))
    except csv.Error as err:
        hint = " (is a quote left open?)" if "end of data" in str(err) or "expected after" in str(err) else ""
        raise SpecError(f"Row {number + 1} cannot be read as CSV: {err}{hint}.", "csv") from None
    first_number, first = records[0]
    decimal_comma = delimiter != ","
    has_header = header if header is not None else _looks_like_header(
        first, [cells for _, cells in records[1:SNIFF_ROWS]], decimal_comma)
    if has_header:
        while not first[-1]:
            first.pop()  # "x1,x2,y," from a spreadsheet: no fourth column
        names = [cell or f"column {j + 1}" for j, cell in enumerate(first)]
        records = records[1:]
    else:
        names = [f"column {j + 1}" for j in range(len(first))]
    _check_unique(names, first_number)
    if not records:
        raise SpecError(f"Row {first_number} is the header, and there are no data rows below it.", "csv")
    if len(records) > limits.max_samples:
        raise SpecError(f"The file has {len(records)} data rows; at most {limits.max_samples} are allowed.", "csv")
    width, whose = len(names), "the header" if has_header else f"row {first_number}"
    for number, cells in records:
        if len(cells) > width and not any(cells[width:]):
            del cells[width:]  # trailing empty cells
        if len(cells) != width:
            raise SpecError(f"Row {number} has {_count(len(cells), 'cell')}; {whose} has {width}.", "csv")
    return Table(names, [cells for _, cells in records], [n for n, _ in records], has_header, delimiter)


def _delimiter(text: str) -> str:
    """The delimiter that splits most of the first rows into as many cells (≥ 2) as the first row; else ','."""
    scores = []
    for order, delimiter in enumerate(DELIMITERS):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            widths = [len(cells) for cells in islice(reader, SNIFF_ROWS) if any(c.strip() for c in cells)]
        except csv.Error:
            continue
        if widths and widths[0] >= 2:
            scores.append((widths.count(widths[0]), widths[0], -order, delimiter))
    return max(scores)[-1] if scores else ","


def _looks_like_header(first: list[str], rest: list[list[str]], decimal_comma: bool) -> bool:
    """Row 1 holds names when none of its cells is a number, or when a column has text in row 1 and numbers
    below it (x, 2020, label above 0.5, 1, cat)."""
    if all(_number(cell, decimal_comma) is None for cell in first):
        return True
    for j, cell in enumerate(first):
        below = [row[j] for row in rest if j < len(row) and row[j]]
        if cell and _number(cell, decimal_comma) is None and below \
                and all(_number(c, decimal_comma) is not None for c in below):
            return True
    return False


def _check_unique(names: list[str], row: int) -> None:
    seen: dict[str, int] = {}
    for j, name in enumerate(names):
        if name in seen:
            raise SpecError(f"Row {row}: columns {seen[name] + 1} and {j + 1} are both named '{name}'; "
                            "column names must be unique.", "csv")
        seen[name] = j


def _describe(table: Table, j: int) -> Column:
    cells = [row[j] for row in table.rows if row[j]]
    numbers = [_number(cell, table.delimiter != ",") for cell in cells]
    numeric = bool(cells) and all(v is not None and math.isfinite(v) for v in numbers)
    distinct: set[float] | set[str] = {v for v in numbers if v is not None} if numeric else set(cells)
    values = sorted(distinct) if len(distinct) <= LISTED_VALUES else None  # type: ignore[type-var]
    return Column(table.names[j], j + 1, numeric, len(table.rows) - len(cells), values)  # type: ignore[arg-type]


# --- choosing the columns -----------------------------------------------------------------------------------


def _resolve(table: Table, ref: str | int, field: str) -> int:
    """A column given by name or by 1-based number → its 0-based index."""
    if isinstance(ref, int) and not isinstance(ref, bool):
        if not 1 <= ref <= len(table.names):
            raise SpecError(f"There is no column {ref}; the file has {len(table.names)} columns (1 … "
                            f"{len(table.names)}).", field)
        return ref - 1
    if isinstance(ref, str):
        if ref in table.names:
            return table.names.index(ref)
        shown = ", ".join(f"'{name}'" for name in table.names[:12]) + (", …" if len(table.names) > 12 else "")
        raise SpecError(f"There is no column named '{ref}'; the columns are {shown}.", field)
    raise SpecError(f"Give a column by name or number; got {ref!r}.", field)


def _feature_columns(table: Table, features: list[str | int], target: int, limits: Limits) -> list[int]:
    if not features:
        raise SpecError("Choose at least one feature column.", "features")
    if len(features) > limits.max_inputs:
        raise SpecError(f"At most {limits.max_inputs} feature columns (one input neuron each); got "
                        f"{len(features)}.", "features")
    js: list[int] = []
    for i, ref in enumerate(features):
        j = _resolve(table, ref, f"features[{i}]")
        if j == target:
            raise SpecError(f"The {table.column(j)} is the target; it cannot also be a feature.", f"features[{i}]")
        if j in js:
            raise SpecError(f"The {table.column(j)} is chosen twice as a feature.", f"features[{i}]")
        js.append(j)
    return js


# --- the numbers ------------------------------------------------------------------------------------------


def _numbers(table: Table, js: list[int], limits: Limits) -> np.ndarray:
    """Columns js of every data row as an (n, len(js)) float64 matrix; the first bad cell (row by row) is named."""
    out = np.empty((len(table.rows), len(js)))
    decimal_comma = table.delimiter != ","
    for i, row in enumerate(table.rows):
        for k, j in enumerate(js):
            cell = row[j]
            if not cell:
                raise SpecError(f"{table.where(i, j)} is empty; every chosen cell needs a number.", "csv")
            value = _number(cell, decimal_comma)
            if value is None:
                raise SpecError(f"{table.where(i, j)}: {_show(cell)} is not a number.", "csv")
            if not math.isfinite(value):
                raise SpecError(f"{table.where(i, j)}: {_show(cell)} is not a finite number.", "csv")
            if abs(value) > limits.max_abs_value:
                raise SpecError(f"{table.where(i, j)}: {_show(cell)} is beyond ±{limits.max_abs_value:g}.", "csv")
            out[i, k] = value
    return out


def _labels(table: Table, j: int, task: Task, limits: Limits) -> tuple[np.ndarray, list[str]]:
    """The class index of every row and the class names in order: numbers sorted by value (so 0/1 stay 0/1),
    names sorted alphabetically. A class is named by the first cell that holds it ('1' for 1 and 1.0)."""
    cells = [row[j] for row in table.rows]
    for i, cell in enumerate(cells):
        if not cell:
            raise SpecError(f"{table.where(i, j)} is empty; every row needs a label.", "csv")
    numbers = [_number(cell, table.delimiter != ",") for cell in cells]
    keys: list[float] | list[str] = cells
    if all(v is not None and math.isfinite(v) for v in numbers):
        for i, v in enumerate(numbers):
            if v != round(v):  # type: ignore[arg-type]
                raise SpecError(f"{table.where(i, j)}: label {_show(cells[i])} is out of range: numeric class "
                                "labels must be whole numbers (is this a regression target?).", "target")
        keys = numbers  # type: ignore[assignment]
    first_cell: dict = {}
    for key, cell in zip(keys, cells, strict=True):
        first_cell.setdefault(key, cell)
    k = len(first_cell)
    rule = ("exactly 2" if task == "binary" and k != 2 else "at least 2" if k < 2 else
            f"at most {limits.max_neurons} (one output neuron each)" if k > limits.max_neurons else None)
    if rule is not None:
        raise SpecError(f"The target {table.column(j)} has {_count(k, 'distinct value')}; {task} needs {rule}.",
                        "target")
    order = sorted(first_cell)
    index = {key: c for c, key in enumerate(order)}
    return np.array([index[key] for key in keys], dtype=np.int64), [first_cell[key] for key in order]


def _split(n: int, test_fraction: float, seed: int, labels: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None]:
    """Train and test row indices (each in file order): round(n · test_fraction) rows held out, seeded. With
    labels the split is stratified: each class is held out in proportion to its size."""
    n_test = round(n * test_fraction)
    if n_test == 0:
        return np.arange(n), None
    if n_test >= n:
        raise SpecError(f"With {_count(n, 'data row')}, test_fraction {test_fraction} leaves no row for "
                        "training.", "test_fraction")
    rng = np.random.default_rng(seed)
    groups = labels if labels is not None else np.zeros(n, dtype=np.int64)
    order = rng.permutation(n)
    rank = np.empty(n)
    for c in np.unique(groups):
        members = order[groups[order] == c]  # the class's rows, in random order
        rank[members] = np.arange(members.size)
    position = (rank + 0.5) / np.bincount(groups)[groups]  # 0 … 1 within the class
    chosen = np.lexsort((rng.random(n), position))  # smallest positions first, random tie-break
    return np.sort(chosen[n_test:]), np.sort(chosen[:n_test])


# --- small helpers ----------------------------------------------------------------------------------------


def _number(cell: str, decimal_comma: bool) -> float | None:
    """The cell's number, or None. With ';' or tab delimiters "1,5" is 1.5 (as spreadsheets in Europe write)."""
    try:
        return float(cell)
    except ValueError:
        pass
    if decimal_comma and cell.count(",") == 1:
        try:
            return float(cell.replace(",", "."))
        except ValueError:
            return None
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _show(cell: str) -> str:
    return repr(cell if len(cell) <= 40 else cell[:40] + "…")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
