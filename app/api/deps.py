"""Shared dependencies: settings, limits, the store, and "the network for this id, or a 404"."""

from typing import Annotated, Any

from fastapi import Depends, Path, Request

from ..core.limits import Limits
from ..core.model import Model
from ..store import Store
from .schemas.errors import ErrorBody


# The app's settings and limits live on app.state (create_app puts them there), not in a dependency
# override: FastAPI re-inspects every overridden dependency on every request, about 0.5 ms each time.
# These two only read an attribute, so they are `async`: a plain `def` would cost a trip to the thread pool.
async def get_limits(request: Request) -> Limits:
    return request.app.state.limits


async def get_store(request: Request) -> Store:
    return request.app.state.store


LimitsDep = Annotated[Limits, Depends(get_limits)]
StoreDep = Annotated[Store, Depends(get_store)]
NetworkId = Annotated[str, Path(description="The id returned when the network was created.")]


def get_network(network_id: NetworkId, store: StoreDep) -> Model:
    return store.get(network_id)


NetworkDep = Annotated[Model, Depends(get_network)]

# Documented error responses, shared by the routes.
Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"model": ErrorBody,
                               "description": "No network with this id (never created, deleted or expired)."}}
INVALID: Responses = {422: {"model": ErrorBody,
                            "description": "Invalid request, invalid spec, or the network diverged."}}
CONFLICT: Responses = {409: {"model": ErrorBody,
                             "description": "expected_version does not match the network's version."}}
TOO_LARGE: Responses = {413: {"model": ErrorBody, "description": "The request body is larger than the limit."}}
UNAVAILABLE: Responses = {503: {"model": ErrorBody,
                     "description": "The shared store (BACKPROP_STORE=redis://…) is unreachable; try again."}}
