// The wiring's pure parts: the position a teacher sends and what a follower draws from it, the sender (serialized,
// latest wins), the event stream's gap handling, and join codes as typed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { codeProblem, normalizeCode } from "../../static/js/classroom/codes.js";
import { openEvents } from "../../static/js/classroom/events.js";
import { followPatch, positionOf } from "../../static/js/classroom/position.js";
import { createSender } from "../../static/js/classroom/sync.js";
import { diagramView } from "../../static/js/view.js";
import { cases } from "./classroom-cases.js";

const teacherState = (c, phaseIndex, extra = {}) => ({
  preset: c.name, customSpec: null, edits: [], step: 0, phaseIndex, phaseId: c.phases[phaseIndex].id,
  phases: c.phases, example: 0, selection: null, record: c.rec, network: c.network, ...extra,
});

test("a follower draws what the teacher's diagram shows, at every phase of every shape", () => {
  for (const c of cases) {
    for (let i = 0; i < c.phases.length; i++) {
      const teacher = teacherState(c, i, { selection: { kind: "edge", l: 2, j: 0, k: 1 } });
      const position = JSON.parse(JSON.stringify(positionOf(teacher)));   // as the wire carries it
      const student = { ...followPatch(position, null, {}), neuronQty: "auto", edgeQty: "auto" };
      assert.equal(student.phaseIndex, i);
      assert.deepEqual(student.selection, { kind: "edge", l: 2, j: 0, k: 1 });
      const opts = { neuronQty: "auto", edgeQty: "auto", example: 0, network: c.network };
      const mine = diagramView(student.record, student.phases[i], { ...opts, network: student.network });
      const theirs = diagramView(c.rec, c.phases[i], opts);
      assert.deepEqual(mine.neurons, theirs.neurons, `${c.name} at ${c.phases[i].id}`);
      assert.deepEqual(mine.edges, theirs.edges);
      assert.deepEqual(mine.biases, theirs.biases);
    }
  }
});

test("a follower keeps their own selection until the teacher changes theirs", () => {
  const c = cases[0];
  const first = positionOf(teacherState(c, 1, { selection: { kind: "neuron", l: 2, j: 0 } }));
  let state = followPatch(first, null, {});
  state = { ...state, selection: { kind: "neuron", l: 3, j: 1 } };           // the student looks elsewhere
  const moved = positionOf(teacherState(c, 2, { selection: { kind: "neuron", l: 2, j: 0 } }));
  assert.deepEqual(followPatch(moved, first, state).selection, { kind: "neuron", l: 3, j: 1 });
  const reselected = positionOf(teacherState(c, 2, { selection: { kind: "neuron", l: 2, j: 1 } }));
  assert.deepEqual(followPatch(reselected, moved, state).selection, { kind: "neuron", l: 2, j: 1 });
  assert.equal(followPatch({ ...first, record: null }, null, {}).status, "loading");
});

test("the sender sends one position at a time, the latest, and none is lost at the end", async () => {
  const sent = [];
  let resolveSend;
  const send = (p) => { sent.push(p); return new Promise((r) => { resolveSend = r; }); };
  const sender = createSender({ gap: 0, send });
  for (let i = 1; i <= 30; i++) sender.push(() => i);                        // a key held down
  assert.deepEqual(sent, [1]);                                                // one in flight
  resolveSend({});
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(sent, [1, 30]);                                            // then only the latest
  resolveSend({});
  await sender.idle();
  assert.deepEqual(sent, [1, 30]);
});

test("a failed send is retried unless something newer is waiting, and not when it cannot succeed", async () => {
  const sent = [];
  let fail = true;
  const errors = [];
  const sender = createSender({ gap: 0, retryIn: 5, retryable: (e) => e.status !== 404, onError: (e) => errors.push(e),
    send: async (p) => { sent.push(p); if (fail) { fail = false; throw { status: 503 }; } return {}; } });
  sender.push(() => "a");
  await sender.idle();
  assert.deepEqual(sent, ["a", "a"]);
  const gone = createSender({ gap: 0, retryIn: 5, retryable: (e) => e.status !== 404,
    send: async (p) => { sent.push(p); throw { status: 404 }; } });
  gone.push(() => "b");
  await gone.idle();
  assert.deepEqual(sent, ["a", "a", "b"]);
});

class FakeSource {
  constructor(url) { this.url = url; this.listeners = {}; this.readyState = 1; FakeSource.last = this; }
  addEventListener(name, fn) { (this.listeners[name] ??= []).push(fn); }
  emit(name, id, data) {
    for (const fn of this.listeners[name] ?? []) fn({ lastEventId: String(id), data: JSON.stringify(data) });
  }
  close() { this.readyState = 2; }
}

test("events: state first, then in order; a gap reads the class again; an old event is ignored", async () => {
  const seen = [];
  let reads = 0;
  const stream = openEvents({ url: "/e", EventSourceImpl: FakeSource,
    read: async () => { reads++; return { seq: 9, step: "read" }; },
    on: { state: (v) => seen.push(["state", v.seq]), position: (p) => seen.push(["position", p.seq]) } });
  const s = FakeSource.last;
  s.emit("state", 5, { seq: 5 });
  s.emit("position", 6, { seq: 6 });
  s.emit("position", 6, { seq: 6 });          // a duplicate
  s.emit("position", 8, { seq: 8 });          // 7 was missed
  await new Promise((r) => setTimeout(r, 0));
  s.emit("position", 9, { seq: 9 });          // already in the state read
  s.emit("position", 10, { seq: 10 });
  assert.equal(reads, 1);
  assert.deepEqual(seen, [["state", 5], ["position", 6], ["state", 9], ["position", 10]]);
  stream.close();
});

