// Inputs and keys → actions. No drawing: the views update from the store.

const NEXT_KEYS = new Set(["ArrowRight", " ", "PageDown"]);
const BACK_KEYS = new Set(["ArrowLeft", "PageUp"]);

// Fields where keys are text: there → and Home move the caret and letters are typed.
const TEXT_INPUTS = new Set(["text", "number", "search", "email", "url", "password", "tel"]);
export const isTyping = (t) => t instanceof HTMLTextAreaElement || t?.isContentEditable === true
  || (t instanceof HTMLInputElement && TEXT_INPUTS.has(t.type));

export function bindControls(doc, store, actions) {
  const $ = (id) => doc.getElementById(id);

  $("next-button").addEventListener("click", () => actions.next());
  $("back-button").addEventListener("click", () => actions.back());
  $("home-button").addEventListener("click", () => actions.home());
  $("reset-button").addEventListener("click", () => actions.reset());
  $("play-button").addEventListener("click", () => actions.togglePlay());
  $("speed-select").addEventListener("change", (e) => store.set({ speed: Number(e.target.value) }));
  $("preset-select").addEventListener("change", (e) => actions.loadPreset(e.target.value));
  $("build-button").addEventListener("click", () => actions.openBuilder());
  $("neuron-qty").addEventListener("change", (e) => store.set({ neuronQty: e.target.value }));
  $("edge-qty").addEventListener("change", (e) => store.set({ edgeQty: e.target.value }));
  $("values-toggle").addEventListener("change", (e) => store.set({ showValues: e.target.checked }));
  $("matrix-toggle").addEventListener("change", (e) => store.set({ matrix: e.target.checked }));
  $("example-select").addEventListener("change", (e) => store.set({ example: Number(e.target.value) }));
  $("theme-button").addEventListener("click", () => actions.toggleTheme());
  $("projector-button").addEventListener("click", () => actions.toggleProjector());
  $("exit-projector").addEventListener("click", () => actions.toggleProjector());
  $("fullscreen-button").addEventListener("click", () => actions.fullscreen());
  $("help-button").addEventListener("click", () => actions.help());
  $("export-button").addEventListener("click", () => actions.exportDialog());

  doc.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return; // e.g. Space selecting a neuron
    const t = e.target;
    if (isTyping(t) || doc.querySelector("dialog[open]")) return; // a text field or a dialog owns its keys
    // Space and Enter on a focused button, checkbox or neuron activate it; don't also step. Every other key
    // steps as usual: a teacher who ticks "matrices" must still be able to press →.
    const onControl = t instanceof HTMLButtonElement || t?.getAttribute?.("role") === "button"
      || (t instanceof HTMLInputElement && (t.type === "checkbox" || t.type === "radio"));
    if (onControl && (e.key === " " || e.key === "Enter")) return;
    let handled = true;
    if (NEXT_KEYS.has(e.key)) actions.next();
    else if (BACK_KEYS.has(e.key)) actions.back();
    else if (e.key === "Home") actions.home();
    else if (e.key === "p" || e.key === "P") actions.togglePlay();
    else if (e.key === "f" || e.key === "F") actions.fullscreen();
    else if (e.key === "t" || e.key === "T") actions.toggleTheme();
    else if (e.key === "m" || e.key === "M") actions.toggleProjector();
    else if (e.key === "?") actions.help();
    else if (e.key === "c" || e.key === "C") actions.startClass?.(); // a live class: start it, or its panel
    else if (e.key === "q" || e.key === "Q") actions.ask?.();        // ask the class what comes next
    else if (e.key === "Escape" && store.get().selection) store.set({ selection: null }); // back to the phase's own focus
    else handled = false;
    if (handled) e.preventDefault();
  });
}

/** Keep the form controls showing what the state says (they may change from the URL or keys). */
export function syncControls(doc, state) {
  const $ = (id) => doc.getElementById(id);
  // Write only what changed: this runs on every render, and rewriting a text, even the same one, makes the
  // browser lay the stepper out again.
  const set = (el, prop, value) => { if (el[prop] !== value) el[prop] = value; };
  const attr = (el, name, value) => { if (el.getAttribute(name) !== value) el.setAttribute(name, value); };
  set($("preset-select"), "value", state.preset ?? "");
  set($("neuron-qty"), "value", state.neuronQty);
  set($("edge-qty"), "value", state.edgeQty);
  set($("values-toggle"), "checked", state.showValues);
  set($("matrix-toggle"), "checked", state.matrix);
  set($("play-button"), "textContent", state.playing ? "❚❚" : "▶");
  attr($("play-button"), "aria-label", state.playing ? "Pause (P)" : "Play (P)");
  attr($("projector-button"), "aria-pressed", String(state.mode === "projector"));
  set($("exit-projector"), "hidden", state.mode !== "projector");
  set($("back-button"), "disabled", state.step === 0 && state.phaseIndex === 0);
  const rec = state.record;
  if (rec) {
    set($("step-counter"), "textContent", `step ${rec.index + 1}`);
    const idx = rec.batch.indices;
    set($("example-info"), "textContent",
        rec.batch.m === 1 && idx ? `training example #${idx[0] + 1}` : `batch of ${rec.batch.m}`);
    const shown = rec.batch.examples_shown;
    set($("example-field"), "hidden", shown <= 1);
    const sel = $("example-select");
    if (sel.options.length !== shown) {
      sel.replaceChildren(...Array.from({ length: shown }, (_, i) => {
        const o = doc.createElement("option");
        o.value = String(i);
        o.textContent = `${i + 1} of ${rec.batch.m}`;
        return o;
      }));
    }
    set(sel, "value", String(Math.min(state.example, shown - 1)));
  }
}
