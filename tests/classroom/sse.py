"""Read a class's event stream in a background thread, as a page's EventSource would."""

import json
import threading
import time
from typing import Any

import httpx


class EventReader:
    """Opens GET …/events?token=… and collects each event ({"id", "event", "data"}) until the stream ends or
    close() is called. The keep-alive `ping`s (no id) are kept apart, in `pings`."""

    def __init__(self, base: str, code: str, token: str) -> None:
        self.events: list[dict[str, Any]] = []
        self.pings: list[dict[str, Any]] = []
        self.status: int | None = None
        self.ended = threading.Event()
        self._opened = threading.Event()
        self._stop = False
        self._url, self._token = f"{base}/api/classes/{code}/events", token
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        assert self._opened.wait(10), "the stream did not open"

    def _read(self) -> None:
        try:
            with httpx.stream("GET", self._url, params={"token": self._token},
                              timeout=httpx.Timeout(30, read=60)) as resp:
                self.status = resp.status_code
                self._opened.set()
                event: dict[str, Any] = {}
                for line in resp.iter_lines():
                    if self._stop:
                        break
                    if not line:
                        if event:
                            (self.pings if event.get("event") == "ping" else self.events).append(event)
                        event = {}
                    elif line.startswith(":"):
                        continue  # a comment
                    else:
                        name, _, value = line.partition(": ")
                        event[name] = json.loads(value) if name == "data" else value
        except httpx.HTTPError:
            pass  # the server went away: the stream is over
        finally:
            self._opened.set()
            self.ended.set()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """The first `count` events, once they have arrived."""
        deadline = time.monotonic() + timeout
        while len(self.events) < count and time.monotonic() < deadline and not self.ended.is_set():
            time.sleep(0.01)
        assert len(self.events) >= count, f"{len(self.events)} events of {count}: {self.events}"
        return self.events[:count]

    def close(self) -> None:
        self._stop = True


def names(events: list[dict[str, Any]]) -> list[str]:
    return [e["event"] for e in events]


def assert_in_order(events: list[dict[str, Any]]) -> None:
    """The first is `state`; each id is one more than the last (no gap, none out of order)."""
    assert events[0]["event"] == "state"
    ids = [int(e["id"]) for e in events]
    assert ids == list(range(ids[0], ids[0] + len(ids))), ids
    assert events[0]["data"]["seq"] == ids[0]
