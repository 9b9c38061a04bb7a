// A student's side of a live class: follow the teacher's position (drawn from its redacted record — no network of
// our own), look around without leaving, explore a private copy and come back, answer questions. While a question
// is open nobody explores: the answer must not be computed on the device.

import { createClassBar } from "../render/class-bar.js";
import { createQuestionPanel } from "../render/question-panel.js";
import { classApi } from "./api.js";
import { loadToken, saveToken } from "./codes.js";
import { openEvents } from "./events.js";
import { followPatch } from "./position.js";
import { choiceLabel, edgeChoice, isRight, parseEdgeChoice, parseNumber, toleranceFor } from "./questions.js";

/**
 * createStudent({ store, session, code, saved: {token, nickname}, doc, storage, go(url) }) → { following, work(p) }
 * session: the lesson's own session (used only to explore); work(p) is told of every session call, so that coming
 * back to the class waits for a step still on its way.
 */
export function createStudent({ store, session, code, saved, doc, storage, go }) {
  let mode = "following", connection = "reconnecting", ended = false, message = "", note = "", noteTimer = 0;
  let latest = null, applied = null, students = 0, pending = Promise.resolve();
  // A reload keeps what this student answered (this tab's storage), so the reveal can still say if it was right.
  const q = { asked: null, reveal: null, picked: null, mine: loadToken(storage, "answers", code) ?? {},
              dismissed: null, at: null };

  const bar = createClassBar(doc, { onExplore: () => explore(), onFollow: () => backToClass() });
  const panel = createQuestionPanel(doc.getElementById("question-panel"), {
    role: "student",
    onAnswer: (raw) => send(raw),
    onPick: (choice) => { q.picked = choice; send(choice); },
    onReveal: () => {}, onAnother: () => {},
    onClose: () => { q.dismissed = q.asked?.id; draw(); },
  });

  const open = () => !!q.asked?.open && !(q.reveal && q.reveal.question_id === q.asked.id);
  const edgeQuestion = () => !!q.asked?.choices?.length && parseEdgeChoice(q.asked.choices[0]) !== null;

  function draw() {
    doc.body.classList.toggle("class-following", mode === "following");
    doc.body.classList.toggle("class-exploring", mode === "exploring");
    bar.update({ code, nickname: saved.nickname, mode, connection, ended, questionOpen: open(),
                 message: note || message });
    const state = store.get();
    const ctx = { labels: state.network?.labels, spec: state.network?.spec };
    const shownQuestion = q.asked && q.dismissed !== q.asked.id ? q.asked : null;
    const truth = q.reveal && { kind: q.reveal.kind, answer: q.reveal.answer };
    panel.update({
      question: shownQuestion, reveal: q.reveal, students, answered: q.asked?.answers,
      tolerance: truth?.kind === "number" ? toleranceFor(truth.answer) : 0,
      isRight: (v) => (truth ? isRight(truth, v) : false),
      label: (c) => choiceLabel(c, ctx), edgeQuestion: edgeQuestion(), picked: q.picked,
      mine: q.asked ? q.mine[q.asked.id] : null,
    });
  }

  function follow(position) {
    latest = position;
    if (mode !== "following" || !position) return;
    store.set(followPatch(position, applied, store.get()));
    applied = position;
    // The answer shown, the class moves on: the result steps aside for the diagram.
    if (q.reveal && q.at && (q.at.step !== position.step || q.at.phase !== position.phase)) {
      q.dismissed = q.asked?.id;
    }
  }

  function question(asked) {
    const fresh = asked && asked.id !== q.asked?.id;
    q.asked = asked;
    if (!fresh) return;
    Object.assign(q, { picked: null, dismissed: null, at: latest && { step: latest.step, phase: latest.phase } });
    panel.clear();
    if (mode === "exploring" && asked.open) backToClass();
    // What it asks about, selected: the neuron or weight lights up in the diagram.
    const about = asked.about;
    if ((about?.kind === "neuron" || about?.kind === "edge") && Number.isInteger(about.l)) {
      store.set({ selection: about.kind === "edge" ? { kind: "edge", l: about.l, j: about.j, k: about.k }
        : { kind: "neuron", l: about.l, j: about.j } });
    }
  }

  async function send(raw) {
    if (!open()) return;
    const id = q.asked.id;
    const value = q.asked.kind === "number" ? parseNumber(raw) : raw;
    if (value === null) {
      q.mine[id] = { state: "error", message: "Type a number, such as 0.75 or −0.02." };
      return draw();
    }
    q.mine[id] = { state: "sending", value };
    draw();
    try {
      await classApi.answer(code, saved.token, id, value);
      q.mine[id] = { state: "sent", value };
      const sent = Object.entries(q.mine).filter(([, m]) => m.state === "sent");
      saveToken(storage, "answers", code, Object.fromEntries(sent));
    } catch (err) {
      q.mine[id] = { state: "error", message: err.code === "question_closed"
        ? "This question is closed: the answer has been revealed." : `Not sent: ${err.message}` };
    }
    return draw();
  }

  function explore() {
    if (open() || !latest) return;
    mode = "exploring";
    const p = latest;
    store.set({ preset: p.preset, customSpec: p.spec, edits: p.edits ?? [], playing: false });
    work(session.load({ preset: p.preset, customSpec: p.spec, step: p.step, phaseId: p.phase }));
    draw();
  }

  async function backToClass() {
    mode = "following";
    draw();
    await pending;                 // a step of our own still on its way lands before the class's position
    if (mode !== "following") return;
    applied = null;                // the teacher's selection and example again
    follow(latest);
    draw();
  }

  function work(promise) {
    pending = Promise.all([pending, promise]).catch(() => {});
    return promise;
  }

  function over(words = "") {
    ended = true;
    message = words;
    stream.close();
    if (q.asked) q.asked = { ...q.asked, open: false };
    draw();
  }

  const stream = openEvents({
    url: classApi.eventsUrl(code, saved.token),
    read: () => classApi.read(code, saved.token),
    on: {
      state: (view) => {
        connection = "live";
        students = view.students;
        follow(view.position);
        question(view.question);
        q.reveal = view.reveal;
        draw();
      },
      position: ({ position }) => { follow(position); draw(); },
      students: ({ count }) => { students = count; draw(); },
      question: (asked) => { question(asked); q.reveal = null; draw(); },
      answers: ({ question_id: id, count }) => {
        if (q.asked?.id === id) q.asked = { ...q.asked, answers: count };
      },
      reveal: (reveal) => {
        q.reveal = reveal;
        if (q.asked?.id === reveal.question_id) q.asked = { ...q.asked, open: false };
        draw();
      },
      ended: () => over(""),
    },
    onStatus: async (status) => {
      connection = status;
      draw();
      if (status !== "closed") return;
      try {
        await classApi.read(code, saved.token);
      } catch (err) {
        if (err.code === "class_not_found") over("The class has ended.");
        else if (err.code === "not_a_student") { saveToken(storage, "student", code, null); go(`/join?code=${code}`); }
      }
    },
  });

  // A weight clicked in the diagram answers "which weight will change most?" (sent with the Send button).
  store.subscribe((state) => {
    const sel = state.selection;
    if (!edgeQuestion() || !open() || sel?.kind !== "edge") return;
    const choice = edgeChoice(sel.l, sel.j, sel.k);
    const problem = q.asked.choices.includes(choice) ? "" : "That weight is not one of the choices.";
    if (choice === q.picked && !problem) return;
    q.picked = problem ? null : choice;
    q.mine[q.asked.id] = problem ? { state: "error", message: problem } : q.mine[q.asked.id];
    draw();
  });

  /** A key or button that would step: say why nothing happens. */
  function nudge() {
    note = open() ? "Following the teacher: answer the question first."
      : "Following the teacher: “Explore on my own” lets you step yourself.";
    clearTimeout(noteTimer);
    noteTimer = setTimeout(() => { note = ""; draw(); }, 3500);
    draw();
  }

  draw();
  return { get following() { return mode === "following"; }, work, explore, backToClass, nudge };
}
