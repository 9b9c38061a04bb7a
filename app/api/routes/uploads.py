"""Students' own data: read a CSV file. Stateless: it only parses, so nothing already loaded can be lost."""

from typing import Annotated

from fastapi import APIRouter, Body, Response

from ...core.csvdata import inspect_csv, parse_csv
from .. import encode
from ..deps import INVALID, TOO_LARGE, LimitsDep
from ..responses import FastJSONResponse
from ..schemas.uploads import EXAMPLE_CSV, CsvInspectRequest, CsvParseRequest, CsvPreview, ParsedCsv

router = APIRouter(prefix="/api", tags=["data"])

PARSE_EXAMPLES = {
    "binary": {"summary": "Two features, a yes/no label, a quarter held out",
               "value": {"csv": EXAMPLE_CSV, "features": ["x1", "x2"], "target": "label", "task": "binary",
                         "test_fraction": 0.25, "seed": 0}},
    "numbers": {"summary": "Columns by number: 1 and 2 predict column 3, no header",
                "value": {"csv": "0.1;0.9;1.5\n0.8;0.2;0.3\n", "features": [1, 2], "target": 3,
                          "task": "regression", "header": False}}}


@router.post("/csv/inspect", response_model=CsvPreview, responses={**INVALID, **TOO_LARGE})
def inspect(body: CsvInspectRequest, limits: LimitsDep) -> Response:
    """The file's columns (name, number, numeric or not, distinct values) and first rows, to choose from.
    A file that cannot be used says what is wrong and where (row, column) with 422."""
    return FastJSONResponse(encode.csv_preview(inspect_csv(body.csv, header=body.header, limits=limits)))


@router.post("/csv/parse", response_model=ParsedCsv, responses={**INVALID, **TOO_LARGE})
def parse(body: Annotated[CsvParseRequest, Body(openapi_examples=PARSE_EXAMPLES)], limits: LimitsDep
          ) -> Response:
    """The chosen columns as `samples` for a network spec, with the class labels; a bad cell is named by row
    (the header is row 1) and column (name and 1-based number) with 422."""
    data = parse_csv(body.csv, body.features, body.target, body.task, body.test_fraction, body.seed,
                     limits=limits, header=body.header)
    return FastJSONResponse(encode.parsed_csv(data))
