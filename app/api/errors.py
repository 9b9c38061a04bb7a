"""Every error, from any layer, leaves as {"error": {"code", "message", "field"}}; never a stack trace."""

import logging
import re

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Mount

from ..classroom import errors as classroom
from ..core.errors import DivergedError, SpecError
from ..store.base import NetworkNotFound, StoreUnavailable
from .responses import FastJSONResponse
from .security import HEADERS as SECURITY_HEADERS

log = logging.getLogger("backprop_explorer")

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


class VersionConflict(Exception):
    def __init__(self, expected: int, actual: int) -> None:
        super().__init__(f"expected version {expected}, network is at {actual}")
        self.expected, self.actual = expected, actual


def error_response(status: int, code: str, message: str, field: str | None = None) -> FastJSONResponse:
    return FastJSONResponse({"error": {"code": code, "message": message, "field": field}}, status_code=status)


def _location(loc: tuple) -> str:
    """('body', 'spec', 'sizes', 1) → 'spec.sizes[1]'."""
    out = ""
    for part in loc[1:] if loc and loc[0] in ("body", "query", "path") else loc:
        if isinstance(part, str) and ("[" in part or "(" in part):
            continue  # pydantic's tag for a member of a union, e.g. "list[literal['sigmoid', …]]"
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or (str(loc[0]) if loc else "")


def _validation_message(err: dict) -> tuple[str, str]:
    field = _location(tuple(err.get("loc", ())))
    msg = err.get("msg", "invalid value")
    if err.get("type") == "json_invalid":
        return "The request body is not valid JSON.", "body"
    if err.get("type") == "missing":
        return f"{field}: this field is required.", field
    return (f"{field}: {msg}." if field else f"{msg}."), field


async def _on_validation(request: Request, exc: RequestValidationError) -> FastJSONResponse:
    # With a union (a name or a list of names) pydantic reports each member's complaint;
    # "should be a list" is the least helpful, so wrong-type complaints go last.
    errors = sorted(exc.errors(), key=lambda e: str(e.get("type", "")).endswith("_type"))
    message, field = _validation_message(errors[0]) if errors else ("Invalid request.", None)
    if len(errors) > 1:
        message += f" ({len(errors) - 1} more problem{'s' if len(errors) > 2 else ''} in the request.)"
    return error_response(422, "invalid_request", message, field)


async def _on_spec(request: Request, exc: SpecError) -> FastJSONResponse:
    return error_response(422, "invalid_spec", exc.message, exc.field)


async def _on_diverged(request: Request, exc: DivergedError) -> FastJSONResponse:
    return error_response(422, "diverged", exc.message, exc.field)


async def _on_not_found(request: Request, exc: NetworkNotFound) -> FastJSONResponse:
    kept = getattr(request.app.state.store, "max_networks", None)
    if exc.expired:
        message = (f"The network '{exc.network_id}' expired: the server keeps the "
                   f"{kept if kept else 'limited number of'} most recently used networks; create it again.")
    else:
        message = (f"No network with id '{exc.network_id}': it does not exist (never created, deleted, or "
                   "expired long ago). Create a network with POST /api/networks.")
    return error_response(404, "network_not_found", message, "network_id")


async def _on_store_unavailable(request: Request, exc: StoreUnavailable) -> FastJSONResponse:
    """An unreachable store (Redis down or stalled) is a 503 to retry, never a 500."""
    response = error_response(503, "store_unavailable",
                              "The network store is not reachable right now; try again in a moment.")
    response.headers["retry-after"] = "5"
    return response


async def _on_conflict(request: Request, exc: VersionConflict) -> FastJSONResponse:
    return error_response(409, "version_conflict",
                          f"The network is at version {exc.actual}, not {exc.expected}: someone changed it. "
                          "Read it again and retry.", "expected_version")


# A live class's refusals (app/classroom/errors.py), each with its status.
CLASSROOM_STATUS: dict[type[classroom.ClassroomError], int] = {
    classroom.ClassNotFound: 404, classroom.NotTheTeacher: 403, classroom.NotAStudent: 403,
    classroom.TooManyClasses: 429, classroom.TooManyAttempts: 429, classroom.ClassFull: 409,
    classroom.QuestionClosed: 409, classroom.NoQuestion: 409, classroom.InvalidAnswer: 422}


async def _on_classroom(request: Request, exc: classroom.ClassroomError) -> FastJSONResponse:
    response = error_response(CLASSROOM_STATUS.get(type(exc), 400), exc.code, exc.message, exc.field)
    if isinstance(exc, classroom.TooManyAttempts):
        response.headers["retry-after"] = str(exc.retry_after)
    return response


async def _on_http(request: Request, exc: StarletteHTTPException) -> FastJSONResponse:
    if exc.status_code == 400:  # a body that is not even text: as invalid as malformed JSON
        return error_response(422, "invalid_request", "The request body is not valid JSON.", "body")
    codes = {404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}
    message = exc.detail if isinstance(exc.detail, str) else "Request failed."
    response = error_response(exc.status_code, codes.get(exc.status_code, "http_error"), message)
    response.headers.update(exc.headers or {})
    if exc.status_code == 405:  # Starlette names only the first matching route's methods: name them all
        allow = ", ".join(_allowed_methods(request))
        response = error_response(405, "method_not_allowed",
                                  f"{request.method} is not allowed on {request.url.path}; use {allow}.")
        response.headers["allow"] = allow
    return response


def _allowed_methods(request: Request) -> list[str]:
    """The methods of this path: the documented ones (GET and DELETE /api/networks/{id} are two routes, and
    /api/networks/import is its own resource, not an id), else those of any route here (the pages).
    Under a mount (the static files) the app's routes do not apply; static files answer GET and HEAD."""
    path = request.url.path
    documented = [(template.count("{"), ops) for template, ops in request.app.openapi().get("paths", {}).items()
                  if re.fullmatch(re.sub(r"\{[^/}]+\}", "[^/]+", template), path)]
    if documented:  # the most specific template: the fewest parameters
        ops = min(documented, key=lambda found: found[0])[1]
        return [method for method in METHODS if method.lower() in ops]
    routes = [route for route in request.app.router.routes if not isinstance(route, Mount)]
    scope = {**request.scope, "path": path, "root_path": ""}
    allowed = [method for method in METHODS
               if any(route.matches({**scope, "method": method})[0] == Match.FULL for route in routes)]
    return allowed or ["GET", "HEAD"]


async def _on_crash(request: Request, exc: Exception) -> FastJSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    response = error_response(500, "internal_error", "Something went wrong on the server; it has been logged.")
    # Starlette runs this handler in its outermost middleware, outside SecurityHeadersMiddleware: add them here.
    response.headers.update({name.decode(): value.decode() for name, value in SECURITY_HEADERS})
    return response


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _on_validation)  # type: ignore[arg-type]
    app.add_exception_handler(SpecError, _on_spec)  # type: ignore[arg-type]
    app.add_exception_handler(DivergedError, _on_diverged)  # type: ignore[arg-type]
    app.add_exception_handler(NetworkNotFound, _on_not_found)  # type: ignore[arg-type]
    app.add_exception_handler(StoreUnavailable, _on_store_unavailable)  # type: ignore[arg-type]
    app.add_exception_handler(VersionConflict, _on_conflict)  # type: ignore[arg-type]
    app.add_exception_handler(classroom.ClassroomError, _on_classroom)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _on_http)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _on_crash)
