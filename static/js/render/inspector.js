// The inspector: every number of the selected neuron or edge at full precision, the chain rule of
// a weight with numbers, the per-example errors of a batch, a hand edit, and the matrix view.

import { fmtFull, fmt } from "../format.js";
import { inspectEdge, inspectNeuron, matrixView } from "../inspect.js";
import { lessonContext } from "./equation.js";
import { renderTex } from "./katex.js";

export function createInspectorView(root, matrixRoot, { onEdit }) {
  let shownKey = null;

  function table(rows) {
    const t = document.createElement("table");
    for (const r of rows) {
      const tr = t.insertRow();
      const sym = tr.insertCell();
      renderTex(sym, r.tex);
      const val = tr.insertCell();
      val.className = "num";
      val.dataset.key = r.key;
      val.textContent = fmtFull(r.value);
      val.title = fmt(r.value);
    }
    return t;
  }

  function editor(label, value, apply) {
    const form = document.createElement("form");
    form.className = "edit";
    const id = `edit-${Math.random().toString(36).slice(2)}`;
    form.innerHTML = `<label for="${id}">${label} =</label><input id="${id}" type="number" step="any" required>
      <button class="btn" type="submit">Set</button><span class="hint">(from this step on)</span>`;
    form.querySelector("input").value = value;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const v = Number(form.querySelector("input").value);
      if (Number.isFinite(v)) apply(v);
    });
    return form;
  }

  return {
    update(state) {
      const { record: rec, selection: sel } = state;
      if (!rec) return;
      const key = JSON.stringify([sel, rec.index, rec.versionAfter, state.example, state.phaseId.startsWith("update")]);
      if (key !== shownKey) {
        shownKey = key;
        const ctx = lessonContext(state);
        root.replaceChildren();
        if (!sel) {
          const p = document.createElement("p");
          p.className = "hint";
          p.textContent = "Click a neuron or a weight (or Tab to it and press Enter) to see all its numbers.";
          root.append(p);
        } else if (sel.kind === "neuron") {
          const info = inspectNeuron(ctx, sel.l, sel.j);
          const h = document.createElement("h2");
          h.textContent = info.title;
          root.append(h, table(info.rows));
          if (info.perExample) {
            const p = document.createElement("p");
            p.textContent = `δ per example of the batch (the gradient above is their mean): ` +
              info.perExample.map((e) => `#${e.x}: ${fmt(e.delta)}`).join(", ");
            root.append(p);
          }
          if (sel.l >= 2) root.append(editor("b", rec.b[sel.l][sel.j], (v) => onEdit({ l: sel.l, j: sel.j, value: v })));
        } else {
          const info = inspectEdge(ctx, sel.l, sel.j, sel.k);
          const h = document.createElement("h2");
          h.textContent = info.title;
          const chain = document.createElement("div");
          chain.className = "chain";
          const c1 = document.createElement("div"), c2 = document.createElement("div"), c3 = document.createElement("div");
          renderTex(c1, info.chain.symbolic);
          renderTex(c2, `= ${info.chain.substituted} = ${info.chain.result}`);
          renderTex(c3, `w_{\\text{new}} = ${info.update}`);
          c2.dataset.row = "numbers"; // "= numbers = result" rows, for tests and scripts that check them
          c3.dataset.row = "numbers";
          chain.append(c1, c2, c3);
          if (info.chain.note) {
            const n = document.createElement("p");
            n.className = "hint";
            n.textContent = info.chain.note;
            chain.append(n);
          }
          root.append(h, chain, table(info.rows),
            editor("w", rec.W[sel.l][sel.j][sel.k], (v) => onEdit({ l: sel.l, j: sel.j, k: sel.k, value: v })));
        }
      }
      matrixRoot.hidden = !state.matrix;
      if (state.matrix) {
        const phase = state.phases[state.phaseIndex];
        const l = sel && sel.l >= 2 ? sel.l : (phase.layer && phase.layer >= 2 ? phase.layer : rec.L);
        const mv = matrixView(lessonContext(state), l);
        const mkey = JSON.stringify([l, rec.index, state.example]);
        if (matrixRoot.dataset.key !== mkey) {
          matrixRoot.dataset.key = mkey;
          matrixRoot.replaceChildren();
          for (const t of [mv.weights, mv.gradient]) {
            const d = document.createElement("div");
            d.className = "eq";
            renderTex(d, t, true);
            matrixRoot.append(d);
          }
        }
      }
    },
  };
}
