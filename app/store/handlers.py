"""The store's part of the one error shape: an unreachable store is a 503, never a 500."""

from fastapi import Request

from ..api.errors import error_response
from ..api.responses import FastJSONResponse
from .base import StoreUnavailable


async def on_store_unavailable(request: Request, exc: StoreUnavailable) -> FastJSONResponse:
    response = error_response(503, "store_unavailable",
                              "The network store is not reachable right now; try again in a moment.")
    response.headers["retry-after"] = "5"
    return response
