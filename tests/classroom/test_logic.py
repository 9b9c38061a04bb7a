"""The rules of a class as pure functions, and the fan-out hub."""

import asyncio

import pytest

from app.classroom import logic
from app.classroom.hub import CLOSED, QUEUE_LIMIT, Event, LocalHub
from app.classroom.logic import Question


def test_codes_use_no_look_alikes_and_tokens_are_kept_only_as_hashes() -> None:
    codes = {logic.new_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(len(c) == 6 for c in codes)
    used = set("".join(codes))
    assert used == set(logic.CODE_ALPHABET)
    assert not used & set("0O1IL5S2Z8B")
    token = logic.new_token()
    assert len(token) >= 43 and logic.token_hash(token) != token and len(logic.token_hash(token)) == 64


@pytest.mark.parametrize(("raw", "kept"), [(" Ada ", "Ada"), ("Zoë", "Zoë"), ("👩‍🔬", "👩‍🔬"), ("a b", "a b")])
def test_a_nickname_is_stripped_plain_text(raw: str, kept: str) -> None:
    assert logic.check_nickname(raw) == kept


@pytest.mark.parametrize("raw", ["", " ", "x" * 25, "tab\there", "\u202eevil", "a\u2028b", "\x7f"])
def test_a_nickname_that_is_not_plain_text_or_too_long_is_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="nickname"):
        logic.check_nickname(raw)


NUMBER = Question(7, "number", "a?", answer=0.5, tolerance=0.01)
CHOICE = Question(8, "choice", "which?", choices=("w1", "w2", "w3"), answer="w2")


def test_a_number_is_right_within_the_tolerance_and_a_choice_when_it_is_the_answer() -> None:
    assert logic.is_right(NUMBER, 0.51) and logic.is_right(NUMBER, 0.49) and not logic.is_right(NUMBER, 0.5101)
    exact = Question(1, "number", "?", answer=0.1 + 0.2, tolerance=0.0)
    assert logic.is_right(exact, 0.3)  # the answer written back as a float is right with no tolerance
    assert not logic.is_right(exact, 0.30001)
    assert logic.is_right(CHOICE, "w2") and not logic.is_right(CHOICE, "w1")


def test_an_answer_must_fit_its_question() -> None:
    assert logic.check_value(NUMBER, 1) == 1.0 and logic.check_value(CHOICE, "w3") == "w3"
    for question, value in ((NUMBER, "0.5"), (NUMBER, float("nan")), (NUMBER, True), (CHOICE, 1.0),
                            (CHOICE, "w4")):
        with pytest.raises(logic.InvalidAnswer):
            logic.check_value(question, value)


def test_the_reveal_is_anonymous_sorted_values_or_counts_of_every_choice() -> None:
    shown = logic.reveal(NUMBER, [0.7, 0.5, 0.505])
    assert (shown.values, shown.count, shown.right, shown.counts) == ([0.5, 0.505, 0.7], 3, 2, {})
    shown = logic.reveal(CHOICE, ["w2", "w1", "w2"])
    assert (shown.counts, shown.right, shown.values) == ({"w1": 1, "w2": 2, "w3": 0}, 2, [])
    assert logic.reveal(CHOICE, []).counts == {"w1": 0, "w2": 0, "w3": 0}


def test_the_public_question_holds_no_secret_and_the_stored_one_round_trips() -> None:
    secret = Question(3, "number", "a?", answer=0.123456, tolerance=0.5, explain="because")
    public = logic.dumps(secret.public(2))
    assert "0.123456" not in public and "because" not in public and "tolerance" not in public
    assert Question.from_json(secret.to_json()) == secret
    assert Question.from_json(CHOICE.to_json()) == CHOICE


def test_the_teacher_list_is_sorted_by_nickname_with_right_and_wrong() -> None:
    rows = logic.answer_rows(CHOICE, [("bo", "w1"), ("Ada", "w2")])
    assert rows == [{"nickname": "Ada", "value": "w2", "right": True},
                    {"nickname": "bo", "value": "w1", "right": False}]
    assert logic.answer_rows(None, [("x", 1.0)]) == []


def test_opaque_json_is_checked_without_recursion() -> None:
    deep: object = 1
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ValueError, match="nested"):
        logic.check_json(deep, "record")
    assert logic.check_json({"a": [1, 2.5, "x", None, True, {"b": -(2**53 - 1)}]}, "spec")


def test_an_event_frame_and_its_wire_form() -> None:
    event = Event(12, "answers", '{"question_id":3,"count":1}')
    assert event.frame == b'id: 12\nevent: answers\ndata: {"question_id":3,"count":1}\n\n'
    assert Event.from_wire(event.wire()) == event


def test_the_hub_fans_out_in_order_and_closes_a_stream_that_falls_behind() -> None:
    async def run() -> None:
        hub = LocalHub()
        async with hub.subscribe("K") as fast, hub.subscribe("K") as slow, hub.subscribe("OTHER") as other:
            assert hub.streams("K") == 2
            for seq in range(1, 4):
                hub.publish("K", Event(seq, "position", "{}"))
            assert [fast.get_nowait().seq for _ in range(3)] == [1, 2, 3] and other.empty()
            for seq in range(4, 4 + QUEUE_LIMIT):
                hub.publish("K", Event(seq, "position", "{}"))
            drained = [slow.get_nowait() for _ in range(slow.qsize())]
            assert CLOSED in drained and drained.index(CLOSED) <= QUEUE_LIMIT
        assert hub.streams() == 0

    asyncio.run(run())
