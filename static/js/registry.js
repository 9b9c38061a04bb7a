// The pages' one registry of activations, costs and update rules: each entry holds its function and the TeX
// that explains it, written once as a template. The same template gives the general form (with symbols), the
// per-element form and the numbers row, so the three can never teach different mathematics. The builder's menus
// and pairing rules, the lab's grid, its update menu, the lesson and the inspector all read it: a new entry here
// (and in the core) is picked up by each of them (tests/js/one-source.test.js). The names, pairing rules and
// functions are those of app/core/activations.py, costs.py and optimizers.py (tests/js/test_registry_parity.py
// holds them equal); the functions are checked against central differences in tests/js/registry.test.js.

import { fmt, tex, texParen } from "./format.js";
export const LEAKY_SLOPE = 0.01; // as LEAKY_SLOPE in app/core/activations.py

/**
 * An activation that acts on each z alone, from its scalar σ and σ′: fn(z) → σ(z), der(z) → σ′(z). The layer
 * forms follow from them, so a new entry needs only these two (and its words):
 *   layer(zs) → as;  prime(zs) → σ′(z_j) per element;  apply(z): σ in place over a whole array
 * An entry may write apply out itself, as the ones below do: a loop of its own lets the JIT inline its fn, where
 * the shared loop here calls whichever fn it is given (the lab's grid is then 1.5× slower).
 */
export function elementwise(entry) {
  const { fn, der } = entry;
  return {
    layer: (zs) => zs.map((z) => fn(z)),
    prime: (zs) => zs.map((z) => der(z)),
    apply(z) { for (let i = 0; i < z.length; i++) z[i] = fn(z[i]); },
    ...entry,
  };
}

// σ of each element-wise activation, as app/core/activations.py writes it.
const sigmoid = (z) => 1 / (1 + Math.exp(-z)); // e^{−z} = Infinity gives the 0 wanted: no overflow to fear in JS
// (1 − e^{−2|z|}) / (1 + e^{−2|z|}) with z's sign, and near 0 (where 1 − e^{−2|z|} would lose digits) the series
// z − z³/3 + 2z⁵/15 − 17z⁷/315: within 3e-15 of Math.tanh everywhere, and faster (the lab's grid applies it to
// every hidden neuron at every point of the plane, every frame; Math.expm1 or Math.tanh make that 8–15% slower).
function tanh(z) {
  const abs = Math.abs(z);
  if (abs < 0.01) {
    const s = z * z;
    return z * (1 - s * (1 / 3 - s * (2 / 15 - (s * 17) / 315)));
  }
  const e = Math.exp(-2 * abs);
  const t = (1 - e) / (1 + e);
  return z < 0 ? -t : t;
}
const relu = (z) => Math.max(0, z);
const leakyRelu = (z) => (z > 0 ? z : LEAKY_SLOPE * z);
const softplus = (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))); // ln(1 + e^z), never overflowing
// GELU in its tanh approximation, as GELU_K, GELU_C and GELU_CLIP in app/core/activations.py: beyond |z| = 20 the
// tanh is ±1 exactly, so the clip changes no result and keeps z³ (and 0 · ∞ in gelu′) away.
export const GELU_K = Math.sqrt(2 / Math.PI), GELU_C = 0.044715;
const geluClip = (z) => Math.min(Math.max(z, -20), 20);
const geluTanh = (z) => { const c = geluClip(z); return tanh(GELU_K * (c + GELU_C * c ** 3)); };

/**
 * Activations, as app/core/activations.py. Each maps a whole layer (softmax couples its neurons; the others act
 * element by element, see elementwise()):
 *   apply(z, n, m): σ in place over z laid out [j * m + p] (n neurons × m points), as the lab's grid holds them
 *   layer(zs) → as;  prime(zs) → σ′(z_j) per element (softmax: its Jacobian's diagonal, for display only)
 *   formula(v): σ(z_j) written with v = { z, zp (z after an operator), all (every z of the layer, or null), value
 *     (z's number; only in the numbers form, for a σ written by cases) }
 *   primeWords: σ′(z) in words, for the captions' "σ′ of the sigmoid is …"
 *   coupled: the neurons of a layer are coupled: the output layer only (the core's output_only)
 *   needsCost: the cost an output layer of it needs (needs_cost);  minWidth: its fewest neurons (min_width)
 */
