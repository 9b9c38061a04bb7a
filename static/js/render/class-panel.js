// The teacher's class on the page: the header's "Start class" button, the panel the projector shows while students
// join (the code in big type, the QR code, the join address, how many have joined, End class), and the stepper's
// badge and Ask button while a class runs. The markup is the page's (lesson.html); this sets texts and attributes.

const set = (el, prop, value) => { if (el[prop] !== value) el[prop] = value; };

/**
 * createClassPanel(doc, { onStart, onHide, onEnd, onAsk }) → { update(view) }
 * view: { code, joinUrl, qr, localOnly (no other device can reach the server), students, shown (the panel),
 *         message (a problem, or ""), busy }
 */
export function createClassPanel(doc, { onStart, onHide, onEnd, onAsk }) {
  const $ = (id) => doc.getElementById(id);
  const button = $("class-button"), buttonText = $("class-button-text"), panel = $("class-panel");
  const badge = $("class-badge"), ask = $("ask-button");
  const code = $("class-code"), url = $("class-url"), qr = $("class-qr"), count = $("class-count");
  const message = $("class-message"), badgeMessage = $("class-badge-message"), local = $("class-local");
  button.addEventListener("click", () => onStart());
  badge.addEventListener("click", () => onStart());
  $("class-hide").addEventListener("click", () => onHide());
  $("class-end").addEventListener("click", () => onEnd());
  ask.addEventListener("click", () => onAsk());

  return {
    update(view) {
      const running = !!view.code;
      set(buttonText, "textContent", running ? "Class" : view.busy ? "Starting…" : "Start class");
      const label = running ? `Class ${view.code}: show or hide its code (C)` : "Start class (C)";
      if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
      set(button, "disabled", !!view.busy);
      button.setAttribute("aria-expanded", String(running && view.shown));
      set(panel, "hidden", !running || !view.shown);
      // Idle, the badge is projector mode's "Start class" (its top bar is hidden); running, the class's code and count.
      badge.classList.toggle("idle", !running);
      set(ask, "hidden", !running);
      const students = `${view.students ?? 0} ${view.students === 1 ? "student" : "students"}`;
      const words = running ? [view.code, ` · ${view.students ?? 0}`, ` ${students.split(" ")[1]}`] : ["Start class"];
      if (badge.dataset.words !== words.join("")) {
        badge.dataset.words = words.join("");
        badge.replaceChildren(...words.map((w, i) => {
          const span = doc.createElement("span");
          span.textContent = w;
          if (i === 2) span.className = "class-badge-words";   // "students": left out where the stepper is narrow
          return span;
        }));
      }
      // Its name is its words (a screen reader says what is seen); the title adds what pressing it does.
      badge.title = running ? `Class ${view.code}: ${students} joined. Show or hide the code (C)`
        : "Start a live class (C)";
      set(badgeMessage, "hidden", !view.message);
      set(badgeMessage, "textContent", view.message ?? "");
      set(message, "textContent", view.message ?? "");
      if (!running) return;
      set(code, "textContent", view.code);
      set(url, "textContent", view.joinUrl);
      set(local, "hidden", !view.localOnly);
      if (qr.getAttribute("src") !== view.qr) qr.setAttribute("src", view.qr);
      set(count, "textContent", `${students} joined`);
    },
  };
}
