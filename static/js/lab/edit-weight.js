// Click an edge of the lab's diagram to set its weight, as in Playground: a small dialog with the weight's value;
// Set puts the network's parameters with that one weight changed (PUT …/parameters), and training goes on from
// there. createWeightEditor(dialog, { lab, stop, onChanged(doc) }) → { open(selection) }

import { api } from "../api.js";

export function createWeightEditor(dialog, { lab, stop, onChanged }) {
  const input = dialog.querySelector("input");
  const title = dialog.querySelector("h2");
  const error = dialog.querySelector(".error");
  let edge = null;

  dialog.querySelector("form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = Number(input.value);
    if (input.value.trim() === "" || !Number.isFinite(value)) {
      error.textContent = "A weight is a number, for example -0.5.";
      return;
    }
    try {
      const now = await api.getNetwork(lab.network.id); // the weights as training left them
      const parameters = structuredClone(now.parameters);
      parameters.find((p) => p.l === edge.l).W[edge.j][edge.k] = value;
      // The batch position and the optimizer's memory go on as they were: only the weight changes.
      const sampler = { epoch: now.sampler.epoch, cursor: now.sampler.cursor };
      onChanged(await api.setParameters(now.id, { parameters, sampler, optimizer_state: now.optimizer_state }));
      dialog.close();
    } catch (err) {
      error.textContent = err.message;
    }
  });
  dialog.querySelector(".cancel").addEventListener("click", () => dialog.close());

  return {
    /** An edge of the diagram was clicked (or chosen with Enter): ask for its new weight. */
    open(selection) {
      if (selection?.kind !== "edge") return;
      stop({ quiet: true });
      edge = selection;
      const w = lab.network.parameters.find((p) => p.l === edge.l).W[edge.j][edge.k];
      title.textContent = `Weight w${edge.l} from neuron ${edge.k + 1} of layer ${edge.l - 1} to neuron ` +
        `${edge.j + 1} of layer ${edge.l}`;
      input.value = String(Number(w.toPrecision(4)));
      error.textContent = "";
      dialog.showModal();
      input.select();
    },
  };
}
