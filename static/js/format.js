// The one number formatter: 4 significant digits on screen, full precision on demand.

const MINUS = "−";

/** 0.751365 → "0.7514", 0.000438568 → "0.0004386", 1234567 → "1.235e6", -0.5 → "−0.5". */
export function fmt(x, digits = 4) {
  if (x === null || x === undefined || Number.isNaN(x)) return "–";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  let s;
  if (abs >= 1e5 || abs < 1e-4) {
    const [m, e] = x.toExponential(digits - 1).split("e");
    s = `${trimZeros(m)}e${Number(e)}`;
  } else {
    s = trimZeros(x.toPrecision(digits));
  }
  return s.replaceAll("-", MINUS);
}

function trimZeros(s) {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/** Full precision, for the inspector and tooltips. */
export function fmtFull(x) {
  if (x === null || x === undefined) return "–";
  return String(x).replaceAll("-", MINUS);
}

/** A number inside TeX: negative numbers get parentheses when they follow an operator. */
export function tex(x, digits = 4) {
  const s = fmt(x, digits).replaceAll(MINUS, "-");
  const m = s.match(/^(-?[\d.]+)e(-?\d+)$/);
  const body = m ? `${m[1]} \\times 10^{${m[2]}}` : s;
  return body;
}

export function texParen(x, digits = 4) {
  const s = tex(x, digits);
  return s.startsWith("-") ? `(${s})` : s;
}
