// KaTeX, vendored from npm (static/vendor/katex). katex.render styles through the DOM, which a
// Content-Security-Policy without 'unsafe-inline' allows (renderToString + innerHTML would not).
import katex from "/static/vendor/katex/katex.mjs";

const shown = new WeakMap(); // element → the TeX it shows, so an unchanged equation is not touched at all

// KaTeX's output for recent equations, kept detached: stepping back and forth, and the equations every step
// repeats (each phase's general form), are a copy of the DOM (cloneNode) instead of a new parse and build.
const rendered = new Map();  // (display, TeX) → a detached element holding KaTeX's output; oldest first
const KEEP = 120;

export function renderTex(el, tex, display = false) {
  if (shown.get(el) === tex) return;
  shown.set(el, tex);
  if (!tex) {
    el.replaceChildren();
    return;
  }
  el.replaceChildren(...built(tex, display).cloneNode(true).childNodes);
}

/** Typeset tex now, for a renderTex to come (the equation panel does this in idle time). */
export function prepareTex(tex, display = false) {
  if (tex) built(tex, display);
}

function built(tex, display) {
  const key = `${display ? "D" : "I"}${tex}`;
  let box = rendered.get(key);
  if (box) {
    rendered.delete(key); // most recently used goes last
  } else {
    box = document.createElement("div");
    katex.render(tex, box, { throwOnError: false, displayMode: display, output: "htmlAndMathml" });
    if (rendered.size >= KEEP) rendered.delete(rendered.keys().next().value);
  }
  rendered.set(key, box);
  return box;
}
