"""Fan-out of a class's events to the streams open in this process.

Each open stream has an asyncio queue; publishing puts the event (its Server-Sent Events frame encoded once, shared
by every stream) on the queue of every stream of that class. With Redis the events come from one pub/sub
subscription per process (redis.py), which feeds this same hub, so a teacher on one worker reaches students on any.
"""

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import cached_property

from sse_starlette.event import ServerSentEvent

# A stream that falls this far behind (a stalled client) is closed rather than buffered without end: the page
# reconnects and reads the class's state again.
QUEUE_LIMIT = 1000


@dataclass(frozen=True)
class Event:
    """One broadcast event: `seq` is the class's event counter (the SSE id), `data` its JSON text."""

    seq: int
    name: str
    data: str

    @cached_property
    def frame(self) -> bytes:
        return ServerSentEvent(self.data, event=self.name, id=str(self.seq), sep="\n").encode()

    def wire(self) -> str:
        """One line of text for Redis pub/sub: seq, name, data (the data holds no newline: compact JSON)."""
        return f"{self.seq}\n{self.name}\n{self.data}"

    @classmethod
    def from_wire(cls, text: str) -> "Event":
        seq, name, data = text.split("\n", 2)
        return cls(int(seq), name, data)


CLOSED = Event(-1, "", "")  # put on a queue that overflowed: its stream ends


def ping_frame(seconds: float) -> bytes:
    """The keep-alive a page can see (a comment line, it could not). It has no id, so it moves no one's place in
    the stream; `every` tells the page how long a silence means the connection is gone."""
    return ServerSentEvent(json.dumps({"every": seconds}), event="ping", sep="\n").encode()


class LocalHub:
    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[Event]]] = {}

    def publish(self, code: str, event: Event) -> None:
        """Synchronous, so a store publishes under its lock and the events of a class stay in order."""
        for queue in self._queues.get(code, ()):
            if queue.qsize() >= QUEUE_LIMIT - 1:
                queue.put_nowait(CLOSED)
                continue
            queue.put_nowait(event)

    def close_all(self) -> None:
        """End every open stream (the pub/sub connection was lost: events may have been missed)."""
        for queues in self._queues.values():
            for queue in queues:
                queue.put_nowait(CLOSED)

    @asynccontextmanager
    async def subscribe(self, code: str) -> AsyncIterator[asyncio.Queue[Event]]:
        queue: asyncio.Queue[Event] = asyncio.Queue()
        self._queues.setdefault(code, set()).add(queue)
        try:
            yield queue
        finally:
            queues = self._queues.get(code)
            if queues is not None:
                queues.discard(queue)
                if not queues:
                    del self._queues[code]

    def streams(self, code: str | None = None) -> int:
        """Open streams (of one class, or of all): for tests and the benchmark."""
        if code is not None:
            return len(self._queues.get(code, ()))
        return sum(len(q) for q in self._queues.values())
