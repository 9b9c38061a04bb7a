// Which part the lesson page plays in a live class, from its URL and this tab's storage: a teacher (any lesson can
// start a class; a reload of one that has, with its token here, carries on), a student (?class=CODE with a student
// token here), or someone who has not joined yet (sent to /join). Guards the lesson's actions while a student
// follows the teacher: the class moves, not the keys.

import { loadToken, normalizeCode } from "./codes.js";
import { createStudent } from "./student.js";
import { createTeacher } from "./teacher.js";

// What a follower must not do: these step or rebuild a network of their own.
const LESSON_MOVES = ["next", "back", "home", "reset", "loadPreset", "openBuilder", "togglePlay", "exportDialog"];
const SESSION_MOVES = ["load", "next", "back", "goTo", "reset", "edit"];

/**
 * createClassroom({ store, session, doc, location, storage }) → {
 *   role: "teacher" | "student" | "joining", session (guarded), guard(actions) → actions with the class's own
 *   (startClass, ask), url(query) → the query with ?class=…, start() (after the page's wiring) }
 */
export function createClassroom({ store, session, doc = document, location = window.location,
                                  storage = window.sessionStorage }) {
  const raw = new URLSearchParams(location.search).get("class");
  const code = raw ? normalizeCode(raw) : null;
  const taught = code && loadToken(storage, "teacher", code);
  const joined = code && !taught && loadToken(storage, "student", code);
  const role = !code || taught ? "teacher" : joined ? "student" : "joining";
  let classCode = taught ? code : role === "student" ? code : null;
  let teacher = null, student = null;

  const following = () => role !== "teacher" && (!student || student.following);
  const hint = () => student?.nudge();

  // The lesson's own session, silent while following; every call noted, so that coming back waits for it.
  const guarded = Object.fromEntries(Object.entries(session).map(([name, fn]) => [name,
    typeof fn !== "function" ? fn : (...args) => {
      if (SESSION_MOVES.includes(name) && following()) return Promise.resolve();
      const out = fn.apply(session, args);
      if (student && out?.then) student.work(out);
      return out;
    }]));

  return {
    role,
    get student() { return role !== "teacher"; },
    session: guarded,
    guard(actions) {
      const out = { ...actions };
      for (const name of LESSON_MOVES) {
        out[name] = (...args) => (following() ? hint() : actions[name](...args));
      }
      out.startClass = () => teacher?.start();
      out.ask = () => teacher?.ask();
      return out;
    },
    /** The page's URL: the lesson's query and, while in a class, the class's code (never a token). */
    url(query) {
      if (!classCode) return query;
      const params = new URLSearchParams(query);
      params.set("class", classCode);
      return `?${params}`;
    },
    start() {
      if (role === "joining") {
        location.replace(`/join?code=${encodeURIComponent(code)}`);
      } else if (role === "student") {
        doc.body.classList.add("class-student");
        student = createStudent({ store, session, code, saved: joined, doc, storage,
                                  go: (url) => location.replace(url) });
      } else {
        teacher = createTeacher({ store, doc, storage, onCode: (c) => { classCode = c; store.set({}); } });
        if (taught) teacher.resume(code);
      }
    },
    get teacher() { return teacher; },
  };
}
