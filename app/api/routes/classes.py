"""Live classes (issue 14): a teacher's lesson followed by the students' devices, with questions and the reveal.

Every change is one call to the class store (app/classroom), which keeps it atomic and broadcasts its event; the
routes here check who may do what and turn the answers into JSON.
"""

import asyncio
import hmac
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.security import APIKeyQuery, HTTPAuthorizationCredentials, HTTPBearer
from pydantic.json_schema import models_json_schema
from sse_starlette import EventSourceResponse
from starlette.background import BackgroundTask

from ...classroom import joinurl, logic
from ...classroom.errors import ClassNotFound, NotAStudent, NotTheTeacher, TooManyAttempts
from ...classroom.hub import CLOSED, Event, ping_frame
from ...classroom.qr import qr_svg
from ...classroom.store import ClassStore, ended_event
from ..deps import TOO_LARGE, UNAVAILABLE, Responses
from ..responses import FastJSONResponse, RenderedJSON, render
from ..schemas.classes import (
    EVENTS,
    Accepted,
    AnswerIn,
    AnswerRow,
    ClassCreated,
    ClassPosition,
    ClassView,
    CreateClass,
    JoinClass,
    Joined,
    Moved,
    QuestionIn,
    QuestionPublic,
    Reveal,
)
from ..schemas.errors import ErrorBody


def _error(description: str) -> dict:
    return {"model": ErrorBody, "description": description}


NOT_FOUND: Responses = {404: _error("No live class with this code (never created, ended or expired)."),
                        429: _error("Too many lookups of unknown codes from this address: too_many_attempts.")}
TEACHER: Responses = {403: _error("Not the teacher: send the class's teacher token (not_the_teacher).")}
INVALID: Responses = {422: _error("Invalid request.")}

router = APIRouter(prefix="/api/classes", tags=["classes"], responses={**INVALID, **UNAVAILABLE})

bearer = HTTPBearer(auto_error=False, description="The teacher or student token, as `Authorization: Bearer …`.")
token_query = APIKeyQuery(name="token", auto_error=False,
                          description="The same token as a query parameter (an EventSource cannot set headers).")


async def get_classes(request: Request) -> ClassStore:
    return request.app.state.classes


async def get_token(header: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
                    query: Annotated[str | None, Depends(token_query)]) -> str | None:
    return header.credentials if header is not None else query


ClassesDep = Annotated[ClassStore, Depends(get_classes)]
TokenDep = Annotated[str | None, Depends(get_token)]
CodePath = Annotated[str, Path(max_length=64, description="The class's join code (case does not matter).",
                               examples=["K7QX4M"])]


