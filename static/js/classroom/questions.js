// "What comes next?": questions about the next micro-step, made from the real numbers of the full StepRecord on
// the teacher's page, with the answer, a tolerance that fits the numbers' shown precision, and the equation with
// its numbers (explain.js writes the same rows as the equation panel). Pure: no DOM, no fetch.
//
// A question is the API's QuestionIn: { kind: "number"|"choice", prompt, about, choices, answer, tolerance,
// explain }. `about` names what it asks about ({ phase, quantity, l, j, k }) and never holds the answer.

import { biasName, explain, neuronName, weightName } from "../explain.js";

export const PLUS = "+", MINUS = "−";
const MAX_CHOICES = 64, MAX_EXPLAIN = 2000;
const DIGITS = "to 3 significant digits";

/** Within one unit of the 3rd significant digit: any answer rounded to 3 significant digits is right. */
export function toleranceFor(value) {
  const abs = Math.abs(value);
  if (!(abs > 0)) return 1e-4;
  return 10 ** (Math.floor(Math.log10(abs)) - 2);
}

/** Is a student's answer right? (the server's rule: within the tolerance, plus a hair for the float itself) */
export function isRight(question, value) {
  if (question.kind === "choice") return value === question.answer;
  const tolerance = question.tolerance ?? toleranceFor(question.answer);
  return Math.abs(value - question.answer) <= tolerance + 1e-12 * Math.max(1, Math.abs(question.answer));
}

/** A weight's id as a choice: "w^3_12" (a comma between j and k once either has two digits: "w^2_12,3"). */
export function edgeChoice(l, j, k) {
  const sep = j + 1 > 9 || k + 1 > 9 ? "," : "";
  return `w^${l}_${j + 1}${sep}${k + 1}`;
}

/** "w^3_12" → { l: 3, j: 0, k: 1 }, or null. */
export function parseEdgeChoice(id) {
  const m = /^w\^(\d+)_(?:(\d)(\d)|(\d+),(\d+))$/.exec(id ?? "");
  if (!m) return null;
  return { l: Number(m[1]), j: Number(m[2] ?? m[4]) - 1, k: Number(m[3] ?? m[5]) - 1 };
}

