// The equation panel: the phase's equation, then for the focused neuron or edge the general form,
// the numbers substituted, the result, and a caption in words (also read out via aria-live).

import { explain, focusFor, generalEquation, phaseCaption } from "../explain.js";
import { renderTex } from "./katex.js";

export function createEquationView(root) {
  const el = (id) => root.querySelector(`#${id}`);
  const badge = el("phase-badge"), title = el("phase-title"), general = el("eq-general");
  const rows = el("eq-rows"), element = el("eq-element"), symbolic = el("eq-symbolic");
  const substituted = el("eq-substituted"), result = el("eq-result"), caption = el("caption");

  return {
    update(state) {
      const { record: rec, phases, phaseIndex } = state;
      if (!rec) return;
      const phase = phases[phaseIndex];
      const ctx = lessonContext(state);
      badge.textContent = phase.eq === "start" ? "start" : phase.eq;
      title.textContent = phase.title;
      renderTex(general, generalEquation(phase, ctx), true);
      const focus = focusFor(phase, state.selection, rec.L);
      const ex = focus ? explain(phase, focus, ctx) : null;
      rows.hidden = !ex || !ex.symbolic;
      if (ex && ex.symbolic) {
        element.textContent = ex.element ? `for ${ex.element}` : "";
        renderTex(symbolic, ex.symbolic);
        renderTex(substituted, ex.substituted ? `= ${ex.substituted}` : "");
        substituted.parentElement.hidden = !ex.substituted;
        renderTex(result, ex.result ? `= ${ex.result}` : "");
      }
      const words = ex?.caption || phaseCaption(phase, ctx);
      if (caption.textContent !== words) caption.textContent = words;
    },
  };
}

/** What explain.js and inspect.js need to know about the lesson in view. */
export function lessonContext(state) {
  const rec = state.record;
  return {
    rec,
    spec: state.network.spec,
    labels: state.network.labels,
    ex: Math.min(state.example ?? 0, rec.batch.examples_shown - 1),
    m: rec.batch.m,
  };
}
