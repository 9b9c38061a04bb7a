"""A live class in real Chromium (issue 14): one teacher's page and three students' pages, each in its own context.

Students join by code (typed, from the QR code's address, and sent from the lesson to /join), follow the teacher's
micro-steps, selection and edits with the same numbers on their diagrams, explore on their own and come back, and
rejoin after a reload; the teacher asks what comes next, the students answer, the projector shows the count and the
class's answers beside the true value — and the answer reaches no student's device before the reveal.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Error, Page, expect

from tests.e2e.conftest import PageGuard
from tests.e2e.test_accessibility import axe_violations, blocking, report, with_axe
from tests.e2e.waits import when_drawn

SHOWN = """() => [...document.querySelectorAll(
  "#diagram .neuron-value, #diagram .bias-value, #diagram .edge-value")].map((e) => e.textContent)"""
WHERE = "() => { const s = window.backprop.store.get(); return `${s.step}:${s.phaseId}`; }"
AT = """(want) => { const s = window.backprop.store.get();
  return s.status === "ready" && `${s.step}:${s.phaseId}` === want; }"""


def teach(page: Page) -> str:
    """Open the lesson and start a class with C; the class's code."""
    page.goto("/")
    expect(page.locator("#diagram .neuron")).to_have_count(6)
    expect(page.locator("#status")).to_be_hidden()
    page.keyboard.press("c")
    expect(page.locator("#class-panel")).to_be_visible()
    code = page.locator("#class-code").inner_text()
    assert re.fullmatch(r"[ACDEFGHJKMNPQRTUVWXY34679]{6}", code)
    return code


def join(page: Page, code: str, nickname: str | None, how: str) -> None:
    """Join as a student: by typing the code, from the QR code's address, or sent from the lesson to /join."""
    if how == "typed":
        page.goto("/join")
        page.locator("#join-code").fill(f" {code[:3].lower()}-{code[3:].lower()} ")   # as someone types it
    elif how == "qr":
        page.goto(f"/join?code={code}")
        expect(page.locator("#join-code")).to_have_value(code)
    else:
        page.goto(f"/?class={code}")                           # no token in this tab yet: to /join first
        page.wait_for_url(re.compile(r"/join\?code="))
        expect(page.locator("#join-code")).to_have_value(code)
    if nickname:
        page.locator("#join-nickname").fill(nickname)
    page.locator("#join-code").press("Enter")
    page.wait_for_url(re.compile(rf"/\?class={code}$"))
    expect(page.locator("#class-bar-status")).to_have_text("Following the teacher")


def step(teacher: Page, key: str = "ArrowRight") -> None:
    before = teacher.evaluate(WHERE)
    teacher.keyboard.press(key)
    when_drawn(teacher, f"b => ({WHERE})() !== b && window.backprop.store.get().status === 'ready'", arg=before)


def follows(teacher: Page, students: list[Page]) -> None:
    """Each student's page is where the teacher's is, and its diagram shows the same numbers (and equations)."""
    want = teacher.evaluate(WHERE)
    teacher.evaluate("window.backprop.drawn()")
    shown = teacher.evaluate(SHOWN)
    equation = teacher.locator("#eq-result").inner_text()
    for student in students:
        when_drawn(student, AT, arg=want)
        assert student.evaluate(SHOWN) == shown, f"at {want}"
        assert student.locator("#eq-result").inner_text() == equation
        assert student.evaluate("window.backprop.store.get().network.id") is None   # drawn from the class's record


def press_edge(page: Page, l: int, j: int, k: int) -> None:
    page.locator(f'#diagram .edge[data-l="{l}"][data-j="{j}"][data-k="{k}"]').focus()   # a flat line: no box
    page.keyboard.press("Enter")


@pytest.fixture
def classroom(new_guarded_page: Callable[..., Page]) -> tuple[Page, list[Page]]:
    """A teacher on a 1280×720 screen and three students: a laptop, a 1024×768 one and a phone."""
    return new_guarded_page(1280, 720), [new_guarded_page(1280, 720), new_guarded_page(1024, 768),
                                         new_guarded_page(390, 844)]


