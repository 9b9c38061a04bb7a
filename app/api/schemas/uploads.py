"""Students' own data: a CSV file in, a preview of its columns or samples for a network spec out."""

from typing import Annotated, Literal

from pydantic import Field, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from .base import MAX_COUNT, Schema, Text, encodable
from .specs import SamplesSpec

EXAMPLE_CSV = "x1,x2,label\n0.1,0.9,yes\n0.8,0.2,no\n0.7,0.6,yes\n0.2,0.3,no\n"


def _column_ref(value: object) -> str | int:
    """A name or a 1-based number. One check with one message: a plain `str | int` union names both members."""
    if isinstance(value, str):
        if len(value) > 200:
            raise PydanticCustomError("column_ref", "a column name has at most 200 characters")
        return encodable(value)
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_COUNT:
        return value
    raise PydanticCustomError("column_ref", "give a column name or its number (1 = the first column)")


ColumnRef = Annotated[str | int, PlainValidator(_column_ref),
                      WithJsonSchema({"anyOf": [{"type": "string", "maxLength": 200},
                                            {"type": "integer", "minimum": 1, "maximum": MAX_COUNT}]})]


class CsvInspectRequest(Schema):
    csv: Text = Field(description="The file's text: comma, semicolon or tab separated; quotes, a UTF-8 BOM and "
                     "Windows line endings are fine.", examples=[EXAMPLE_CSV])
    header: bool | None = Field(None, description="Whether row 1 holds the column names; leave out to detect "
                                "(it does when a cell of row 1 is text above numbers, or none is a number).")


class CsvParseRequest(CsvInspectRequest):
    features: list[ColumnRef] = Field(min_length=1, description="The input columns, in order: names, or "
                                      "1-based column numbers.", examples=[["x1", "x2"]])
    target: ColumnRef = Field(description="The column to predict: a name or a 1-based number.", examples=["label"])
    task: Literal["regression", "binary", "multiclass"] = Field(
        description="regression: the target's numbers (1 output); binary: its 2 values → 0 and 1 in sorted order; "
        "multiclass: one-hot rows, one output per class (sorted).", examples=["binary"])
    test_fraction: float = Field(0.0, ge=0, le=0.9, description="Share of the rows held out as a test set "
                                 "(seeded, stratified by class).", examples=[0.25])
    seed: int = Field(0, ge=0, lt=2**32, description="Seed of the train/test split.")


class CsvColumn(Schema):
    name: str = Field(description="From the header, or 'column N' without one.", examples=["x1"])
    number: int = Field(description="1-based, as in the error messages.", examples=[1])
    numeric: bool = Field(description="Every non-empty cell is a finite number.")
    empty: int = Field(description="How many of its cells are empty.", examples=[0])
    values: list[float] | list[str] | None = Field(
        description="Its distinct values, sorted, when there are at most 20.", examples=[["no", "yes"]])


class CsvPreview(Schema):
    """What the page needs to offer the columns."""

    delimiter: str = Field(examples=[","])
    has_header: bool
    rows: int = Field(description="Data rows (the header not counted).", examples=[4])
    columns: list[CsvColumn]
    head: list[list[str]] = Field(description="The first 5 data rows, cell by cell.",
                                  examples=[[["0.1", "0.9", "yes"], ["0.8", "0.2", "no"]]])


class ParsedCsv(Schema):
    """Ready to send: put `samples` in a spec with sizes [input_size, …, output_size]."""

    samples: SamplesSpec = Field(description="Exactly the `samples` of a network spec (POST /api/networks).")
    classes: list[str] | None = Field(description="The label of output j (binary: of 0 and 1); null for "
                                      "regression.", examples=[["no", "yes"]])
    features: list[str] = Field(description="The names of the input columns, in order.", examples=[["x1", "x2"]])
    target: str = Field(examples=["label"])
    input_size: int = Field(description="n_1: one input per feature column.", examples=[2])
    output_size: int = Field(description="n_L: 1, or one per class for multiclass.", examples=[1])
    rows: int = Field(description="Data rows, training and test together.", examples=[4])
