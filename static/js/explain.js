// Every number explained by its equation: for a phase and a selected neuron or edge, the general
// equation, the same with the real numbers substituted, the result, and a caption in plain words.
// Pure: (record, phase, selection, context) → TeX strings and text. Rendering is render/equation.js.
// What differs between activations, costs and update rules lives in registry.js, not here: this file
// only lays the rows out, so every combination is explained by the same code.

import { FEATURES } from "./features.js";
import { fmt, tex, texParen } from "./format.js";
import { sup } from "./lesson.js";
import { ACTIVATIONS, COSTS, UPDATE_RULES, activationNumbers, activationSymbolic, costNumbers, costSymbolic,
         sumOf, updateGeneral } from "./registry.js";

/** The activation function of layer l (l ≥ 2). */
const act = (ctx, l) => ctx.spec.activations[l - 2];

const SUB = "₀₁₂₃₄₅₆₇₈₉";
const sub = (n) => String(n).split("").map((d) => SUB[d]).join("");

/** Plain-words name of neuron j of layer l: the preset's label (h1, o1), else x₁ or a²₁. */
export function neuronName(ctx, l, j) {
  const label = ctx.labels?.neurons?.[String(l)]?.[j];
  if (label) return label;
  return l === 1 ? `x${sub(j + 1)}` : `a${sup(l)}${sub(j + 1)}`;
}

/** Plain-words name of w^l_jk: the preset's label (w5), else w³₁₂ (Nielsen's numbering, as everywhere). */
export function weightName(ctx, l, j, k) {
  return ctx.labels?.weights?.[String(l)]?.[j]?.[k] ?? `w${sup(l)}${sub(j + 1)}${sub(k + 1)}`;
}

export function biasName(ctx, l, j) {
  if (ctx.spec.shared_bias) return ctx.labels?.biases?.[String(l)]?.[0] ?? `b${sup(l)}`;
  return ctx.labels?.biases?.[String(l)]?.[j] ?? `b${sup(l)}${sub(j + 1)}`;
}

/** Which element a phase explains: the selection when it fits the phase, else a sensible default. */
export function focusFor(phase, selection, L) {
  const sel = selection;
  const neuronIn = (l) => sel?.kind === "neuron" && sel.l === l;
  switch (phase.eq) {
    case "start":
      return neuronIn(1) ? sel : { kind: "neuron", l: 1, j: 0 };
    case "z":
    case "a":
    case "BP1":
    case "BP2":
      if (neuronIn(phase.layer)) return sel;
      if (sel?.kind === "edge" && sel.l === phase.layer) return { kind: "neuron", l: sel.l, j: sel.j };
      return { kind: "neuron", l: phase.layer, j: 0 };
    case "cost":
      return neuronIn(L) ? sel : { kind: "neuron", l: L, j: 0 };
    case "BP3":
      if (sel?.kind === "neuron" && sel.l >= 2) return sel;
      if (sel?.kind === "edge") return { kind: "neuron", l: sel.l, j: sel.j };
      return { kind: "neuron", l: L, j: 0 };
    case "BP4":
      return sel?.kind === "edge" ? sel : { kind: "edge", l: L, j: 0, k: 0 };
    case "update":
      if (sel?.kind === "edge" || (sel?.kind === "neuron" && sel.l >= 2)) return sel;
      return { kind: "edge", l: L, j: 0, k: 0 };
    default:
      return null;
  }
}

/** The regularization terms of the cost and of ∂C/∂w, with symbols: λ/(2m) Σ w² + λ₁/m Σ |w|, λ/m w + λ₁/m sign w. */
const penalty = (spec) => ({ l2: spec.lam > 0, l1: (spec.l1 ?? 0) > 0 });

function costPenaltySymbolic(spec) {
  const p = penalty(spec);
  return (p.l2 ? " + \\frac{\\lambda}{2m}\\sum w^2" : "") + (p.l1 ? " + \\frac{\\lambda_1}{m}\\sum |w|" : "");
}