export const ACTIVATIONS = {
  sigmoid: elementwise({
    symbol: "\\sigma", words: "sigmoid",
    fn: sigmoid,
    apply(z) { for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]); },
    der: (z) => sigmoid(z) * (1 - sigmoid(z)),
    formula: (v) => `\\frac{1}{1 + e^{-${v.zp}}}`,
    primeWords: "σ′(z) = σ(z)(1 − σ(z)) = a(1 − a)",
  }),
  tanh: elementwise({
    symbol: "\\tanh", words: "tanh",
    fn: tanh,
    apply(z) { for (let i = 0; i < z.length; i++) z[i] = tanh(z[i]); },
    der: (z) => 1 - tanh(z) ** 2,
    formula: (v) => `\\tanh(${v.z})`,
    primeWords: "tanh′(z) = 1 − tanh²(z) = 1 − a²",
  }),
  relu: elementwise({
    symbol: "\\mathrm{relu}", words: "ReLU",
    fn: relu,
    apply(z) { for (let i = 0; i < z.length; i++) z[i] = relu(z[i]); },
    der: (z) => (z > 0 ? 1 : 0), // the kink at 0 gets slope 0, as in the core
    formula: (v) => `\\max(0, ${v.z})`,
    primeWords: "relu′(z) is 1 where z > 0 and 0 elsewhere",
  }),
  leaky_relu: elementwise({
    symbol: "\\mathrm{lrelu}", words: "leaky ReLU",
    fn: leakyRelu,
    apply(z) { for (let i = 0; i < z.length; i++) z[i] = leakyRelu(z[i]); },
    der: (z) => (z > 0 ? 1 : LEAKY_SLOPE),
    formula: (v) => `\\max(${LEAKY_SLOPE} \\cdot ${v.zp}, ${v.z})`,
    primeWords: `lrelu′(z) is 1 where z > 0 and ${LEAKY_SLOPE} elsewhere`,
  }),
  softplus: elementwise({
    symbol: "\\mathrm{softplus}", words: "softplus",
    fn: softplus,
    der: sigmoid, // d/dz ln(1 + e^z) = σ(z)
    formula: (v) => `\\ln(1 + e^{${v.z}})`,
    primeWords: "softplus′(z) = σ(z), the sigmoid of z",
  }),
  elu: elementwise({
    symbol: "\\mathrm{elu}", words: "ELU",
    fn: (z) => (z > 0 ? z : Math.expm1(z)),
    der: (z) => (z > 0 ? 1 : Math.exp(z)),
    // With symbols, both cases; with a number, the case it falls in.
    formula: (v) => (v.value === undefined
      ? `\\begin{cases} ${v.z} & ${v.z} > 0 \\\\ e^{${v.z}} - 1 & ${v.z} \\le 0 \\end{cases}`
      : v.value > 0 ? v.z : `e^{${v.z}} - 1`),
    primeWords: "elu′(z) is 1 where z > 0 and e^z = a + 1 elsewhere",
  }),
  gelu: elementwise({
    symbol: "\\mathrm{gelu}", words: "GELU",
    fn: (z) => 0.5 * z * (1 + geluTanh(z)),
    der(z) {
      const t = geluTanh(z), c = geluClip(z);
      return 0.5 * (1 + t) + 0.5 * c * (1 - t * t) * GELU_K * (1 + 3 * GELU_C * c * c);
    },
    formula(v) {
      const numbers = v.value !== undefined, times = numbers ? " \\cdot " : "\\,";
      const k = numbers ? tex(GELU_K) : "\\sqrt{2/\\pi}";
      return `\\tfrac12${times}${v.zp}${times}\\big(1 + \\tanh\\big(${k}${times}(${v.z} + ${GELU_C}${times}` +
        `{${v.zp}}^{3})\\big)\\big)`;
    },
    primeWords: `gelu′(z) = ½(1 + t) + ½ z (1 − t²) √(2/π) (1 + ${3 * GELU_C} z²), with t the tanh in gelu(z)`,
    note: "GELU is z Φ(z) (Φ: the normal distribution's CDF) in its tanh approximation; √(2/π) ≈ 0.7979.",
  }),
  linear: elementwise({
    symbol: "\\mathrm{id}", words: "identity (linear)",
    fn: (z) => z,
    apply() {}, // σ(z) = z: the array is already its own image
    der: () => 1,
    formula: (v) => v.z,
    primeWords: "id′(z) = 1",
  }),
  softmax: {
    symbol: "\\mathrm{softmax}", words: "softmax", coupled: true, needsCost: "softmax_cross_entropy", minWidth: 2,
    apply(z, n, m) { // over the neurons of each point (a column), less its max so exp cannot overflow
      for (let p = 0; p < m; p++) {
        let max = -Infinity, sum = 0;
        for (let j = 0; j < n; j++) max = Math.max(max, z[j * m + p]);
        for (let j = 0; j < n; j++) sum += (z[j * m + p] = Math.exp(z[j * m + p] - max));
        for (let j = 0; j < n; j++) z[j * m + p] /= sum;
      }
    },
    layer(zs) {
      const as = zs.slice();
      this.apply(as, zs.length, 1);
      return as;
    },
    prime(zs) { return this.layer(zs).map((a) => a * (1 - a)); },
    // Every z of the layer is in the denominator: written out with numbers, as a sum with symbols.
    formula: (v) => `\\frac{e^{${v.z}}}{${v.all ? sumOf(v.all.map((z) => `e^{${z}}`)) : v.sum}}`,
    primeWords: "softmax couples its neurons: ∂a_i/∂z_j = a_i([i = j] − a_j)",
    note: "Softmax divides by the sum over the whole layer, so the outputs add up to 1.",
  },
};

