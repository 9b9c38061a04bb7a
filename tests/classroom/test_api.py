"""A class through the API, in process: create, join, move, ask, answer, reveal, end — and everything refused."""

import pytest
from fastapi.testclient import TestClient

from app.api.schemas.classes import AnswerRow, ClassView, Moved, Reveal
from tests.api.api_helpers import conform
from tests.classroom.conftest import Clock, MakeClient
from tests.classroom.helpers import CHOICE_QUESTION, NUMBER_QUESTION, POSITION, SECRET, bearer, refused, start_class


def test_a_whole_class_create_join_move_ask_answer_reveal_end(api: TestClient) -> None:
    k = start_class(api)
    assert len(k.code) == 6 and k.created["qr_svg"] == f"/api/classes/{k.code}/qr.svg"
    assert k.created["expires_in"] == 4 * 3600
    view = conform(api.get(k.url), ClassView)
    assert (view["seq"], view["students"], view["position"], view["question"]) == (0, 0, POSITION, None)

    ada, bo, cy = k.join("Ada"), k.join("  Bo  "), k.join(None)
    assert (ada["nickname"], bo["nickname"], cy["nickname"]) == ("Ada", "Bo", "Student 3")
    assert len({ada["student_id"], bo["student_id"], cy["student_id"]}) == 3

    moved = conform(k.move(step=3, phase="bp1", selection={"kind": "edge", "l": 3, "j": 0, "k": 1},
                           edits=[{"step": 1, "l": 2, "j": 0, "k": 1, "value": -0.5}]), Moved)
    assert moved == {"seq": 4}  # three joins, then the move
    view = conform(api.get(k.url), ClassView)
    assert view["position"]["phase"] == "bp1" and view["position"]["edits"][0]["value"] == -0.5
    assert view["students"] == 3

    question = k.ask()
    assert question == {"id": 5, "kind": "number", "prompt": NUMBER_QUESTION["prompt"],
                        "about": NUMBER_QUESTION["about"], "choices": [], "open": True, "answers": 0}
    for i, value in enumerate([0.5933, 0.6, 0.59327]):  # right, wrong, right (tolerance 0.0005)
        assert k.answer(question["id"], value, i).json() == {"accepted": True}
    assert k.answer(question["id"], 0.7, 1).status_code == 200  # Bo changes his mind: still wrong, counted once
    assert conform(api.get(k.url), ClassView)["question"]["answers"] == 3

    rows = conform(api.get(f"{k.url}/answers", headers=k.teacher), list[AnswerRow])
    assert rows == [{"nickname": "Ada", "value": 0.5933, "right": True},
                    {"nickname": "Bo", "value": 0.7, "right": False},
                    {"nickname": "Student 3", "value": 0.59327, "right": True}]

    shown = conform(api.post(f"{k.url}/reveal", headers=k.teacher), Reveal)
    assert shown == {"question_id": 5, "kind": "number", "answer": 0.593269992, "explain": NUMBER_QUESTION["explain"],
                     "count": 3, "right": 2, "values": [0.59327, 0.5933, 0.7], "counts": {}}
    view = conform(api.get(k.url), ClassView)
    assert view["reveal"] == shown and view["question"]["open"] is False
    assert conform(api.post(f"{k.url}/reveal", headers=k.teacher), Reveal) == shown  # again: the same
    refused(k.answer(question["id"], 0.5933, 2), 409, "question_closed")

    assert api.delete(k.url, headers=k.teacher).status_code == 204
    for method, path in (("GET", ""), ("PUT", "/position"), ("POST", "/join"), ("GET", "/qr.svg")):
        refused(api.request(method, k.url + path, json=POSITION if method == "PUT" else {"nickname": "x"},
                            headers=k.teacher), 404, "class_not_found")


def test_a_choice_question_counts_every_choice(api: TestClient) -> None:
    k = start_class(api)
    for name in ("a", "b", "c"):
        k.join(name)
    question = k.ask(CHOICE_QUESTION)
    assert question["choices"] == ["w5", "w6", "w7"]
    for i, value in enumerate(["w7", "w7", "w5"]):
        assert k.answer(question["id"], value, i).status_code == 200
    shown = conform(api.post(f"{k.url}/reveal", headers=k.teacher), Reveal)
    assert (shown["counts"], shown["right"], shown["count"], shown["values"]) == ({"w5": 1, "w6": 0, "w7": 2}, 2, 3, [])