function gradPenaltySymbolic(spec, w) {
  const p = penalty(spec);
  return (p.l2 ? ` + \\frac{\\lambda}{m} ${w}` : "") + (p.l1 ? ` + \\frac{\\lambda_1}{m} \\operatorname{sign}(${w})` : "");
}

/** The phase's equation in general (vector) form: the first row of the panel. */
export function generalEquation(phase, ctx) {
  const { spec } = ctx;
  const l = phase.layer;
  const batch = ctx.m > 1;
  switch (phase.eq) {
    case "start": return spec.features?.length ? "a^{1}_j = f_j(x)" : "a^{1} = x";
    case "z": return `z^{${l}} = W^{${l}} a^{${l - 1}} + b^{${l}}`;
    case "a": return `a^{${l}} = ${ACTIVATIONS[act(ctx, l)].symbol}(z^{${l}})`;
    case "cost": {
      const perExample = costSymbolic(spec.cost, "L");
      // Two lines for a batch: the mean of the examples' costs, then one example's (it would not fit one line).
      return batch ? `\\begin{gathered} C = \\frac{1}{m}\\sum_x C_x${costPenaltySymbolic(spec)} \\\\ C_x = ${perExample} \\end{gathered}`
        : `C = ${perExample}${costPenaltySymbolic(spec)}`;
    }
    case "BP1": return COSTS[spec.cost].bp1.general(spec.sizes.length);
    case "BP2": return `\\delta^{${l}} = \\big((W^{${l + 1}})^{T} \\delta^{${l + 1}}\\big) \\odot \\sigma'(z^{${l}})`;
    case "BP3": {
      const each = batch ? "\\frac{1}{m}\\sum_x \\delta^{l}_{j,x}" : "\\delta^{l}_{j}";
      return spec.shared_bias
        ? `\\begin{gathered} \\frac{\\partial C}{\\partial b^{l}_{j}} = ${each}, \\quad \\frac{\\partial C}{\\partial b^{l}} = \\sum_j \\frac{\\partial C}{\\partial b^{l}_{j}} \\\\ \\text{(one bias shared by the layer)} \\end{gathered}`
        : `\\frac{\\partial C}{\\partial b^{l}_{j}} = ${each}`;
    }
    case "BP4": {
      const base = batch ? "\\frac{1}{m}\\sum_x a^{l-1}_{k,x}\\,\\delta^{l}_{j,x}" : "a^{l-1}_{k}\\,\\delta^{l}_{j}";
      return `\\frac{\\partial C}{\\partial w^{l}_{jk}} = ${base}${gradPenaltySymbolic(spec, "w^{l}_{jk}")}`;
    }
    case "update": return updateGeneral(ctx.rec.rule, spec.freeze_biases);
    default: return "";
  }
}

/**
 * The sum over the examples of a batch: all of them when the trace carries them all (elided past 8 terms);
 * for a batch larger than the trace shows, the examples shown and an elision.
 */
function batchSum(terms, m) {
  return terms.length === m ? sumOf(terms) : `${terms.slice(0, 6).join(" + ")} + \\cdots`;
}

/**
 * The three rows for the focused element: { element, symbolic, substituted, result, caption }.
 * ctx = { rec, spec, labels, ex (example in the batch), m (batch size) }.
 */
