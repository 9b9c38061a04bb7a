"""The class store interface: every change to a class is one atomic step that also broadcasts its event.

Two stores keep to it: MemoryClassStore (one process; the default) and RedisClassStore (shared by every worker:
BACKPROP_STORE=redis://…). Both count time with an injectable clock, so tests can let an hour pass at once.
"""

import asyncio
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol

from .hub import Event, LocalHub
from .logic import ClassState, Question

FAILED_JOIN_WINDOW = 60.0  # seconds: "at most N failed joins a minute per address"


@dataclass(frozen=True)
class ClassLimits:
    max_classes: int = 100
    max_students: int = 300
    idle_seconds: float = 4 * 3600
    max_failed_joins: int = 10  # per client address per minute; beyond, every join is refused for a while
    # A stream says `ping` this often when nothing else happens: it keeps proxies from closing an idle stream, and
    # lets a page tell a stream that went silent (Wi-Fi gone without a goodbye) from a quiet class.
    ping_seconds: float = 15.0


class ClassStore(Protocol):
    limits: ClassLimits
    hub: LocalHub
    clock: Callable[[], float]

    async def create(self, teacher: str, position: str, join_base: str) -> ClassState:
        """A new class with a fresh code, joined at <join_base>/join?code=…; TooManyClasses beyond the limit."""

    async def get(self, code: str) -> ClassState:
        """The class (it counts as used); ClassNotFound when unknown, ended or expired."""

    async def student(self, code: str, token: str) -> str | None:
        """The id of the student whose token hashes to `token`, or None."""

    async def move(self, code: str, position: str) -> int:
        """Set the class's position; its new seq."""

    async def end(self, code: str) -> None: ...

    async def join(self, code: str, token: str, nickname: str | None) -> tuple[str, str]:
        """Add a student (token hash given); their id and nickname (generated when None). ClassFull beyond."""

    async def ask(self, code: str, question: Question) -> Question:
        """Replace the question; the stored one, with its id (its event's seq)."""

    async def answer(self, code: str, token: str, question_id: int, value: float | str) -> None:
        """Keep (or replace) a student's answer. NotAStudent, QuestionClosed, InvalidAnswer."""

    async def reveal(self, code: str) -> str:
        """Close the question and reveal it (once: again, the same reveal); the Reveal as JSON text. NoQuestion."""

    async def answers(self, code: str) -> tuple[Question | None, list[tuple[str, float | str]]]:
        """The question and each answer with its student's nickname."""

    async def join_refused(self, address: str) -> int | None:
        """Seconds until this address may join again, or None when it may now."""

    async def failed_join(self, address: str) -> None: ...

    def subscribe(self, code: str) -> AbstractAsyncContextManager["asyncio.Queue[Event]"]:
        """A queue of the class's events, registered before the caller reads the state (so none is missed)."""

    async def exists(self, code: str) -> bool:
        """Whether the class is live, without counting as a use of it."""

    async def close(self) -> None: ...


def ended_event(seq: int) -> Event:
    return Event(seq, "ended", "{}")
