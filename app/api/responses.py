"""The JSON response used by every route: orjson, straight from numpy arrays and response models.

Turning a trace into nested lists and then JSON costs 2–40× more (and makes the garbage collector pause); orjson
reads float64 arrays directly. A response model (built by schemas.base.construct, not validated again) is written
as its fields, in its order. The core guarantees the arrays are finite, so no NaN or Infinity can appear.
"""

from typing import Any

import orjson
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class FastJSONResponse(JSONResponse):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return render(content)


def _fields(value: object) -> dict[str, Any]:
    """orjson's fallback, for what it cannot write itself: a response model is its fields."""
    if isinstance(value, BaseModel):
        return value.__dict__
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


def render(content: Any) -> bytes:
    """The JSON of an answer, now: a change renders its answer before the store commits it, so that what cannot be
    sent back (an encoder failure) is never stored either — the network stays as it was."""
    return orjson.dumps(content, default=_fields, option=orjson.OPT_SERIALIZE_NUMPY)


class RenderedJSON(FastJSONResponse):
    """An answer rendered beforehand (render()): its bytes as they are."""

    def render(self, content: Any) -> bytes:
        return content if isinstance(content, bytes) else super().render(content)