def test_students_follow_explore_and_rejoin(classroom, live_server: str, artifacts: Path, tmp_path: Path) -> None:
    teacher, students = classroom
    code = teach(teacher)
    token = teacher.evaluate(f"JSON.parse(sessionStorage.getItem('backprop.class.teacher.{code}')).token")
    assert f"class={code}" in teacher.url and token not in teacher.url

    # The QR code on the projector is the join address, read by a real decoder.
    qr = teacher.locator("#class-qr")
    teacher.wait_for_function("() => document.getElementById('class-qr').naturalWidth > 0")
    qr.screenshot(path=tmp_path / "qr.png")
    teacher.screenshot(path=artifacts / "classroom-teacher-code.png")
    decoded = subprocess.run(["zbarimg", "--raw", "--quiet", str(tmp_path / "qr.png")], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert decoded == teacher.locator("#class-url").inner_text()
    # The test's server listens on 127.0.0.1 only (the command's default): no other device could reach its LAN
    # address, so the address stays this computer's and the panel says how to open the class to the network.
    assert re.fullmatch(rf"http://127\.0\.0\.1:{live_server.rsplit(':', 1)[1]}/join\?code={code}", decoded)
    expect(teacher.locator("#class-local")).to_be_visible()
    expect(teacher.locator("#class-local")).to_contain_text("--host 0.0.0.0")

    for student, nickname, how in zip(students, ["Ada", "Ben", None], ["typed", "qr", "sent"], strict=True):
        join(student, code, nickname, how)
    expect(teacher.locator("#class-count")).to_have_text("3 students joined")
    teacher.keyboard.press("c")
    expect(teacher.locator("#class-panel")).to_be_hidden()
    expect(teacher.locator("#class-badge")).to_have_text(f"{code} · 3 students")
    follows(teacher, students)

    # Ten micro-steps and one back: the same numbers everywhere at each.
    for _ in range(10):
        step(teacher)
        follows(teacher, students)
    step(teacher, "ArrowLeft")
    follows(teacher, students)
    assert students[0].evaluate(WHERE) == "0:bp4"

    # The teacher's selection shows on every device; a student looking elsewhere stays in the class.
    teacher.locator('#diagram .neuron[data-l="2"][data-j="0"]').click()
    for student in students:
        expect(student.locator('#diagram .neuron[data-l="2"][data-j="0"]')).to_have_class(re.compile("selected"))
    follows(teacher, students)
    students[0].locator('#diagram .neuron[data-l="3"][data-j="1"]').click()
    step(teacher)
    follows(teacher, students[1:])
    students[0].wait_for_function(AT, arg=teacher.evaluate(WHERE))
    assert students[0].evaluate("window.backprop.store.get().selection") == {"kind": "neuron", "l": 3, "j": 1}

    # A weight edited by hand: the class follows it (the lesson goes back to the step's start).
    press_edge(teacher, 3, 0, 0)
    # The weight's own editor, not the one of the neuron selected before (a busy machine redraws a moment later).
    expect(teacher.locator("#inspector h2")).to_contain_text("Weight w5")
    editor = teacher.locator("#inspector form.edit")
    expect(editor.locator("label")).to_have_text("w =")
    editor.locator("input[type=number]").fill("0.5")
    editor.locator("button[type=submit]").click()
    when_drawn(teacher, "() => window.backprop.store.get().record.W[3][0][0] === 0.5")
    follows(teacher, students)
    for student in students:
        assert student.locator('#diagram .edge-value[data-l="3"][data-j="0"][data-k="0"]').text_content() == "w5 0.5"
        assert student.evaluate("window.backprop.store.get().edits")[0]["value"] == 0.5

    # One student explores a private copy, steps on alone, and comes back to the class.
    explorer = students[1]
    explorer.locator("#class-explore").click()
    when_drawn(explorer, "() => window.backprop.store.get().network.id && "
                         "window.backprop.store.get().status === 'ready'")
    assert explorer.evaluate(WHERE) == teacher.evaluate(WHERE)
    assert explorer.evaluate("window.backprop.store.get().record.W[3][0][0]") == 0.5     # the edit came along
    step(explorer)
    step(explorer)
    step(teacher)
    follows(teacher, [students[0], students[2]])
    assert explorer.evaluate(WHERE) == "0:a2"                                           # its own place
    explorer.locator("#class-follow").click()
    follows(teacher, students)

    # A key held down: the class follows to where the teacher stops, without a request per press.
    puts: list[str] = []
    teacher.on("request", lambda request: puts.append(request.url) if request.method == "PUT" else None)
    teacher.evaluate("""() => { for (let i = 0; i < 15; i++)      // as fast as a key repeats, and faster
        document.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true })); }""")
    teacher.wait_for_function(AT, arg="1:cost")          # from z² on, 15 micro-steps of 11 a step
    follows(teacher, students)
    assert 1 <= len(puts) <= 4, f"{len(puts)} position requests for 15 presses"

    # A reload lands on the class's current step again.
    step(teacher)
    students[2].reload()
    expect(students[2].locator("#class-bar-status")).to_have_text("Following the teacher")
    follows(teacher, students)

    # While a question is open nobody explores: an explorer is brought back.
    students[0].locator("#class-explore").click()
    students[0].wait_for_function("() => window.backprop.store.get().network.id")
    teacher.keyboard.press("q")
    for student in students:
        expect(student.locator("#question-panel")).to_be_visible()
        expect(student.locator("#class-explore")).to_be_disabled()
    follows(teacher, students)
    teacher.locator("#question-reveal").click()
    expect(students[0].locator("#class-explore")).to_be_enabled()

    # A new network: the class follows it too (its shape, its numbers).
    teacher.locator("#preset-select").select_option("xor-2-2-1")
    teacher.wait_for_function(AT, arg="0:start")
    for student in students:
        expect(student.locator("#diagram .neuron")).to_have_count(5)
    follows(teacher, students)

    teacher.locator("#class-badge").click()
    teacher.locator("#class-end").click()
    for student in students:
        expect(student.locator("#class-bar-status")).to_have_text("The class has ended.")
    assert "class=" not in teacher.url


class Traffic:
    """Everything that reaches a student's page: response bodies and the event stream's messages (read through the
    browser's DevTools protocol, not the page's own code)."""

    def __init__(self, page: Page) -> None:
        self.page, self.responses, self.texts = page, [], []
        page.on("response", lambda response: self.responses.append(response))
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.eventSourceMessageReceived", lambda event: self.texts.append(event["data"]))

    def text(self) -> str:
        for response in self.responses:
            # The app's own files are the same for everyone and load before any question exists (format.js's
            # comments even quote the 2-2-2 example's 0.7514): what matters is every answer of the server.
            if "event-stream" in (response.headers.get("content-type") or "") or "/static/" in response.url:
                continue
            with contextlib.suppress(Error):    # no body (a redirect, a 204)
                self.texts.append(response.text())
        self.responses.clear()
        self.page.evaluate("0")                 # deliver the events received so far
        return "\n".join(self.texts)


def test_predict_then_reveal(classroom, page_guard: PageGuard, artifacts: Path) -> None:
    teacher, students = classroom
    traffic = [Traffic(student) for student in students]
    code = teach(teacher)
    for student, nickname in zip(students, ["Ada", "Ben", "Cy"], strict=True):
        join(student, code, nickname, "qr")
    teacher.keyboard.press("c")
    for _ in range(3):
        step(teacher)                             # z³ computed: a³ comes next
    follows(teacher, students)

    teacher.keyboard.press("q")
    teacher.wait_for_function("() => window.backprop.classroom.teacher.question")
    question = teacher.evaluate("window.backprop.classroom.teacher.question")
    answer = question["answer"]
    assert question["kind"] == "number" and question["about"]["quantity"] == "a"
    for student in students:
        expect(student.locator("#question-prompt")).to_have_text(question["prompt"])
    for student, typed in zip(students, [f"{answer:.4g}", f"{answer:.3g}", "0.6"], strict=True):
        student.locator("#answer-input").fill(typed)
        student.locator("#answer-input").press("Enter")
        expect(student.locator("#answer-status")).to_contain_text("Sent")
    expect(teacher.locator("#question-count")).to_have_text("3 of 3 answered")

    # Before the reveal the answer is nowhere in what the students' devices received.
    secrets = [json.dumps(answer), f"{answer:.4g}", f"{answer:.6g}"]
    for t in traffic:
        received = t.text()
        assert "a^{3}_{1}" not in received
        for secret in secrets:
            assert secret not in received, f"{secret} reached a student before the reveal"

    teacher.locator("#question-reveal").click()
    expect(teacher.locator("#reveal-answer")).to_have_text(f"Answer: {answer:.4g} · right: 2 of 3")
    expect(teacher.locator("#reveal-plot .dot.right")).to_have_count(2)
    expect(teacher.locator("#reveal-plot .dot.wrong")).to_have_count(1)
    expect(teacher.locator("#reveal-eq .katex")).to_be_visible()
    teacher.locator("#reveal-names summary").click()
    expect(teacher.locator("#reveal-table tr")).to_have_count(3)
    expect(teacher.locator("#reveal-table")).to_contain_text("Cy")
    teacher.screenshot(path=artifacts / "classroom-teacher-reveal.png")
    for student, verdict in zip(students, ["right ✓", "right ✓", "not quite ✗"], strict=True):
        expect(student.locator("#reveal-you")).to_contain_text(verdict)
    students[2].screenshot(path=artifacts / "classroom-student-reveal-phone.png")
    for t in traffic:                             # the recording sees the answer once it is revealed
        assert json.dumps(answer) in t.text()

    # "Which weight will change most?": answered by clicking a weight in the diagram.
    teacher.locator("#question-close").click()
    while teacher.evaluate(WHERE) != "0:bp4":
        step(teacher)
    follows(teacher, students)
    asked = "() => window.backprop.classroom.teacher.question.about"
    teacher.keyboard.press("q")                       # first: the new value of a weight
    teacher.wait_for_function(f"() => ({asked})().phase === 'update'")
    assert teacher.evaluate(asked)["quantity"] == "w_new"
    teacher.keyboard.press("q")                       # again at the same place: another kind of question
    teacher.wait_for_function(f"() => ({asked})().quantity === 'largest_change'")
    best = teacher.evaluate("window.backprop.classroom.teacher.question.answer")
    l, j, k = (int(x) for x in re.fullmatch(r"w\^(\d)_(\d)(\d)", best).groups())
    for student, edge in zip(students[:2], [(l, j - 1, k - 1), (2, 0, 0)], strict=True):
        expect(student.locator("#answer-edge")).to_have_text("Click a weight (an edge) in the diagram.")
        press_edge(student, *edge)
        expect(student.locator("#answer-edge")).to_contain_text("Your choice: w")
        student.locator("#answer-edge-send").click()
        expect(student.locator("#answer-status")).to_contain_text("Sent")
    expect(teacher.locator("#question-count")).to_have_text("2 of 3 answered")
    teacher.locator("#question-reveal").click()
    expect(teacher.locator("#reveal-answer")).to_contain_text("right: 1 of 2")
    expect(teacher.locator("#reveal-plot .bar.right")).to_have_count(1)
    expect(students[0].locator("#reveal-you")).to_contain_text("right ✓")
    expect(students[2].locator("#reveal-you")).to_have_text("You did not answer this one.")
    assert not page_guard.take_outside_requests()


def class_blocking(page: Page) -> list[dict]:
    """Serious or critical violations, less one that is the lesson's own on a phone and not the class's: there the
    diagram's neurons show their name and value as one visible text that their label words differently (the same
    on /?phase=z3 at 390 × 844 without any class)."""
    def lesson_phone_diagram(v: dict) -> bool:
        return v["id"] == "label-content-name-mismatch" and all(
            ".neuron" in t or t == ".selected" or t.startswith("g[aria-label=") for t in v["targets"])
    return [v for v in blocking(axe_violations(page)) if not lesson_phone_diagram(v)]


def test_the_class_pages_pass_axe(new_context: Callable[..., BrowserContext], page_guard: PageGuard) -> None:
    """No serious or critical accessibility violation: the class panel, the join page, a student following, the
    question open on both sides, and the reveal (a phone, dark theme)."""
    teacher = with_axe(page_guard.watch(new_context(viewport={"width": 1024, "height": 768})))
    student = with_axe(page_guard.watch(new_context(viewport={"width": 390, "height": 844})))
    code = teach(teacher)
    found = {"the class panel": class_blocking(teacher)}
    student.goto(f"/join?code={code}")
    found["the join page"] = class_blocking(student)
    join(student, code, "Ada", "qr")
    teacher.keyboard.press("c")
    for _ in range(3):
        step(teacher)
    follows(teacher, [student])
    found["a student following"] = class_blocking(student)
    teacher.keyboard.press("q")
    expect(student.locator("#answer-input")).to_be_visible()
    found["the question (projector)"] = class_blocking(teacher)
    found["the question (phone)"] = class_blocking(student)
    student.locator("#answer-input").fill("0.5")
    student.locator("#answer-input").press("Enter")
    expect(teacher.locator("#question-count")).to_have_text("1 of 1 answered")
    teacher.locator("#question-reveal").click()
    student.keyboard.press("t")                          # the dark theme
    expect(student.locator("#reveal-plot svg")).to_be_visible()
    found["the reveal (phone, dark)"] = class_blocking(student)
    found["the reveal (projector)"] = class_blocking(teacher)
    problems = [report(where, v) for where, v in found.items() if v]
    assert not problems, "\n".join(problems)


@pytest.mark.allow_console_errors   # the unknown code's 404 is logged by the browser
def test_a_wrong_code_is_explained_on_the_join_page(page: Page) -> None:
    page.goto("/join?code=k1qx4m")
    page.locator("#join-code").press("Enter")
    expect(page.locator("#join-error")).to_contain_text("never holds 1")   # caught before any request
    page.locator("#join-code").fill("QQQQQQ")
    page.locator("#join-code").press("Enter")
    expect(page.locator("#join-error")).to_have_text("No live class has the code QQQQQQ. Check it on the "
                                                     "teacher's screen.")
    expect(page).to_have_url(re.compile(r"/join"))
