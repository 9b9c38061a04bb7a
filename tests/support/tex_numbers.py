"""Check a numbers row of the lesson's equation panel: its TeX with every symbol replaced by a number.

The page rounds every number it shows (static/js/format.js: at least 4 significant digits, trailing zeros
dropped, ×10ⁿ for large and small numbers), so a row cannot be recomputed to the digit. Instead every shown
number is widened to the interval of values that round to it and the row is evaluated in interval arithmetic:
the true inputs lie in their intervals, so the true value lies in the row's interval, and a correct row can never
fail, while a wrong one (a term dropped, a sign flipped, another number substituted) almost always lands outside.

The grammar is what the page emits and strict about the rest: a letter or a command it does not know is a symbol
left (SymbolLeft); anything else it cannot read is a plain ValueError.
"""

from __future__ import annotations

import math
import re
import sys
from decimal import Decimal
from functools import reduce
from typing import NamedTuple

Interval = tuple[float, float]
INF = math.inf
HUGE = sys.float_info.max
SIGNIFICANT = 4  # the fewest significant digits a shown number carries (format.js)


class SymbolLeft(ValueError):
    """The row still contains a symbol (a letter, \\delta, \\partial, \\sum, …): not a pure numbers row."""


class Elided(ValueError):
    """The row elides terms with \\cdots / \\dots / \\ldots: it cannot be evaluated (callers only check it has no
    symbols)."""


# ---------------------------------------------------------------------------------------------------------------
# Shown numbers


def _shown(mantissa: str, exponent: int) -> Interval:
    """Every value that the page would show as mantissa × 10^exponent.

    Half a unit of the last digit, and never less precise than 4 significant digits: 0.5 is 0.5000 with its
    zeros dropped. Decimal keeps the bounds exact until the one rounding to float.
    """
    value = Decimal(mantissa).scaleb(exponent)
    if value == 0:
        return (0.0, 0.0)  # "0" is only ever shown for an exact zero
    digits = len(mantissa.lstrip("-").replace(".", "").lstrip("0"))
    half_unit = Decimal(5).scaleb(value.adjusted() - max(digits, SIGNIFICANT))
    return _interval(float(value - half_unit), float(value + half_unit))


_NUMBER = re.compile(r"(-?\d+(?:\.\d+)?)(?:\s*\\times\s*10\^\{(-?\d+)\})?")


def number_interval(text: str) -> Interval:
    """One number as shown: "0.7514", "-0.01", "0", "-8.217 \\times 10^{4}"."""
    match = _NUMBER.fullmatch(text.strip())
    if not match:
        raise ValueError(f"not a shown number: {text!r}")
    return _shown(match[1], int(match[2] or 0))


# ---------------------------------------------------------------------------------------------------------------
# Interval arithmetic. Bounds are rounded to nearest, not outwards: check_row's relative slack covers that.


def _interval(lo: float, hi: float) -> Interval:
    # inf − inf gives NaN: unknown, so unbounded. A bound that overflowed to an infinity on its inner side only
    # means "huge": keeping it finite keeps 1/x of it sound (1/HUGE > 0, where 1/inf would claim exactly 0).
    lo = -INF if math.isnan(lo) else min(lo, HUGE)
    hi = INF if math.isnan(hi) else max(hi, -HUGE)
    return (lo, hi)


def _neg(a: Interval) -> Interval:
    return (-a[1], -a[0])


def _add(a: Interval, b: Interval) -> Interval:
    return _interval(a[0] + b[0], a[1] + b[1])


def _sub(a: Interval, b: Interval) -> Interval:
    return _interval(a[0] - b[1], a[1] - b[0])


def _mul(a: Interval, b: Interval) -> Interval:
    # A factor shown as exactly 0 multiplies its term away, even an unbounded one (0 · ln 0 in a cost row).
    if a == (0.0, 0.0) or b == (0.0, 0.0):
        return (0.0, 0.0)
    products = [x * y if x and y else 0.0 for x in a for y in b]
    return _interval(min(products), max(products))


