import assert from "node:assert/strict";
import { test } from "node:test";

import { color, niceMax } from "../../static/js/color.js";
import { fmt, fmtFull, tex, texParen } from "../../static/js/format.js";

test("four significant digits, a true minus sign, ×10ⁿ when tiny or huge", () => {
  assert.equal(fmt(0.75136507), "0.7514");
  assert.equal(fmt(0.000438568), "0.0004386");
  assert.equal(fmt(0.00000123456), "1.235×10⁻⁶");
  assert.equal(fmt(-0.5), "−0.5");
  assert.equal(fmt(0), "0");
  assert.equal(fmt(1234567), "1.235×10⁶");
  assert.equal(fmt(0.35891648, 9), "0.35891648");
});

test("one format on screen and in TeX: the same digits, never an 'e' (η = 10⁶ gives numbers like −8.217×10⁴)", () => {
  for (const x of [-82170.4, 12345.6, 9999.96, 5.125e-49, -1e300, 0.1, 123.456, 1e-4, 99999.99]) {
    const screen = fmt(x), inTex = tex(x);
    assert.doesNotMatch(`${screen} ${inTex} ${fmtFull(x)}`, /\de|e[+-]?\d/, `${x}: ${screen} / ${inTex}`);
    const [m, e] = inTex.split(" \\times 10^");
    const back = screen.replace("−", "-").replace(/×10.*/, "");
    assert.equal(back, m, `${x}: the mantissa differs between screen and TeX`);
    assert.equal(screen.includes("×10"), e !== undefined);
  }
  assert.equal(fmt(-82170.4), "−8.217×10⁴");
  assert.equal(tex(-82170.4), "-8.217 \\times 10^{4}");
  assert.equal(fmtFull(-82170.125), "−82170.125");
  assert.equal(fmtFull(8.2e21), "8.2×10²¹");
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

test("a neuron's number reads at AA contrast on every color of the scale, dimmed or not, on both papers", async () => {
  const { color: colorOf, contrastRatio, inkOn, mix } = await import("../../static/js/color.js");
  for (let t = -1; t <= 1.0001; t += 0.01) {
    for (const fill of [colorOf(t, 1), mix(colorOf(t, 1), "#fbfbfd", 0.35), mix(colorOf(t, 1), "#121319", 0.35)]) {
      assert.ok(contrastRatio(inkOn(fill), fill) >= 4.5, `${fill}: ${contrastRatio(inkOn(fill), fill)}`);
    }
  }
});
