"""JSON never carries NaN or Infinity: parse a body strictly, refusing those non-standard constants.

A substring test (b"NaN" in body) is not enough: a random network id such as "x7NaNq…" would trip it.
"""

import json


def _refuse(constant: str) -> None:
    raise AssertionError(f"the response carries the non-JSON number {constant}")


def assert_strict_json(body: bytes | str) -> object:
    """Parse `body`; fail if it holds NaN, Infinity or -Infinity anywhere."""
    return json.loads(body, parse_constant=_refuse)