def _div(a: Interval, b: Interval) -> Interval:
    if b[0] <= 0.0 <= b[1]:
        return (-INF, INF)
    # The bounds' own quotients (not a · (1/b)): rounded the same way as the quotient they enclose.
    quotients = [x / y for x in a for y in b]
    if any(math.isnan(q) for q in quotients):  # ∞/∞: nothing is known
        return (-INF, INF)
    return _interval(min(quotients), max(quotients))


def _float_power(x: float, n: int) -> float:
    try:
        return x**n
    except OverflowError:
        return math.copysign(INF, x) if n % 2 else INF


def _power_int(a: Interval, n: int) -> Interval:
    if n == 0:
        return (1.0, 1.0)
    if n < 0:
        return _div((1.0, 1.0), _power_int(a, -n))
    lo, hi = _float_power(a[0], n), _float_power(a[1], n)
    if n % 2 or a[0] >= 0.0:
        return _interval(lo, hi)
    if a[1] <= 0.0:
        return _interval(hi, lo)
    return _interval(0.0, max(lo, hi))  # an even power of an interval around 0 has its least value 0 there


def _power(a: Interval, exponent: Interval) -> Interval:
    if a[1] <= 0.0:
        raise ValueError("a non-integer power of a non-positive number")
    return _exp(_mul(exponent, _ln(a)))


def _float_exp(x: float) -> float:
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def _exp(a: Interval) -> Interval:
    return _interval(_float_exp(a[0]), _float_exp(a[1]))


def _ln(a: Interval) -> Interval:
    if a[1] <= 0.0:
        raise ValueError("ln of a non-positive number")
    return (math.log(a[0]) if a[0] > 0.0 else -INF, math.log(a[1]))


def _sqrt(a: Interval) -> Interval:
    if a[1] < 0.0:
        raise ValueError("sqrt of a negative number")
    return (math.sqrt(max(a[0], 0.0)), math.sqrt(a[1]))


def _tanh(a: Interval) -> Interval:
    return (math.tanh(a[0]), math.tanh(a[1]))


def _abs(a: Interval) -> Interval:
    if a[0] >= 0.0:
        return a
    if a[1] <= 0.0:
        return _neg(a)
    return (0.0, max(-a[0], a[1]))


def _sign(a: Interval) -> Interval:
    def sign(x: float) -> float:
        return float((x > 0.0) - (x < 0.0))
    return (sign(a[0]), sign(a[1]))


def _max(a: Interval, b: Interval) -> Interval:
    return (max(a[0], b[0]), max(a[1], b[1]))


def _min(a: Interval, b: Interval) -> Interval:
    return (min(a[0], b[0]), min(a[1], b[1]))


FUNCTIONS = {"ln": _ln, "exp": _exp, "tanh": _tanh, "sign": _sign}
FOLDS = {"max": _max, "min": _min}


# ---------------------------------------------------------------------------------------------------------------
# Tokens


class Token(NamedTuple):
    kind: str  # num op open close bar caret comma frac sqrt func fold e elision symbol other
    value: str  # what it means: "*" for both \times and \cdot, "ln" for \log
    text: str  # as written, for messages and to tell \times from \cdot
    at: int  # its offset in the row


_LEXEME = re.compile(r"""
    (?P<skip>\s+|~|\\[,;:!\ ])
  | (?P<num>\d+(?:\.\d+)?)
  | (?P<named>\\(?:operatorname\*?|mathrm|math[a-z]+|text[a-z]*)\s*\{[^{}]*\})
  | (?P<command>\\[A-Za-z]+)
  | (?P<delimiter>\\[{}])
  | (?P<char>.)
""", re.VERBOSE | re.DOTALL)

