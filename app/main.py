"""create_app(): routers, static files, templates, error handlers, limits."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.gzip import GZipMiddleware

from .api.answer_limit import AnswerLimitMiddleware
from .api.body_limit import BodyLimitMiddleware
from .api.errors import install_error_handlers
from .api.head import HeadAsGetMiddleware
from .api.responses import FastJSONResponse
from .api.routes import catalog, classes, lab, networks, pages, passes, uploads
from .api.security import SecurityHeadersMiddleware
from .classroom import ClassStore, open_class_store
from .config import Settings, get_settings
from .store import Store, open_store

__version__ = "0.1.0"

DESCRIPTION = """
Backpropagation with every number visible. Build a network, step it, and read every
z, a, δ, ∂C/∂w and ∂C/∂b, in the notation of Nielsen's book: layers l = 1 … L with the input
as layer 1, W^l[j][k] = w^l_jk joins neuron k of layer l−1 to neuron j of layer l.

Start with `POST /api/networks {"preset": "mazur-2-2-2"}` and `POST /api/networks/{id}/step`.
"""


def resource_dir(name: str) -> Path:
    """templates/ or static/: beside the package when installed from a wheel, else the checkout's."""
    installed = Path(__file__).parent / "_web" / name
    return installed if installed.is_dir() else Path(__file__).parent.parent / name


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    await app.state.classes.close()  # the live classes' Redis connections and subscription, if any


def create_app(settings: Settings | None = None, store: Store | None = None,
               class_store: ClassStore | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Backprop Explorer", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None, default_response_class=FastJSONResponse, lifespan=lifespan)
    app.state.store = store if store is not None else open_store(
        settings.store, settings.max_networks, settings.store_ttl_seconds, settings.limits(),
        max_bytes=settings.max_store_bytes, max_network_bytes=settings.max_network_bytes)
    app.state.classes = class_store if class_store is not None else open_class_store(
        settings.store, settings.class_limits())
    app.state.templates = Jinja2Templates(directory=resource_dir("templates"))
    app.state.settings, app.state.limits = settings, settings.limits()
    install_error_handlers(app)
    generate = app.openapi
    app.openapi = lambda: classes.document_events(lab.document_stream_events(generate()))  # type: ignore
    for module in (pages, catalog, networks, passes, lab, uploads, classes):
        # The routes themselves, not app.include_router(): an included router is matched route by route
        # on every request, through a wrapper that costs ~10 µs per route tried. Each route already
        # carries its router's prefix, tags and responses, so the API and its OpenAPI document are the same.
        # (app.dependency_overrides do not reach routes added this way: give create_app a store instead.)
        app.router.routes.extend(module.router.routes)
    # Static files go out gzipped to browsers that ask (all do): a classroom network carries a third of the
    # bytes. Only here: the API's JSON stays uncompressed (its latency matters more than its size on a LAN).
    # Level 6: within 1% of level 9's size at a third of its time (KaTeX: 29 vs 75 ms on these machines).
    static = StaticFiles(directory=resource_dir("static"))
    app.mount("/static", GZipMiddleware(static, minimum_size=1000, compresslevel=6), name="static")
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(AnswerLimitMiddleware, max_bytes=settings.max_response_bytes)
    if settings.cors_origins:  # off unless origins are configured: the page itself is same-origin
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=["GET", "POST", "PUT", "DELETE"], allow_headers=["content-type"],
                           max_age=600)
    app.add_middleware(HeadAsGetMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)  # added last: outermost, so even a 413 carries the headers
    return app