export function explain(phase, focus, ctx) {
  const { rec, ex } = ctx;
  const f = focus;
  const pick = (m, l) => m[l][ex];
  switch (phase.eq) {
    case "start": {
      const x = pick(rec.a, 1)[f.j];
      const feature = FEATURES[ctx.spec.features?.[f.j]];   // an input made from the example's own (x₁, x₂)
      const made = feature ? `, the feature ${feature.label} of the example's own inputs` : "";
      return row(neuronName(ctx, 1, f.j), `a^{1}_{${f.j + 1}} = ${feature ? feature.tex : `x_{${f.j + 1}}`}`, null,
        tex(x), `The input ${neuronName(ctx, 1, f.j)} is ${fmt(x)}${made}. The forward pass starts from these inputs ` +
        "and the current weights; press → to compute the first layer.");
    }
    case "z": {
      const l = f.l, j = f.j, a = pick(rec.a, l - 1), W = rec.W[l][j], b = rec.b[l][j];
      const terms = W.map((w, k) => `${texParen(w)} \\cdot ${texParen(a[k])}`);
      const z = pick(rec.z, l)[j];
      return row(neuronName(ctx, l, j), `z^{${l}}_{${j + 1}} = \\sum_k w^{${l}}_{${j + 1}k}\\, a^{${l - 1}}_k + b^{${l}}_{${j + 1}}`,
        `${sumOf(terms)} + ${texParen(b)}`, tex(z),
        `Weighted input of ${neuronName(ctx, l, j)}: each input times its weight, summed, plus the bias.`);
    }
    case "a": {
      const l = f.l, j = f.j, zs = pick(rec.z, l), a = pick(rec.a, l)[j];
      const name = act(ctx, l), A = ACTIVATIONS[name];
      return row(neuronName(ctx, l, j),
        `a^{${l}}_{${j + 1}} = ${A.symbol}(z^{${l}}_{${j + 1}}) = ${activationSymbolic(name, l, j)}`,
        activationNumbers(name, zs, j), tex(a),
        `Activation of ${neuronName(ctx, l, j)}: the ${A.words} of its weighted input turns ${fmt(zs[j])} into ` +
        `${fmt(a)}.${A.note ? ` ${A.note}` : ""}`);
    }
    case "cost": return explainCost(ctx);
    case "BP1": return explainBP1(ctx, f);
    case "BP2": {
      const l = f.l, j = f.j, dNext = pick(rec.delta, l + 1), Wn = rec.W[l + 1];
      const back = Wn.map((rowW, k) => `${texParen(rowW[j])} \\cdot ${texParen(dNext[k])}`);
      const sp = pick(rec.sp, l)[j], d = pick(rec.delta, l)[j];
      return row(neuronName(ctx, l, j),
        `\\delta^{${l}}_{${j + 1}} = \\Big(\\sum_k w^{${l + 1}}_{k${j + 1}}\\, \\delta^{${l + 1}}_k\\Big)\\, \\sigma'(z^{${l}}_{${j + 1}})`,
        `\\big(${sumOf(back)}\\big) \\times ${texParen(sp)}`, tex(d),
        `The error flows back to ${neuronName(ctx, l, j)}: the errors of layer ${l + 1}, weighted by the ` +
        `weights that connect them, times how sensitive this neuron is to its input (${ACTIVATIONS[act(ctx, l)].primeWords}).`);
    }
    case "BP3": return explainBP3(ctx, f);
    case "BP4": return explainBP4(ctx, f);
    case "update": return explainUpdate(ctx, f);
    default: return row(null, null, null, null, "");
  }
}

function row(element, symbolic, substituted, result, caption) {
  return { element, symbolic, substituted, result, caption };
}

/** Σ w² and Σ |w| over every weight of the network before the update: the numbers of the penalty terms. */
function weightSums(rec) {
  let squares = 0, abs = 0;
  for (const W of Object.values(rec.W)) for (const r of W) for (const w of r) { squares += w * w; abs += Math.abs(w); }
  return { squares, abs };
}

function explainCost(ctx) {
  const { rec, ex, spec, m } = ctx;
  const L = rec.L;
  const a = rec.a[L][ex], y = rec.y[ex], cx = rec.costs[ex];
  const symbolic = costSymbolic(spec.cost, L);
  const numbers = costNumbers(spec.cost, a, y);
  if (m > 1) {
    return row("the output", `C_x = ${symbolic}`, numbers, tex(cx),
      `The cost of this example: how far its output is from its target y. The batch's cost C = ${fmt(rec.cost)} ` +
      `is the mean over the ${m} examples${rec.reg ? `, plus the regularization term ${fmt(rec.reg)}` : ""}.`);
  }
  const p = penalty(spec), sums = weightSums(rec);
  const reg = (p.l2 ? ` + \\frac{${tex(spec.lam)}}{2 \\cdot 1} \\cdot ${tex(sums.squares)}` : "")
    + (p.l1 ? ` + \\frac{${tex(spec.l1)}}{1} \\cdot ${tex(sums.abs)}` : "");
  const regWords = p.l2 || p.l1
    ? ` The regularization term (${fmt(rec.reg)}) adds the weights' size: Σ w² = ${fmt(sums.squares)}` +
      `${p.l1 ? `, Σ |w| = ${fmt(sums.abs)}` : ""}.` : "";
  return row("the output", `C = ${symbolic}${costPenaltySymbolic(spec)}`, `${numbers}${reg}`, tex(rec.cost),
    `The cost (${COSTS[spec.cost].words}): how far the output is from the target y.${regWords}`);
}

