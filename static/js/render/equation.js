// The equation panel: the phase's equation, then for the focused neuron or edge the general form,
// the numbers substituted, the result, and a caption in words (also read out via aria-live).

import { explain, focusFor, generalEquation, phaseCaption } from "../explain.js";
import { keepFormulasWhole } from "./keep-whole.js";
import { prepareTex, renderTex } from "./katex.js";

/** Set a property only if it differs: rewriting even the same text makes the browser lay it out again. */
const set = (el, prop, value) => { if (el[prop] !== value) el[prop] = value; };

export function createEquationView(root) {
  const el = (id) => root.querySelector(`#${id}`);
  const badge = el("phase-badge"), title = el("phase-title"), general = el("eq-general");
  const rows = el("eq-rows"), element = el("eq-element"), symbolic = el("eq-symbolic");
  const substituted = el("eq-substituted"), result = el("eq-result"), caption = el("caption");
  const warm = createWarmer();
  // Fitted again when what they were measured with changes: KaTeX's fonts arriving after the first typesetting (a
  // fallback font is narrower), or the panel's width (a resize, the phone's rotation).
  const refit = () => fitAll([general, symbolic, substituted, result].filter((el) => el.dataset.tex));
  document.fonts?.addEventListener?.("loadingdone", refit);
  const pane = general.parentElement;
  let width = 0;
  new ResizeObserver(() => {
    if (pane.clientWidth !== width) { width = pane.clientWidth; refit(); }
  }).observe(pane);

  return {
    update(state) {
      const shown = panelAt(state, state.step, state.phaseIndex);
      if (!shown) return;
      const { phase, ex, tex } = shown;
      set(badge, "textContent", phase.eq === "start" ? "start" : phase.eq);
      set(title, "textContent", phase.title);
      const typeset = [];   // the equations written anew: fitted to the panel's width below, in one layout read
      if (general.dataset.tex !== tex.general || general.dataset.mode !== state.mode) {
        renderGeneral(general, tex.general);
        general.dataset.tex = tex.general;
        general.dataset.mode = state.mode;
        typeset.push(general);
      }
      set(rows, "hidden", !tex.symbolic);
      // Which element the rows explain, for tests and scripts that read the panel: "neuron:l:j" or "edge:l:j:k".
      const focusKey = shown.focus ? [shown.focus.kind, shown.focus.l, shown.focus.j, shown.focus.k].filter((v) => v !== undefined).join(":") : "";
      if (rows.dataset.focus !== focusKey) rows.dataset.focus = focusKey;
      if (tex.symbolic) {
        set(element, "textContent", ex.element ? `for ${ex.element}` : "");
        for (const [el, t] of [[symbolic, tex.symbolic], [substituted, tex.substituted], [result, tex.result]]) {
          if (el.dataset.tex === t && el.dataset.mode === state.mode) continue;
          renderTex(el, t);
          el.dataset.tex = t;
          el.dataset.mode = state.mode;
          if (t) typeset.push(el);
        }
        set(substituted.parentElement, "hidden", !tex.substituted);
      }
      fitAll(typeset);
      set(caption, "textContent", keepFormulasWhole(ex?.caption || phaseCaption(phase, shown.ctx)));
      warm(state);
    },
  };
}

/**
 * The phase's general form: each line of a gathered pair in a block of its own, typeset in display style but as
 * inline TeX — which, like the rows, can wrap at its operators when even the smallest size allowed does not fit
 * (binary cross-entropy's cost on a 1024-px projector). Display TeX never wraps: it could only scroll.
 */
function renderGeneral(el, tex) {
  el.replaceChildren(...generalLines(tex).map((line) => {
    const block = document.createElement("div");
    block.className = "eq-line";
    renderTex(block, `\\displaystyle ${line}`);
    return block;
  }));
}