def test_a_new_question_closes_the_last_one_and_starts_its_answers_afresh(api: TestClient) -> None:
    k = start_class(api)
    k.join("a")
    first = k.ask()
    assert k.answer(first["id"], 0.5, 0).status_code == 200
    second = k.ask(CHOICE_QUESTION)
    assert second["id"] > first["id"] and second["answers"] == 0
    refused(k.answer(first["id"], 0.5, 0), 409, "question_closed")  # the earlier question's id
    assert conform(api.get(f"{k.url}/answers", headers=k.teacher), list[AnswerRow]) == []
    assert conform(api.get(k.url), ClassView)["reveal"] is None


def test_the_answer_reaches_no_student_before_the_reveal(api: TestClient) -> None:
    k = start_class(api)
    k.join("a")
    question = k.ask()
    seen = [api.get(k.url).text, k.answer(question["id"], 0.1).text, api.get(f"{k.url}/qr.svg").text,
            api.post(f"{k.url}/questions", json=NUMBER_QUESTION, headers=k.student()).text]
    for text in seen:
        assert SECRET not in text and "tolerance" not in text and "sigma" not in text
    shown = api.post(f"{k.url}/reveal", headers=k.teacher).json()
    assert shown["answer"] == 0.593269992 and SECRET in api.get(k.url).text


@pytest.mark.parametrize(("method", "path", "body"), [
    ("PUT", "/position", POSITION), ("POST", "/questions", NUMBER_QUESTION), ("POST", "/reveal", None),
    ("DELETE", "", None), ("GET", "/answers", None)])
def test_only_the_teacher_moves_asks_reveals_ends_and_lists_answers(api: TestClient, method: str, path: str,
                                                                     body: dict | None) -> None:
    k = start_class(api)
    student = k.join("s")
    other = start_class(api)
    for headers in ({}, bearer(student["student_token"]), bearer("x" * 43), other.teacher,
                    {"Authorization": f"Basic {k.teacher_token}"}):
        refused(api.request(method, k.url + path, json=body, headers=headers), 403, "not_the_teacher")
    refused(api.request(method, f"{k.url}{path}?token={student['student_token']}", json=body), 403,
            "not_the_teacher")
    assert conform(api.get(k.url), ClassView)["seq"] == 1  # nothing moved: only the join's event
    ok = api.request(method, f"{k.url}{path}?token={k.teacher_token}", json=body)  # the query form works too
    assert ok.status_code in (200, 201, 204) or (path == "/reveal" and ok.status_code == 409), ok.text


def test_only_a_student_of_the_class_answers(api: TestClient) -> None:
    k = start_class(api)
    question = k.ask()
    other = start_class(api)
    outsider = other.join("x")
    for headers in ({}, k.teacher, bearer(outsider["student_token"]), bearer("nope")):
        refused(api.post(f"{k.url}/answers", json={"question_id": question["id"], "value": 0.5}, headers=headers),
                403, "not_a_student")


def test_events_need_a_token_of_the_class(api: TestClient) -> None:
    k = start_class(api)
    other = start_class(api)
    outsider = other.join("x")
    for query in ("", "?token=nope", f"?token={outsider['student_token']}", f"?token={other.teacher_token}"):
        refused(api.get(f"{k.url}/events{query}"), 403, "not_a_student")
    refused(api.get(f"/api/classes/AAAAAA/events?token={k.teacher_token}"), 404, "class_not_found")


def test_the_eleventh_failed_join_in_a_minute_is_refused_even_with_a_right_code(api: TestClient,
                                                                               clock: Clock) -> None:
    k = start_class(api)
    for _ in range(10):
        refused(api.post("/api/classes/AAAAAA/join", json={}), 404, "class_not_found")
        clock.advance(5)  # ten failures within 50 s
    error = refused(api.post("/api/classes/AAAAAA/join", json={}), 429, "too_many_attempts")
    assert "minute" in error["message"]
    throttled = api.post(f"{k.url}/join", json={"nickname": "late"})
    refused(throttled, 429, "too_many_attempts")
    assert int(throttled.headers["retry-after"]) == 10  # the first failure (at 0 s; now is 50 s) leaves at 60 s
    refused(api.get(f"{k.url}"), 429, "too_many_attempts")  # reading a class is no oracle either
    clock.advance(9)
    refused(api.post(f"{k.url}/join", json={"nickname": "late"}), 429, "too_many_attempts")
    clock.advance(1)
    assert api.post(f"{k.url}/join", json={"nickname": "late"}).status_code == 201


def test_failed_joins_count_per_address(make_class_client: MakeClient) -> None:
    a_client = make_class_client(max_failed_joins=3)
    for _ in range(3):
        refused(a_client.post("/api/classes/AAAAAA/join", json={}), 404, "class_not_found")
    refused(a_client.post("/api/classes/AAAAAA/join", json={}), 429, "too_many_attempts")
    b = TestClient(a_client.app, client=("192.0.2.77", 50000), raise_server_exceptions=False)
    refused(b.post("/api/classes/AAAAAA/join", json={}), 404, "class_not_found")  # another address: not yet


