"""The event stream through a real uvicorn server (one process, classes in memory)."""

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.classroom.helpers import CHOICE_QUESTION, NUMBER_QUESTION, POSITION, Class, start_class
from tests.classroom.sse import EventReader, assert_in_order, names
from tests.support.server import free_port, running_server

ROOT = Path(__file__).parent.parent.parent


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--no-access-log", "--log-level", "warning"]
    with running_server(command, port, cwd=ROOT) as base:
        yield base


@pytest.fixture
def live(server: str) -> Iterator[Class]:
    with httpx.Client(base_url=server, timeout=30) as client:
        yield start_class(client)


def test_students_follow_every_move_in_order_from_the_state(server: str, live: Class) -> None:
    k = live
    for name in ("a", "b"):
        k.join(name)
    readers = [EventReader(server, k.code, s["student_token"]) for s in k.students]
    teacher = EventReader(server, k.code, k.teacher_token)
    for step in range(10):
        assert k.move(step=step, phase="z2").status_code == 200
    assert k.move(step=8, phase="bp1").json() == {"seq": 13}  # ← back: just another position
    for reader in (*readers, teacher):
        events = reader.wait_for(12)
        assert_in_order(events)
        assert events[0]["data"]["students"] == 2 and events[0]["data"]["seq"] == 2
        assert names(events[1:]) == ["position"] * 11
        assert [e["data"]["position"]["step"] for e in events[1:]] == [*range(10), 8]
        assert all(e["data"]["seq"] == int(e["id"]) for e in events[1:])
        reader.close()


def test_a_question_its_answers_and_the_reveal_reach_every_stream_and_the_answer_only_at_the_reveal(
        server: str, live: Class) -> None:
    k = live
    k.join("a"), k.join("b")
    reader = EventReader(server, k.code, k.students[0]["student_token"])
    question = k.ask(NUMBER_QUESTION)
    assert k.answer(question["id"], 0.5933, 0).status_code == 200
    assert k.answer(question["id"], 0.1, 1).status_code == 200
    k.client.post(f"{k.url}/reveal", headers=k.teacher)
    choice = k.ask(CHOICE_QUESTION)
    assert k.client.delete(k.url, headers=k.teacher).status_code == 204
    events = reader.wait_for(7)
    assert names(events) == ["state", "question", "answers", "answers", "reveal", "question", "ended"]
    assert_in_order(events)
    assert reader.ended.wait(5)  # the stream ends with the class
    assert [e["data"] for e in events[2:4]] == [{"question_id": question["id"], "count": 1},
                                                {"question_id": question["id"], "count": 2}]
    before = str([e["data"] for e in events[:4]])
    assert "0.593269992" not in before and "explain" not in before and "tolerance" not in before
    assert events[4]["data"]["answer"] == 0.593269992 and events[4]["data"]["right"] == 1
    assert events[5]["data"]["id"] == choice["id"] and "answer" not in events[5]["data"]
    assert events[6]["data"] == {}


def test_a_late_stream_starts_from_the_current_state(server: str, live: Class) -> None:
    k = live
    k.join("a")
    k.move(step=4, phase="a2")
    question = k.ask(CHOICE_QUESTION)
    k.answer(question["id"], "w5")
    reader = EventReader(server, k.code, k.students[0]["student_token"])
    state = reader.wait_for(1)[0]["data"]
    assert state["position"] == {**POSITION, "step": 4, "phase": "a2"}
    assert state["question"] == {**question, "answers": 1} and state["seq"] == 4
    k.move(step=5)
    assert reader.wait_for(2)[1]["id"] == "5"
    reader.close()


def test_a_stream_is_refused_without_a_token_of_the_class(server: str, live: Class) -> None:
    resp = httpx.get(f"{server}/api/classes/{live.code}/events", params={"token": "guess"})
    assert resp.status_code == 403 and resp.json()["error"]["code"] == "not_a_student"


def test_a_head_of_the_event_stream_answers_with_its_headers_and_ends(server: str, live: Class) -> None:
    """A HEAD is a GET without the body: for a stream that never ends by itself, the server must stop it too."""
    k = live
    with httpx.Client(base_url=server, timeout=5) as client:
        response = client.head(f"/api/classes/{k.code}/events", params={"token": k.teacher_token})
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/event-stream")
        assert response.content == b""
        # The next request on the same keep-alive connection is answered only once the HEAD's answer has ended:
        # a stream that went on would hold it until the timeout.
        assert client.get(f"/api/classes/{k.code}").status_code == 200


@pytest.fixture(scope="module")
def quick_server() -> Iterator[str]:
    """A server whose idle streams ping every 0.3 s and whose classes expire after 2 s unused."""
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--no-access-log", "--log-level", "warning"]
    env = {**os.environ, "BACKPROP_CLASS_PING_SECONDS": "0.3", "BACKPROP_CLASS_IDLE_SECONDS": "2"}
    with running_server(command, port, cwd=ROOT, env=env) as base:
        yield base


def test_a_quiet_stream_pings_as_an_event_a_page_can_see_without_taking_an_id(quick_server: str) -> None:
    """A comment line (sse-starlette's own ping) never reaches a page's EventSource, so a page could not tell a
    quiet class from a connection gone silent. The ping is an event: after the state, and each quiet 0.3 s."""
    with httpx.Client(base_url=quick_server, timeout=30) as client:
        k = start_class(client)
        k.join("a")
        reader = EventReader(quick_server, k.code, k.students[0]["student_token"])
        started = time.monotonic()
        while len(reader.pings) < 4 and time.monotonic() - started < 5:
            time.sleep(0.05)
        k.move(step=1, phase="a2")
        events = reader.wait_for(2)
        reader.close()
    assert len(reader.pings) >= 4
    assert all(p == {"event": "ping", "data": {"every": 0.3}} for p in reader.pings)  # no id: no place taken
    assert names(events) == ["state", "position"] and [e["id"] for e in events] == ["1", "2"]
    assert time.monotonic() - started < 3  # four pings in about 0.9 s (not 15 s each)


def test_a_class_that_expires_unused_ends_its_streams_within_a_ping(quick_server: str) -> None:
    with httpx.Client(base_url=quick_server, timeout=30) as client:
        k = start_class(client)
        k.join("a")
        reader = EventReader(quick_server, k.code, k.students[0]["student_token"])
        assert reader.ended.wait(5), "the stream outlived its class"
        assert names(reader.events) == ["state", "ended"]
        assert client.get(k.url).status_code == 404
