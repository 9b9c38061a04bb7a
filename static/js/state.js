// The store (get, set, subscribe) and the lesson's URL, from one declarative table.
// No fetch, no drawing.

export function createStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      for (const fn of listeners) fn(state);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}

/** JSON → a URL-safe base64 token (the lesson's ?spec= and ?edits=). */
export const b64encode = (obj) => btoa(unescape(encodeURIComponent(JSON.stringify(obj))))
  .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const b64decode = (s) => JSON.parse(decodeURIComponent(escape(atob(s.replace(/-/g, "+").replace(/_/g, "/")))));

const TYPES = {
  string: { parse: (s) => s, show: (v) => v },
  int: { parse: (s) => (/^\d+$/.test(s) ? Number(s) : undefined), show: String },
  bool: { parse: (s) => (s === "1" ? true : s === "0" ? false : undefined), show: (v) => (v ? "1" : "0") },
  json: { parse: (s) => { try { return b64decode(s); } catch { return undefined; } }, show: b64encode },
};

/** What of the lesson lives in the URL: the network (preset or spec, edits), the position, the mode. */
export const URL_FIELDS = [
  { key: "preset", field: "preset", type: "string", fallback: "mazur-2-2-2" },
  { key: "spec", field: "customSpec", type: "json", fallback: null },
  { key: "edits", field: "edits", type: "json", fallback: [] },
  { key: "step", field: "step", type: "int", fallback: 0 },
  { key: "phase", field: "phaseId", type: "string", fallback: "start" },
  { key: "ex", field: "example", type: "int", fallback: 0 },
  { key: "neurons", field: "neuronQty", type: "string", fallback: "auto", values: ["auto", "a", "z", "delta"] },
  { key: "edges", field: "edgeQty", type: "string", fallback: "auto", values: ["auto", "w", "grad"] },
  { key: "values", field: "showValues", type: "bool", fallback: true },
  { key: "matrix", field: "matrix", type: "bool", fallback: false },
  { key: "mode", field: "mode", type: "string", fallback: "normal", values: ["normal", "projector"] },
  { key: "theme", field: "theme", type: "string", fallback: "light", values: ["light", "dark"] },
];

/** URLSearchParams → the state fields it sets (unknown or invalid values fall back). */
export function decodeUrl(search) {
  const params = new URLSearchParams(search);
  const out = {};
  for (const f of URL_FIELDS) {
    const raw = params.get(f.key);
    let value = raw === null ? undefined : TYPES[f.type].parse(raw);
    if (f.values && !f.values.includes(value)) value = undefined;
    out[f.field] = value === undefined ? f.fallback : value;
  }
  if (out.customSpec) out.preset = null;
  return out;
}

/** The state → a query string holding only what differs from the defaults. */
export function encodeUrl(state) {
  const params = new URLSearchParams();
  for (const f of URL_FIELDS) {
    const value = state[f.field];
    if (value === undefined || value === null) continue;
    if (JSON.stringify(value) === JSON.stringify(f.fallback) && f.key !== "preset") continue;
    if (f.key === "preset" && (state.customSpec || value === f.fallback)) continue;
    params.set(f.key, TYPES[f.type].show(value));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
