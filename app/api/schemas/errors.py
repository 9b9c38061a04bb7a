"""The one shape of every error response."""

from pydantic import Field

from .base import Schema


class ErrorDetail(Schema):
    code: str = Field(examples=["invalid_spec"])
    message: str = Field(examples=["Layer 2 needs 1 to 128 neurons; got 0."])
    field: str | None = Field(None, examples=["spec.sizes[1]"])


class ErrorBody(Schema):
    error: ErrorDetail
