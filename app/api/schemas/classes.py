"""A live class (issue 14): its position in the lesson, questions, answers, the reveal, and its events."""

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from ...classroom import logic
from .base import MAX_COUNT, Count, Name, Schema, Text, encodable


def _opaque(name: str) -> AfterValidator:
    return AfterValidator(lambda value: logic.check_json(value, name) if value is not None else value)


Index = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Layer = Annotated[int, Field(ge=1, le=MAX_COUNT)]


class Edit(Schema):
    """A weight or bias set by hand at a step: W[l][j][k] (k given) or b[l][j] (k null)."""

    step: Index = Field(description="The training step at which the edit was made.")
    l: Layer = Field(description="The layer (the book's l: the input is layer 1).")
    j: Index = Field(description="The neuron in layer l.")
    k: Index | None = Field(None, description="The neuron in layer l−1 for a weight; null for a bias.")
    value: float = Field(description="The new value (finite).")


class Selection(Schema):
    """What the teacher has selected: a neuron (l, j) or an edge, the weight w^l_jk (l, j, k)."""

    kind: Literal["neuron", "edge"]
    l: Layer
    j: Index
    k: Index | None = Field(None, description="Edges only: the neuron in layer l−1.")

    @model_validator(mode="after")
    def _k_for_edges(self) -> "Selection":
        if (self.kind == "edge") != (self.k is not None):
            raise ValueError("an edge selection needs k; a neuron selection has none")
        return self


class ClassPosition(Schema):
    """Where the class is in the lesson: the network (a preset, or a spec for POST /api/networks, with hand edits),
    the step and micro-step, the example shown, the selection, and the numbers the class may see now."""

    preset: Name | None = Field(None, description="The preset the lesson started from.", examples=["mazur-2-2-2"])
    spec: Annotated[dict[str, Any] | None, _opaque("spec")] = Field(
        None, description="A network spec (as POST /api/networks takes it), when not a preset. Kept as sent.")
    edits: list[Edit] = Field([], max_length=1000, description="Weights and biases set by hand, in order.")
    step: int = Field(0, ge=0, le=500, description="The training step.")
    phase: str = Field("start", pattern="^[a-z0-9]{1,16}$", description="The micro-step's id, e.g. start, z2, bp1.",
                       examples=["bp1"])
    example: Index = Field(0, description="Which example of the batch the diagram shows.")
    selection: Selection | None = Field(None, description="The selected neuron or edge, if any.")
    record: Annotated[dict[str, Any] | None, _opaque("record")] = Field(
        None, description="What the class may see at this micro-step, as the teacher's page made it. Kept as sent.")


class CreateClass(Schema):
    position: ClassPosition = Field(description="Where the lesson is as the class starts.")


class ClassCreated(Schema):
    code: str = Field(description="The join code: 6 characters without look-alikes.", examples=["K7QX4M"])
    teacher_token: str = Field(description="The teacher's secret: moves, asks, reveals and ends the class. "
                               "Returned only here; send it as `Authorization: Bearer …` (or `?token=`).")
    join_url: str = Field(description="Where students join, as their devices reach this server.",
                          examples=["http://192.168.1.20:8000/join?code=K7QX4M"])
    qr_svg: str = Field(description="The path of the join URL's QR code (SVG).",
                        examples=["/api/classes/K7QX4M/qr.svg"])
    expires_in: Count = Field(description="Seconds until the class expires if nobody uses it.")
    local_only: bool = Field(description="The server listens on this computer only (e.g. 127.0.0.1): no student's "
                             "device can open the join URL until it is started with --host 0.0.0.0.")


class QuestionPublic(Schema):
    """A question as every student sees it: never its answer (nor tolerance, nor explanation) before the reveal."""

    id: Count = Field(description="The question's id (the seq of the event that asked it).")
    kind: Literal["number", "choice"]
    prompt: str
    about: dict[str, Any] | None = Field(None, description="What the question is about, as the teacher's page "
                                         "described it (e.g. {\"quantity\": \"a\", \"l\": 2, \"j\": 0}).")
    choices: list[str] = Field(description="The choices (choice questions); empty for a number.")
    open: bool = Field(description="Answers are accepted (until the reveal).")
    answers: Count = Field(description="How many students have answered.")


