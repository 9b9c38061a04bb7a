import assert from "node:assert/strict";
import { test } from "node:test";

import { color, niceMax } from "../../static/js/color.js";
import { fmt, tex, texParen } from "../../static/js/format.js";

test("four significant digits, a true minus sign, exponents when tiny or huge", () => {
  assert.equal(fmt(0.75136507), "0.7514");
  assert.equal(fmt(0.000438568), "0.0004386");
  assert.equal(fmt(0.00000123456), "1.235e−6");
  assert.equal(fmt(-0.5), "−0.5");
  assert.equal(fmt(0), "0");
  assert.equal(fmt(1234567), "1.235e6");
  assert.equal(fmt(0.35891648, 9), "0.35891648");
});

test("TeX numbers put negatives in parentheses after an operator", () => {
  assert.equal(texParen(-0.25), "(-0.25)");
  assert.equal(tex(2e-7), "2 \\times 10^{-7}");
});

test("the color scale is symmetric, neutral at zero and clipped", () => {
  assert.equal(color(0, 1), "rgb(247, 247, 247)");
  assert.equal(color(5, 1), color(1, 1));
  assert.notEqual(color(0.5, 1), color(-0.5, 1));
  assert.equal(niceMax(0.13), 0.2);
  assert.equal(niceMax(0.7), 1);
  assert.equal(niceMax(3), 5);
});
