"""The numbers-row checker (tests/support/tex_numbers.py): sound on correct rows, sharp on wrong ones, strict on
anything that is not a pure numbers row.

The property test builds random rows from random floats shown as the page shows them (static/js/format.js) and
checks that the row's interval always holds the value computed from the unrounded floats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.tex_numbers import Elided, SymbolLeft, check_row, number_interval, row_interval, symbols_left


def shown(x: float) -> str:
    """x in TeX as format.js's tex(x) writes it: 4 significant digits, trailing zeros dropped, ×10ⁿ outside
    [1e-4, 1e5) or where the rounding itself needs an exponent (toPrecision's "1.235e+4")."""
    if x == 0:
        return "0"
    plain = f"{x:.4g}"
    if abs(x) >= 1e5 or abs(x) < 1e-4 or "e" in plain:
        mantissa, exponent = f"{x:.3e}".split("e")
        return f"{mantissa.rstrip('0').rstrip('.')} \\times 10^{{{int(exponent)}}}"
    return plain


# The rows the lesson writes, each with its value computed from the same numbers.
EXAMPLES = [
    (r"\frac{1}{1 + e^{-0.3775}}", 1 / (1 + math.exp(-0.3775))),
    (r"0.15 \cdot 0.05 + 0.2 \cdot 0.1 + 0.35", 0.15 * 0.05 + 0.2 * 0.1 + 0.35),
    (r"(0.7514 - 0.01) \times 0.1868", (0.7514 - 0.01) * 0.1868),
    (r"\tfrac12\big[(0.01 - 0.7514)^2 + (0.99 - 0.7729)^2\big] + \frac{0.1}{2 \cdot 1} \cdot 1.234",
     0.5 * ((0.01 - 0.7514) ** 2 + (0.99 - 0.7729) ** 2) + 0.1 / (2 * 1) * 1.234),
    (r"-\big[1 \cdot \ln 0.7 + (1 - 1) \cdot \ln(1 - 0.7)\big]", -(1 * math.log(0.7) + (1 - 1) * math.log(1 - 0.7))),
    (r"\max(0.01 \cdot (-0.5), -0.5)", max(0.01 * -0.5, -0.5)),
    (r"\tanh(0.5)", math.tanh(0.5)),
    (r"\frac{1}{4}\big(0.1 + (-0.2) + 0.3 + 0.4\big)", (0.1 + -0.2 + 0.3 + 0.4) / 4),
    (r"0.4 - 0.5 \times (-1.2 \times 10^{-3})", 0.4 - 0.5 * -1.2e-3),
    (r"0.4 - 0.001 \times \frac{0.1}{\sqrt{0.01} + 1 \times 10^{-8}}", 0.4 - 0.001 * 0.1 / (math.sqrt(0.01) + 1e-8)),
    (r"0.4 + (0.9 \times 0.01 - 0.5 \times 0.08)", 0.4 + (0.9 * 0.01 - 0.5 * 0.08)),
    (r"\frac{e^{0.541}}{e^{0.541} + e^{0.2} + e^{-0.1}}",
     math.exp(0.541) / (math.exp(0.541) + math.exp(0.2) + math.exp(-0.1))),
    (r"1 - 0.9^{3}", 1 - 0.9**3),
    (r"(0.2 - 0.5) \times 0.25 \cdot (1 - 0.25)", (0.2 - 0.5) * 0.25 * (1 - 0.25)),
    (r"2.5 \times 10^{4} - 3 \times 10^{-49}", 2.5e4 - 3e-49),
    # Forms the page may also write: |…|, sign, \left…\right, \min, \exp, \ln without parentheses.
    (r"\left|-0.5\right| + |0.25 - 1| \cdot \operatorname{sign}(-0.3)", abs(-0.5) + abs(0.25 - 1) * -1),
    (r"\min(0.3, \exp(0.1)) \; - \ln 0.7^{2}", min(0.3, math.exp(0.1)) - math.log(0.7**2)),
    (r"\mathrm{sign}(0) \cdot 5 + \dfrac{\sqrt2}{2}", 0 * 5 + math.sqrt(2) / 2),
]


@pytest.mark.parametrize(("row", "value"), EXAMPLES, ids=[row for row, _ in EXAMPLES])
def test_example_rows(row: str, value: float) -> None:
    lo, hi = row_interval(row)
    assert lo <= value <= hi
    assert check_row(row, shown(value)) is None
    assert check_row(f"= {row}", f"= {shown(value)}") is None
    if hi - lo < 0.01 * abs(value):  # narrow enough that 2 % off lies outside, even after its own rounding
        assert check_row(row, shown(value * 1.02)) is not None
    if not lo <= 0.0 <= hi:
        message = check_row(row, shown(-value))
        assert message is not None and repr(lo) in message


def test_number_intervals() -> None:
    assert number_interval("1") == (0.9995, 1.0005)
    assert number_interval("0.5") == (0.49995, 0.50005)  # 0.5000 with its zeros dropped
    assert number_interval("100") == (99.95, 100.05)
    assert number_interval("0.35891648") == (0.358916475, 0.358916485)
    assert number_interval(r"-8.217 \times 10^{4}") == (-82175.0, -82165.0)
    assert number_interval(r"5 \times 10^{-49}") == (4.9995e-49, 5.0005e-49)
    assert number_interval("0") == (0.0, 0.0)
    assert number_interval("-0") == (0.0, 0.0)
    with pytest.raises(ValueError):
        number_interval(r"\text{–}")


@pytest.mark.parametrize(("row", "symbols"), [
    (r"w - \eta \times 0.3", ["w", r"\eta"]),
    (r"\delta^{3}_{1}", [r"\delta", "_"]),
    ("a - y", ["a", "y"]),
    (r"\sum_k 0.1", [r"\sum", "_", "k"]),
    ("0.3 = 0.3", ["="]),
    (r"0.1 + \cdots + w", ["w"]),
    (r"e + 1", ["e"]),  # e is a number only as the base of a power
    (r"0.5 \text{ (shared)}", [r"\text{ (shared)}"]),
])
def test_symbols_left(row: str, symbols: list[str]) -> None:
    assert symbols_left(row) == symbols
    with pytest.raises(SymbolLeft):
        row_interval(row)
    with pytest.raises(SymbolLeft):
        check_row(row, "0.3")


def test_elided_rows() -> None:
    assert symbols_left(r"0.1 + 0.2 + \cdots + 0.9") == []
    with pytest.raises(Elided):
        row_interval(r"0.1 + 0.2 + \cdots + 0.9")
    assert check_row(r"\frac{1}{9}\big(0.1 + 0.2 + \ldots + 0.9\big)", "12345") is None  # not evaluated
    with pytest.raises(ValueError):  # but still read: an elided row must be well formed
        check_row(r"0.1 + + \dots", "0.3")


@pytest.mark.parametrize("row", [
    r"0.4 - -0.3",  # a negative after an operator stands in parentheses (texParen)
    r"0.5 0.3",  # a juxtaposed number would read as one with the one before
    r"\ln(0.5)^{2}",  # (ln 0.5)² or ln(0.5²)?
    r"e^{2}^{3}",
    r"(0.1 + 0.2]",
    r"\max 0.1, 0.2",
    r"0.1 + 0.2)",
    r"x^23".replace("x", "0.5"),  # ^23 is ², then a juxtaposed 3
    r"0.5 \big 0.3",
    "0.5 − 0.3",  # a Unicode minus is not TeX's
    "",
])
def test_malformed_rows_are_refused(row: str) -> None:
    with pytest.raises(ValueError) as error:
        row_interval(row)
    assert not isinstance(error.value, (SymbolLeft, Elided))


def test_scientific_notation_is_one_number() -> None:
    # The mantissa carries the digits: ±0.0005·10¹, where a plain product 2 × 10 is looser.
    assert row_interval(r"2 \times 10^{1}") == (19.995, 20.005)
    lo, hi = row_interval(r"2 \times 10")
    assert lo < 19.99 and hi > 20.01


def test_interval_edges() -> None:
    assert row_interval(r"0 \cdot \frac{1}{1 - 1}") == (0.0, 0.0)  # a factor shown as 0 multiplies ∞ away
    assert row_interval(r"\frac{1}{1 - 1}") == (-math.inf, math.inf)
    assert row_interval(r"(-0.5)^{2}")[0] > 0 and row_interval(r"0^{2}") == (0.0, 0.0)
    lo, hi = row_interval(r"(0.1 - 0.2 + 0.1)^{2}")  # spans 0: an even power's least value is 0
    assert lo == 0.0 and hi > 0.0
    assert row_interval(r"\operatorname{sign}(0.1 - 0.1)") == (-1.0, 1.0)
    with pytest.raises(ValueError, match="ln of a non-positive"):
        row_interval(r"\ln(0.5 - 1)")
    with pytest.raises(ValueError, match="sqrt"):
        row_interval(r"\sqrt{-1}")
    with pytest.raises(ValueError):
        row_interval(r"(-0.5)^{0.5}")
    assert check_row(r"\frac{1}{1 + e^{800}}", "0") is None  # e^800 overflows: huge, not infinite
    assert row_interval(r"\frac{1}{1 + e^{800}}")[1] > 0.0


# ---------------------------------------------------------------------------------------------------------------
# Property: random rows of rounded numbers always hold the value of their unrounded numbers.


@dataclass(frozen=True)
class Expr:
    tex: str
    value: float
    atomic: bool  # may stand after an operator as it is (a non-negative number, a function, a fraction)


BRACKETS = [("(", ")"), (r"\big(", r"\big)"), ("[", "]"), (r"\left(", r"\right)"), (r"\Big[", r"\Big]"),
            (r"\{", r"\}")]


def operand(e: Expr, brackets: tuple[str, str]) -> str:
    return e.tex if e.atomic else f"{brackets[0]}{e.tex}{brackets[1]}"


def number(x: float) -> Expr:
    return Expr(shown(x), x, x >= 0)


def magnitude(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_subnormal=False)


signs = st.sampled_from([1.0, -1.0])
numbers = st.builds(lambda m, k: number(m * 10.0**k), magnitude(-9.999, 9.999), st.integers(-8, 8))
divisors = st.builds(lambda s, x: number(s * x), signs, magnitude(0.1, 1000.0))
exps = st.builds(lambda x, plain: Expr(rf"e^{{{shown(x)}}}" if plain else rf"\exp({shown(x)})", math.exp(x), True),
                 magnitude(-30.0, 30.0), st.booleans())
lns = st.builds(lambda x, bare: Expr(rf"\ln {shown(x)}" if bare else rf"\ln({shown(x)})", math.log(x), True),
                magnitude(1e-6, 1e6), st.booleans())
leaves = st.one_of(numbers, numbers, exps, lns)


def binary(a: Expr, b: Expr, op: str, brackets: tuple[str, str]) -> Expr:
    value = {"+": a.value + b.value, "-": a.value - b.value}.get(op, a.value * b.value)
    return Expr(f"{operand(a, brackets)} {op} {operand(b, brackets)}", value, False)


def quotient(a: Expr, b: Expr, frac: bool, brackets: tuple[str, str]) -> Expr:
    if frac:
        return Expr(rf"\frac{{{a.tex}}}{{{b.tex}}}", a.value / b.value, True)
    return Expr(f"{operand(a, brackets)} / {operand(b, brackets)}", a.value / b.value, False)


def extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    brackets = st.sampled_from(BRACKETS)
    return st.one_of(
        st.builds(binary, children, children, st.sampled_from(["+", "-", r"\times", r"\cdot"]), brackets),
        st.builds(quotient, children, divisors, st.booleans(), brackets),
        st.builds(lambda e: Expr(rf"\tanh({e.tex})", math.tanh(e.value), True), children),
    )


rows = st.recursive(leaves, extend, max_leaves=10)


@settings(derandomize=True, max_examples=200, deadline=None)
@given(rows)
def test_rounded_rows_hold_their_exact_value(row: Expr) -> None:
    lo, hi = row_interval(row.tex)
    # The same allowance as check_row's, for the float rounding of the bounds themselves.
    slack = 1e-9 * max((abs(x) for x in (lo, hi, row.value) if math.isfinite(x)), default=0.0) + 1e-300
    assert lo - slack <= row.value <= hi + slack, (row.tex, row.value, lo, hi)
    assert check_row(row.tex, shown(row.value)) is None