/** A student's typed number: "0,75", "−0.2", " .5 " → a number, or null. */
export function parseNumber(text) {
  const s = String(text ?? "").trim().replace(/[−–]/g, "-").replace(",", ".").replace(/\s+/g, "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

/** The TeX row the equation panel would show: general = numbers = result (the numbers left out if too long). */
function equationTex(row) {
  const full = [row.symbolic, row.substituted, row.result].filter(Boolean).join(" = ");
  if (full.length <= MAX_EXPLAIN) return full;
  const short = [row.symbolic, row.result].filter(Boolean).join(" = ");
  return short.length <= MAX_EXPLAIN ? short : null;
}

const number = (prompt, about, answer, row) => ({
  kind: "number", prompt, about, choices: [], answer, tolerance: toleranceFor(answer), explain: equationTex(row),
});

const sign = (prompt, about, value, row) => (value === 0 ? null : {
  kind: "choice", prompt, about, choices: [PLUS, MINUS], answer: value > 0 ? PLUS : MINUS, tolerance: 0,
  explain: equationTex(row),
});

/**
 * questionsFor(lesson) → [QuestionIn] about the micro-step after the one in view, most telling first; [] at the
 * last micro-step of a step (the next step's numbers are not in this record).
 * lesson = { rec (the full StepRecord), spec, labels, phases, phaseIndex, example, selection }
 */
export function questionsFor(lesson) {
  const { rec, spec, phases, phaseIndex, selection: sel = null } = lesson;
  const next = phases[phaseIndex + 1];
  if (!rec || !next) return [];
  const ex = Math.min(lesson.example ?? 0, rec.batch.examples_shown - 1);
  const ctx = { rec, spec, labels: lesson.labels, ex, m: rec.batch.m };
  const row = (focus) => explain(next, focus, ctx);
  const L = rec.L;
  const size = (l) => rec.a[l][0].length;
  // The neuron asked about: the selected one if it is in layer l, else one that changes from step to step.
  const neuronOf = (l) => (sel?.l === l ? sel.j : rec.index % size(l));
  const edgeOf = (l) => (sel?.kind === "edge" && sel.l === l ? sel
    : { kind: "edge", l, j: neuronOf(l), k: (rec.index + 1) % size(l - 1) });
  const base = { phase: next.id, step: rec.index };
  const out = [];

  if (next.eq === "z" || next.eq === "a") {
    const l = next.layer, j = neuronOf(l), q = next.eq;
    const what = q === "z" ? "the weighted input z" : "the activation a";
    out.push(number(`What will ${what} of ${neuronName(ctx, l, j)} (layer ${l}) be? Answer ${DIGITS}.`,
      { ...base, quantity: q, kind: "neuron", l, j }, rec[q][l][ex][j], row({ kind: "neuron", l, j })));
  } else if (next.eq === "cost") {
    const batch = rec.batch.m > 1;
    out.push(number(batch ? `What will the cost of this example, Cₓ, be? Answer ${DIGITS}.`
      : `What will the cost C be? Answer ${DIGITS}.`, { ...base, quantity: "cost", kind: "output", l: L },
    batch ? rec.costs[ex] : rec.cost, row({ kind: "neuron", l: L, j: 0 })));
  } else if (next.eq === "BP1" || next.eq === "BP2") {
    const l = next.layer, j = neuronOf(l);
    out.push(number(`What will the error δ of ${neuronName(ctx, l, j)} (layer ${l}) be? Answer ${DIGITS}.`,
      { ...base, quantity: "delta", kind: "neuron", l, j }, rec.delta[l][ex][j], row({ kind: "neuron", l, j })));
    const e = edgeOf(l);
    const bp4 = phases.find((p) => p.eq === "BP4");
    out.push(sign(`Will the gradient ∂C/∂w of ${weightName(ctx, l, e.j, e.k)} be positive or negative?`,
      { ...base, quantity: "grad_sign", kind: "edge", l, j: e.j, k: e.k }, rec.nablaW[l][e.j][e.k],
      explain(bp4, e, ctx)));
  } else if (next.eq === "BP3") {
    const l = sel?.l >= 2 ? sel.l : L, j = neuronOf(l);
    const shared = spec.shared_bias;
    const g = shared ? rec.nablaB[l].reduce((s, x) => s + x, 0) : rec.nablaB[l][j];
    const name = biasName(ctx, l, j), focus = { kind: "neuron", l, j };
    out.push(number(`What will the gradient ∂C/∂b of the bias ${name} be? Answer ${DIGITS}.`,
      { ...base, quantity: "grad_b", kind: "neuron", l, j }, g, row(focus)));
    out.push(sign(`Will the gradient ∂C/∂b of the bias ${name} be positive or negative?`,
      { ...base, quantity: "grad_b_sign", kind: "neuron", l, j }, g, row(focus)));
  }
  if (next.eq === "update") {
    const e = sel?.kind === "edge" ? sel : { kind: "edge", l: L, j: neuronOf(L), k: rec.index % size(L - 1) };
    out.push(number(`What will the weight ${weightName(ctx, e.l, e.j, e.k)} be after the update? Answer ${DIGITS}.`,
      { ...base, quantity: "w_new", kind: "edge", l: e.l, j: e.j, k: e.k }, rec.Wnew[e.l][e.j][e.k], row(e)));
  }
  if (next.eq === "BP4" || next.eq === "update") {
    const most = largestChange(lesson, ctx);
    if (most) out.push(most);
  }
  if (next.eq === "update" && sel?.kind === "neuron" && sel.l >= 2 && !spec.freeze_biases) {
    out.push(number(`What will the bias ${biasName(ctx, sel.l, sel.j)} be after the update? Answer ${DIGITS}.`,
      { ...base, quantity: "b_new", kind: "neuron", l: sel.l, j: sel.j }, rec.bnew[sel.l][sel.j],
      explain(phases.at(-1), sel, ctx)));
  }
  return out.filter((q) => q && q.explain !== null);
}

/** "Which weight will change most?": a choice among the edges (all, or the last layer with at most 64), answered
 *  by clicking one; the answer is the edge with the largest |w_new − w|. Null if no layer is small enough. */
function largestChange(lesson, ctx) {
  const { rec, phases } = lesson;
  const layers = Object.keys(rec.W).map(Number).sort((x, y) => x - y);
  const count = (l) => rec.W[l].length * rec.W[l][0].length;
  const total = layers.reduce((s, l) => s + count(l), 0);
  const pool = total <= MAX_CHOICES ? layers : [[...layers].reverse().find((l) => count(l) <= MAX_CHOICES)];
  if (pool[0] === undefined) return null;
  const edges = pool.flatMap((l) => rec.W[l].flatMap((r, j) => r.map((_, k) => ({ kind: "edge", l, j, k }))));
  if (edges.length < 2) return null;
  const change = (e) => Math.abs(rec.Wnew[e.l][e.j][e.k] - rec.W[e.l][e.j][e.k]);
  const best = edges.reduce((a, b) => (change(b) > change(a) ? b : a));
  const where = pool.length === 1 && pool.length < layers.length ? ` of layer ${pool[0]}` : "";
  const row = explain(phases.at(-1), best, ctx);
  return {
    kind: "choice", prompt: `Which weight${where} will change most in the update? Click it in the diagram.`,
    about: { phase: phases.at(-1).id, step: rec.index, quantity: "largest_change", kind: "edges",
             l: pool.length === 1 ? pool[0] : null },
    choices: edges.map((e) => edgeChoice(e.l, e.j, e.k)), answer: edgeChoice(best.l, best.j, best.k), tolerance: 0,
    explain: equationTex(row),
  };
}

/** How a choice reads on screen: an edge id as the weight's name (w5, w³₁₂), a sign as itself. */
export function choiceLabel(choice, ctx) {
  const e = parseEdgeChoice(choice);
  return e ? weightName(ctx, e.l, e.j, e.k) : choice;
}

/**
 * "a = σ(z) = 1/(1+e^{−z}) = 1/(1+e^{−1.106}) = 0.7514" as lines aligned at their "=", one step of the
 * computation each, so that a long equation reads down the panel instead of running off its side. Only the
 * top-level "=" split it (not one inside braces or an environment).
 */
export function stackedTex(tex) {
  const parts = [];
  let depth = 0, start = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === "{") depth++;
    else if (c === "}") depth--;
    else if (tex.startsWith("\\begin", i)) depth++;
    else if (tex.startsWith("\\end", i)) depth--;
    else if (depth === 0 && tex.startsWith(" = ", i)) {
      parts.push(tex.slice(start, i));
      start = i + 3;
    }
  }
  parts.push(tex.slice(start));
  if (parts.length < 3) return `\\displaystyle ${tex}`;
  const [lhs, ...rest] = parts;
  return `\\begin{aligned} ${lhs} &= ${rest.join(" \\\\ &= ")} \\end{aligned}`;
}
