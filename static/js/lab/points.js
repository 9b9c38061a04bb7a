// Click to add training points: on 2-D classification data, a click on the plane adds a point of the picked
// class there. Quick clicks are batched: the network is rebuilt at most every WAIT ms, from its current weights.
// createPointAdder({ canvas, picker, plane, rebuild, onChange }) → { sync(k, names), pending() }
//   rebuild(points) → Promise: a new network whose training set is the current one plus `points` ({ x, y });
//   onChange(): the points waiting changed (redraw the plane).

import { classColor } from "./plane.js";

const WAIT = 300;

export function createPointAdder({ canvas, picker, plane, rebuild, onChange }) {
  let k = 0;
  let chosen = 0;
  let waiting = []; // clicked, not yet sent
  let sending = []; // in the rebuild under way
  let timer = null;

  const target = (c) => (k === 2 ? [c] : Array.from({ length: k }, (_, j) => (j === c ? 1 : 0)));

  function choose(c) {
    chosen = c;
    for (const b of picker.querySelectorAll("button")) b.setAttribute("aria-checked", String(Number(b.value) === c));
  }

  /** Build the picker for k classes (k = 0: adding is off). names: the classes' names, if known. */
  function sync(classes, names = null) {
    const key = `${classes}|${names ?? ""}`;
    canvas.classList.toggle("addable", classes > 0);
    picker.hidden = classes === 0;
    if (picker.dataset.key === key) return;
    picker.dataset.key = key;
    k = classes;
    const lead = document.createElement("span");
    lead.className = "picker-lead";
    lead.textContent = names ? "click adds" : "click adds class";  // unnamed classes are numbers, as in the matrix
    picker.replaceChildren(lead);
    for (let c = 0; c < k; c++) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "class-choice";
      b.value = String(c);
      b.setAttribute("role", "radio");
      const dot = document.createElement("span");
      dot.className = "dot";
      dot.style.background = classColor(c);
      // A long name (a CSV's) is shortened with "…" to leave the plane and the charts their room; the title
      // and the accessible name keep it whole.
      const name = document.createElement("span");
      name.className = "class-name";
      name.textContent = names?.[c] ?? String(c);
      b.title = names?.[c] ?? `class ${c}`;
      b.setAttribute("aria-label", b.title);
      b.append(dot, name);
      b.addEventListener("click", () => choose(c));
      picker.append(b);
    }
    choose(Math.min(chosen, k - 1));
  }

  async function flush() {
    timer = null;
    if (!waiting.length) return;
    sending = waiting;
    waiting = [];
    try {
      await rebuild(sending);
    } finally {
      sending = [];
      onChange();
      if (waiting.length) timer = setTimeout(flush, WAIT);
    }
  }

  canvas.addEventListener("click", (e) => {
    if (!k) return;
    const x = plane.toInput(e);
    if (!x) return;
    waiting.push({ x, y: target(chosen) });
    onChange(); // the point shows at once
    if (!timer && !sending.length) timer = setTimeout(flush, WAIT);
  });

  return { sync, pending: () => [...sending, ...waiting] };
}
