import assert from "node:assert/strict";
import { test } from "node:test";

globalThis.btoa ??= (s) => Buffer.from(s, "binary").toString("base64");
globalThis.atob ??= (s) => Buffer.from(s, "base64").toString("binary");
const { decodeUrl, encodeUrl } = await import("../../static/js/state.js");

test("the default lesson has an empty query string", () => {
  assert.equal(encodeUrl(decodeUrl("")), "");
  assert.equal(decodeUrl("").preset, "mazur-2-2-2");
});

test("position, mode and a custom spec survive a round trip through the URL", () => {
  const spec = { sizes: [2, 3, 1], activations: ["tanh", "sigmoid"], dataset: { name: "xor" } };
  const state = { ...decodeUrl(""), preset: null, customSpec: spec, step: 3, phaseId: "d2", mode: "projector",
                  edits: [{ step: 1, l: 2, j: 0, k: 1, value: -0.5 }] };
  const back = decodeUrl(encodeUrl(state));
  assert.deepEqual(back.customSpec, spec);
  assert.equal(back.preset, null);
  assert.equal(back.step, 3);
  assert.equal(back.phaseId, "d2");
  assert.equal(back.mode, "projector");
  assert.deepEqual(back.edits, state.edits);
});

test("invalid values fall back to the defaults", () => {
  const s = decodeUrl("?step=-4&mode=cinema&values=maybe&spec=%%%");
  assert.equal(s.step, 0);
  assert.equal(s.mode, "normal");
  assert.equal(s.showValues, true);
  assert.equal(s.customSpec, null);
});
