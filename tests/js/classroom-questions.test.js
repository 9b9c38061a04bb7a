// "What comes next?" questions: at every phase of every shape, each question is a valid QuestionIn about the next
// micro-step, its answer is the record's number (or sign, or edge), the equation carries it — and the answer is not
// among the numbers a student's device holds before the reveal (the redacted record), but is once it is shown.
import assert from "node:assert/strict";
import { test } from "node:test";

import { redact } from "../../static/js/classroom/redact.js";
import { MINUS, PLUS, edgeChoice, isRight, parseEdgeChoice, parseNumber, questionsFor, stackedTex, toleranceFor }
  from "../../static/js/classroom/questions.js";
import { tex } from "../../static/js/format.js";
import { cases, numbers, selections } from "./classroom-cases.js";

const VALUE = {  // quantity → the record's number, read independently of questions.js
  z: (rec, a, ex) => rec.z[a.l][ex][a.j],
  a: (rec, a, ex) => rec.a[a.l][ex][a.j],
  delta: (rec, a, ex) => rec.delta[a.l][ex][a.j],
  cost: (rec, a, ex) => (rec.batch.m > 1 ? rec.costs[ex] : rec.cost),
  grad_b: (rec, a, ex, spec) => (spec.shared_bias ? rec.nablaB[a.l].reduce((s, x) => s + x, 0) : rec.nablaB[a.l][a.j]),
  w_new: (rec, a) => rec.Wnew[a.l][a.j][a.k],
  b_new: (rec, a) => rec.bnew[a.l][a.j],
};
const SIGN = {
  grad_sign: (rec, a) => rec.nablaW[a.l][a.j][a.k],
  grad_b_sign: (rec, a, ex, spec) => VALUE.grad_b(rec, a, ex, spec),
};

function checkShape(q) {
  assert.ok(["number", "choice"].includes(q.kind));
  assert.ok(typeof q.prompt === "string" && q.prompt.length > 10 && q.prompt.length <= 300, q.prompt);
  assert.ok(typeof q.explain === "string" && q.explain.length <= 2000);
  assert.ok(q.tolerance >= 0);
  if (q.kind === "number" && q.answer !== 0) assert.ok(!JSON.stringify(q.about).includes(JSON.stringify(q.answer)));
  if (q.kind === "number") {
    assert.ok(Number.isFinite(q.answer));
    assert.deepEqual(q.choices, []);
  } else {
    assert.ok(q.choices.length >= 2 && q.choices.length <= 64);
    assert.ok(q.choices.every((c) => typeof c === "string" && c.length <= 40));
    assert.equal(new Set(q.choices).size, q.choices.length);
    assert.ok(q.choices.includes(q.answer));
  }
}