_COMMANDS = {
    "cdot": ("op", "*"), "times": ("op", "*"),
    "frac": ("frac", ""), "dfrac": ("frac", ""), "tfrac": ("frac", ""), "sqrt": ("sqrt", ""),
    # \log is the natural logarithm, as the costs' ln: the lesson has no other.
    "ln": ("func", "ln"), "log": ("func", "ln"), "exp": ("func", "exp"), "tanh": ("func", "tanh"),
    "max": ("fold", "max"), "min": ("fold", "min"),
    "cdots": ("elision", ""), "dots": ("elision", ""), "ldots": ("elision", ""),
    "quad": ("skip", ""), "qquad": ("skip", ""),
    **{size: ("size", "") for size in ("big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl",
                                        "biggr", "Biggl", "Biggr", "left", "right")},
}
_CHARS = {"+": ("op", "+"), "-": ("op", "-"), "/": ("op", "/"), "(": ("open", "("), "[": ("open", "["),
          "{": ("open", "{"), ")": ("close", ")"), "]": ("close", "]"), "}": ("close", "}"), "|": ("bar", "|"),
          "^": ("caret", "^"), ",": ("comma", ","), "_": ("symbol", "_"), "=": ("symbol", "="),
          "'": ("symbol", "'"), "<": ("symbol", "<"), ">": ("symbol", ">")}
_CLOSER = {"(": ")", "[": "]", "{": "}", "\\{": "\\}"}


def _lexeme(group: str, text: str) -> tuple[str, str]:
    if group in ("skip", "num"):
        return group, text
    if group == "named":
        command, content = text.split("{", 1)
        is_sign = command.rstrip().rstrip("*") in ("\\operatorname", "\\mathrm") and content[:-1].strip() == "sign"
        return ("func", "sign") if is_sign else ("symbol", text)
    if group == "command":
        return _COMMANDS.get(text[1:], ("symbol", text))
    if group == "delimiter":
        return ("open" if text == "\\{" else "close"), text
    if text.isalpha():
        return "letter", text
    return _CHARS.get(text, ("other", text))


def _tokens(tex: str) -> list[Token]:
    raw = []
    for match in _LEXEME.finditer(tex):
        kind, value = _lexeme(match.lastgroup, match[0])
        if kind != "skip":
            raw.append(Token(kind, value, match[0], match.start()))
    tokens = []
    for token, following in zip(raw, raw[1:] + [None], strict=True):
        if token.kind == "size":
            if following and following.kind in ("open", "close", "bar") and following.value not in ("{", "}"):
                continue  # \big( is a taller (: nothing more
            token = token._replace(kind="other")
        elif token.kind == "letter":
            # e is a number only as the base of a power: e^{x}.
            is_base = token.value == "e" and following is not None and following.kind == "caret"
            token = token._replace(kind="e" if is_base else "symbol")
        tokens.append(token)
    return tokens


def symbols_left(tex: str) -> list[str]:
    """The symbols in the row, each once, in order (empty for a pure numbers row)."""
    return list(dict.fromkeys(t.text for t in _tokens(tex) if t.kind == "symbol"))


# ---------------------------------------------------------------------------------------------------------------
# The row: a recursive descent that evaluates as it reads.
#
#   expression := [+|-] term {(+|-) term}
#   term       := power {(\times | \cdot | /) power | power}
#   power      := primary [^ superscript]
#   primary    := number [\times 10^{n}] | (…) | […] | \{…\} | {…} | |…| | \frac arg arg | \sqrt arg
#               | e^ superscript | \ln argument | \max(expression, …) | \cdots
#
# A sign only leads an expression: after an operator a negative number stands in parentheses, as texParen writes
# it, so 0.4 - -0.3 is refused rather than guessed at.