/** The lines of `\begin{gathered} A \\ B \end{gathered}`, or the one line of any other TeX. */
function generalLines(tex) {
  const gathered = /^\s*\\begin\{gathered\}([\s\S]*)\\end\{gathered\}\s*$/.exec(tex);
  return gathered ? gathered[1].split("\\\\").map((line) => line.trim()).filter(Boolean) : [tex];
}

/**
 * Equations wider than the panel are set smaller rather than cut off: down to 70% of their size, and never under
 * projector mode's 24 px (--min-text). Each stays on one line (a line of the general form, the element's form,
 * its numbers, the result) where that fits, and wraps at its operators, at the floor size, where it does not. All
 * writes first, then one layout read for them all, then the sizes: a phase change lays the panel out once for
 * this, not once per equation.
 */
function fitAll(items) {
  if (!items.length) return;
  for (const el of items) {
    el.style.setProperty("--eq-fit", "1");
    el.classList.add("one-line");
  }
  const sizes = items.map((el) => [el.scrollWidth, el.clientWidth]);
  const over = sizes.map(([scroll, client]) => scroll / Math.max(1, client));
  items.forEach((el, i) => {
    if (sizes[i][0] <= sizes[i][1] + 1) return;   // fits (to the pixel)
    const size = parseFloat(getComputedStyle(el.querySelector(".katex") ?? el).fontSize) || 1;
    const least = Math.max(0.7, (parseFloat(getComputedStyle(el).getPropertyValue("--min-text")) || 0) / size);
    el.style.setProperty("--eq-fit", String(Math.max(least, 0.98 / over[i])));
    if (0.98 / over[i] < least) el.classList.remove("one-line");
  });
}

/**
 * What the panel shows at (step, phaseIndex) of the lesson in `state` — the phase, the explanation of the
 * focused neuron or edge, and the TeX of each row — or null if that step has not been fetched.
 */
function panelAt(state, step, phaseIndex) {
  const rec = state.history?.[step] ?? (step === state.step ? state.record : null);
  const phase = state.phases?.[phaseIndex];
  if (!rec || !phase) return null;
  const ctx = lessonContext({ ...state, record: rec });
  const focus = focusFor(phase, state.selection, rec.L);
  const ex = focus ? explain(phase, focus, ctx) : null;
  const tex = {
    general: generalEquation(phase, ctx),
    // Full-size fractions: the numbers of a softmax or an Adam step sit in a fraction, and inline TeX would
    // shrink them to a size no one at the back of a room can read.
    symbolic: ex?.symbolic ? `\\displaystyle ${ex.symbolic}` : "",
    substituted: ex?.symbolic && ex.substituted ? `\\displaystyle = ${ex.substituted}` : "",
    result: ex?.symbolic && ex.result ? `= ${ex.result}` : "",
  };
  return { phase, ctx, ex, tex, focus };
}

/**
 * Typeset the equations of the micro-steps next to the one in view (→ and ←) in idle time, as many as fit in
 * each idle slice, so that the next key press finds them ready (katex.js keeps them) and its frame only
 * copies them. A jump elsewhere (the timeline, Home) typesets in its own frame, as before.
 */
function createWarmer() {
  let queue = [];
  let job = 0;
  const idle = (fn) => (typeof requestIdleCallback === "function" ? requestIdleCallback(fn, { timeout: 2000 })
    : setTimeout(() => fn({ timeRemaining: () => 8 }), 50));

  function run(deadline) {
    job = 0;
    while (queue.length && deadline.timeRemaining() > 4) prepareTex(...queue.shift());
    if (queue.length) job = idle(run);
  }

  return (state) => {
    const count = state.phases?.length ?? 0;
    queue = [];
    for (const offset of [1, -1]) {
      const i = state.phaseIndex + offset;
      const near = panelAt(state, state.step + Math.floor(i / count), (i + count) % count);
      if (!near) continue;
      const { general, symbolic, substituted, result } = near.tex;
      queue.push(...generalLines(general).map((line) => [`\\displaystyle ${line}`, false]),
        [symbolic, false], [substituted, false], [result, false]);
    }
    if (queue.length && !job) job = idle(run);
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
