// KaTeX, vendored from npm (static/vendor/katex). katex.render styles through the DOM, which a
// Content-Security-Policy without 'unsafe-inline' allows (renderToString + innerHTML would not).
import katex from "/static/vendor/katex/katex.mjs";

const cache = new WeakMap(); // element → the TeX it shows, so an unchanged equation is not re-rendered

export function renderTex(el, tex, display = false) {
  if (cache.get(el) === tex) return;
  cache.set(el, tex);
  if (!tex) {
    el.replaceChildren();
    return;
  }
  katex.render(tex, el, { throwOnError: false, displayMode: display, output: "htmlAndMathml" });
}