function explainBP1(ctx, f) {
  const { rec, ex, spec } = ctx;
  const L = rec.L, j = f.j;
  const rule = COSTS[spec.cost].bp1;
  const n = { a: rec.a[L][ex][j], y: rec.y[ex][j], sp: rec.sp[L][ex][j] };
  const name = neuronName(ctx, L, j);
  return row(name, rule.element(L, j + 1), rule.numbers(n), tex(rec.delta[L][ex][j]),
    `The error at the output ${name}: how much the cost changes when its weighted input z changes. ${rule.why}`);
}

function explainBP3(ctx, f) {
  const { rec, spec, m } = ctx;
  const { l, j } = f;
  const deltas = (jj) => rec.delta[l].map((r) => r[jj]);
  const frozen = spec.freeze_biases ? " (In this example the biases are frozen: they will not move.)" : "";
  const mean = (jj) => (m > 1 ? `\\frac{1}{${m}}\\big(${batchSum(deltas(jj).map((x) => texParen(x)), m)}\\big)` : tex(deltas(jj)[0]));
  if (spec.shared_bias) {
    // One bias for the whole layer: it feeds every neuron, so its gradient is the sum of theirs.
    const each = rec.nablaB[l];
    const name = biasName(ctx, l, j);
    return row(name, `\\frac{\\partial C}{\\partial b^{${l}}} = \\sum_j \\frac{\\partial C}{\\partial b^{${l}}_j}` +
      (m > 1 ? "" : ` = \\sum_j \\delta^{${l}}_j`),
      sumOf(each.map((x) => texParen(x))), tex(each.reduce((s, g) => s + g, 0)),
      `Layer ${l} shares one bias ${name}: it feeds every neuron of the layer, so its gradient is the sum of ` +
      `their errors${m > 1 ? " (each averaged over the batch)" : ""}. That sum is what moves it.${frozen}`);
  }
  return row(neuronName(ctx, l, j),
    `\\frac{\\partial C}{\\partial b^{${l}}_{${j + 1}}} = ${m > 1 ? "\\frac{1}{m}\\sum_x \\delta" : "\\delta"}^{${l}}_{${j + 1}}`,
    mean(j), tex(rec.nablaB[l][j]),
    `The gradient of a bias is simply the neuron's error δ${m > 1 ? ", averaged over the batch" : ""}.${frozen}`);
}

function explainBP4(ctx, f) {
  const { rec, spec, m } = ctx;
  const { l, j, k } = f;
  const g = rec.nablaW[l][j][k], w = rec.W[l][j][k];
  const aPrev = rec.a[l - 1].map((r) => r[k]), d = rec.delta[l].map((r) => r[j]);
  const p = penalty(spec);
  const reg = (p.l2 ? ` + \\frac{${tex(spec.lam)}}{${m}} \\cdot ${texParen(w)}` : "")
    + (p.l1 ? ` + \\frac{${tex(spec.l1)}}{${m}} \\cdot \\operatorname{sign}(${tex(w)})` : "");
  const products = aPrev.map((a, x) => `${texParen(a)} \\cdot ${texParen(d[x])}`);
  const numbers = m > 1 ? `\\frac{1}{${m}}\\big(${batchSum(products, m)}\\big)${reg}` : `${products[0]}${reg}`;
  const name = weightName(ctx, l, j, k);
  const W = `w^{${l}}_{${j + 1}${k + 1}}`;
  return row(name,
    `\\frac{\\partial C}{\\partial ${W}} = ${m > 1 ? "\\frac{1}{m}\\sum_x " : ""}a^{${l - 1}}_{${k + 1}}\\, \\delta^{${l}}_{${j + 1}}` +
      gradPenaltySymbolic(spec, W),
    numbers, tex(g),
    `The gradient of ${name}: the activation flowing into it (${neuronName(ctx, l - 1, k)}) times the error ` +
    `of the neuron it feeds (${neuronName(ctx, l, j)})${m > 1 ? ", averaged over the batch" : ""}` +
    `${p.l2 || p.l1 ? ", plus the regularization's pull towards zero" : ""}.`);
}