class _Row:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.at = 0
        self.bars = 0  # open |…| around the current position: there a | after an operand closes one
        self.superscript_end = -1  # where the last superscript ended: another ^ right there is a double one
        self.elided = False

    def peek(self, ahead: int = 0) -> Token | None:
        return self.tokens[self.at + ahead] if self.at + ahead < len(self.tokens) else None

    def accept(self, kind: str, value: str | None = None) -> Token | None:
        token = self.peek()
        if token and token.kind == kind and (value is None or token.value == value):
            self.at += 1
            return token
        return None

    def take(self, kind: str, value: str | None = None) -> Token:
        token = self.accept(kind, value)
        if token is None:
            raise self.unexpected(f"expected {value or kind}")
        return token

    def unexpected(self, why: str) -> ValueError:
        token = self.peek()
        found = f"{token.text!r} at character {token.at}" if token else "the end of the row"
        return ValueError(f"{why}, found {found}")

    def expression(self) -> Interval:
        sign = self.accept("op", "-") or self.accept("op", "+")
        value = self.term()
        if sign and sign.value == "-":
            value = _neg(value)
        while (op := self.accept("op", "+") or self.accept("op", "-")):
            value = (_add if op.value == "+" else _sub)(value, self.term())
        return value

    def term(self) -> Interval:
        value = self.power()
        while True:
            if op := self.accept("op", "*") or self.accept("op", "/"):
                value = (_mul if op.value == "*" else _div)(value, self.power())
            elif self.juxtaposed():
                value = _mul(value, self.power())
            else:
                return value

    def juxtaposed(self) -> bool:
        """An implicit product, as in \\frac{1}{4}\\big(…\\big): never before a number or a {group}, which would
        print as one number with the one before."""
        token = self.peek()
        if token is None:
            return False
        if token.kind == "open":
            return token.value != "{"
        if token.kind == "bar":
            return self.bars == 0
        return token.kind in ("frac", "sqrt", "func", "fold", "e")

    def power(self) -> Interval:
        value = self.primary()
        if self.peek() and self.peek().kind == "caret":
            if self.superscript_end == self.at:
                raise self.unexpected("a double superscript")
            n, exponent = self.superscript()
            value = _power_int(value, n) if n is not None else _power(value, exponent)
        return value

    def superscript(self) -> tuple[int | None, Interval]:
        """^2, ^{-3}: an integer literal, exact (n, [n, n]); else (None, the exponent's interval)."""
        self.take("caret")
        n = self.integer_literal()
        exponent = (float(n), float(n)) if n is not None else self.argument()
        self.superscript_end = self.at
        return n, exponent

    def integer_literal(self) -> int | None:
        if self.peek() and self.peek().kind == "num":
            return self.digit()
        start = self.at
        if self.accept("open", "{"):
            negative = self.accept("op", "-")
            number = self.accept("num")
            if number and number.value.isdigit() and self.accept("close", "}"):
                return -int(number.value) if negative else int(number.value)
        self.at = start
        return None

    def digit(self) -> int:
        """A macro's one-digit argument (\\tfrac12, x^2): the first digit of the number token, the rest stays."""
        token = self.take("num")
        if len(token.value) > 1:
            rest = token.value[1:]
            self.at -= 1
            self.tokens[self.at] = token._replace(kind="num" if rest[0].isdigit() else "other", value=rest,
                                                  text=rest, at=token.at + 1)
        return int(token.value[0])

    def argument(self) -> Interval:
        """A TeX macro's argument: one digit (exact), or a {group}."""
        if self.peek() and self.peek().kind == "num":
            d = float(self.digit())
            return (d, d)
        self.take("open", "{")
        return self.inside("}")[0]

    def inside(self, closer: str, many: bool = False) -> list[Interval]:
        # Within brackets, a | after an operand cannot close a |…| opened outside them.
        bars, self.bars = self.bars, 0
        values = [self.expression()]
        while many and self.accept("comma"):
            values.append(self.expression())
        self.bars = bars
        self.take("close", closer)
        return values

    def primary(self) -> Interval:
        token = self.peek()
        if token is None or token.kind not in ("num", "open", "bar", "frac", "sqrt", "e", "func", "fold", "elision"):
            raise self.unexpected("expected a number")
        if token.kind == "num":
            return self.number()
        if token.kind == "open":
            self.at += 1
            return self.inside(_CLOSER[token.value])[0]
        self.at += 1
        if token.kind == "bar":
            self.bars += 1
            value = self.expression()
            self.bars -= 1
            self.take("bar")
            return _abs(value)
        if token.kind == "frac":
            numerator = self.argument()
            return _div(numerator, self.argument())
        if token.kind == "sqrt":
            return _sqrt(self.argument())
        if token.kind == "e":
            return _exp(self.superscript()[1])
        if token.kind == "func":
            return FUNCTIONS[token.value](self.function_argument())
        if token.kind == "fold":
            self.take("open", "(")
            return reduce(FOLDS[token.value], self.inside(")", many=True))
        self.elided = True  # \cdots stands for terms not shown: any value
        return (-INF, INF)

    def function_argument(self) -> Interval:
        """\\ln(…), or without parentheses the next primary with its power: \\ln 0.7^{2} = ln(0.7²)."""
        token = self.peek()
        if token and token.kind == "open" and token.value != "{":
            self.at += 1
            value = self.inside(_CLOSER[token.value])[0]
            if self.peek() and self.peek().kind == "caret":
                # (ln x)² or ln(x²)? Refused: either is written unambiguously.
                raise self.unexpected("a power of a function's parenthesized argument is ambiguous")
            return value
        return self.power()

    def number(self) -> Interval:
        """A shown number. Followed by \\times 10^{n} it is one number in scientific notation, whose mantissa
        carries the digits: 0.5 \\times (-1.2 \\times 10^{-3}) is 0.5 times the number −1.2×10⁻³."""
        mantissa = self.take("num").value
        start = self.at
        times = self.accept("op", "*")
        if times and times.text == "\\times" and self.accept("num", "10") and self.accept("caret"):
            exponent = self.integer_literal()
            if exponent is not None:
                self.superscript_end = self.at
                return _shown(mantissa, exponent)
        self.at = start  # not 10^{n}: a plain product, read by term()
        return _shown(mantissa, 0)