def test_an_idle_class_expires(api: TestClient, clock: Clock) -> None:
    k = start_class(api)
    clock.advance(4 * 3600 - 1)
    view = conform(api.get(k.url), ClassView)  # used: the idle time starts again
    assert view["expires_in"] == 4 * 3600
    clock.advance(4 * 3600 - 1)
    assert conform(api.get(k.url), ClassView)["code"] == k.code
    clock.advance(4 * 3600 + 1)
    refused(api.get(k.url), 404, "class_not_found")
    refused(k.move(step=1), 404, "class_not_found")


def test_expired_classes_make_room_for_new_ones(make_class_client: MakeClient, clock: Clock) -> None:
    api = make_class_client(max_classes=2)
    start_class(api), start_class(api)
    refused(api.post("/api/classes", json={"position": POSITION}), 429, "too_many_classes")
    clock.advance(4 * 3600 + 1)
    start_class(api)


def test_a_full_class_refuses_one_more(make_class_client: MakeClient) -> None:
    api = make_class_client(max_students=2)
    k = start_class(api)
    k.join("a"), k.join("b")
    refused(api.post(f"{k.url}/join", json={"nickname": "c"}), 409, "class_full")
    assert conform(api.get(k.url), ClassView)["students"] == 2


def test_a_code_is_read_whatever_its_case(api: TestClient) -> None:
    k = start_class(api)
    assert api.get(f"/api/classes/{k.code.lower()}").json()["code"] == k.code
    assert api.post(f"/api/classes/{k.code.lower()}/join", json={}).json()["code"] == k.code


@pytest.mark.parametrize(("body", "field"), [
    ({"question_id": 0, "value": float("nan")}, "value"), ({"question_id": 0, "value": "1e999"}, "value"),
    ({"question_id": 0, "value": True}, "value"), ({"question_id": 0, "value": [1]}, "value"),
    ({"question_id": "1", "value": 1}, "question_id"), ({"value": 1}, "question_id"), ({}, None)])
def test_a_malformed_answer_is_a_422(api: TestClient, body: dict, field: str | None) -> None:
    k = start_class(api)
    k.join("a")
    question = k.ask()
    body = {**body, "question_id": question["id"]} if body.get("question_id") == 0 else body
    content = api.post(f"{k.url}/answers", content=_json(body), headers={**k.student(),
                                                                           "content-type": "application/json"})
    error = refused(content, 422, "invalid_answer" if body.get("value") == "1e999" else "invalid_request")
    if field:
        assert error["field"].startswith(field)  # "value.float": the union's member that came closest


def _json(body: dict) -> str:
    import json

    return json.dumps(body)  # allows NaN: what a careless client would send


@pytest.mark.parametrize(("question", "value"), [(NUMBER_QUESTION, "0.59"), (CHOICE_QUESTION, 1.0),
                                                 (CHOICE_QUESTION, "w9"), (CHOICE_QUESTION, "W7")])
def test_an_answer_of_the_wrong_kind_is_a_422(api: TestClient, question: dict, value: object) -> None:
    k = start_class(api)
    k.join("a")
    asked = k.ask(question)
    assert refused(k.answer(asked["id"], value), 422, "invalid_answer")["field"] == "value"


def test_answering_without_a_question_or_revealing_none_is_a_409(api: TestClient) -> None:
    k = start_class(api)
    k.join("a")
    refused(k.answer(1, 0.5), 409, "question_closed")
    refused(api.post(f"{k.url}/reveal", headers=k.teacher), 409, "no_question")
    assert conform(api.get(f"{k.url}/answers", headers=k.teacher), list[AnswerRow]) == []


@pytest.mark.parametrize("nickname", ["", "   ", "x" * 25, "a\nb", "a\x00", "\u202eevil", "\ud800"])
def test_a_nickname_is_1_to_24_characters_of_plain_text(api: TestClient, nickname: str) -> None:
    k = start_class(api)
    resp = api.post(f"{k.url}/join", content=_json({"nickname": nickname}),
                    headers={"content-type": "application/json"})
    assert refused(resp, 422, "invalid_request")["field"] == "nickname"
    assert conform(api.get(k.url), ClassView)["students"] == 0


def test_emoji_and_accents_are_plain_text(api: TestClient) -> None:
    k = start_class(api)
    assert k.join("  Zoë 👩‍🔬  ")["nickname"] == "Zoë 👩‍🔬"
    assert k.join("x" * 24)["nickname"] == "x" * 24
