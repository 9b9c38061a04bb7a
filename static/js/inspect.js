// The inspector's content: every number of one neuron or edge at full precision, the chain rule
// of one weight (seed 002), and the matrix view of a layer (seed 003). Pure: data in, rows/TeX out.

import { neuronName, updateNumbers, weightName } from "./explain.js";
import { FEATURES } from "./features.js";
import { tex, texParen } from "./format.js";
import { ACTIVATIONS, COSTS, UPDATE_RULES } from "./registry.js";

/** σ′ as the inspector names it: for softmax only the diagonal ∂a_j/∂z_j of its Jacobian is one number. */
const primeSymbol = (ctx, l, j) => (ACTIVATIONS[ctx.spec.activations[l - 2]].coupled
  ? `\\partial a^{${l}}_{${j}} / \\partial z^{${l}}_{${j}}\\ \\text{(diagonal)}` : `\\sigma'(z^{${l}}_{${j}})`);

/**
 * inspectNeuron → { title, rows: [{ key, tex (symbol), value }], perExample: [{x, delta}] | null }
 * Values are raw numbers (the renderer formats them at full precision).
 */
export function inspectNeuron(ctx, l, j) {
  const { rec, ex } = ctx;
  const rows = [];
  if (l === 1) {
    const feature = FEATURES[ctx.spec.features?.[j]];   // an input made from the example's own
    rows.push({ key: "x", tex: `${feature ? feature.tex : `x_{${j + 1}}`} = a^{1}_{${j + 1}}`, value: rec.a[1][ex][j] });
    return { title: `Input ${neuronName(ctx, l, j)}`, rows, perExample: null };
  }
  rows.push({ key: "z", tex: `z^{${l}}_{${j + 1}}`, value: rec.z[l][ex][j] });
  rows.push({ key: "a", tex: `a^{${l}}_{${j + 1}}`, value: rec.a[l][ex][j] });
  rows.push({ key: "sp", tex: primeSymbol(ctx, l, j + 1), value: rec.sp[l][ex][j] });
  if (l === rec.L) {
    rows.push({ key: "y", tex: `y_{${j + 1}}`, value: rec.y[ex][j] });
    rows.push({ key: "grad_a", tex: `\\partial C / \\partial a^{${l}}_{${j + 1}}`, value: rec.gradA[ex][j] });
  }
  rows.push({ key: "delta", tex: `\\delta^{${l}}_{${j + 1}}`, value: rec.delta[l][ex][j] });
  rows.push({ key: "b", tex: `b^{${l}}_{${j + 1}}`, value: rec.b[l][j] });
  rows.push({ key: "nabla_b", tex: `\\partial C / \\partial b^{${l}}_{${j + 1}}`, value: rec.nablaB[l][j] });
  rows.push({ key: "b_new", tex: `b^{${l}}_{${j + 1}}\\ \\text{after the update}`, value: rec.bnew[l][j] });
  const perExample = ctx.m > 1
    ? rec.delta[l].map((r, x) => ({ x: rec.batch.indices ? rec.batch.indices[x] : x, delta: r[j] }))
    : null;
  return { title: `Neuron ${neuronName(ctx, l, j)} (layer ${l}, neuron ${j + 1})`, rows, perExample };
}

/**
 * inspectEdge → { title, rows, chain: {symbolic, substituted, result} (TeX), update: TeX }
 * Chain rule along one weight: ∂C/∂w = ∂z/∂w · ∂a/∂z · ∂C/∂a, with ∂C/∂a = δ/σ'(z) recovered from the
 * trace (for the output, ∇_a C; for a hidden neuron, Σ_k w^{l+1}_{kj} δ^{l+1}_k).
 */
