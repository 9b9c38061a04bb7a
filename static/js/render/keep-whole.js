// Running text that holds small formulas ("σ′(z) = σ(z)(1 − σ(z)) = a(1 − a)") wraps between them, not inside
// one: a line ending "a(1 −" and the next starting "a)" is hard to read from the back of a room.

const SHORT = 16; // characters: a formula in parentheses, not a sentence in parentheses

/** The text with each short parenthesized group's spaces made no-break (groups nested one level deep too). */
export function keepFormulasWhole(text) {
  const keep = (group) => (group.length <= SHORT ? group.replace(/ /g, "\u00a0") : group);
  return text.replace(/\((?:[^()]|\([^()]*\))*\)/g, keep);
}
