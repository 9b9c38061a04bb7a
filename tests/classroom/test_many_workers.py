"""Two app processes over one real redis-server: a teacher on one, students on the other, in step; a process
restarted mid-class loses nothing, and its students' streams resume on reconnecting."""

import os
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx

from tests.classroom.helpers import CHOICE_QUESTION, NUMBER_QUESTION, POSITION, bearer, start_class
from tests.classroom.sse import EventReader, assert_in_order, names
from tests.support.server import free_port, running_server

ROOT = Path(__file__).parent.parent.parent


@contextmanager
def app_process(store_url: str, port: int) -> Iterator[str]:
    env = {**os.environ, "BACKPROP_STORE": store_url, "OMP_NUM_THREADS": "1"}
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
               "--port", str(port), "--no-access-log", "--log-level", "warning"]
    with running_server(command, port, cwd=ROOT, env=env) as base:
        yield base


def test_a_teacher_on_one_process_and_students_on_another_stay_in_step_and_a_restart_loses_nothing(
        redis_url: str) -> None:
    port_b = free_port()
    with ExitStack() as both:
        a = both.enter_context(app_process(redis_url, free_port()))
        stack_b = ExitStack()
        b = stack_b.enter_context(app_process(redis_url, port_b))
        teacher = httpx.Client(base_url=a, timeout=30)
        students = httpx.Client(base_url=b, timeout=30)
        k = start_class(teacher)
        k.client = students
        for name in ("a", "b", "c"):
            k.join(name)
        k.client = teacher
        on_b = [EventReader(b, k.code, s["student_token"]) for s in k.students]
        on_a = EventReader(a, k.code, k.students[0]["student_token"])
        for step in range(5):
            assert k.move(step=step, phase="z2").status_code == 200
        question = k.ask(NUMBER_QUESTION)
        for i, value in enumerate([0.5933, 0.59, 0.5932]):
            resp = students.post(f"{k.url}/answers", json={"question_id": question["id"], "value": value},
                                 headers=k.student(i))
            assert resp.status_code == 200, resp.text
        expected = ["state", *["position"] * 5, "question", "answers", "answers", "answers"]
        streams = [reader.wait_for(len(expected)) for reader in (*on_b, on_a)]
        for events in streams:
            assert names(events) == expected
            assert_in_order(events)
        assert all(events == streams[0] for events in streams)  # the same events, the same ids, everywhere

        stack_b.close()  # process B stops mid-class: its streams end
        for reader in on_b:
            assert reader.ended.wait(15)
        b = stack_b.enter_context(app_process(redis_url, port_b))  # and starts again
        view = httpx.get(f"{b}/api/classes/{k.code}").json()
        assert view["position"] == {**POSITION, "step": 4, "phase": "z2"}
        assert view["students"] == 3 and view["question"] == {**question, "answers": 3}
        assert view["seq"] == 12  # 3 joins, 5 moves, a question, 3 answers
        resumed = [EventReader(b, k.code, s["student_token"]) for s in k.students]
        for reader in resumed:
            assert reader.wait_for(1)[0]["data"] == view  # reconnected: the state, as it was
        rows = teacher.get(f"{k.url}/answers", headers=k.teacher).json()
        assert sorted(r["value"] for r in rows) == [0.59, 0.5932, 0.5933]
        shown = teacher.post(f"{k.url}/reveal", headers=k.teacher).json()
        assert (shown["count"], shown["right"]) == (3, 2)
        k.move(step=5, phase="a2")
        for reader in resumed:
            events = reader.wait_for(3)
            assert names(events) == ["state", "reveal", "position"] and [e["id"] for e in events] == ["12", "13", "14"]
            reader.close()
        assert on_a.wait_for(12)[10:] == resumed[0].events[1:3]  # process A's stream went on all along
        on_a.close()
        stack_b.close()


def test_300_students_answering_at_once_over_two_processes_all_count(redis_url: str) -> None:
    with app_process(redis_url, free_port()) as a, app_process(redis_url, free_port()) as b:
        clients = [httpx.Client(base_url=a, timeout=60), httpx.Client(base_url=b, timeout=60)]
        k = start_class(clients[0])
        tokens: list[str] = []

        def join(i: int) -> str:
            resp = clients[i % 2].post(f"{k.url}/join", json={"nickname": f"s{i}"})
            assert resp.status_code == 201, resp.text
            return resp.json()["student_token"]

        with ThreadPoolExecutor(max_workers=30) as pool:
            tokens = list(pool.map(join, range(300)))
        assert clients[1].get(k.url).json()["students"] == 300
        full = clients[0].post(f"{k.url}/join", json={})
        assert (full.status_code, full.json()["error"]["code"]) == (409, "class_full")
        question = k.ask(CHOICE_QUESTION)

        def answer(i: int) -> int:
            choice = CHOICE_QUESTION["choices"][i % 3]
            return clients[i % 2].post(f"{k.url}/answers", json={"question_id": question["id"], "value": choice},
                                       headers=bearer(tokens[i])).status_code

        with ThreadPoolExecutor(max_workers=30) as pool:
            assert set(pool.map(answer, range(300))) == {200}
        shown = clients[1].post(f"{k.url}/reveal", headers=k.teacher).json()
        assert shown["count"] == 300 and shown["counts"] == {"w5": 100, "w6": 100, "w7": 100}
        assert clients[0].get(k.url).json()["seq"] == 300 + 1 + 300 + 1  # every event counted once
        for client in clients:
            client.close()
