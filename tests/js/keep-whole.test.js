// Captions wrap between small formulas, not inside one (render/keep-whole.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { keepFormulasWhole } from "../../static/js/render/keep-whole.js";

const NBSP = "\u00a0";

test("a short formula in parentheses keeps its spaces from breaking, one level of nesting included", () => {
  const out = keepFormulasWhole("its input (σ′(z) = σ(z)(1 − σ(z)) = a(1 − a)).");
  assert.ok(out.includes(`(1${NBSP}−${NBSP}σ(z))`), out);
  assert.ok(out.includes(`a(1${NBSP}−${NBSP}a)`), out);
  assert.ok(out.includes(" = "), out);            // the text still breaks between the formulas …
  assert.ok(out.startsWith("its input ("), out);  // … and around them
});

test("a sentence in parentheses wraps as usual", () => {
  const text = "(In this example the biases are frozen: they will not move.)";
  assert.equal(keepFormulasWhole(text), text);
});
