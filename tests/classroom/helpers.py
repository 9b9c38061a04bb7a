"""Running a class through the API in tests: start one, join students, ask, answer."""

from dataclasses import dataclass, field
from typing import Any

from httpx import Response

from tests.api.api_helpers import assert_error, conform

Json = dict[str, Any]

POSITION: Json = {"preset": "mazur-2-2-2", "spec": None, "edits": [], "step": 0, "phase": "start", "example": 0,
                  "selection": None, "record": None}
NUMBER_QUESTION: Json = {"kind": "number", "prompt": "What is a of neuron 1 in layer 2?",
                         "about": {"quantity": "a", "l": 2, "j": 0}, "answer": 0.593269992, "tolerance": 0.0005,
                         "explain": r"a^2_1 = \sigma(0.3775) = 0.5933"}
CHOICE_QUESTION: Json = {"kind": "choice", "prompt": "Which weight changes most?", "choices": ["w5", "w6", "w7"],
                         "answer": "w7", "explain": "∂C/∂w7 is the largest."}
SECRET = "0.593269992"  # the number question's answer, as JSON writes it


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass
class Class:
    client: Any  # a TestClient or an httpx.Client
    code: str
    teacher_token: str
    created: Json
    students: list[Json] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"/api/classes/{self.code}"

    @property
    def teacher(self) -> dict[str, str]:
        return bearer(self.teacher_token)

    def join(self, nickname: str | None = None) -> Json:
        from app.api.schemas.classes import Joined

        joined = conform(self.client.post(f"{self.url}/join", json={"nickname": nickname}), Joined, 201)
        self.students.append(joined)
        return joined

    def student(self, i: int = 0) -> dict[str, str]:
        return bearer(self.students[i]["student_token"])

    def ask(self, question: Json | None = None) -> Json:
        from app.api.schemas.classes import QuestionPublic

        resp = self.client.post(f"{self.url}/questions", json=question or NUMBER_QUESTION, headers=self.teacher)
        return conform(resp, QuestionPublic, 201)

    def answer(self, question_id: int, value: Any, i: int = 0) -> Response:
        return self.client.post(f"{self.url}/answers", json={"question_id": question_id, "value": value},
                                headers=self.student(i))

    def move(self, **position: Any) -> Response:
        return self.client.put(f"{self.url}/position", json={**POSITION, **position}, headers=self.teacher)


def start_class(client: Any, position: Json | None = None) -> Class:
    from app.api.schemas.classes import ClassCreated

    created = conform(client.post("/api/classes", json={"position": position or POSITION}), ClassCreated, 201)
    return Class(client, created["code"], created["teacher_token"], created)


def refused(resp: Response, status: int, code: str) -> Json:
    return assert_error(resp, status, code)
