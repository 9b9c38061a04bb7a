// The question panel, for the teacher's projector and the students' devices: the prompt, how many have answered,
// a student's answer (a number, a choice, or a weight clicked in the diagram), and at the reveal the class's answers
// beside the true value and its equation with the numbers. The markup is the page's (lesson.html); this only sets
// texts, attributes and the plot. createQuestionPanel(root, options) → { update(view) }.

import { fmt } from "../format.js";
import { drawAnswers } from "./answer-plot.js";
import { stackedTex } from "../classroom/questions.js";
import { renderTex } from "./katex.js";

const set = (el, prop, value) => { if (el[prop] !== value) el[prop] = value; };

/**
 * options: { role: "teacher"|"student", onAnswer(value), onReveal(), onAnother(), onClose(), onPick(choice) }
 * view: { question (QuestionPublic), reveal (Reveal|null), students, answered, tolerance, isRight(value),
 *         label(choice), edgeQuestion (bool: answered by clicking a weight), picked (the student's pending choice),
 *         mine ({ value, state: "sent"|"sending"|"error", message }), names ([{nickname, value, right}]|null) }
 */
export function createQuestionPanel(root, { role, onAnswer, onReveal, onAnother, onClose, onPick }) {
  const $ = (id) => root.querySelector(`#${id}`);
  const title = $("question-title"), prompt = $("question-prompt"), count = $("question-count");
  const form = $("answer-form"), input = $("answer-input"), numberRow = $("answer-number");
  const choices = $("answer-choices"), edgeHint = $("answer-edge"), edgeSend = $("answer-edge-send");
  const status = $("answer-status");
  const revealView = $("reveal-view"), plot = $("reveal-plot"), truth = $("reveal-answer"), eq = $("reveal-eq");
  const you = $("reveal-you"), names = $("reveal-names"), table = $("reveal-table");
  const revealBtn = $("question-reveal"), another = $("question-another"), close = $("question-close");
  let last = null, choiceKey = "", plotKey = "";

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = last?.question;
    if (!q) return;
    if (q.kind === "number") onAnswer(input.value);
    else if (last.picked) onAnswer(last.picked);
  });
  revealBtn.addEventListener("click", () => onReveal());
  another.addEventListener("click", () => onAnother());
  close.addEventListener("click", () => onClose());
  new ResizeObserver(() => { plotKey = ""; if (last?.reveal && !revealView.hidden) drawPlot(last); }).observe(plot);

  function drawPlot(view) {
    const key = `${view.reveal.question_id}|${plot.clientWidth}|${document.body.className}`;
    if (key === plotKey) return;
    plotKey = key;
    drawAnswers(plot, view.reveal, { tolerance: view.tolerance, label: view.label, isRight: view.isRight });
  }

  function drawChoices(view) {
    const q = view.question;
    const key = JSON.stringify([q.id, q.choices, view.picked, view.edgeQuestion]);
    if (key === choiceKey) return;
    choiceKey = key;
    choices.replaceChildren(...(view.edgeQuestion ? [] : q.choices.map((c) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "btn choice";
      b.textContent = view.label(c);
      b.setAttribute("aria-pressed", String(view.picked === c));
      b.addEventListener("click", () => onPick(c));
      return b;
    })));
  }

  return {
    update(view) {
      last = view;
      const { question: q, reveal } = view;
      set(root, "hidden", !q);
      if (!q) return;
      const revealed = !!reveal && reveal.question_id === q.id;
      const student = role === "student";
      set(title, "textContent", revealed ? "The answer" : student ? "Your prediction" : "Predict: what comes next?");
      set(prompt, "textContent", q.prompt);
      const n = revealed ? reveal.count : view.answered ?? q.answers ?? 0;
      set(count, "textContent", student || revealed ? ""
        : `${n} of ${Math.max(n, view.students ?? 0)} answered`);
      // A student's answer: a number, choice buttons, or a weight clicked in the diagram.
      set(form, "hidden", !student || revealed);
      if (student && !revealed) {
        set(numberRow, "hidden", q.kind !== "number");
        drawChoices(view);
        set(edgeHint, "hidden", !view.edgeQuestion);
        set(edgeSend, "hidden", !view.edgeQuestion);
        set(edgeSend, "disabled", !view.picked);
        set(edgeHint, "textContent", view.picked ? `Your choice: ${view.label(view.picked)}`
          : "Click a weight (an edge) in the diagram.");
        const mine = view.mine;
        set(status, "textContent", !mine ? "" : mine.state === "error" ? mine.message
          : mine.state === "sending" ? "Sending…"
            : `Sent: ${shown(mine.value, view)}. You may change it until the reveal.`);
        status.classList.toggle("error", mine?.state === "error");
      }
      set(revealBtn, "hidden", student || revealed);
      set(another, "hidden", student || revealed);
      set(close, "hidden", !revealed);
      set(revealView, "hidden", !revealed);
      root.classList.toggle("revealed", revealed);
      if (!revealed) return;
      set(truth, "textContent", `Answer: ${shown(reveal.answer, view)} · right: ${reveal.right} of ${reveal.count}`);
      if (eq.dataset.tex !== (reveal.explain ?? "")) {
        eq.dataset.tex = reveal.explain ?? "";
        renderTex(eq, reveal.explain ? stackedTex(reveal.explain) : "", true);
        fit(eq);
      }
      if (student) {
        const mine = view.mine?.state === "sent" ? view.mine.value : null;
        set(you, "textContent", mine === null ? "You did not answer this one."
          : `You answered ${shown(mine, view)}: ${view.isRight(mine) ? "right ✓" : "not quite ✗"}`);
        you.className = `reveal-you ${mine === null ? "" : view.isRight(mine) ? "right" : "wrong"}`;
      }
      set(you, "hidden", !student);
      set(names, "hidden", student || !view.names?.length);
      if (!student && view.names) {
        const key = JSON.stringify(view.names);
        if (table.dataset.key !== key) {
          table.dataset.key = key;
          table.replaceChildren(...view.names.map((r) => {
            const tr = document.createElement("tr");
            for (const text of [r.nickname, shown(r.value, view), r.right ? "✓ right" : "✗"]) {
              const td = document.createElement("td");
              td.textContent = text;
              tr.append(td);
            }
            return tr;
          }));
        }
      }
      drawPlot(view);
    },
    /** The typed number, for the student's controller (cleared for a new question). */
    clear() { input.value = ""; },
  };
}

const shown = (value, view) => (typeof value === "number" ? fmt(value) : view.label(value));

/** Set an equation smaller when it is wider than its box: down to projector mode's 24 px floor, or 60%. */
function fit(el) {
  el.style.setProperty("--eq-fit", "1");
  const over = el.scrollWidth / Math.max(1, el.clientWidth);
  if (over <= 1.005) return;
  const size = parseFloat(getComputedStyle(el.querySelector(".katex") ?? el).fontSize) || 1;
  const floor = Math.max(0.6, (parseFloat(getComputedStyle(el).getPropertyValue("--min-text")) || 0) / size);
  el.style.setProperty("--eq-fit", String(Math.max(floor, 0.98 / over)));
}