def client_address(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


async def find_class(code: str, request: Request, classes: ClassStore) -> logic.ClassState:
    """The live class for this code. Every lookup of an unknown code counts against the client's address, and an
    address over the limit is refused even a right code: otherwise reading a class would be a free oracle for
    guessing the codes that joining is throttled against."""
    address = client_address(request)
    wait = await classes.join_refused(address)
    if wait is not None:
        raise TooManyAttempts(classes.limits.max_failed_joins, wait)
    try:
        return await classes.get(code.strip().upper())
    except ClassNotFound:
        await classes.failed_join(address)
        raise


async def get_class(code: CodePath, request: Request, classes: ClassesDep) -> logic.ClassState:
    return await find_class(code, request, classes)


ClassDep = Annotated[logic.ClassState, Depends(get_class)]


def is_teacher(state: logic.ClassState, token: str | None) -> bool:
    return token is not None and hmac.compare_digest(logic.token_hash(token), state.teacher)


async def get_teacher_class(state: ClassDep, token: TokenDep) -> logic.ClassState:
    if not is_teacher(state, token):
        raise NotTheTeacher()
    return state


TeacherDep = Annotated[logic.ClassState, Depends(get_teacher_class)]


@router.post("", status_code=201, response_model=ClassCreated,
             responses={**TOO_LARGE, 429: _error("Too many live classes on this server: too_many_classes.")})
async def create_class(body: CreateClass, request: Request, classes: ClassesDep) -> Response:
    """Start a live class at this position. The teacher token in the answer is the only way to run the class."""
    token = logic.new_token()
    settings = request.app.state.settings
    base = joinurl.base_url(settings.public_url, str(request.base_url), listen_host=settings.listen_host)
    state = await classes.create(logic.token_hash(token), render(body.position).decode(), base)
    return FastJSONResponse({"code": state.code, "teacher_token": token, "join_url": state.join_url,
                             "qr_svg": f"/api/classes/{state.code}/qr.svg",
                             "expires_in": round(classes.limits.idle_seconds),
                             "local_only": joinurl.local_only(settings.public_url, settings.listen_host)},
                            status_code=201)


@router.get("/{code}", response_model=ClassView, responses=NOT_FOUND)
async def read_class(state: ClassDep, classes: ClassesDep) -> Response:
    """Where the class is: position, students, the open question (never its answer before the reveal)."""
    return FastJSONResponse(state.view(classes.limits.idle_seconds, classes.clock()))


@router.put("/{code}/position", response_model=Moved, responses={**NOT_FOUND, **TEACHER, **TOO_LARGE})
async def move_class(body: ClassPosition, state: TeacherDep, classes: ClassesDep) -> Response:
    """Teacher: move the class (a step, a micro-step, a selection, an edit, a new network); broadcasts `position`."""
    return FastJSONResponse({"seq": await classes.move(state.code, render(body).decode())})


@router.delete("/{code}", status_code=204, responses={**NOT_FOUND, **TEACHER})
async def end_class(state: TeacherDep, classes: ClassesDep) -> Response:
    """Teacher: end the class; broadcasts `ended`, and the code is gone."""
    await classes.end(state.code)
    return Response(status_code=204)


@router.post("/{code}/join", status_code=201, response_model=Joined,
             responses={**NOT_FOUND, **TOO_LARGE, 409: _error("The class is full: class_full.")})
async def join_class(code: CodePath, body: JoinClass, request: Request, classes: ClassesDep) -> Response:
    """Join as a student; broadcasts `students`. More than 10 joins with unknown codes a minute from one address
    are refused with 429 (a right code too, until the minute is up)."""
    state = await find_class(code, request, classes)
    token = logic.new_token()
    student_id, nickname = await classes.join(state.code, logic.token_hash(token), body.nickname)
    return FastJSONResponse({"code": state.code, "student_id": student_id, "student_token": token,
                             "nickname": nickname}, status_code=201)


@router.post("/{code}/questions", status_code=201, response_model=QuestionPublic,
             responses={**NOT_FOUND, **TEACHER, **TOO_LARGE})
async def ask(body: QuestionIn, state: TeacherDep, classes: ClassesDep) -> Response:
    """Teacher: ask a question (it replaces any earlier one); broadcasts `question` without its answer."""
    answer = body.answer if body.kind == "choice" else float(body.answer)
    question = logic.Question(0, body.kind, body.prompt, body.about, tuple(body.choices), answer,
                              body.tolerance if body.kind == "number" else 0.0, body.explain)
    asked = await classes.ask(state.code, question)
    return FastJSONResponse(asked.public(0), status_code=201)


@router.post("/{code}/answers", response_model=Accepted,
             responses={**NOT_FOUND, **TOO_LARGE, 403: _error("Not a student of this class: not_a_student."),
                        409: _error("The question is closed (revealed, or replaced): question_closed.")})
async def answer(body: AnswerIn, state: ClassDep, token: TokenDep, classes: ClassesDep) -> Response:
    """Student: answer the open question (again, to change the answer, until the reveal); broadcasts `answers`
    (the count, never the values)."""
    if token is None or await classes.student(state.code, logic.token_hash(token)) is None:
        raise NotAStudent()
    await classes.answer(state.code, logic.token_hash(token), body.question_id, body.value)
    return FastJSONResponse({"accepted": True})


@router.post("/{code}/reveal", response_model=Reveal,
             responses={**NOT_FOUND, **TEACHER, 409: _error("There is no question to reveal: no_question.")})
async def reveal(state: TeacherDep, classes: ClassesDep) -> Response:
    """Teacher: close the question and show its answer with the class's answers; broadcasts `reveal`."""
    return RenderedJSON((await classes.reveal(state.code)).encode())


@router.get("/{code}/answers", response_model=list[AnswerRow], responses={**NOT_FOUND, **TEACHER})
async def list_answers(state: TeacherDep, classes: ClassesDep) -> Response:
    """Teacher: each student's answer to the current question, with their nickname and whether it is right."""
    question, answers = await classes.answers(state.code)
    return FastJSONResponse(logic.answer_rows(question, answers))


@router.get("/{code}/qr.svg", response_class=Response, responses={
    **NOT_FOUND, 200: {"description": "The join URL as a QR code.", "content": {"image/svg+xml": {}}}})
async def join_qr(state: ClassDep) -> Response:
    """The QR code of the class's join URL (SVG, black on white, with its quiet zone)."""
    return Response(qr_svg(state.join_url), media_type="image/svg+xml", headers={"cache-control": "no-cache"})


SSE_DOC: Responses = {200: {
    "description": "A `text/event-stream`: first `state` (a ClassView), then `position`, `students`, `question`, "
                   "`answers`, `reveal` and `ended` as they happen, each with `id:` the class's seq (one more per "
                   "event: a gap means a missed event; read the class again). `ping` (no id; data "
                   "`{\"every\": s}`) follows the state and every quiet `s` seconds (BACKPROP_CLASS_PING_SECONDS, "
                   "15): a client that hears nothing for two of them may take the connection for lost and open the "
                   "stream again.",
    "content": {"text/event-stream": {"schema": {
        "type": "object", "required": ["event", "data"], "properties": {
            "event": {"type": "string", "enum": list(EVENTS)},
            "id": {"type": "string", "pattern": "^[0-9]+$"},
            "data": {"type": "string", "contentMediaType": "application/json",
                     "contentSchema": {"oneOf": [{"$ref": f"#/components/schemas/{m.__name__}"}
                                                 for m in dict.fromkeys(EVENTS.values())]}}}}}}}}


@router.get("/{code}/events", response_class=Response, responses={
    **SSE_DOC, **NOT_FOUND, 403: _error("Neither the teacher's nor a student's token: not_a_student.")})
async def class_events(code: CodePath, request: Request, token: TokenDep, classes: ClassesDep) -> Response:
    """The class's events as Server-Sent Events, for the teacher's or a student's token (`?token=`)."""
    stack = AsyncExitStack()
    try:
        # Subscribed before the state is read: an event in between arrives on the queue, none is missed.
        queue = await stack.enter_async_context(classes.subscribe(code.strip().upper()))
        state = await find_class(code, request, classes)
        if not is_teacher(state, token) and (
                token is None or await classes.student(state.code, logic.token_hash(token)) is None):
            raise NotAStudent(teacher_allowed=True)
    except BaseException:
        await stack.aclose()
        raise
    first = Event(state.seq, "state", render(state.view(classes.limits.idle_seconds, classes.clock())).decode())
    # ping=0: the stream sends its own pings, as events a page can see (sse-starlette's are comment lines).
    return EventSourceResponse(_stream(classes, state.code, queue, first, stack), ping=0, sep="\n",
                               background=BackgroundTask(stack.aclose))


async def _stream(classes: ClassStore, code: str, queue: "asyncio.Queue[Event]", first: Event,
                  stack: AsyncExitStack) -> AsyncIterator[bytes]:
    """The state, then every event newer than it, in order, until the class ends (or this stream falls too far
    behind, or loses the broadcast: then it closes, and the page reconnects to a fresh state). A `ping` follows
    the state and each quiet `ping_seconds`: a page that hears nothing for two of them knows the connection is
    gone, even one the network dropped without a word. Each quiet spell also checks that the class still exists
    (Redis expires an idle class without an event)."""
    every = classes.limits.ping_seconds
    ping = ping_frame(every)
    try:
        yield first.frame
        yield ping
        last = first.seq
        while True:
            try:
                # asyncio.timeout, not wait_for: no task made per event (200 students: 200 events a move).
                async with asyncio.timeout(every):
                    event = await queue.get()
            except TimeoutError:
                if not await classes.exists(code):
                    yield ended_event(last + 1).frame
                    return
                yield ping
                continue
            if event is CLOSED:
                return
            if event.seq <= last:  # already in the state
                continue
            yield event.frame
            last = event.seq
            if event.name == "ended":
                return
    finally:
        await stack.aclose()


def document_events(openapi: dict) -> dict:
    """Put the events' data models into the document's components: the stream names them only inside
    `contentSchema`, where FastAPI does not look for models."""
    models = dict.fromkeys(EVENTS.values())
    _, defs = models_json_schema([(model, "serialization") for model in models],
                                 ref_template="#/components/schemas/{model}")
    openapi.setdefault("components", {}).setdefault("schemas", {}).update(defs.get("$defs", {}))
    return openapi