/**
 * Can an output layer of `width` neurons with this activation go with this cost? The rules the core checks
 * (app/core/validation.py): the cost's paired output, the activation's needed cost, its fewest neurons.
 */
export function outputFits(activation, cost, width) {
  const A = ACTIVATIONS[activation], C = COSTS[cost];
  if (!A || !C) return false;
  return (!C.output || C.output === activation) && (!A.needsCost || A.needsCost === cost)
    && width >= (A.minWidth ?? 1);
}

/** The activation's formula for neuron j of layer l, with symbols. */
export function activationSymbolic(name, l, j) {
  const z = `z^{${l}}_{${j + 1}}`;
  return ACTIVATIONS[name].formula({ z, zp: z, all: null, sum: `\\sum_k e^{z^{${l}}_k}` });
}

/** The same formula with the numbers of the layer's weighted inputs zs. */
export function activationNumbers(name, zs, j) {
  return ACTIVATIONS[name].formula({ z: tex(zs[j]), zp: texParen(zs[j]), all: zs.map((x) => tex(x)), value: zs[j] });
}

/**
 * Costs, per example, as app/core/costs.py. C(as, ys) → number; gradA(as, ys) → ∂C/∂a_j.
 *   words: its name in a sentence;  menu: in the builder's menu;  output: the output activation it pairs with;
 *   task: the targets it is the usual choice for, then with its output (or freeOutput) — the lab's output layer
 *   term(y, a, times): the j-th term of the sum, written with symbols or numbers (a, y as TeX)
 *   outside(sum): what stands around the sum (½[…] or −[…])
 *   bp1: how δ^L follows from this cost and its output activation — the general form, the per-element
 *        derivation and the numbers row — and why, in words. `generic` is Nielsen's ∇_a C ⊙ σ′(z^L) as it
 *        stands; the others are the exact cancellations the core also computes (delta_rule "a_minus_y").
 */
