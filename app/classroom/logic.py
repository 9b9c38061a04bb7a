"""The rules of a class, as pure functions on plain data: join codes, nicknames, questions, answers and the reveal.

The stores (memory.py, redis.py) keep the state and call these; nothing here does I/O or knows about HTTP.
"""

import hashlib
import math
import secrets
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import orjson

from .errors import InvalidAnswer

# Join codes: no 0/O, 1/I/L and no 5/S, 2/Z, 8/B either — read off a projector from the back row, those pairs blur.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6
CODE_PATTERN = f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$"

NICKNAME_MAX = 24
# Nicknames are plain text: no control, format (bidi overrides, invisible marks), private or unassigned characters,
# no line or paragraph separators — except the zero-width joiner, which emoji sequences need.
REFUSED_CATEGORIES = ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp")
ALLOWED_FORMAT = {"\u200d"}

MAX_JSON_DEPTH = 64       # orjson refuses to write deeper than 255; a lesson's record is a few levels deep
MAX_JSON_INT = 2**53 - 1  # what every JSON reader keeps exactly (the project's bound on every integer)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Only this is stored: a leaked store (or log of it) lets no one act as the teacher or a student."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_student_id() -> str:
    return "s" + secrets.token_hex(6)


def check_nickname(value: str) -> str:
    """A nickname as it will be shown: stripped, 1–24 characters of plain text. Raises ValueError (a 422)."""
    text = value.strip()
    if not 1 <= len(text) <= NICKNAME_MAX:
        raise ValueError(f"a nickname has 1 to {NICKNAME_MAX} characters (not counting spaces around it); "
                         f"got {len(text)}")
    for char in text:
        if unicodedata.category(char) in REFUSED_CATEGORIES and char not in ALLOWED_FORMAT:
            raise ValueError(f"a nickname is plain text: U+{ord(char):04X} (a control or invisible character) "
                             "is not allowed")
    return text


def check_json(value: Any, name: str) -> Any:
    """An opaque JSON value from a client (a position's spec or record, a question's `about`) as it came, or
    ValueError (a 422) unless it can be stored and sent back exactly: finite numbers, integers within ±(2⁵³ − 1),
    strings without lone surrogates, at most 64 levels deep. Walked without recursion: a deep value cannot exhaust
    the stack."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ValueError(f"{name} is nested more than {MAX_JSON_DEPTH} levels deep.")
        if isinstance(item, dict):
            stack.extend((key, depth) for key in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise ValueError(f"{name} holds {item}, which JSON cannot carry: numbers must be finite.")
        elif isinstance(item, int) and not isinstance(item, bool) and abs(item) > MAX_JSON_INT:
            raise ValueError(f"{name} holds the integer {item}, beyond ±(2⁵³ − 1): no JSON reader keeps it "
                             "exactly.")
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"{name} holds a lone UTF-16 surrogate, which cannot be sent back.") from None
    return value


def dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


@dataclass(frozen=True)
class Question:
    """A question with its secret: `answer`, `tolerance` and `explain` stay on the server until the reveal."""

    id: int
    kind: Literal["number", "choice"]
    prompt: str
    about: dict[str, Any] | None = None
    choices: tuple[str, ...] = ()
    answer: float | str = 0.0
    tolerance: float = 0.0
    explain: str | None = None
    open: bool = True

    def public(self, answers: int) -> dict[str, Any]:
        """What every student may see: no answer, no tolerance, no explanation."""
        return {"id": self.id, "kind": self.kind, "prompt": self.prompt, "about": self.about,
                "choices": list(self.choices), "open": self.open, "answers": answers}

    def to_json(self) -> str:
        return dumps({**asdict(self), "choices": list(self.choices)})

    @classmethod
    def from_json(cls, text: str | bytes) -> "Question":
        data = orjson.loads(text)
        return cls(**{**data, "choices": tuple(data["choices"])})


def check_value(question: Question, value: float | str) -> float | str:
    """A student's answer as it will be kept, or InvalidAnswer (a 422): a finite number for a number question,
    one of the choices (exactly as written) for a choice question."""
    if question.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidAnswer("This question asks for a number.")
        if not math.isfinite(value):
            raise InvalidAnswer("An answer must be a finite number.")
        return float(value)
    if not isinstance(value, str):
        raise InvalidAnswer(f"This question asks for one of its choices: {', '.join(question.choices)}.")
    if value not in question.choices:
        raise InvalidAnswer(f"'{value[:40]}' is not one of the choices: {', '.join(question.choices)}.")
    return value


def is_right(question: Question, value: float | str) -> bool:
    """A number is right within the tolerance — plus a hair of relative slack, so that the answer itself, written
    back as a float, is right when the tolerance is 0; a choice is right when it is the answer."""
    if question.kind == "number":
        assert isinstance(question.answer, float) and isinstance(value, float)
        slack = 1e-12 * max(1.0, abs(question.answer))
        return abs(value - question.answer) <= question.tolerance + slack
    return value == question.answer


@dataclass(frozen=True)
class Reveal:
    question_id: int
    kind: str
    answer: float | str
    explain: str | None
    count: int
    right: int
    values: list[float] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        return dumps(asdict(self))


def reveal(question: Question, values: list[float | str]) -> Reveal:
    """The class's answers, anonymous: every number sorted (for a dot plot), or the count of each choice."""
    right = sum(is_right(question, v) for v in values)
    if question.kind == "number":
        numbers = sorted(float(v) for v in values)
        return Reveal(question.id, question.kind, question.answer, question.explain, len(values), right, numbers)
    counts = dict.fromkeys(question.choices, 0)
    for v in values:
        counts[str(v)] += 1
    return Reveal(question.id, question.kind, question.answer, question.explain, len(values), right, [], counts)


def answer_rows(question: Question | None, answers: list[tuple[str, float | str]]) -> list[dict[str, Any]]:
    """The teacher's list: each student's nickname, answer and whether it is right, by nickname."""
    if question is None:
        return []
    rows = [{"nickname": name, "value": value, "right": is_right(question, value)} for name, value in answers]
    return sorted(rows, key=lambda row: (str(row["nickname"]).casefold(), str(row["value"])))


@dataclass(frozen=True)
class ClassState:
    """One class as a store reads it. `position` and `reveal` are JSON text, sent on as they are."""

    code: str
    seq: int
    students: int
    position: str
    question: Question | None
    answers: int
    reveal: str | None
    join_url: str
    teacher: str  # the teacher token's hash
    touched: float  # when the class was last used (the idle timeout counts from here)

    def view(self, idle_seconds: float, now: float) -> dict[str, Any]:
        """What anyone with the code may read (GET /api/classes/{code}, the stream's first event)."""
        question = self.question.public(self.answers) if self.question is not None else None
        return {"code": self.code, "seq": self.seq, "students": self.students,
                "position": orjson.Fragment(self.position), "question": question,
                "reveal": orjson.Fragment(self.reveal) if self.reveal is not None else None, "ended": False,
                "expires_in": max(0, round(idle_seconds - (now - self.touched)))}
