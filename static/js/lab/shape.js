// Shape the network in the lab, as in Playground: + / − hidden layer, + / − neuron and the activation of each
// hidden layer, in a bar above the diagram. The input and output layers follow the data and the task; a change
// rebuilds the network at once (fresh starting weights) on the same data. At its end, how those starting weights are
// drawn (the registry's INITS: zeros shows the symmetry problem in one click, uniform asks for its a).
// createShapeControls(root, { onRespec(patch, note) }) → { sync(spec) }

import { ACTIVATIONS, INITS } from "../registry.js";
import { activationList } from "./spec.js";

const MAX_HIDDEN_LAYERS = 6;   // Playground's own limits: a lab network stays small enough to draw and to follow
const MAX_NEURONS = 8;
const NEW_LAYER = { neurons: 4 }; // a new hidden layer: 4 neurons of the last hidden layer's activation (or tanh)

export function createShapeControls(root, { onRespec }) {
  let spec = null;

  const button = (text, label, disabled, onclick) => {
    const b = document.createElement("button");
    Object.assign(b, { type: "button", className: "btn icon", textContent: text, disabled, onclick });
    b.setAttribute("aria-label", label);
    return b;
  };

  /** A new spec of these hidden sizes and activations: input and output stay as they are. */
  function reshape(hidden, acts, note) {
    const { sizes } = spec, out = activationList(spec).at(-1);
    onRespec({ sizes: [sizes[0], ...hidden, sizes.at(-1)], activations: [...acts, out], initial: null }, note);
  }

  function sync(current) {
    spec = current;
    const hidden = spec.sizes.slice(1, -1), acts = activationList(spec).slice(0, -1);
    const choices = Object.keys(ACTIVATIONS).filter((a) => !ACTIVATIONS[a].coupled);
    const layers = hidden.map((n, i) => {
      const l = i + 2, box = document.createElement("span");
      box.className = "shape-layer";
      const count = document.createElement("span");
      count.className = "count";
      count.textContent = String(n);
      const menu = document.createElement("select");
      menu.setAttribute("aria-label", `activation of layer ${l}`);
      menu.append(...choices.map((a) => new Option(a, a, false, a === acts[i])));
      menu.onchange = () => reshape(hidden, acts.map((a, k) => (k === i ? menu.value : a)),
                                    `Layer ${l}: ${menu.value}, from fresh weights.`);
      const name = document.createElement("span");
      name.className = "shape-label";
      name.textContent = `l = ${l}`;
      box.append(
        name,
        button("−", `fewer neurons in layer ${l}`, n <= 1,
               () => reshape(hidden.map((m, k) => (k === i ? m - 1 : m)), acts, `Layer ${l}: ${n - 1} neurons.`)),
        count,
        button("+", `more neurons in layer ${l}`, n >= MAX_NEURONS,
               () => reshape(hidden.map((m, k) => (k === i ? m + 1 : m)), acts, `Layer ${l}: ${n + 1} neurons.`)),
        menu);
      return box;
    });
    const last = acts.at(-1) ?? "tanh";
    const init = spec.init ?? "auto";
    root.replaceChildren(
      button("+", "add a hidden layer", hidden.length >= MAX_HIDDEN_LAYERS,
             () => reshape([...hidden, NEW_LAYER.neurons], [...acts, last], "A hidden layer more.")),
      button("−", "remove the last hidden layer", hidden.length === 0,
             () => reshape(hidden.slice(0, -1), acts.slice(0, -1), "A hidden layer less.")),
      Object.assign(document.createElement("span"), { className: "shape-label",
                                                      textContent: `${hidden.length} hidden` }),
      ...layers, startChoice(init));
  }

  /** "start": the scheme of the starting weights, and a of uniform(−a, a) when it is uniform; one group. */
  function startChoice(init) {
    const group = Object.assign(document.createElement("span"), { className: "shape-layer" });
    const label = Object.assign(document.createElement("span"), { className: "shape-label", textContent: "start" });
    const menu = document.createElement("select");
    menu.id = "lab-init";
    menu.setAttribute("aria-label", "starting weights");
    menu.append(...Object.entries(INITS).map(([name, e]) => new Option(e.menu ?? name, name, false, name === init)));
    menu.onchange = () => {   // a scheme that teaches something says what
      const { menu: words, why } = INITS[menu.value];
      onRespec({ init: menu.value }, `Starting weights: ${words ?? menu.value}${why ? `: ${why}` : ""}.`);
    };
    group.append(label, menu);
    if (!INITS[init]?.scaled) return group;
    const scale = Object.assign(document.createElement("input"), { type: "number", step: "any", min: "0",
                                                                   className: "narrow", value: spec.init_scale });
    scale.setAttribute("aria-label", "uniform init scale a");
    scale.onchange = () => {
      const a = Number(scale.value);
      if (scale.value !== "" && a > 0 && a <= 100) onRespec({ init_scale: a }, `Starting weights within ±${a}.`);
      else scale.value = spec.init_scale;
    };
    group.append(Object.assign(document.createElement("span"), { className: "shape-label", textContent: "a" }), scale);
    return group;
  }

  return { sync };
}
