"""Bodies of the actions on a network."""

from typing import Literal

from pydantic import Field, model_validator

from .base import MAX_COUNT, Matrix, Schema


class ForwardRequest(Schema):
    """Leave everything out to use the current mini-batch."""

    inputs: Matrix | None = Field(None, description="Examples to feed, one row of n_1 values each.",
                                  examples=[[[0.05, 0.1]]])
    targets: Matrix | None = Field(None, description="Optional targets for `inputs`, to get the cost.")
    example: int | None = Field(None, ge=0, le=MAX_COUNT, description="Feed one stored example, by index.")
    split: Literal["train", "test"] = Field("train", description="Which set `example` indexes.")

    @model_validator(mode="after")
    def _one_source(self) -> "ForwardRequest":
        if self.inputs is not None and self.example is not None:
            raise ValueError("give 'inputs' or 'example', not both")
        if self.targets is not None and self.inputs is None:
            raise ValueError("'targets' needs 'inputs'")
        return self


class StepRequest(Schema):
    expected_version: int | None = Field(None, ge=0, le=MAX_COUNT,
                                         description="Refuse with 409 unless the network is at this version.")


class TrainRequest(Schema):
    steps: int = Field(100, ge=1, le=MAX_COUNT, description="Number of gradient steps (bounded by the server).",
                       examples=[1000])
    record_every: int | None = Field(None, ge=1, le=MAX_COUNT, description="Record the losses every this many steps "
                                     "(default: about 200 points in all).")


class GradcheckRequest(Schema):
    epsilon: float = Field(1e-5, gt=0, le=0.1, description="Step of the central difference.")
