// The teacher's side of a live class: start it from the lesson in view, send every change of the position
// (serialized, latest wins), show the code and the count, ask "what comes next?", reveal, end. The page keeps
// working when a class call fails: the panel and the badge say what went wrong.

import { createClassPanel } from "../render/class-panel.js";
import { createQuestionPanel } from "../render/question-panel.js";
import { classApi } from "./api.js";
import { loadToken, saveToken } from "./codes.js";
import { openEvents } from "./events.js";
import { positionKey, positionOf } from "./position.js";
import { choiceLabel, isRight, parseEdgeChoice, questionsFor, toleranceFor } from "./questions.js";
import { createSender } from "./sync.js";

const GONE = new Set(["class_not_found", "not_the_teacher"]);

/** Wait for the positions on their way, but not for ever: a server that is down must not hold up End or Ask. */
const settled = (sender) => Promise.race([sender.idle(), new Promise((resolve) => setTimeout(resolve, 3000))]);

/** createTeacher({ store, doc, storage, onCode }) → { start(), resume(code), ask(), code } */
export function createTeacher({ store, doc, storage, onCode }) {
  let cls = null;          // { code, token, joinUrl, qr }
  let events = null, sender = null, unsubscribe = null;
  const ui = { shown: false, students: 0, message: "", busy: false };
  const q = { asked: null, full: null, answered: 0, reveal: null, names: null, key: "", variant: 0 };

  const panel = createClassPanel(doc, {
    onStart: () => (cls ? toggle() : start()),
    onHide: () => toggle(false),
    onEnd: () => end(),
    onAsk: () => ask(),
  });
  const questionView = createQuestionPanel(doc.getElementById("question-panel"), {
    role: "teacher",
    onReveal: () => reveal(),
    onAnother: () => ask(),
    onClose: () => { q.asked = null; draw(); },
    onAnswer: () => {},
    onPick: () => {},
  });

  function draw() {
    panel.update({ ...ui, code: cls?.code, joinUrl: cls?.joinUrl, qr: cls?.qr, localOnly: !!cls?.localOnly });
    const state = store.get();
    const ctx = { labels: state.network?.labels, spec: state.network?.spec };
    // After a reload the question's tolerance is gone with the page: the rule that made it makes it again.
    const truth = q.full ?? (q.reveal && { kind: q.reveal.kind, answer: q.reveal.answer });
    const tolerance = truth?.kind === "number" ? truth.tolerance ?? toleranceFor(truth.answer) : 0;
    questionView.update({
      question: q.asked, reveal: q.reveal, students: ui.students, answered: q.answered, names: q.names,
      tolerance, label: (c) => choiceLabel(c, ctx),
      isRight: (v) => (truth ? isRight(truth, v) : false),
      edgeQuestion: !!q.asked?.choices?.length && parseEdgeChoice(q.asked.choices[0]) !== null,
    });
  }

  function problem(err, doing) {
    if (GONE.has(err?.code)) return stop("This class has ended (or expired): start a new one with C.");
    ui.message = `${doing}: ${err?.message ?? err}`;
    draw();
    return undefined;
  }

  function toggle(shown = !ui.shown) {
    ui.shown = shown;
    draw();
  }

  /** Follow the lesson: every change of the position goes to the class, the latest first. */
  function follow() {
    const mine = cls;   // a request still on its way when the class ends speaks for that class only
    sender = createSender({
      send: (position) => classApi.move(mine.code, mine.token, position),
      retryable: (err) => !GONE.has(err?.code) && (err?.status === 0 || err?.status >= 500),
      onSent: () => { if (cls === mine && ui.message) { ui.message = ""; draw(); } },
      onError: (err) => { if (cls === mine) problem(err, "The students' screens are not following"); },
    });
    let key = "", record = null;
    unsubscribe = store.subscribe((state) => {
      if (state.status !== "ready" || !state.record) return;
      const k = positionKey(state);
      if (k === key && state.record === record) return;
      key = k;
      record = state.record;
      sender.push(() => positionOf(store.get()));
    });
    const s = store.get();
    if (s.status === "ready" && s.record) sender.push(() => positionOf(store.get()));
  }

  function listen() {
    events = openEvents({
      url: classApi.eventsUrl(cls.code, cls.token),
      read: () => classApi.read(cls.code, cls.token),
      on: {
        state: (view) => {
          ui.students = view.students;
          if (view.question && (!q.asked || view.question.id === q.asked.id)) {
            q.asked = q.asked ?? view.question;
            q.answered = view.question.answers;
          }
          if (view.reveal && view.reveal.question_id === q.asked?.id) q.reveal = view.reveal;
          draw();
        },
        students: ({ count }) => { ui.students = count; draw(); },
        answers: ({ question_id: id, count }) => { if (id === q.asked?.id) { q.answered = count; draw(); } },
        ended: () => stop("This class has ended."),
      },
      onStatus: (status) => {
        if (status === "closed") {
          classApi.read(cls.code, cls.token).catch((err) => problem(err, "The class cannot be reached"));
        }
      },
    });
  }

  function begin(found, shown) {
    cls = found;
    onCode(cls.code);
    ui.shown = shown;
    ui.message = "";
    follow();
    listen();
    draw();
  }

  async function start() {
    const state = store.get();
    if (ui.busy || state.status !== "ready" || !state.record) return;
    ui.busy = true;
    draw();
    try {
      const made = await classApi.create(positionOf(state));
      const saved = { token: made.teacher_token, joinUrl: made.join_url, qr: made.qr_svg, localOnly: made.local_only };
      saveToken(storage, "teacher", made.code, saved);
      ui.busy = false;
      begin({ code: made.code, ...saved }, true);
    } catch (err) {
      ui.busy = false;
      problem(err, "The class could not start");
    }
  }

  /** After a reload: the class this tab started, if its token is still here. */
  function resume(code) {
    const saved = loadToken(storage, "teacher", code);
    if (!saved) return false;
    begin({ code, ...saved }, false);
    return true;
  }

  function stop(words) {
    unsubscribe?.();
    events?.close();
    if (cls) saveToken(storage, "teacher", cls.code, null);
    cls = null;
    events = sender = unsubscribe = null;
    Object.assign(q, { asked: null, full: null, reveal: null, names: null });
    ui.shown = false;
    ui.message = words;
    onCode(null);
    draw();
  }

  async function end() {
    if (!cls) return;
    try {
      await settled(sender);
      if (!cls) return;
      await classApi.end(cls.code, cls.token);
      stop("");
    } catch (err) {
      if (GONE.has(err?.code)) stop("");
      else problem(err, "The class could not end");
    }
  }

  /** Q: a question about the next micro-step; again at the same place, another kind of question. */
  async function ask() {
    if (!cls) {
      ui.message = "Start a class first (C): then Q asks the students.";
      return draw();
    }
    const state = store.get();
    const list = questionsFor({ rec: state.record, spec: state.network?.spec, labels: state.network?.labels,
                                phases: state.phases ?? [], phaseIndex: state.phaseIndex, example: state.example,
                                selection: state.selection });
    if (!list.length) {
      ui.message = "Nothing to predict here: the next micro-step starts a new step. Press → first.";
      return draw();
    }
    const key = positionKey(state);
    q.variant = key === q.key && q.asked && !q.reveal ? q.variant + 1 : 0;
    q.key = key;
    const question = list[q.variant % list.length];
    try {
      await settled(sender);   // the students' screens are at this micro-step before the question arrives
      if (!cls) return draw();
      const asked = await classApi.ask(cls.code, cls.token, question);
      Object.assign(q, { asked, full: question, answered: 0, reveal: null, names: null });
      ui.shown = false;
      ui.message = "";
    } catch (err) {
      problem(err, "The question could not be asked");
    }
    return draw();
  }

  async function reveal() {
    if (!cls || !q.asked) return;
    try {
      q.reveal = await classApi.reveal(cls.code, cls.token);
      draw();
      q.names = await classApi.answers(cls.code, cls.token);
    } catch (err) {
      problem(err, "The answer could not be revealed");
    }
    draw();
  }

  draw();
  return {
    start: () => (cls ? toggle() : start()),
    resume,
    ask,
    get code() { return cls?.code ?? null; },
    /** For tests: the question asked (with its answer: this is the teacher's page) and the last reveal. */
    get question() { return q.full; },
  };
}
