"""The JSON response used by every route: orjson, straight from numpy arrays.

Turning a trace into nested lists and then JSON costs 2–40× more (and makes the
garbage collector pause); orjson reads float64 arrays directly. The core
guarantees the arrays are finite, so no NaN or Infinity can appear.
"""

from typing import Any

import orjson
from fastapi.responses import JSONResponse


class FastJSONResponse(JSONResponse):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_SERIALIZE_NUMPY)
