"""Networks as resources: create, read, delete, reset, set parameters, export and import."""

from typing import Annotated

from fastapi import APIRouter, Body, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from ...core import document, training
from ...core.errors import SpecError
from ...core.model import Model
from ...core.presets import PRESETS
from .. import encode
from ..deps import CONFLICT, INVALID, NOT_FOUND, TOO_LARGE, UNAVAILABLE, LimitsDep, NetworkDep, NetworkId, StoreDep
from ..errors import VersionConflict
from ..responses import FastJSONResponse, RenderedJSON, render
from ..schemas.base import as_data
from ..schemas.documents import NetworkData, NetworkDocument
from ..schemas.specs import CreateNetwork, ExportDocument, SetParameters

router = APIRouter(prefix="/api/networks", tags=["networks"], responses={**INVALID, **UNAVAILABLE})

CREATE_EXAMPLES = {"preset": {"summary": "The classic 2-2-2 worked example", "value": {"preset": "mazur-2-2-2"}},
                 "spec": {"summary": "A 2-4-1 tanh/sigmoid network on the xor data set", "value": {"spec": {
                     "sizes": [2, 4, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy",
                     "eta": 0.5, "batch_size": 16, "seed": 1, "dataset": {"name": "xor", "n": 200}}}}}


@router.post("", status_code=201, response_model=NetworkDocument, responses={**INVALID, **TOO_LARGE})
def create_network(
    body: Annotated[CreateNetwork, Body(openapi_examples=CREATE_EXAMPLES)], store: StoreDep, limits: LimitsDep
) -> Response:
    """Build a network from a preset or a full spec. Returns its document with a fresh id."""
    if body.spec is not None:
        model = document.build(as_data(body.spec), limits)  # fields named as the client wrote them: spec.sizes[1]
    else:
        if body.preset is None or body.preset not in PRESETS:
            raise SpecError(f"Unknown preset '{body.preset}'; choose one of {', '.join(PRESETS)}.", "preset")
        model = training.create(PRESETS[body.preset].spec, limits)
    return RenderedJSON(add_served(store, model), status_code=201)


@router.post("/import", status_code=201, response_model=NetworkDocument, responses={**INVALID, **TOO_LARGE})
def import_network(body: ExportDocument, store: StoreDep, limits: LimitsDep) -> Response:
    """Create a network from an exported document: the very same parameters, position, optimizer state and
    version, so it steps bit for bit like the original."""
    model = document.load(as_data(body), limits)
    return RenderedJSON(add_served(store, model), status_code=201)


@router.api_route("/import", methods=["GET", "PUT", "DELETE"], include_in_schema=False)
def import_takes_post_only() -> Response:
    """/import is its own resource, not a network id: another method is 405 (with Allow: POST), not a 404 for a
    network called "import"."""
    raise StarletteHTTPException(405)


def add_served(store: StoreDep, model: Model) -> bytes:
    """Store a new network only once its document renders (with a stand-in id of the same kind): what could not be
    sent back is not kept."""
    render(encode.network_document("", model))
    return render(encode.network_document(store.add(model), model))


@router.get("/{network_id}", response_model=NetworkDocument, responses=NOT_FOUND)
def read_network(network_id: NetworkId, model: NetworkDep) -> Response:
    """The network's spec, current parameters, version and sampler position."""
    return FastJSONResponse(encode.network_document(network_id, model))


@router.delete("/{network_id}", status_code=204, responses=NOT_FOUND)
def delete_network(network_id: NetworkId, store: StoreDep) -> Response:
    store.delete(network_id)
    return Response(status_code=204)


@router.get("/{network_id}/export", response_model=ExportDocument, responses=NOT_FOUND)
def export_network(model: NetworkDep) -> Response:
    """A self-contained document; POST it to /api/networks/import to recreate the network exactly."""
    return FastJSONResponse(encode.export_document(model))


@router.get("/{network_id}/data", response_model=NetworkData, responses=NOT_FOUND)
def network_data(model: NetworkDep) -> Response:
    """The training and test examples, one per row."""
    return FastJSONResponse(encode.network_data(model))


@router.post("/{network_id}/reset", response_model=NetworkDocument, responses={**NOT_FOUND, **TOO_LARGE})
def reset_network(network_id: NetworkId, store: StoreDep) -> Response:
    """Back to the starting parameters and the first batch (version + 1)."""

    def change(model: Model) -> tuple[bytes, Model]:
        new = training.reset(model)
        return render(encode.network_document(network_id, new)), new   # rendered before the store commits it

    return RenderedJSON(store.update(network_id, change))


@router.put("/{network_id}/parameters", response_model=NetworkDocument,
            responses={**NOT_FOUND, **INVALID, **CONFLICT, **TOO_LARGE})
def set_parameters(network_id: NetworkId, body: SetParameters, store: StoreDep, limits: LimitsDep) -> Response:
    """Replace W and b of every layer (and optionally the sampler position); version + 1.

    The optimizer starts afresh (zero velocity and moments, t = 0) unless `optimizer_state` is given."""
    params = document.read_params(as_data(body.parameters))
    sampler = document.read_sampler(as_data(body.sampler)) if body.sampler is not None else None
    optimizer = document.read_optimizer_state(as_data(body.optimizer_state))

    def change(model: Model) -> tuple[bytes, Model]:
        check_version(model.version, body.expected_version)
        new = training.set_params(model, params, sampler, limits, optimizer)
        return render(encode.network_document(network_id, new)), new   # rendered before the store commits it

    return RenderedJSON(store.update(network_id, change))


def check_version(actual: int, expected: int | None) -> None:
    if expected is not None and expected != actual:
        raise VersionConflict(expected, actual)
