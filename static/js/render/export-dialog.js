// The export dialog: the network (JSON) out and back in, the trace of the step in view (JSON, CSV),
// and the diagram as SVG or PNG for slides.

import { download, jsonBlob, pngFromSvg, svgSnapshot, traceCsv } from "../export.js";
import { endOptimizerState, startParameters } from "../record.js";

export function createExportDialog(dialog, { getState, onLoad }) {
  const $ = (id) => dialog.querySelector(`#${id}`);
  const note = $("export-note");
  const name = () => {
    const s = getState();
    return `${s.preset ?? "network"}-step${s.step + 1}-${s.phaseId}`;
  };
  const say = (text) => { note.textContent = text; };

  $("export-network").addEventListener("click", async () => {
    const state = getState();
    const res = await fetch(`/api/networks/${state.network.id}/export`);
    if (!res.ok) return say("The server could not export the network; step once and try again.");
    // The server is one update ahead of the view (it has stepped to show this step): save the point in view.
    const doc = { ...(await res.json()), parameters: startParameters(state.record),
                  sampler: state.record.startSampler, steps: state.record.index };
    const before = state.history[state.record.index - 1];
    const memory = before ? endOptimizerState(before) : null; // momentum / Adam: their memory at this point
    if (memory) doc.optimizer_state = memory;
    else delete doc.optimizer_state;
    download(jsonBlob(doc), `${name()}.network.json`);
    say("Saved the network document. “Load a network” brings it back.");
  });
  $("export-trace-json").addEventListener("click", () => {
    download(jsonBlob(getState().record), `${name()}.trace.json`);
    say("Saved every number of this step as JSON.");
  });
  $("export-trace-csv").addEventListener("click", () => {
    download(new Blob([traceCsv(getState().record)], { type: "text/csv" }), `${name()}.trace.csv`);
    say("Saved every number of this step as CSV (one row per number).");
  });
  $("export-svg").addEventListener("click", async () => {
    const svg = document.querySelector("#diagram svg");
    download(new Blob([await svgSnapshot(svg)], { type: "image/svg+xml" }), `${name()}.svg`);
    say("Saved the diagram as SVG.");
  });
  $("export-png").addEventListener("click", async () => {
    const svg = document.querySelector("#diagram svg");
    const { width, height } = svg.getBoundingClientRect();
    download(await pngFromSvg(await svgSnapshot(svg), Math.round(width), Math.round(height)), `${name()}.png`);
    say("Saved the diagram as PNG (2× for slides).");
  });
  $("import-file").addEventListener("change", async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      const doc = JSON.parse(await file.text());
      if (doc?.format !== "backprop-explorer/network" || !doc.spec || !doc.parameters) {
        throw new Error("this is not a network document saved by Backprop Explorer");
      }
      const problem = await onLoad({ ...doc.spec, initial: doc.parameters });
      if (problem) throw new Error(problem);
      dialog.close();
    } catch (err) {
      say(`Could not load ${file.name}: ${err.message}. Nothing was changed.`);
    } finally {
      e.target.value = "";
    }
  });

  return { open() { say(""); dialog.showModal(); } };
}
