// The teacher's class on the page: the header's "Start class" button, the panel the projector shows while students
// join (the code in big type, the QR code, the join address, how many have joined, End class), and the stepper's
// badge and Ask button while a class runs. The markup is the page's (lesson.html); this sets texts and attributes.

const set = (el, prop, value) => { if (el[prop] !== value) el[prop] = value; };

/**
 * createClassPanel(doc, { onStart, onHide, onEnd, onAsk }) → { update(view) }
 * view: { code, joinUrl, qr, students, shown (the panel), message (a problem, or ""), busy }
 */
export function createClassPanel(doc, { onStart, onHide, onEnd, onAsk }) {
  const $ = (id) => doc.getElementById(id);
  const button = $("class-button"), buttonText = $("class-button-text"), panel = $("class-panel");
  const badge = $("class-badge"), ask = $("ask-button");
  const code = $("class-code"), url = $("class-url"), qr = $("class-qr"), count = $("class-count");
  const message = $("class-message"), badgeMessage = $("class-badge-message");
  button.addEventListener("click", () => onStart());
  badge.addEventListener("click", () => onStart());
  $("class-hide").addEventListener("click", () => onHide());
  $("class-end").addEventListener("click", () => onEnd());
  ask.addEventListener("click", () => onAsk());

  return {
    update(view) {
      const running = !!view.code;
      set(buttonText, "textContent", running ? "Class" : view.busy ? "Starting…" : "Start class");
      const label = running ? `Class ${view.code}: show or hide its code (C)` : "Start a live class (C)";
      if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
      set(button, "disabled", !!view.busy);
      button.setAttribute("aria-expanded", String(running && view.shown));
      set(panel, "hidden", !running || !view.shown);
      set(badge, "hidden", !running);
      set(ask, "hidden", !running);
      const students = `${view.students ?? 0} ${view.students === 1 ? "student" : "students"}`;
      set(badge, "textContent", running ? `${view.code} · ${students}` : "");
      badge.setAttribute("aria-label", running ? `Class ${view.code}, ${students} joined: show the code` : "");
      set(badgeMessage, "hidden", !view.message);
      set(badgeMessage, "textContent", view.message ?? "");
      set(message, "textContent", view.message ?? "");
      if (!running) return;
      set(code, "textContent", view.code);
      set(url, "textContent", view.joinUrl);
      if (qr.getAttribute("src") !== view.qr) qr.setAttribute("src", view.qr);
      set(count, "textContent", `${students} joined`);
    },
  };
}