for (const { name, rec, network, phases } of cases) {
  const { spec, labels } = network;
  const ask = (phaseIndex, selection = null, example = 0) =>
    questionsFor({ rec, spec, labels, phases, phaseIndex, example, selection });

  test(`${name}: every phase but the last asks about the next one, with the record's numbers`, () => {
    const kinds = new Set();
    for (let i = 0; i < phases.length; i++) {
      for (let ex = 0; ex < rec.batch.examples_shown; ex++) {
        const qs = ask(i, null, ex);
        if (i === phases.length - 1) {
          assert.deepEqual(qs, [], "the next step's numbers are not in this record");
          continue;
        }
        assert.ok(qs.length >= 1, `a question at ${phases[i].id}`);
        for (const q of qs) {
          checkShape(q);
          kinds.add(q.about.quantity);
          const a = q.about;
          if (VALUE[a.quantity]) {
            assert.equal(q.answer, VALUE[a.quantity](rec, a, ex, spec), `${a.quantity} at ${phases[i].id}`);
            assert.ok(q.explain.endsWith(`= ${tex(q.answer)}`) || q.explain.endsWith(`= ${tex(q.answer, 9)}`),
              `the equation ends with the answer: ${q.explain}`);
          } else if (SIGN[a.quantity]) {
            assert.equal(q.answer, SIGN[a.quantity](rec, a, ex, spec) > 0 ? PLUS : MINUS);
          } else {
            assert.equal(a.quantity, "largest_change");
            const edges = q.choices.map(parseEdgeChoice);
            const change = (e) => Math.abs(rec.Wnew[e.l][e.j][e.k] - rec.W[e.l][e.j][e.k]);
            const most = Math.max(...edges.map(change));
            assert.equal(change(parseEdgeChoice(q.answer)), most);
          }
        }
      }
    }
    for (const q of ["z", "a", "cost", "delta", "grad_sign", "grad_b", "w_new", "largest_change"]) {
      assert.ok(kinds.has(q), `asks about ${q} somewhere`);
    }
  });

  test(`${name}: a number's answer is hidden on a student's device until it is shown`, () => {
    // Where the answer lives is zeros in the record sent at the question's micro-step, and the answer at the next.
    const generic = spec.activations.every((a) => a === "sigmoid") && spec.cost === "quadratic";
    for (let i = 0; i + 1 < phases.length; i++) {
      const before = redact(rec, phases[i]), shown = redact(rec, phases[i + 1]), end = redact(rec, phases.at(-1));
      const held = new Set(numbers(before));
      for (const q of ask(i)) {
        const a = q.about, read = VALUE[a.quantity];
        if (q.kind !== "number" || q.answer === 0) continue;
        // BP3's ∂C/∂b of one example is its δ, shown at BP1/BP2: the lesson's point, not a leak.
        const seen = a.quantity === "grad_b" && rec.batch.m === 1;
        if (!seen) assert.equal(read(before, a, 0, spec), 0, `${a.quantity} at ${phases[i].id}: hidden`);
        assert.equal(read(a.quantity === "w_new" ? end : shown, a, 0, spec), q.answer, `${a.quantity}: then shown`);
        // With sigmoids and a quadratic cost no number equals another by the equations (a ≠ z, δ ≠ a): the answer
        // is nowhere in what the device holds.
        if (generic && !seen) assert.ok(!held.has(q.answer), `${a.quantity} at ${phases[i].id}: nowhere`);
      }
    }
  });

  test(`${name}: the selected neuron or weight is the one asked about`, () => {
    for (const sel of selections(spec.sizes).filter(Boolean)) {
      for (let i = 0; i + 1 < phases.length; i++) {
        const next = phases[i + 1];
        for (const q of ask(i, sel)) {
          const a = q.about;
          if (["z", "a", "delta"].includes(a.quantity) && sel.l === next.layer) assert.equal(a.j, sel.j);
          if (a.quantity === "w_new" && sel.kind === "edge") assert.deepEqual([a.l, a.j, a.k], [sel.l, sel.j, sel.k]);
          if (a.quantity === "b_new") assert.deepEqual([a.l, a.j], [sel.l, sel.j]);
        }
      }
    }
  });
}

test("the tolerance: an answer to 3 significant digits is right, one 2% off is wrong", () => {
  for (const answer of [0.7513650695, -0.000438568, 12.3456, 0.0999649, -3.2e-7]) {
    const q = { kind: "number", answer, tolerance: toleranceFor(answer) };
    assert.ok(isRight(q, Number(answer.toPrecision(3))), `${answer} to 3 digits`);
    assert.ok(isRight(q, answer));
    assert.ok(!isRight(q, answer * 1.02), `${answer} × 1.02`);
  }
  assert.ok(isRight({ kind: "choice", answer: MINUS }, MINUS));
  assert.ok(!isRight({ kind: "choice", answer: MINUS }, PLUS));
});

test("edge ids and typed numbers read back", () => {
  assert.equal(edgeChoice(3, 0, 1), "w^3_12");
  assert.equal(edgeChoice(2, 11, 2), "w^2_12,3");
  for (const [l, j, k] of [[3, 0, 1], [2, 11, 2], [4, 9, 10]]) {
    assert.deepEqual(parseEdgeChoice(edgeChoice(l, j, k)), { l, j, k });
  }
  assert.equal(parseEdgeChoice("w5"), null);
  assert.equal(parseNumber(" 0,75 "), 0.75);
  assert.equal(parseNumber("−0.2"), -0.2);
  assert.equal(parseNumber(".5"), 0.5);
  assert.equal(parseNumber("1e-3"), 0.001);
  assert.equal(parseNumber("abc"), null);
  assert.equal(parseNumber(""), null);
});

test("an explanation reads down the panel: one line per top-level =", () => {
  assert.equal(stackedTex("a = \\sigma(z) = 0.5"), "\\begin{aligned} a &= \\sigma(z) \\\\ &= 0.5 \\end{aligned}");
  assert.equal(stackedTex("C = 0.3"), "\\displaystyle C = 0.3");
  // an "=" inside braces or an environment stays where it is
  assert.equal(stackedTex("w \\leftarrow \\underbrace{x = y}_{v} = 1 = 2"),
    "\\begin{aligned} w \\leftarrow \\underbrace{x = y}_{v} &= 1 \\\\ &= 2 \\end{aligned}");
  for (const { rec, network, phases } of cases) {
    for (let i = 0; i + 1 < phases.length; i++) {
      for (const q of questionsFor({ rec, spec: network.spec, labels: network.labels, phases, phaseIndex: i })) {
        const lines = stackedTex(q.explain);
        assert.equal((lines.match(/\{/g) ?? []).length, (lines.match(/\}/g) ?? []).length);
      }
    }
  }
});
