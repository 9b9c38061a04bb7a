// The diagram's edge values as the phase shows them: placed where they fit (diagram-layout.js's placeEdgeValues),
// with their names shortened where that is what fits, and those with no room at all left out, one of them shown
// while its edge is hovered or focused ("peek").

import { placeEdgeValues } from "./diagram-layout.js";
import { setText } from "./diagram-skeleton.js";

/** Place every edge value for the texts it shows now (e.label); true if the count left out changed. */
export function applyEdgeLabels(net) {
  const before = net.hiddenLabels;
  net.hiddenLabels = placeEdgeValues(net, net.fonts, (e) => e.label ?? { number: "" });
  for (const e of net.edges) {
    if (!e.text || !e.label) continue;
    if (e.nameSpan) setText(e, "nameSpan", e.shortName ? e.label.short : e.label.name);
    setText(e, "numSpan", e.label.number);
    e.text.classList.toggle("no-room", Boolean(e.noRoom));
    e.cache.tclass = undefined;   // the next paint writes the whole class again
  }
  return net.hiddenLabels !== before;
}

/** Show edge e's value if it was left out for want of room (one at a time); null shows none. */
export function peek(net, e) {
  const text = e?.text ?? null;
  if (net.peeking === text) return;
  net.peeking?.classList.remove("peek");   // the next paint writes the same (its class includes the peek)
  net.peeking = text;
  if (e?.noRoom) text.classList.add("peek");
}

/** The class of edge e's value: its phase class, and whether it has room and is being peeked at. */
export function edgeValueClass(net, e, phaseClass, selected) {
  return `${phaseClass}${e.noRoom ? " no-room" : ""}${e.text === net.peeking ? " peek" : ""}${selected ? " selected" : ""}`;
}