export const COSTS = {
  quadratic: {
    words: "quadratic cost", menu: "quadratic ½‖y − a‖²", task: "regression", freeOutput: "linear",
    C: (as, ys) => 0.5 * as.reduce((s, a, j) => s + (ys[j] - a) ** 2, 0),
    gradA: (as, ys) => as.map((a, j) => a - ys[j]),
    term: (y, a) => `(${y} - ${a})^{2}`,
    outside: (sum) => `\\tfrac12 ${sum}`,
    bp1: {
      generic: true,
      general: (L) => `\\delta^{${L}} = \\nabla_a C \\odot \\sigma'(z^{${L}})` +
        ` = (a^{${L}} - y) \\odot \\sigma'(z^{${L}})`,
      element: (L, j) => `\\delta^{${L}}_{${j}} = (a^{${L}}_{${j}} - y_{${j}})\\, \\sigma'(z^{${L}}_{${j}})`,
      numbers: ({ a, y, sp }) => `(${tex(a)} - ${texParen(y)}) \\times ${texParen(sp)}`,
      why: "For the quadratic cost ∂C/∂a = a − y: how wrong the output is, times how sensitive the neuron is (σ′).",
    },
  },
  binary_cross_entropy: {
    words: "binary cross-entropy", menu: "binary cross-entropy", output: "sigmoid", task: "binary",
    C: (as, ys) => -as.reduce((s, a, j) => s + (ys[j] ? ys[j] * Math.log(a) : 0)
      + (ys[j] !== 1 ? (1 - ys[j]) * Math.log(1 - a) : 0), 0),
    gradA: (as, ys) => as.map((a, j) => (a - ys[j]) / (a * (1 - a))),
    term: (y, a, times) => `${y}${times}\\ln(${a}) + (1 - ${y})${times}\\ln(1 - ${a})`,
    outside: (sum) => `-${sum}`,
    bp1: {
      general: (L) => `\\delta^{${L}} = \\nabla_a C \\odot \\sigma'(z^{${L}}) = a^{${L}} - y`,
      element: (L, j) => {
        const a = `a^{${L}}_{${j}}`;
        return `\\delta^{${L}}_{${j}} = \\frac{\\partial C}{\\partial ${a}}\\, \\sigma'(z^{${L}}_{${j}})` +
          ` = \\frac{${a} - y_{${j}}}{${a}(1 - ${a})} \\cdot ${a}(1 - ${a}) = ${a} - y_{${j}}`;
      },
      numbers: ({ a, y }) => `${tex(a)} - ${texParen(y)}`,
      why: "With binary cross-entropy ∂C/∂a = (a − y)/(a(1 − a)), and the sigmoid's σ′(z) = a(1 − a): the two " +
        "cancel exactly, leaving output minus target — no σ′ to vanish when the neuron saturates.",
    },
  },
  softmax_cross_entropy: {
    words: "softmax cross-entropy", menu: "softmax cross-entropy", output: "softmax", task: "multiclass",
    C: (as, ys) => -as.reduce((s, a, j) => s + (ys[j] ? ys[j] * Math.log(a) : 0), 0),
    gradA: (as, ys) => as.map((a, j) => -ys[j] / a),
    term: (y, a, times) => `${y}${times}\\ln(${a})`,
    outside: (sum) => `-${sum}`,
    bp1: {
      general: (L) => `\\delta^{${L}} = \\Big(\\frac{\\partial a^{${L}}}{\\partial z^{${L}}}\\Big)^{T}` +
        ` \\nabla_a C = a^{${L}} - y`,
      element: (L, j) => `\\delta^{${L}}_{${j}} = \\sum_i \\frac{\\partial C}{\\partial a^{${L}}_i}\\,` +
        ` \\frac{\\partial a^{${L}}_i}{\\partial z^{${L}}_{${j}}} = \\sum_i \\Big(-\\frac{y_i}{a^{${L}}_i}\\Big)` +
        ` a^{${L}}_i \\big([i = ${j}] - a^{${L}}_{${j}}\\big) = a^{${L}}_{${j}} \\sum_i y_i - y_{${j}}` +
        ` = a^{${L}}_{${j}} - y_{${j}}`,
      numbers: ({ a, y }) => `${tex(a)} - ${texParen(y)}`,
      why: "Softmax couples its neurons: every a_i depends on every z_j (∂a_i/∂z_j = a_i([i = j] − a_j)), so there " +
        "is no element-wise σ′. Summing the chain rule over i, with ∂C/∂a_i = −y_i/a_i and Σ_i y_i = 1 (the " +
        "target is a probability distribution), leaves output minus target.",
    },
  },
};