def row_interval(tex: str) -> Interval:
    """Evaluate a whole numbers row. SymbolLeft if a symbol is left, Elided if it elides terms (after the whole
    row has been read: an elided row must still be well formed), ValueError for anything else it cannot read."""
    symbols = symbols_left(tex)
    if symbols:
        raise SymbolLeft(f"symbols left in the numbers row: {' '.join(symbols)} (in {tex!r})")
    row = _Row(_tokens(tex))
    value = row.expression()
    if row.peek() is not None:
        raise row.unexpected(f"the row {tex!r} does not end as one expression")
    if row.elided:
        raise Elided(f"the row elides terms: {tex!r}")
    return value


def _at_most(a: float, b: float) -> bool:
    """a ≤ b, allowing for the rounding of the interval arithmetic itself (relative 1e-9, absolute 1e-300)."""
    finite = [abs(x) for x in (a, b) if math.isfinite(x)]
    return a <= b + 1e-9 * max(finite, default=0.0) + 1e-300


def check_row(substituted: str, result: str) -> str | None:
    """None if the row can evaluate to the shown result; else a message with both intervals.

    A leading "=" on either is ignored. An elided row only has to be free of symbols (row_interval checks that
    before it gives up)."""
    row = substituted.strip().removeprefix("=").strip()
    shown = result.strip().removeprefix("=").strip()
    try:
        lo, hi = row_interval(row)
    except Elided:
        return None
    low, high = number_interval(shown)
    if _at_most(lo, high) and _at_most(low, hi):
        return None
    return (f"{row} evaluates to [{lo!r}, {hi!r}], but the result {shown} stands for [{low!r}, {high!r}]: "
            "they do not overlap")
