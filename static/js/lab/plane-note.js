// What the lab's right side shows for its data: the plane for data of 2 inputs of their own (whatever features the
// network takes of them), a curve for 1, and for more a note that says why there is no picture; the plane's axes;
// and the classes a click on the plane can add.
// showPlaneOrWhy(lab, adder)   lab: { network, data, task, about }; adder: the point adder (points.js)

import { pointSize } from "./grid.js";

const $ = (id) => document.getElementById(id);

/** The plane exists for data of 2 inputs only (GET /boundary answers 422 otherwise): else say why it is missing. */
export function showPlaneOrWhy(lab, adder) {
  const { spec, labels } = lab.network;
  const d = pointSize(lab.data);
  // The data's own inputs' names (a CSV's columns) are layer 1's, unless the network takes features of them.
  const names = spec.features?.length ? [] : labels?.neurons?.[1] ?? [];
  const flat = d > 2; // one input is drawn as a curve, two as the plane
  $("lab-right").classList.toggle("no-plane", flat);
  $("plane-note").hidden = !flat;
  const which = names.length && names.length <= 4 ? ` (${names.join(", ")})` : "";
  $("plane-note").textContent = flat ? "No decision boundary to draw: it is a picture over the plane of two inputs, " +
    `and these data have ${d} inputs${which}. The loss curves and the gradient norms still show how training goes.`
    : "";
  const [a, b] = names.length === 2 ? names : d === 1 ? [names[0] ?? "x", "y"] : ["x₁", "x₂"];
  $("plane-axes").textContent = `${a} →   ${b} ↑${lab.about.scaled ? "   (standardized)" : ""}`;
  const classes = d !== 2 || lab.task === "regression" ? 0 : spec.sizes.at(-1) === 1 ? 2 : spec.sizes.at(-1);
  adder.sync(classes, lab.about.classes);
}