/** The cost of one example: general (with a sum over j), or written out with the numbers of as and ys. */
export function costSymbolic(name, L) {
  const c = COSTS[name];
  const term = c.term("y_j", `a^{${L}}_j`, "\\,");
  // A term that is itself a sum (binary cross-entropy's two logs) goes in brackets: the Σ and the sign cover both.
  return c.outside(`\\sum_j ${term.includes(" + ") ? `\\big[${term}\\big]` : term}`);
}

export function costNumbers(name, as, ys) {
  const c = COSTS[name];
  return c.outside(`\\big[${sumOf(as.map((a, j) => c.term(texParen(ys[j]), texParen(a), " \\cdot ")))}\\big]`);
}

/**
 * Update rules of one parameter θ (a weight w or a bias b) with gradient g, as app/core/optimizers.py.
 *   menu: its name in the builder's menu;  hint: what it does, in the lab's tooltip
 *   slots: what it remembers per parameter array (STATE_SLOTS);  settings: its hyperparameters besides η
 *   eta (optional): { max, suggested, why }: η above max suits it badly, so choosing it suggests another
 *   apply(θ, g, state, hyper, t) → { theta, ... } (as app/core/optimizers.py, for the tests)
 *   symbolic(θ): the rule for one parameter named θ (TeX);  numbers(n): the same with n's numbers, where
 *   n = { theta, g, eta, vOld, v, mu, m, s, mHat, vHat, epsilon, after }
 *   how(name, n, t, what): the caption's words for parameter `name` (a "weight" or a "bias") at update t
 */
