// The one number format, on screen and in TeX: 4 significant digits (trailing zeros dropped), a true minus
// sign, and ×10ⁿ for large and small numbers. The equation checker in the tests relies on this rule: a shown
// number stands for every value within half a unit of its 4th significant digit (or of its last, if longer).

const MINUS = "−";
const SUPERSCRIPT = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };

/**
 * A number's parts as shown: { mantissa: "-8.217", exponent: 4 | null }. digits = significant digits, or
 * null for the shortest text that reads back as the same float (full precision).
 */
function parts(x, digits) {
  const abs = Math.abs(x);
  const plain = digits === null ? String(x) : x.toPrecision(digits);
  // toPrecision itself turns to "1.235e+4" where the digits cannot reach the decimal point: that too is ×10ⁿ.
  if (abs >= 1e5 || abs < 1e-4 || plain.includes("e")) {
    const [m, e] = (digits === null ? x.toExponential() : x.toExponential(digits - 1)).split("e");
    const mantissa = trimZeros(m);
    // Rounding can carry into the exponent's range (9.99995e4 → 1.000e5): the mantissa is still right.
    return { mantissa, exponent: Number(e) };
  }
  return { mantissa: trimZeros(plain), exponent: null };
}

const valid = (x) => typeof x === "number" && Number.isFinite(x);

/** 0.751365 → "0.7514", 0.000438568 → "0.0004386", 1234567 → "1.235×10⁶", -0.5 → "−0.5". */
export function fmt(x, digits = 4) {
  if (!valid(x)) return "–";
  if (x === 0) return "0";
  const { mantissa, exponent } = parts(x, digits);
  const power = exponent === null ? "" : `×10${String(exponent).split("").map((c) => SUPERSCRIPT[c]).join("")}`;
  return `${mantissa}${power}`.replaceAll("-", MINUS);
}

function trimZeros(s) {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** Full precision (the shortest text that is exactly this float), for the inspector and tooltips. */
export function fmtFull(x) {
  if (!valid(x)) return "–";
  if (x === 0) return "0";
  return fmt(x, null);
}

/** A number inside TeX: "-8.217 \times 10^{4}". */
export function tex(x, digits = 4) {
  if (!valid(x)) return "\\text{–}";
  if (x === 0) return "0";
  const { mantissa, exponent } = parts(x, digits);
  return exponent === null ? mantissa : `${mantissa} \\times 10^{${exponent}}`;
}

/** A number after an operator: negatives get parentheses. */
export function texParen(x, digits = 4) {
  const s = tex(x, digits);
  return s.startsWith("-") ? `(${s})` : s;
}