/** The numbers of one parameter's update (a weight: at [j][k]; a bias: at [j]), by the rule in use. */
export function updateNumbers(rec, which, l, j, k) {
  const at = (m) => (m == null ? undefined : which === "W" ? m[j][k] : m[j]);
  const r = which === "W" ? rec.ruleW[l] : rec.ruleB[l];
  return {
    theta: at(which === "W" ? rec.W[l] : rec.b[l]), g: at(which === "W" ? rec.nablaW[l] : rec.appliedB[l]),
    eta: rec.eta, mu: rec.opt.mu, epsilon: rec.opt.epsilon,
    vOld: at(r.vOld), v: at(r.v), m: at(r.m), s: at(r.s), mHat: at(r.mHat), vHat: at(r.sHat),
    after: at(which === "W" ? rec.Wnew[l] : rec.bnew[l]),
  };
}

function explainUpdate(ctx, f) {
  const { rec, spec } = ctx;
  const rule = UPDATE_RULES[rec.rule];
  const { l, j } = f;
  if (f.kind === "neuron" && spec.freeze_biases) {
    const b = rec.b[l][j], name = biasName(ctx, l, j);
    return row(name, `b^{${l}}_{${j + 1}}`, null, tex(rec.bnew[l][j], 9),
      `In this example the biases are frozen: ${name} stays ${fmt(b)}.`);
  }
  const which = f.kind === "edge" ? "W" : "b";
  const n = updateNumbers(rec, which, l, j, f.k);
  const name = which === "W" ? weightName(ctx, l, j, f.k) : biasName(ctx, l, j);
  const symbol = which === "W" ? `w^{${l}}_{${j + 1}${f.k + 1}}` : (spec.shared_bias ? `b^{${l}}` : `b^{${l}}_{${j + 1}}`);
  const how = rule.how(name, n, rec.opt.t, which === "W" ? "weight" : "bias");
  return row(name, rule.symbolic(symbol), rule.numbers(n), tex(n.after, 9),
    `${how}: from ${fmt(n.theta)} to ${fmt(n.after)}.`);
}

/** One caption per phase, used when nothing particular is focused (and for the aria-live region). */
export function phaseCaption(phase, ctx) {
  const words = {
    start: "One training step begins: the inputs enter the network with its current weights.",
    z: `Layer ${phase.layer} adds up its weighted inputs: z = W a + b.`,
    a: `Layer ${phase.layer} applies its activation function: a = σ(z).`,
    cost: `The cost compares the output with the target: C = ${fmt(ctx.rec.cost)}.`,
    BP1: "The error is born at the output: how much the cost changes when each output's z changes.",
    BP2: `The error flows back to layer ${phase.layer} through the weights of layer ${phase.layer + 1}.`,
    BP3: ctx.spec.shared_bias ? "Each layer's one shared bias gets the sum of its neurons' errors δ."
      : "Each bias's gradient is its neuron's error δ.",
    BP4: "Each weight's gradient is the activation feeding it times the error of the neuron it feeds.",
    update: UPDATE_RULES[ctx.rec.rule].words(fmt(ctx.rec.eta)),
  };
  return words[phase.eq] ?? "";
}
