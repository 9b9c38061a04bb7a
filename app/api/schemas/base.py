"""The one model configuration every API schema shares, the bounded types every request field is built from, and
construct(): a response model from the server's own numbers, without validating them again."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar, cast

import numpy as np
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model
from pydantic_core import PydanticCustomError

from ...core.document import MAX_COUNT

# Arrays of numbers. A request's are JSON lists; a response holds the server's numpy arrays as they are (orjson writes
# them directly: responses.py), so for the type checker an array is one of those too.
if TYPE_CHECKING:
    Matrix = list[list[float]] | np.ndarray
    Vector = list[float] | np.ndarray
    Grid3 = list[list[list[float]]] | np.ndarray
    Indices = list[int] | np.ndarray
else:
    Matrix = list[list[float]]
    Vector = list[float]
    Grid3 = list[list[list[float]]]
    Indices = list[int]

# MAX_COUNT: the largest integer every JSON reader keeps exactly (the core's bound of every counter).
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


# Strings that can be stored and sent back: no lone surrogate. Text is bounded by the body's size limit
# (BACKPROP_MAX_BODY_BYTES) only; a Name has at most 200 characters.
Text = Annotated[str, AfterValidator(encodable)]
Name = Annotated[str, Field(max_length=200), AfterValidator(encodable)]  # a preset, a data set, a neuron, a CSV column


class Schema(BaseModel):
    # Strict: "3" is not an int, 3.0 is not an int, NaN and Infinity are not numbers;
    # unknown fields are refused so a typo is reported instead of ignored.
    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)


P = ParamSpec("P")
M = TypeVar("M", bound=BaseModel)
_setattr = object.__setattr__
_new = object.__new__
# Per model: every field with its default (in the model's order), the fields whose default is made fresh, and the
# names of all fields (its "fields set": a response has them all).
_learned: dict[type, tuple[dict[str, Any], dict[str, Callable[[], Any]], set[str]]] = {}


def construct(model: Callable[P, M], *args: P.args, **fields: P.kwargs) -> M:
    """model(**fields) without validation, for what the server computed itself (its arrays stay numpy arrays).

    pydantic's mypy plugin types a model's fields as its __init__ parameters, and this takes those parameters: the
    type checker holds every response to its schema, field by field, as a plain call would — at a fraction of the
    cost of model_construct (a step's answer builds some twenty models). The API tests validate what is sent."""
    if args:
        raise TypeError("construct() takes the fields by name")
    try:
        defaults, factories, names = _learned[model]  # type: ignore[index]
    except KeyError:
        defaults, factories, names = _learn(cast(type[BaseModel], model))
    values = {**defaults, **fields}   # in the model's field order: the order of its JSON
    if factories:
        values.update({name: make() for name, make in factories.items() if name not in fields})
    obj = _new(model)  # type: ignore[arg-type]
    _setattr(obj, "__dict__", values)
    _setattr(obj, "__pydantic_fields_set__", names)
    _setattr(obj, "__pydantic_extra__", None)
    _setattr(obj, "__pydantic_private__", None)
    return cast(M, obj)


def _learn(cls: type[BaseModel]) -> tuple[dict[str, Any], dict[str, Callable[[], Any]], set[str]]:
    """The model's fields with their defaults (PydanticUndefined where one is required: it cannot be written)."""
    fields = cls.model_fields
    factories = {name: cast(Callable[[], Any], info.default_factory) for name, info in fields.items()
                 if info.default_factory is not None}
    _learned[cls] = {name: info.default for name, info in fields.items()}, factories, set(fields)
    return _learned[cls]


def with_fields(base: type[M], name: str, doc: str, fields: dict[str, Any]) -> type[M]:
    """`base` with more fields whose names come from the core's registries (optimizer slots), as model `name`."""
    return create_model(name, __base__=base, __module__=base.__module__, __doc__=doc, **fields)


def as_data(value: object) -> Any:
    """A validated request model as plain data for the core (app.core.document reads dicts and lists): the models
    become dicts, their lists of numbers are handed on as they are (model_dump would copy every number)."""
    if isinstance(value, BaseModel):
        return {name: as_data(v) for name, v in value.__dict__.items()}
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return [as_data(v) for v in value]
    return value