class Reveal(Schema):
    """The answer, its explanation and the class's answers, anonymous."""

    question_id: Count
    kind: Literal["number", "choice"]
    answer: float | str
    explain: str | None
    count: Count = Field(description="Answers given.")
    right: Count = Field(description="Answers that are right (a number within the tolerance).")
    values: list[float] = Field(description="Number questions: every answer, sorted.")
    counts: dict[str, Count] = Field(description="Choice questions: how many chose each choice.")


class ClassView(Schema):
    code: str
    seq: Count = Field(description="The class's event counter: the id of the last event broadcast.")
    students: Count = Field(description="Students joined.")
    position: ClassPosition
    question: QuestionPublic | None
    reveal: Reveal | None = Field(description="The current question's reveal, once revealed.")
    ended: bool
    expires_in: Count = Field(description="Seconds until the class expires if nobody uses it.")


class Moved(Schema):
    seq: Count = Field(description="The seq of the `position` event this move broadcast.")


class JoinClass(Schema):
    nickname: Annotated[str, AfterValidator(encodable), AfterValidator(logic.check_nickname)] | None = Field(
        None, description="Shown to the teacher: plain text, 1–24 characters once stripped; null for 'Student n'.",
        examples=["Ada"])


class Joined(Schema):
    code: str
    student_id: str
    student_token: str = Field(description="The student's secret: answers and opens the event stream.")
    nickname: str


class QuestionIn(Schema):
    kind: Literal["number", "choice"]
    prompt: Text = Field(min_length=1, max_length=300, examples=["What is a of neuron 1 in layer 2?"])
    about: Annotated[dict[str, Any] | None, _opaque("about")] = Field(
        None, description="What the question is about; kept as sent, shown to students.")
    choices: list[Annotated[Text, Field(min_length=1, max_length=40)]] = Field(
        [], max_length=64, description="Choice questions: 2–64 distinct choices. Number questions: none.")
    answer: float | Text = Field(description="The right answer: a finite number, or one of the choices. Secret "
                                 "until the reveal.", examples=[0.5933])
    tolerance: float = Field(0.0, ge=0, description="Number questions: an answer within this of the answer is "
                             "right.")
    explain: Text | None = Field(None, max_length=2000, description="Shown at the reveal, e.g. the equation (TeX) "
                                 "with its numbers.")

    @model_validator(mode="after")
    def _fits_its_kind(self) -> "QuestionIn":
        if self.kind == "number":
            if self.choices:
                raise ValueError("a number question has no choices")
            if not isinstance(self.answer, float):
                raise ValueError("a number question's answer is a number")
        else:
            if not 2 <= len(self.choices) <= 64 or len(set(self.choices)) != len(self.choices):
                raise ValueError("a choice question has 2 to 64 distinct choices")
            if self.answer not in self.choices:
                raise ValueError("a choice question's answer is one of its choices")
        return self


class AnswerIn(Schema):
    question_id: Count = Field(description="The question answered (a late answer to an earlier one is refused).")
    value: float | Text = Field(description="A finite number, or one of the choices exactly as written.",
                                examples=[0.59])


class Accepted(Schema):
    accepted: Literal[True]


class AnswerRow(Schema):
    nickname: str
    value: float | str
    right: bool


class PositionEvent(Schema):
    seq: Count
    position: ClassPosition


class StudentsEvent(Schema):
    count: Count


class AnswersEvent(Schema):
    question_id: Count
    count: Count


class EndedEvent(Schema):
    pass


class PingEvent(Schema):
    every: float = Field(description="Seconds between pings when nothing else happens (an event without an id).")


# Each event's name and the schema of its data (JSON text), for the OpenAPI document.
EVENTS: dict[str, type[Schema]] = {"state": ClassView, "position": PositionEvent, "students": StudentsEvent,
                                   "question": QuestionPublic, "answers": AnswersEvent, "reveal": Reveal,
                                   "ended": EndedEvent, "ping": PingEvent}
