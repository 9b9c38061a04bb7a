// The input features in the lab, as Playground's column of them: one toggle per feature the data allow (x₁, x₂, x₁²,
// …: static/js/features.js), pressed while the network takes it. A toggle rebuilds the network at once, from fresh
// weights on the same data; at least one stays pressed. Data of more than 2 inputs of their own get none.
// createFeatureToggles(root, { onRespec(patch, note) }) → { sync(spec, pointSize) }
//
// x₁ and x₂ pressed alone are the data's own inputs: the spec says `features: []` then (fitFeatures), as a network
// built without ever touching a toggle does.

import { FEATURES, fitFeatures, inputNames } from "../features.js";

/** Which data the toggles were drawn for (the names of a CSV's columns are kept per data): a generated set's
 *  name, or the first rows of one's own (clicked-in points are added at the end). */
const dataKey = (spec) => JSON.stringify(spec.samples ? spec.samples.x.slice(0, 3) : spec.dataset?.name);

export function createFeatureToggles(root, { onRespec }) {
  let spec = null, d = 0, pressed = [];
  let drawnFor = null;          // the data's input count the buttons were made for
  let own = { key: null, names: null }; // the data's own inputs' names (a CSV's columns), put back with them

  const buttons = new Map();

  /** Layer 1's names no longer fit a new set of inputs (nor do the weights into layer 2): dropped, and the
   *  server names the features. Back to the data's own inputs, their own names come back. */
  function labelsFor(features) {
    const neurons = { ...spec.labels?.neurons }, weights = { ...spec.labels?.weights };
    delete neurons[1];
    delete weights[2];
    if (!features.length && own.key === dataKey(spec) && own.names?.length === d) neurons[1] = own.names;
    return { ...spec.labels, neurons, weights };
  }

  function toggle(name) {
    const on = new Set(pressed);
    if (on.has(name)) on.delete(name); else on.add(name);
    if (!on.size) return; // the last one stays (its button is disabled too)
    const chosen = Object.keys(FEATURES).filter((n) => on.has(n)); // in the registry's order, as Playground's
    const features = fitFeatures(chosen, d);
    const patch = { features, sizes: [chosen.length, ...spec.sizes.slice(1)], initial: null,
                    labels: labelsFor(features) };
    show(chosen); // pressed at once; a quick second toggle builds on this one
    spec = { ...spec, ...patch };
    onRespec(patch, `Inputs: ${chosen.map((n) => FEATURES[n].label).join(", ")}, from fresh weights.`);
  }

  function build() {
    buttons.clear();
    const lead = Object.assign(document.createElement("span"), { className: "features-lead", textContent: "inputs" });
    const allowed = Object.keys(FEATURES).filter((n) => FEATURES[n].reads <= d);
    root.replaceChildren(lead, ...allowed.map((name) => {
      const b = Object.assign(document.createElement("button"), { type: "button", className: "btn feature-toggle",
                                                                  textContent: FEATURES[name].label });
      b.dataset.feature = name;
      b.addEventListener("click", () => toggle(name));
      buttons.set(name, b);
      return b;
    }));
    drawnFor = d;
  }

  function show(names) {
    pressed = names;
    for (const [name, b] of buttons) {
      const on = names.includes(name);
      b.setAttribute("aria-pressed", String(on));
      b.disabled = on && names.length === 1;
      b.title = b.disabled ? "The network needs at least one input"
        : `${on ? "Leave out" : "Feed the network"} ${FEATURES[name].label}`;
    }
  }

  /** The spec built, and how many inputs its data have of their own (1: a curve, 2: the plane). */
  function sync(current, pointSize) {
    spec = current;
    d = pointSize;
    if (!spec.features?.length) own = { key: dataKey(spec), names: spec.labels?.neurons?.[1] ?? null };
    root.hidden = d < 1 || d > 2;
    if (root.hidden) return;
    if (drawnFor !== d) build();
    show(inputNames(spec, d));
  }

  return { sync };
}
