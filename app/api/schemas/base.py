"""The one model configuration every API schema shares, and the bounded types every request field is built from."""

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

Matrix = list[list[float]]
Vector = list[float]

# The largest integer every JSON reader keeps exactly (JavaScript's Number.MAX_SAFE_INTEGER). A counter past it
# could be stored but not written back (the encoder stops at 64 bits) nor read by the page.
MAX_COUNT = 2**53 - 1
Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]


def encodable(value: str) -> str:
    """A string that UTF-8 can carry back: JSON's "\\ud800" escapes can decode to a lone surrogate, which cannot."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError(
            "unencodable_string", "a lone UTF-16 surrogate (\\ud800 … \\udfff without its pair) cannot be stored "
            "or sent back: send the character itself, or its surrogate pair") from None
    return value


def text(max_length: int | None = None) -> object:
    """A string (of at most max_length characters) that can be stored and sent back: no lone surrogate. Without a
    length, the body's size limit (BACKPROP_MAX_BODY_BYTES) bounds it."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(encodable)]


Name = text(200)   # names and labels: a preset, a data set, a neuron, a CSV column


class Schema(BaseModel):
    # Strict: "3" is not an int, 3.0 is not an int, NaN and Infinity are not numbers;
    # unknown fields are refused so a typo is reported instead of ignored.
    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)