export function inspectEdge(ctx, l, j, k) {
  const { rec, ex } = ctx;
  const name = weightName(ctx, l, j, k);
  const w = rec.W[l][j][k], g = rec.nablaW[l][j][k], wNew = rec.Wnew[l][j][k];
  const dzdw = rec.a[l - 1][ex][k];
  const dadz = rec.sp[l][ex][j];
  const dCda = l === rec.L ? rec.gradA[ex][j]
    : rec.W[l + 1].reduce((s, rowW, kk) => s + rowW[j] * rec.delta[l + 1][ex][kk], 0);
  const J = j + 1, K = k + 1;
  const bp1 = COSTS[ctx.spec.cost].bp1;
  // At the output of a cross-entropy cost, ∂a/∂z · ∂C/∂a is not two factors to multiply: they cancel to a − y
  // (binary cross-entropy with a sigmoid), or softmax's Jacobian sums them (softmax cross-entropy).
  const chainCancels = l === rec.L && !bp1.generic;
  const C = ctx.m > 1 ? "C_x" : "C"; // one example of the batch: its own cost
  const chain = {
    symbolic: `\\frac{\\partial ${C}}{\\partial w^{${l}}_{${J}${K}}} = \\frac{\\partial z^{${l}}_{${J}}}{\\partial w^{${l}}_{${J}${K}}}` +
      ` \\cdot \\frac{\\partial a^{${l}}_{${J}}}{\\partial z^{${l}}_{${J}}} \\cdot \\frac{\\partial ${C}}{\\partial a^{${l}}_{${J}}}` +
      (chainCancels ? ` = a^{${l - 1}}_{${K}} \\,(a^{${l}}_{${J}} - y_{${J}})` : ""),
    substituted: chainCancels
      ? `${texParen(dzdw)} \\times (${tex(rec.a[l][ex][j])} - ${texParen(rec.y[ex][j])})`
      : `${texParen(dzdw)} \\times ${texParen(dadz)} \\times ${texParen(dCda)}`,
    result: tex(dzdw * rec.delta[l][ex][j]),
    note: chainCancels ? bp1.why : null,
  };
  const rule = UPDATE_RULES[rec.rule];
  const update = `${rule.numbers(updateNumbers(rec, "W", l, j, k))} = ${tex(wNew, 9)}`;
  const rows = [
    { key: "w", tex: `w^{${l}}_{${J}${K}}`, value: w },
    { key: "dzdw", tex: `\\partial z / \\partial w = a^{${l - 1}}_{${K}}`, value: dzdw },
    { key: "dadz", tex: `\\partial a / \\partial z = ${primeSymbol(ctx, l, J)}`, value: dadz },
    { key: "dCda", tex: `\\partial C / \\partial a^{${l}}_{${J}}`, value: dCda },
    { key: "grad", tex: `\\partial C / \\partial w^{${l}}_{${J}${K}}\\ \\text{(batch)}`, value: g },
    { key: "w_new", tex: `w^{${l}}_{${J}${K}}\\ \\text{after the update}`, value: wNew },
  ];
  return { title: `Weight ${name}: ${neuronName(ctx, l - 1, k)} → ${neuronName(ctx, l, j)}`, rows, chain, update };
}

/** A matrix as a TeX bmatrix, eliding the middle of big ones. */
export function bmatrix(rows, max = 6) {
  const cut = (list, fill) => (list.length <= max ? list
    : [...list.slice(0, max - 2), fill, list[list.length - 1]]);
  const body = cut(rows, null).map((r) => (r === null
    ? cut(rows[0], null).map(() => "\\vdots").join(" & ")
    : cut(r, null).map((v) => (v === null ? "\\cdots" : tex(v))).join(" & ")));
  return `\\begin{bmatrix} ${body.join(" \\\\ ")} \\end{bmatrix}`;
}

/** Seed 003's matrix view of layer l: W^l, δ^l, (a^{l−1})ᵀ and ∂C/∂W^l = δ^l (a^{l−1})ᵀ, shaped like W. */
export function matrixView(ctx, l) {
  const { rec, ex } = ctx;
  const column = (v) => v.map((x) => [x]);
  const m = ctx.m > 1 ? "\\frac{1}{m}\\sum_x " : "";
  return {
    weights: `W^{${l}} = ${bmatrix(rec.W[l])}`,
    gradient: `\\frac{\\partial C}{\\partial W^{${l}}} = ${m}\\delta^{${l}} (a^{${l - 1}})^{T}` +
      (ctx.m > 1 ? "" : ` = ${bmatrix(column(rec.delta[l][ex]))} ${bmatrix([rec.a[l - 1][ex]])}`) +
      ` = ${bmatrix(rec.nablaW[l])}`,
    shapes: `W^{${l}},\\ \\frac{\\partial C}{\\partial W^{${l}}} \\in \\mathbb{R}^{${rec.W[l].length} \\times ${rec.W[l][0].length}}`,
  };
}
