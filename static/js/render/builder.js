// The builder dialog: layers and neurons (+/−), activation per layer, cost, η, λ, batch size,
// seed, and the data. It edits a copy of a spec and hands it back on "Build and start".
// Its menus and the pairing of an output layer with its cost come from the registry (static/js/registry.js).

import { FEATURES, fitFeatures, inputNames } from "../features.js";
import { ACTIVATIONS, COSTS, INITS, UPDATE_RULES, outputFits } from "../registry.js";
import { outputOf } from "../lab/spec.js";

// Chosen defaults: the activation of the layer "+ hidden layer" adds, and the update rule of a spec that names
// none (the server's default).
const NEW_HIDDEN = "sigmoid";
const DEFAULT_RULE = "sgd";

/**
 * The menus, { value: text }, read from the registry when the dialog draws (so a new entry is in them). A hidden
 * layer's menu leaves out the activations that couple a layer's neurons (softmax: the output layer only).
 */
export function menus() {
  const of = (registry) => Object.fromEntries(Object.entries(registry).map(([name, e]) => [name, e.menu ?? name]));
  const activations = Object.fromEntries(Object.keys(ACTIVATIONS).map((a) => [a, a]));
  const hiddenActivations = Object.fromEntries(Object.keys(activations).filter((a) => !ACTIVATIONS[a].coupled)
    .map((a) => [a, a]));
  return { activations, hiddenActivations, costs: of(COSTS), optimizers: of(UPDATE_RULES), inits: of(INITS) };
}

/**
 * A data set fixes the input and output widths of a spec (changed in place): several outputs are classes, and
 * take the multiclass task's output layer and cost; one output keeps the spec's, unless they do not fit it
 * (a softmax needs 2 neurons), when it takes the binary task's.
 */
export function fitToData(spec, info) {
  if (!info) return;
  const L = spec.sizes.length;
  spec.sizes[0] = info.input_size;
  spec.sizes[L - 1] = info.output_size;
  const task = info.output_size > 1 ? "multiclass"
    : outputFits(spec.activations[L - 2], spec.cost, 1) ? null : "binary";
  if (task) {
    spec.activations[L - 2] = outputOf(task).activation;
    spec.cost = outputOf(task).cost;
  }
}