test("join codes as typed: case, spaces and dashes forgiven, O and 0 read as Q; impossible ones explained", () => {
  assert.equal(normalizeCode(" k7q-x4m "), "K7QX4M");
  assert.equal(normalizeCode("k7ox4m"), "K7QX4M");
  assert.equal(normalizeCode("K70X4M"), "K7QX4M");
  assert.equal(codeProblem("K7QX4M"), null);
  assert.match(codeProblem("K7QX4"), /6 characters/);
  assert.match(codeProblem("K1QX4M"), /never holds 1/);
  assert.match(codeProblem(""), /Type the code/);
});

test("a large record goes to the class with the example in view only, which the follower draws as the teacher", () => {
  const c = cases.find((x) => x.rec.batch.examples_shown > 1);
  const i = c.phases.findIndex((p) => p.id === "bp4");
  for (let ex = 0; ex < c.rec.batch.examples_shown; ex++) {
    const position = positionOf(teacherState(c, i, { example: ex }), { maxChars: 1000 });
    assert.equal(position.record.batch.examples_shown, 1);
    assert.equal(position.record.a[2].length, 1);
    const student = followPatch(position, null, {});
    assert.equal(student.example, 0);
    const opts = { neuronQty: "auto", edgeQty: "auto", network: c.network };
    const mine = diagramView(student.record, student.phases[i], { ...opts, example: 0 });
    const theirs = diagramView(c.rec, c.phases[i], { ...opts, example: ex });
    assert.deepEqual(mine.neurons, theirs.neurons);
    assert.deepEqual(mine.edges, theirs.edges);
  }
  assert.equal(positionOf(teacherState(c, i)).record.batch.examples_shown, c.rec.batch.examples_shown);
});

test("events: when the browser gives up on the stream, a new one opens, until the stream is closed", async () => {
  const statuses = [];
  const opened = () => FakeSource.count;
  FakeSource.count = 0;
  const Counting = class extends FakeSource { constructor(url) { super(url); FakeSource.count++; } };
  const stream = openEvents({ url: "/e", EventSourceImpl: Counting, retryMs: 5, read: async () => ({ seq: 0 }),
    on: {}, onStatus: (s) => statuses.push(s) });
  const first = FakeSource.last;
  first.readyState = 2;                        // the browser's reconnection was refused: it gave up
  first.emit("error", 0, null);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(opened(), 2);
  assert.notEqual(FakeSource.last, first);
  FakeSource.last.emit("open", 0, null);
  assert.deepEqual(statuses, ["closed", "live"]);
  FakeSource.last.readyState = 0;              // a dropped connection the browser retries itself: no new source
  FakeSource.last.emit("error", 0, null);
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(opened(), 2);
  FakeSource.last.readyState = 2;              // gave up again, but the class ended meanwhile (close)
  FakeSource.last.emit("error", 0, null);
  stream.close();
  await new Promise((r) => setTimeout(r, 20));
  assert.equal(opened(), 2);
  assert.deepEqual(statuses, ["closed", "live", "reconnecting", "closed"]);
});

test("events: a stream silent for two and a half pings is replaced, one that pings or talks is kept", async (t) => {
  const statuses = [], seen = [];
  FakeSource.count = 0;
  const Counting = class extends FakeSource { constructor(url) { super(url); FakeSource.count++; } };
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  const stream = openEvents({ url: "/e", EventSourceImpl: Counting, read: async () => ({ seq: 0 }),
    on: { state: (v) => seen.push(["state", v.seq]), position: (p) => seen.push(["position", p.seq]) },
    onStatus: (s) => statuses.push(s) });
  t.after(() => stream.close()); // a failed assertion must not leave the watchdog reopening for ever
  const first = FakeSource.last;
  first.emit("state", 3, { seq: 3 });
  first.emit("ping", "", { every: 0.02 });     // the server pings every 20 ms: silent after 50
  for (let i = 0; i < 4; i++) {                 // 120 ms of pings and events, never 50 ms apart
    await wait(25);
    if (i % 2) first.emit("ping", "", { every: 0.02 });
    else first.emit("position", 4 + i / 2, { seq: 4 + i / 2 });
  }
  assert.equal(FakeSource.count, 1, "a talking stream is kept");
  await wait(90);                               // then nothing: Wi-Fi gone, no FIN, no error from the browser
  assert.ok(FakeSource.count >= 2, "a silent stream is replaced");
  assert.equal(first.readyState, 2, "and the old one closed");
  assert.ok(statuses.includes("reconnecting"));
  const fresh = FakeSource.last;
  fresh.emit("state", 9, { seq: 9 });           // the new stream starts from the class's state, as the server sends it
  first.emit("position", 10, { seq: 10 });      // a late event of the dead stream is not heard
  assert.deepEqual(seen, [["state", 3], ["position", 4], ["position", 5], ["state", 9]]);
  stream.close();
  const after = FakeSource.count;
  await wait(80);
  assert.equal(FakeSource.count, after, "a closed stream is not reopened");
});
