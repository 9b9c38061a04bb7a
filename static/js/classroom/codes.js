// Join codes as people type them, and the tokens a tab keeps. Pure, except the two storage helpers (they take the
// storage, so a test can pass a Map-like object).

/** The server's alphabet: no 0/O, 1/I/L, 5/S, 2/Z, 8/B (app/classroom/logic.py). */
export const CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
export const CODE_LENGTH = 6;

// What someone copying a code off a projector may type for one of its characters.
const LOOK_ALIKES = { O: "Q", 0: "Q" };

/** " k7q-x4m " → "K7QX4M": case, spaces and dashes do not matter, and O or 0 read as the Q they resemble. */
export function normalizeCode(text) {
  return String(text ?? "").toUpperCase().replace(/[\s\-_.·]/g, "")
    .split("").map((c) => LOOK_ALIKES[c] ?? c).join("");
}

/** Why a typed code cannot be one (after normalizeCode), or null if it may be. */
export function codeProblem(code) {
  if (!code) return "Type the code shown on the teacher's screen.";
  const odd = [...new Set(code.split("").filter((c) => !CODE_ALPHABET.includes(c)))];
  if (odd.length) return `A code never holds ${odd.join(", ")}: codes leave out look-alikes such as 1, I, L, 5, S.`;
  if (code.length !== CODE_LENGTH) return `A code has ${CODE_LENGTH} characters; this one has ${code.length}.`;
  return null;
}

// The tokens live in this tab's sessionStorage (never in a URL): a reload keeps them, another tab or a copied link
// does not. Keyed by the class's code.
const key = (role, code) => `backprop.class.${role}.${code}`;

export function loadToken(storage, role, code) {
  try {
    const raw = storage.getItem(key(role, code));
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function saveToken(storage, role, code, value) {
  try {
    if (value === null) storage.removeItem(key(role, code));
    else storage.setItem(key(role, code), JSON.stringify(value));
  } catch { /* private mode without storage: the class still runs until a reload */ }
}
