"""Classes in this process's memory: the default, for one worker. One lock makes every change atomic; events are
published under it, so each class's events leave in the order of their seq."""

import asyncio
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace

from . import joinurl, logic
from .errors import ClassFull, ClassNotFound, NoQuestion, NotAStudent, QuestionClosed, TooManyClasses
from .hub import Event, LocalHub
from .logic import ClassState, Question
from .store import FAILED_JOIN_WINDOW, ClassLimits, ended_event

MAX_TRACKED_ADDRESSES = 10_000  # failed-join records kept; the stalest are dropped beyond (they expire anyway)


@dataclass
class _Class:
    code: str
    teacher: str
    join_url: str
    position: str
    touched: float
    seq: int = 0
    students: dict[str, tuple[str, str]] = field(default_factory=dict)  # token hash → (id, nickname)
    question: Question | None = None
    answers: dict[str, float | str] = field(default_factory=dict)  # student id → answer
    reveal: str | None = None

    def state(self) -> ClassState:
        return ClassState(self.code, self.seq, len(self.students), self.position, self.question, len(self.answers),
                          self.reveal, self.join_url, self.teacher, self.touched)


class MemoryClassStore:
    def __init__(self, limits: ClassLimits | None = None, clock: Callable[[], float] = time.time) -> None:
        self.limits = limits or ClassLimits()
        self.clock = clock
        self.hub = LocalHub()
        self._classes: dict[str, _Class] = {}
        self._failures: dict[str, deque[float]] = {}
        # A threading lock, not an asyncio one: nothing awaits while holding it, and it stays right if a store is
        # ever called from the thread pool.
        self._lock = threading.Lock()

    def _sweep(self, now: float) -> None:
        """Drop the classes idle for longer than the timeout; their open streams hear `ended`."""
        idle = self.limits.idle_seconds
        for code in [c for c, k in self._classes.items() if now - k.touched > idle]:
            gone = self._classes.pop(code)
            self.hub.publish(code, ended_event(gone.seq + 1))

    def _live(self, code: str) -> _Class:
        now = self.clock()
        self._sweep(now)
        found = self._classes.get(code)
        if found is None:
            raise ClassNotFound(code)
        found.touched = now
        return found

    def _emit(self, k: _Class, name: str, data: str) -> int:
        k.seq += 1
        self.hub.publish(k.code, Event(k.seq, name, data))
        return k.seq

    async def create(self, teacher: str, position: str, join_base: str) -> ClassState:
        with self._lock:
            now = self.clock()
            self._sweep(now)
            if len(self._classes) >= self.limits.max_classes:
                raise TooManyClasses(self.limits.max_classes)
            code = logic.new_code()
            while code in self._classes:
                code = logic.new_code()
            k = self._classes[code] = _Class(code, teacher, joinurl.join_url(join_base, code), position, now)
            return k.state()

    async def get(self, code: str) -> ClassState:
        with self._lock:
            return self._live(code).state()

    async def student(self, code: str, token: str) -> str | None:
        with self._lock:
            found = self._live(code).students.get(token)
            return found[0] if found else None

    async def move(self, code: str, position: str) -> int:
        with self._lock:
            k = self._live(code)
            k.position = position
            return self._emit(k, "position", f'{{"seq":{k.seq + 1},"position":{position}}}')

    async def end(self, code: str) -> None:
        with self._lock:
            k = self._live(code)
            del self._classes[code]
            self._emit(k, "ended", "{}")

    async def join(self, code: str, token: str, nickname: str | None) -> tuple[str, str]:
        with self._lock:
            k = self._live(code)
            if len(k.students) >= self.limits.max_students:
                raise ClassFull(self.limits.max_students)
            student_id = logic.new_student_id()
            name = nickname if nickname is not None else f"Student {len(k.students) + 1}"
            k.students[token] = (student_id, name)
            self._emit(k, "students", f'{{"count":{len(k.students)}}}')
            return student_id, name

    async def ask(self, code: str, question: Question) -> Question:
        with self._lock:
            k = self._live(code)
            k.question = replace(question, id=k.seq + 1, open=True)
            k.answers, k.reveal = {}, None
            self._emit(k, "question", logic.dumps(k.question.public(0)))
            return k.question

    async def answer(self, code: str, token: str, question_id: int, value: float | str) -> None:
        with self._lock:
            k = self._live(code)
            student = k.students.get(token)
            if student is None:
                raise NotAStudent()
            question = k.question
            if question is None or not question.open or question.id != question_id:
                raise QuestionClosed()
            k.answers[student[0]] = logic.check_value(question, value)
            self._emit(k, "answers", f'{{"question_id":{question.id},"count":{len(k.answers)}}}')

    async def reveal(self, code: str) -> str:
        with self._lock:
            k = self._live(code)
            if k.question is None:
                raise NoQuestion()
            if k.reveal is not None:
                return k.reveal
            shown = logic.reveal(k.question, list(k.answers.values())).to_json()
            k.question, k.reveal = replace(k.question, open=False), shown
            self._emit(k, "reveal", shown)
            return shown

    async def answers(self, code: str) -> tuple[Question | None, list[tuple[str, float | str]]]:
        with self._lock:
            k = self._live(code)
            names = dict(k.students.values())
            return k.question, [(names.get(sid, "?"), value) for sid, value in k.answers.items()]

    def _recent_failures(self, address: str, now: float) -> deque[float]:
        times = self._failures.get(address, deque())
        while times and now - times[0] >= FAILED_JOIN_WINDOW:
            times.popleft()
        return times

    async def join_refused(self, address: str) -> int | None:
        with self._lock:
            now = self.clock()
            times = self._recent_failures(address, now)
            if len(times) < self.limits.max_failed_joins:
                return None
            return max(1, round(times[0] + FAILED_JOIN_WINDOW - now))

    async def failed_join(self, address: str) -> None:
        with self._lock:
            now = self.clock()
            if len(self._failures) >= MAX_TRACKED_ADDRESSES and address not in self._failures:
                for stale in [a for a, t in self._failures.items() if not t or now - t[-1] >= FAILED_JOIN_WINDOW]:
                    del self._failures[stale]
                if len(self._failures) >= MAX_TRACKED_ADDRESSES:
                    self._failures.pop(next(iter(self._failures)))
            times = self._recent_failures(address, now)
            times.append(now)
            self._failures[address] = times

    @asynccontextmanager
    async def subscribe(self, code: str) -> AsyncIterator[asyncio.Queue[Event]]:
        async with self.hub.subscribe(code) as queue:
            yield queue

    async def exists(self, code: str) -> bool:
        with self._lock:
            self._sweep(self.clock())
            return code in self._classes

    async def close(self) -> None:
        return None
