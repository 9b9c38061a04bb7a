// The plane's legend for a number to fit (a regression over two inputs): which color stands for which target value.
// A class has its own color, but the plane of a regression is continuous — orange below 0, neutral at 0, purple
// above — and a color says nothing without its scale. The legend is a bar of the plane's own colors from −s to s,
// s the largest |target| (the range the points' colors run over), with the ends and 0 written on it.
// createTargetLegend(el) → { update(state) }   state: { scale: s, max: the value at which the plane's color is full
//   (its heatmap colors v as color(v, max)) }, or null to hide the legend (a classification, a curve).
// Styled here, in em, so that it grows with the bar under the plane (24 px text in projector mode); the scale's
// colors are the same in both themes, and its middle is always near white, so the 0 on it is black.

import { color } from "../color.js";
import { fmt } from "../format.js";

const SAMPLES = 17; // colors along the bar: color() is linear between its stops, and 17 follow them closely

function part(tag, style, text = "") {
  const el = document.createElement(tag);
  Object.assign(el.style, style);
  el.textContent = text;
  return el;
}

export function createTargetLegend(el) {
  if (!el) return { update() {} };
  const low = part("span", { fontVariantNumeric: "tabular-nums" });
  const high = part("span", { fontVariantNumeric: "tabular-nums" });
  const bar = part("span", { display: "inline-flex", alignItems: "center", justifyContent: "center", width: "5.5em",
                             height: "1.25em", borderRadius: "3px", boxShadow: "0 0 0 1px var(--line)", color: "#000",
                             fontSize: "0.85em", fontWeight: "600" }, "0");
  const row = part("span", { display: "inline-flex", alignItems: "center", gap: "0.35em", whiteSpace: "nowrap" });
  row.append(part("span", {}, "target"), low, bar, high);
  el.replaceChildren(row);
  el.setAttribute("role", "img");
  let shown; // the state on screen, as text: nothing is redrawn while it stays the same (the plane calls every frame)

  return {
    update(state) {
      const key = state ? `${state.scale} ${state.max}` : "";
      if (key === shown) return;
      shown = key;
      el.hidden = !state;
      if (!state) return;
      const { scale, max } = state;
      const stops = Array.from({ length: SAMPLES }, (_, i) => {
        const share = i / (SAMPLES - 1);
        return `${color((2 * share - 1) * scale, max)} ${(100 * share).toFixed(1)}%`;
      });
      bar.style.background = `linear-gradient(to right, ${stops.join(", ")})`;
      low.textContent = fmt(-scale, 2);
      high.textContent = fmt(scale, 2);
      el.setAttribute("aria-label", `Target value by color: orange ${low.textContent}, neutral 0, purple ` +
        `${high.textContent}`);
    },
  };
}
