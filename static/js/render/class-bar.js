// A student's class bar: which class, following the teacher or exploring, the connection, and the one switch
// between following and exploring. The markup is the page's (lesson.html); this sets texts and attributes.

const set = (el, prop, value) => { if (el[prop] !== value) el[prop] = value; };

/**
 * createClassBar(doc, { onExplore, onFollow }) → { update(view) }
 * view: { code, nickname, mode: "following"|"exploring", connection: "live"|"reconnecting"|"closed", ended,
 *         questionOpen, message }
 */
export function createClassBar(doc, { onExplore, onFollow }) {
  const $ = (id) => doc.getElementById(id);
  const bar = $("class-bar"), code = $("class-bar-code"), status = $("class-bar-status");
  const explore = $("class-explore"), follow = $("class-follow");
  explore.addEventListener("click", () => onExplore());
  follow.addEventListener("click", () => onFollow());

  return {
    update(view) {
      set(bar, "hidden", false);
      set(code, "textContent", `Class ${view.code}${view.nickname ? ` · ${view.nickname}` : ""}`);
      const words = view.message || (view.ended ? "The class has ended."
        : view.connection === "reconnecting" ? "Reconnecting…"
          : view.mode === "exploring" ? "Exploring on my own" : "Following the teacher");
      set(status, "textContent", words);
      status.dataset.state = view.ended ? "ended" : view.connection === "live" ? view.mode : view.connection;
      set(explore, "hidden", view.mode === "exploring");
      set(follow, "hidden", view.mode !== "exploring" || view.ended);
      set(explore, "disabled", !!view.questionOpen);
      explore.title = view.questionOpen ? "Answer the question first: exploring opens again after the reveal" : "";
    },
  };
}
