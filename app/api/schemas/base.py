"""The one model configuration every API schema shares."""

from pydantic import BaseModel, ConfigDict

Matrix = list[list[float]]
Vector = list[float]


class Schema(BaseModel):
    # Strict: "3" is not an int, 3.0 is not an int, NaN and Infinity are not numbers;
    # unknown fields are refused so a typo is reported instead of ignored.
    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)