export function createBuilderView(dialog, { onApply, datasets }) {
  const body = dialog.querySelector("#builder-body");
  const error = dialog.querySelector("#builder-error");
  let spec = null;
  let original = null;

  const h = (tag, attrs = {}, ...children) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
      else if (v !== false && v !== null && v !== undefined) el.setAttribute(k, v === true ? "" : v);
    }
    el.append(...children);
    return el;
  };

  function select(options, value, onChange, label) {
    const s = h("select", { "aria-label": label, onchange: (e) => onChange(e.target.value) });
    for (const [v, text] of Object.entries(options)) s.append(h("option", { value: v, selected: v === value }, text));
    return s;
  }

  function number(value, onChange, label, attrs = {}) {
    return h("input", { type: "number", step: "any", value, "aria-label": label, ...attrs,
                        onchange: (e) => onChange(Number(e.target.value)) });
  }

  function render() {
    const L = spec.sizes.length;
    const menu = menus();
    const layers = h("div", { class: "layers" });
    spec.sizes.forEach((n, i) => {
      const l = i + 1;
      const box = h("div", { class: "layer" }, h("span", {}, l === 1 ? "input" : l === L ? "output" : `layer ${l}`));
      box.append(h("div", { class: "row" },
        h("button", { type: "button", class: "btn icon", "aria-label": `fewer neurons in layer ${l}`,
                      onclick: () => { spec.sizes[i] = Math.max(1, n - 1); render(); } }, "−"),
        h("span", { class: "count", "aria-label": `${n} neurons in layer ${l}` }, String(n)),
        h("button", { type: "button", class: "btn icon", "aria-label": `more neurons in layer ${l}`,
                      onclick: () => { spec.sizes[i] = n + 1; render(); } }, "+")));
      if (l >= 2) {
        box.append(select(l === L ? menu.activations : menu.hiddenActivations, spec.activations[l - 2], (v) => { spec.activations[l - 2] = v; },
                          `activation of layer ${l}`));
      }
      layers.append(box);
    });
    const layerButtons = h("div", { class: "row" },
      h("button", { type: "button", class: "btn", onclick: () => {
        spec.sizes.splice(L - 1, 0, 3); spec.activations.splice(L - 2, 0, NEW_HIDDEN); render();
      } }, "+ hidden layer"),
      h("button", { type: "button", class: "btn", disabled: L <= 2, onclick: () => {
        spec.sizes.splice(L - 2, 1); spec.activations.splice(L - 3, 1); render();
      } }, "− hidden layer"));

    const dataOptions = {
      ...(original.samples ? { samples: "the preset's own examples" } : {}),
      ...Object.fromEntries(datasets.map((d) => [d.name, `${d.name} — ${d.title}`])),
    };
    const dataChoice = spec.dataset ? spec.dataset.name : "samples";
    const data = h("div", { class: "row" }, h("label", {}, "data ", select(dataOptions, dataChoice, (v) => {
      if (v === "samples") {
        spec.samples = original.samples;
        spec.dataset = null;
        spec.sizes[0] = original.sizes[0];
        spec.sizes[spec.sizes.length - 1] = original.sizes.at(-1);
      } else {
        spec.dataset = { name: v, n: spec.dataset?.n ?? 200, noise: spec.dataset?.noise ?? 0.1,
                         test_fraction: 0.2, seed: spec.dataset?.seed ?? 0 };
        spec.samples = null;
        spec.features = [];   // the new data's own inputs; its features are chosen below
        fitToData(spec, datasets.find((d) => d.name === v));
      }
      render();
    }, "data set")));
    const features = spec.dataset ? featureRow(datasets.find((d) => d.name === spec.dataset.name)) : null;
    if (spec.dataset) {
      data.append(h("label", {}, "examples ", number(spec.dataset.n, (v) => { spec.dataset.n = v; },
                                                     "number of examples", { min: 4, step: 1 })),
                  h("label", {}, "noise ", number(spec.dataset.noise, (v) => { spec.dataset.noise = v; }, "noise",
                                                  { min: 0, max: 1 })));
    }

    body.replaceChildren(
      h("fieldset", {}, h("legend", {}, "Layers (input = layer 1)"), layers, layerButtons),
      h("fieldset", {}, h("legend", {}, "Training"), h("div", { class: "row" },
        h("label", {}, "cost ", select(menu.costs, spec.cost, (v) => { spec.cost = v; }, "cost")),
        h("label", {}, "η ", number(spec.eta, (v) => { spec.eta = v; }, "learning rate eta", { min: 0 })),
        h("label", {}, "λ ", number(spec.lam, (v) => { spec.lam = v; }, "L2 strength lambda", { min: 0 })),
        h("label", {}, "λ₁ ", number(spec.l1 ?? 0, (v) => { spec.l1 = v; }, "L1 strength", { min: 0 })),
        h("label", {}, "optimizer ", select(menu.optimizers, spec.optimizer ?? DEFAULT_RULE,
                                             (v) => { spec.optimizer = v; }, "optimizer")),
        h("label", {}, "batch ", number(spec.batch_size, (v) => { spec.batch_size = v; }, "batch size",
                                        { min: 1, step: 1 })),
        h("label", {}, "seed ", number(spec.seed, (v) => { spec.seed = v; }, "seed", { min: 0, step: 1 })),
        h("label", {}, "start ", select(menu.inits, spec.init ?? "auto", (v) => {
          spec.init = v;
          render(); // uniform's a shows only for uniform
        }, "starting weights")),
        ...(INITS[spec.init ?? "auto"].scaled ? [h("label", {}, "a ", number(spec.init_scale ?? 0.5,
          (v) => { spec.init_scale = v; }, "uniform init scale a", { min: 0, max: 100 }))] : []),
        h("label", {}, h("input", { type: "checkbox", checked: spec.freeze_biases,
                                    onchange: (e) => { spec.freeze_biases = e.target.checked; } }), " freeze biases"))),
      h("fieldset", {}, h("legend", {}, "Data"), data, ...(features ? [features] : [])));
  }

  /** The input features a generated data set may have (as in TensorFlow Playground): each checked one is an input
   *  neuron; at least one stays checked. */
  function featureRow(info) {
    const d = info?.input_size ?? 0;
    if (!d || d > 2) return null;
    const chosen = new Set(inputNames(spec, d));
    const boxes = Object.entries(FEATURES).filter(([, f]) => f.reads <= d).map(([name, f]) =>
      h("label", {}, h("input", { type: "checkbox", checked: chosen.has(name), "aria-label": `input feature ${f.label}`,
                                  onchange: (e) => {
        const names = Object.keys(FEATURES).filter((n) => (n === name ? e.target.checked : chosen.has(n)));
        if (!names.length) { e.target.checked = true; return; }   // a network needs an input
        spec.features = fitFeatures(names, d);
        spec.sizes[0] = names.length;
        render();
      } }), ` ${f.label}`));
    return h("div", { class: "row", role: "group", "aria-label": "input features" }, "inputs: ", ...boxes);
  }

  dialog.querySelector("#builder-cancel").addEventListener("click", () => dialog.close());
  dialog.querySelector("#builder-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    error.hidden = true;
    const sameShape = JSON.stringify(spec.sizes) === JSON.stringify(original.sizes);
    const sameInputs = JSON.stringify(spec.features ?? []) === JSON.stringify(original.features ?? []);
    const out = { ...spec, labels: sameShape && sameInputs ? spec.labels : null };
    // A new shape, seed or way of drawing them: fresh starting weights.
    const redraw = ["seed", "init", "init_scale"].some((k) => (out[k] ?? null) !== (original[k] ?? null));
    if (!sameShape || !sameInputs || redraw) delete out.initial;
    if (!sameShape) out.shared_bias = false;
    const problem = await onApply(out);
    if (problem) {
      error.textContent = problem;
      error.hidden = false;
    } else dialog.close();
  });

  return {
    open(currentSpec) {
      original = structuredClone(currentSpec);
      spec = structuredClone(currentSpec);
      error.hidden = true;
      render();
      dialog.showModal();
    },
  };
}
