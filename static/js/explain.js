// Every number explained by its equation: for a phase and a selected neuron or edge, the general
// equation, the same with the real numbers substituted, the result, and a caption in plain words.
// Pure: (record, phase, selection, context) → TeX strings and text. Rendering is render/equation.js.

import { tex, texParen, fmt } from "./format.js";
import { sup } from "./lesson.js";

const SIGMA_TEX = { sigmoid: "\\sigma", tanh: "\\tanh", relu: "\\mathrm{relu}", leaky_relu: "\\mathrm{lrelu}",
                    linear: "\\mathrm{id}", softmax: "\\mathrm{softmax}" };

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

export function weightName(ctx, l, j, k) {
  return ctx.labels?.weights?.[String(l)]?.[j]?.[k] ?? `w${l}_${j + 1}${k + 1}`;
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

/** The phase's equation in general (vector) form: the first row of the panel. */
export function generalEquation(phase, ctx) {
  const L = ctx.spec.sizes.length;
  const l = phase.layer;
  const lam = ctx.spec.lam > 0;
  switch (phase.eq) {
    case "start": return "a^{1} = x";
    case "z": return `z^{${l}} = W^{${l}} a^{${l - 1}} + b^{${l}}`;
    case "a": return `a^{${l}} = ${SIGMA_TEX[act(ctx, l)]}(z^{${l}})`;
    case "cost": return costGeneral(ctx.spec.cost, ctx.m > 1, lam);
    case "BP1": return ctx.rec.deltaRule === "a_minus_y"
      ? `\\delta^{${L}} = \\nabla_a C \\odot \\sigma'(z^{${L}}) = a^{${L}} - y`
      : `\\delta^{${L}} = \\nabla_a C \\odot \\sigma'(z^{${L}})`;
    case "BP2": return `\\delta^{${l}} = \\big((W^{${l + 1}})^{T} \\delta^{${l + 1}}\\big) \\odot \\sigma'(z^{${l}})`;
    case "BP3": return ctx.m > 1 ? "\\frac{\\partial C}{\\partial b^{l}_{j}} = \\frac{1}{m}\\sum_x \\delta^{l}_{j,x}"
      : "\\frac{\\partial C}{\\partial b^{l}_{j}} = \\delta^{l}_{j}";
    case "BP4": {
      const base = ctx.m > 1 ? "\\frac{1}{m}\\sum_x a^{l-1}_{k,x}\\,\\delta^{l}_{j,x}" : "a^{l-1}_{k}\\,\\delta^{l}_{j}";
      return `\\frac{\\partial C}{\\partial w^{l}_{jk}} = ${base}${lam ? " + \\frac{\\lambda}{m} w^{l}_{jk}" : ""}`;
    }
    case "update": return UPDATE_RULES[ctx.rec.rule] ?? UPDATE_RULES.sgd;
    default: return "";
  }
}

const UPDATE_RULES = {
  sgd: "w \\leftarrow w - \\eta \\frac{\\partial C}{\\partial w}, \\quad b \\leftarrow b - \\eta \\frac{\\partial C}{\\partial b}",
  momentum: "v \\leftarrow \\mu v - \\eta \\frac{\\partial C}{\\partial w}, \\quad w \\leftarrow w + v",
  adam: "m \\leftarrow \\beta_1 m + (1-\\beta_1) g,\\ v \\leftarrow \\beta_2 v + (1-\\beta_2) g^2,\\ " +
        "w \\leftarrow w - \\eta \\frac{\\hat m}{\\sqrt{\\hat v}+\\epsilon}",
};

function costGeneral(cost, batch, lam) {
  const per = {
    quadratic: "\\tfrac12 \\sum_j (y_j - a^{L}_j)^2",
    binary_cross_entropy: "-\\sum_j \\big[y_j \\ln a^{L}_j + (1 - y_j)\\ln(1 - a^{L}_j)\\big]",
    softmax_cross_entropy: "-\\sum_j y_j \\ln a^{L}_j",
  }[cost];
  const reg = lam ? " + \\frac{\\lambda}{2m}\\sum w^2" : "";
  return batch ? `C = \\frac{1}{m}\\sum_x C_x${reg}, \\quad C_x = ${per}` : `C = ${per}${reg}`;
}

/** A sum written out: at most `max` terms, the middle elided. */
function sumOf(terms, max = 4) {
  if (terms.length <= max) return terms.join(" + ");
  return [...terms.slice(0, max - 1), "\\cdots", terms[terms.length - 1]].join(" + ");
}

/**
 * The three rows for the focused element: { element, symbolic, substituted, result, caption }.
 * ctx = { rec, spec, labels, ex (example in the batch), m (batch size) }.
 */
export function explain(phase, focus, ctx) {
  const { rec, ex } = ctx;
  const L = rec.L;
  const f = focus;
  const pick = (m, l) => m[l][ex];
  switch (phase.eq) {
    case "start": {
      const x = pick(rec.a, 1)[f.j];
      return row(neuronName(ctx, 1, f.j), `a^{1}_{${f.j + 1}} = x_{${f.j + 1}}`, null, tex(x),
        `The input ${neuronName(ctx, 1, f.j)} is ${fmt(x)}. The forward pass starts from these inputs and the ` +
        "current weights; press → to compute the first layer.");
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
      const l = f.l, j = f.j, z = pick(rec.z, l)[j], a = pick(rec.a, l)[j];
      const name = act(ctx, l);
      const sub = { sigmoid: `\\frac{1}{1 + e^{-${texParen(z)}}}`, tanh: `\\tanh(${tex(z)})`,
                    relu: `\\max(0, ${tex(z)})`, leaky_relu: `\\max(0.01 \\cdot ${texParen(z)}, ${tex(z)})`,
                    linear: tex(z), softmax: `\\frac{e^{${tex(z)}}}{\\sum_k e^{z^{${l}}_k}}` }[name];
      return row(neuronName(ctx, l, j), `a^{${l}}_{${j + 1}} = ${SIGMA_TEX[name]}(z^{${l}}_{${j + 1}})`, sub, tex(a),
        `Activation of ${neuronName(ctx, l, j)}: the ${name.replace("_", " ")} of its weighted input squashes ` +
        `${fmt(z)} into ${fmt(a)}.`);
    }
    case "cost": return explainCost(ctx, f);
    case "BP1": return explainBP1(ctx, f);
    case "BP2": {
      const l = f.l, j = f.j, dNext = pick(rec.delta, l + 1), Wn = rec.W[l + 1];
      const back = Wn.map((rowW, k) => `${texParen(rowW[j])} \\cdot ${texParen(dNext[k])}`);
      const sp = pick(rec.sp, l)[j], d = pick(rec.delta, l)[j];
      return row(neuronName(ctx, l, j),
        `\\delta^{${l}}_{${j + 1}} = \\Big(\\sum_k w^{${l + 1}}_{k${j + 1}}\\, \\delta^{${l + 1}}_k\\Big)\\, \\sigma'(z^{${l}}_{${j + 1}})`,
        `\\big(${sumOf(back)}\\big) \\times ${texParen(sp)}`, tex(d),
        `The error flows back to ${neuronName(ctx, l, j)}: the errors of layer ${l + 1}, weighted by the ` +
        "weights that connect them, times how sensitive this neuron is to its input (σ′).");
    }
    case "BP3": {
      const l = f.l, j = f.j, g = rec.nablaB[l][j];
      const deltas = rec.delta[l].map((r) => r[j]);
      const sub = ctx.m > 1 ? `\\frac{1}{${ctx.m}}\\big(${sumOf(deltas.map(texParen))}\\big)` : tex(deltas[0]);
      const shared = ctx.spec.shared_bias ? " This layer shares one bias, so its gradient is the sum over the layer's neurons." : "";
      const frozen = ctx.spec.freeze_biases ? " (In this example the biases are frozen: they will not move.)" : "";
      return row(neuronName(ctx, l, j), `\\frac{\\partial C}{\\partial b^{${l}}_{${j + 1}}} = ${ctx.m > 1 ? "\\frac{1}{m}\\sum_x \\delta" : "\\delta"}^{${l}}_{${j + 1}}`,
        sub, tex(g), `The gradient of a bias is simply the neuron's error δ.${shared}${frozen}`);
    }
    case "BP4": return explainBP4(ctx, f);
    case "update": return explainUpdate(ctx, f);
    default: return row(null, null, null, null, "");
  }
}

function row(element, symbolic, substituted, result, caption) {
  return { element, symbolic, substituted, result, caption };
}

function explainCost(ctx, f) {
  const { rec, ex, spec } = ctx;
  const a = rec.a[rec.L][ex], y = rec.y[ex], cx = rec.costs[ex];
  const per = {
    quadratic: a.map((v, j) => `(${tex(y[j])} - ${texParen(v)})^2`),
    binary_cross_entropy: a.map((v, j) => `${texParen(y[j])} \\ln ${tex(v)} + (1 - ${texParen(y[j])}) \\ln(1 - ${tex(v)})`),
    softmax_cross_entropy: a.map((v, j) => `${texParen(y[j])} \\ln ${tex(v)}`),
  }[spec.cost];
  const sub = spec.cost === "quadratic" ? `\\tfrac12\\big[${sumOf(per)}\\big]` : `-\\big[${sumOf(per)}\\big]`;
  const batch = ctx.m > 1 ? ` This example's cost is ${fmt(cx)}; averaged over the batch of ${ctx.m}` +
    `${rec.reg ? " with the L2 term" : ""}, C = ${fmt(rec.cost)}.` : "";
  return row("the output", ctx.m > 1 ? "C_x" : "C", sub, tex(ctx.m > 1 ? cx : rec.cost),
    `The cost: how far the output is from the target y.${batch}`);
}

function explainBP1(ctx, f) {
  const { rec, ex } = ctx;
  const L = rec.L, j = f.j;
  const a = rec.a[L][ex][j], y = rec.y[ex][j], sp = rec.sp[L][ex][j], d = rec.delta[L][ex][j];
  const name = neuronName(ctx, L, j);
  if (rec.deltaRule === "a_minus_y") {
    return row(name,
      `\\delta^{${L}}_{${j + 1}} = \\frac{\\partial C}{\\partial a^{${L}}_{${j + 1}}}\\, \\sigma'(z^{${L}}_{${j + 1}}) = \\frac{a - y}{a(1 - a)} \\cdot a(1 - a) = a^{${L}}_{${j + 1}} - y_{${j + 1}}`,
      `${tex(a)} - ${texParen(y)}`, tex(d),
      `The error at the output ${name}. With ${ctx.spec.cost.replace(/_/g, " ")} the two factors cancel ` +
      "exactly, leaving the plain difference between output and target — no vanishing σ′.");
  }
  const gradA = rec.gradA[ex][j];
  const dCda = ctx.spec.cost === "quadratic" ? `(${tex(a)} - ${texParen(y)})` : texParen(gradA);
  return row(name,
    ctx.spec.cost === "quadratic"
      ? `\\delta^{${L}}_{${j + 1}} = (a^{${L}}_{${j + 1}} - y_{${j + 1}})\\, \\sigma'(z^{${L}}_{${j + 1}})`
      : `\\delta^{${L}}_{${j + 1}} = \\frac{\\partial C}{\\partial a^{${L}}_{${j + 1}}}\\, \\sigma'(z^{${L}}_{${j + 1}})`,
    `${dCda} \\times ${texParen(sp)}`, tex(d),
    `The error at the output ${name}: how much the cost changes when z of ${name} changes — ` +
    "how wrong the output is, times how sensitive the neuron is.");
}

function explainBP4(ctx, f) {
  const { rec, ex, spec } = ctx;
  const { l, j, k } = f;
  const g = rec.nablaW[l][j][k], w = rec.W[l][j][k];
  const aPrev = rec.a[l - 1].map((r) => r[k]), d = rec.delta[l].map((r) => r[j]);
  const l1 = spec.l1 ?? 0;
  const reg = (spec.lam > 0 ? ` + \\frac{${tex(spec.lam)}}{${ctx.m}} \\cdot ${texParen(w)}` : "")
    + (l1 > 0 ? ` + \\frac{${tex(l1)}}{${ctx.m}} \\cdot (${Math.sign(w)})` : "");
  const sub = ctx.m > 1
    ? `\\frac{1}{${ctx.m}}\\big(${sumOf(aPrev.map((a, x) => `${texParen(a)} \\cdot ${texParen(d[x])}`), 3)}\\big)${reg}`
    : `${texParen(aPrev[0])} \\times ${texParen(d[0])}${reg}`;
  const name = weightName(ctx, l, j, k);
  return row(name,
    `\\frac{\\partial C}{\\partial w^{${l}}_{${j + 1}${k + 1}}} = ${ctx.m > 1 ? "\\frac{1}{m}\\sum_x " : ""}a^{${l - 1}}_{${k + 1}}\\, \\delta^{${l}}_{${j + 1}}` +
      (spec.lam > 0 ? ` + \\frac{\\lambda}{m} w^{${l}}_{${j + 1}${k + 1}}` : "") +
      (l1 > 0 ? ` + \\frac{\\lambda_1}{m} \\operatorname{sign}(w^{${l}}_{${j + 1}${k + 1}})` : ""),
    sub, tex(g),
    `The gradient of ${name}: the activation flowing into it (${neuronName(ctx, l - 1, k)}) times the error ` +
    `of the neuron it feeds (${neuronName(ctx, l, j)})${ex !== undefined && ctx.m > 1 ? ", averaged over the batch" : ""}.`);
}

function explainUpdate(ctx, f) {
  const { rec, spec } = ctx;
  if (f.kind === "edge" && rec.rule !== "sgd") return explainOptimizer(ctx, f);
  if (f.kind === "edge") {
    const { l, j, k } = f;
    const w = rec.W[l][j][k], g = rec.nablaW[l][j][k], wNew = rec.Wnew[l][j][k];
    const name = weightName(ctx, l, j, k);
    return row(name, `w^{${l}}_{${j + 1}${k + 1}} \\leftarrow w - \\eta \\frac{\\partial C}{\\partial w}`,
      `${tex(w)} - ${tex(rec.eta)} \\times ${texParen(g)}`, tex(wNew, 9),
      `${name} takes a step of size η = ${fmt(rec.eta)} against its gradient: from ${fmt(w)} to ${fmt(wNew)}.`);
  }
  const { l, j } = f;
  const b = rec.b[l][j], g = rec.appliedB[l][j], bNew = rec.bnew[l][j];
  const bname = ctx.labels?.biases?.[String(l)]?.[j] ?? `b${l}_${j + 1}`;
  if (spec.freeze_biases) {
    return row(bname, `b^{${l}}_{${j + 1}}`, tex(b), tex(bNew),
      `In this example the biases are frozen: ${bname} stays ${fmt(b)}.`);
  }
  return row(bname, `b^{${l}}_{${j + 1}} \\leftarrow b - \\eta \\frac{\\partial C}{\\partial b}`,
    `${tex(b)} - ${tex(rec.eta)} \\times ${texParen(g)}`, tex(bNew, 9),
    `The bias ${bname} moves against its gradient: from ${fmt(b)} to ${fmt(bNew)}.`);
}

/** The update of one weight by momentum or Adam, with the optimizer's own numbers. */
function explainOptimizer(ctx, f) {
  const { rec } = ctx;
  const { l, j, k } = f;
  const at = (m) => m?.[j]?.[k];
  const r = rec.ruleW[l], o = rec.opt;
  const w = rec.W[l][j][k], g = rec.nablaW[l][j][k], wNew = rec.Wnew[l][j][k];
  const name = weightName(ctx, l, j, k);
  if (rec.rule === "momentum") {
    return row(name, "v \\leftarrow \\mu v - \\eta \\frac{\\partial C}{\\partial w}, \\quad w \\leftarrow w + v",
      `v = ${tex(o.momentum)} \\times ${texParen(at(r.vOld))} - ${tex(rec.eta)} \\times ${texParen(g)} = ${tex(at(r.v))},\\ ` +
      `w = ${tex(w)} + ${texParen(at(r.v))}`, tex(wNew, 9),
      `Momentum: ${name}'s velocity keeps ${fmt(o.momentum)} of its last value and adds −η times the gradient; ` +
      `the weight moves by the velocity, from ${fmt(w)} to ${fmt(wNew)}.`);
  }
  return row(name, "w \\leftarrow w - \\eta \\frac{\\hat m}{\\sqrt{\\hat v} + \\epsilon}",
    `${tex(w)} - ${tex(rec.eta)} \\times \\frac{${tex(at(r.mHat))}}{\\sqrt{${tex(at(r.sHat))}} + ${tex(o.epsilon)}}`,
    tex(wNew, 9),
    `Adam (step t = ${o.t}): m = ${fmt(at(r.m))} is the running mean of ${name}'s gradient, v = ${fmt(at(r.s))} ` +
    `of its square; corrected for their start at zero (m̂ = ${fmt(at(r.mHat))}, v̂ = ${fmt(at(r.sHat))}), ` +
    "each weight gets a step of about η in the gradient's direction.");
}

/** One caption per phase, used when nothing particular is focused (and for the aria-live region). */
export function phaseCaption(phase, ctx) {
  const L = ctx.spec.sizes.length;
  const words = {
    start: "One training step begins: the inputs enter the network with its current weights.",
    z: `Layer ${phase.layer} adds up its weighted inputs: z = W a + b.`,
    a: `Layer ${phase.layer} applies its activation function: a = σ(z).`,
    cost: `The cost compares the output with the target: C = ${fmt(ctx.rec.cost)}.`,
    BP1: "The error is born at the output: how much the cost changes when each output's z changes.",
    BP2: `The error flows back to layer ${phase.layer} through the weights of layer ${phase.layer + 1}.`,
    BP3: "Each bias's gradient is its neuron's error δ.",
    BP4: "Each weight's gradient is the activation feeding it times the error of the neuron it feeds.",
    update: `Gradient descent: every weight moves by −η times its gradient (η = ${fmt(ctx.rec.eta)}).`,
  };
  return words[phase.eq] ?? "";
}
