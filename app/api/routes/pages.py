"""HTML pages (the start page, the offline API docs) and the health check."""

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from ...core.datasets import DATASETS
from ...core.presets import PRESETS
from .. import encode, offload
from ..deps import UNAVAILABLE, StoreDep
from ..responses import FastJSONResponse
from ..schemas.base import construct
from ..schemas.documents import Health

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def lesson(request: Request) -> Response:
    """The step-by-step lesson; its whole state lives in the URL (?preset=…&step=…&phase=…)."""
    return request.app.state.templates.TemplateResponse(request, "lesson.html", {"presets": PRESETS.values()})


@router.get("/lab", response_class=HTMLResponse, include_in_schema=False)
def training_lab(request: Request) -> Response:
    """The training lab: train live and watch the loss, the boundary and the gradients. Each data set's menu entry
    carries its suggested network (GET /api/datasets' `network`), which the lab builds when the set is chosen."""
    datasets = [encode.dataset_info(info) for info in DATASETS.values()]
    return request.app.state.templates.TemplateResponse(request, "lab.html", {"datasets": datasets})


@router.get("/join", response_class=HTMLResponse, include_in_schema=False)
def join_class_page(request: Request) -> Response:
    """A student joins a live class: the code (prefilled from ?code=, as the QR code carries it) and a nickname."""
    return request.app.state.templates.TemplateResponse(request, "join.html", {})


@router.get("/about", response_class=HTMLResponse, include_in_schema=False)
def about(request: Request) -> Response:
    """The presets and data sets in words, with a first API call to try."""
    return request.app.state.templates.TemplateResponse(request, "index.html", {"presets": PRESETS.values(),
                                                                               "datasets": DATASETS.values()})


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> Response:
    """Swagger UI from the app's own static files: works offline, no inline script."""
    return request.app.state.templates.TemplateResponse(request, "docs.html", {})


@router.get("/healthz", response_model=Health, tags=["health"], responses=UNAVAILABLE)
async def healthz(store: StoreDep) -> Response:
    return FastJSONResponse(construct(Health, status="ok", networks=await offload.count(store)))