export const UPDATE_RULES = {
  sgd: {
    menu: "gradient descent", hint: "w ← w − η ∂C/∂w", slots: [], settings: [],
    title: "Gradient descent: every weight moves",
    words: (eta) => `Gradient descent: every weight and bias moves by −η times its gradient (η = ${eta}).`,
    apply: (theta, g, _state, h) => ({ theta: theta - h.eta * g }),
    symbolic: (p) => `${p} \\leftarrow ${p} - \\eta \\frac{\\partial C}{\\partial ${p}}`,
    numbers: (n) => `${tex(n.theta)} - ${tex(n.eta)} \\times ${texParen(n.g)}`,
    how: (name, n) => `${name} takes a step of size η = ${fmt(n.eta)} against its gradient ${fmt(n.g)}`,
  },
  momentum: {
    menu: "momentum (μ 0.9)", hint: "keeps a share μ of the last step", slots: ["velocity"], settings: ["momentum"],
    title: "Momentum: every weight moves by its velocity",
    words: (eta) => `Momentum: each weight's velocity keeps μ of its last value and adds −η times the gradient ` +
      `(η = ${eta}); the weight moves by its velocity.`,
    apply(theta, g, state, h) {
      const v = h.momentum * state.velocity - h.eta * g;
      return { theta: theta + v, velocity: v };
    },
    symbolic: (p) => `${p} \\leftarrow ${p} + \\underbrace{\\Big(\\mu v_{${p}}` +
      ` - \\eta \\frac{\\partial C}{\\partial ${p}}\\Big)}_{\\text{new } v_{${p}}}`,
    numbers: (n) => `${tex(n.theta)} + \\big(${tex(n.mu)} \\times ${texParen(n.vOld)}` +
      ` - ${tex(n.eta)} \\times ${texParen(n.g)}\\big)`,
    how: (name, n, _t, what) => `${name}'s velocity keeps μ = ${fmt(n.mu)} of its last value ${fmt(n.vOld)} and ` +
      `adds −η times its gradient ${fmt(n.g)}, giving ${fmt(n.v)}; the ${what} moves by it`,
  },
  adam: {
    menu: "Adam", hint: "a step of about η per weight, scaled by its gradient's history",
    slots: ["m", "v"], settings: ["beta1", "beta2", "epsilon"],
    // Adam moves each weight by about η a step: an η such as 0.3 (fine for sgd) makes it jitter.
    eta: { max: 0.1, suggested: 0.03, why: "Adam moves each weight by about η a step" },
    title: "Adam: every weight moves by its corrected moments",
    words: (eta) => `Adam: each weight keeps running means of its gradient (m) and of its square (v), corrected ` +
      `for their start at zero, and moves by about η = ${eta} in the gradient's direction.`,
    apply(theta, g, state, h, t) {
      const m = h.beta1 * state.m + (1 - h.beta1) * g;
      const v = h.beta2 * state.v + (1 - h.beta2) * g * g;
      const mHat = m / (1 - h.beta1 ** t), vHat = v / (1 - h.beta2 ** t);
      return { theta: theta - (h.eta * mHat) / (Math.sqrt(vHat) + h.epsilon), m, v, mHat, vHat };
    },
    // The whole rule, a line each: the moments of g = ∂C/∂θ, their correction for the start at zero, the step.
    general: "\\begin{gathered} m \\leftarrow \\beta_1 m + (1 - \\beta_1)\\, g,\\quad" +
      " v \\leftarrow \\beta_2 v + (1 - \\beta_2)\\, g^2" +
      " \\\\ \\hat m = \\frac{m}{1 - \\beta_1^t},\\quad \\hat v = \\frac{v}{1 - \\beta_2^t} \\\\ " +
      "\\theta \\leftarrow \\theta - \\eta \\frac{\\hat m}{\\sqrt{\\hat v} + \\epsilon} \\\\ EVERY \\end{gathered}",
    symbolic: (p) => `${p} \\leftarrow ${p} - \\eta \\frac{\\hat m_{${p}}}{\\sqrt{\\hat v_{${p}}} + \\epsilon}`,
    numbers: (n) => `${tex(n.theta)} - ${tex(n.eta)} \\times` +
      ` \\frac{${tex(n.mHat)}}{\\sqrt{${tex(n.vHat)}} + ${tex(n.epsilon)}}`,
    how: (name, n, t) => `Adam (step t = ${t}): m = ${fmt(n.m)} is the running mean of ${name}'s gradient and ` +
      `v = ${fmt(n.s)} that of its square; corrected for their start at zero, m̂ = ${fmt(n.mHat)} and ` +
      `v̂ = ${fmt(n.vHat)}, and ${name} moves by about η in the gradient's direction`,
  },
};

/** How the starting weights are drawn, as app/core/initialization.py's INITS, with the builder's menu text of each;
 *  `scaled`: it reads the spec's init_scale (a of U(−a, a)). */
export const INITS = {
  auto: { menu: "auto (by activation)" },
  glorot: { menu: "Glorot / Xavier" },
  he: { menu: "He" },
  zeros: { menu: "zeros (symmetric)", why: "every weight starts at 0: the hidden neurons of a layer start equal, "
    + "get equal gradients and stay equal" },
  uniform: { menu: "uniform ±a", scaled: true },
};

/** The general update row: the rule for every weight, and for every bias unless the biases are frozen. */
export function updateGeneral(rule, frozen) {
  const every = frozen ? "\\text{for every weight } \\theta = w \\text{ (the biases are frozen)}"
    : "\\text{for every } \\theta = w, b";
  const r = UPDATE_RULES[rule];
  return r.general ? r.general.replace("EVERY", every)
    : `\\begin{gathered} ${r.symbolic("\\theta")} \\\\ ${every} \\end{gathered}`;
}

/** A sum written out: at most 8 terms; a longer one keeps its first 6 and its last, the middle elided. */
export function sumOf(terms, max = 8) {
  if (terms.length <= max) return terms.join(" + ");
  return [...terms.slice(0, max - 2), "\\cdots", terms[terms.length - 1]].join(" + ");
}
