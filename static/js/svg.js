// The one SVG element helper.
const NS = "http://www.w3.org/2000/svg";

/** svg("circle", { cx: 1, r: 2, class: "neuron" }, parent?) → the element. */
export function svg(tag, attrs = {}, parent = null) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (parent) parent.appendChild(el);
  return el;
}

export function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (el.getAttribute(k) !== String(v)) el.setAttribute(k, v);
  }
}
