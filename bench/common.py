"""Timing helpers: medians of repeated runs, and a table of ratios."""

import statistics
import time
from collections.abc import Callable


def repeat(fn: Callable[[], None], runs: int) -> list[float]:
    """Seconds per call, one number per run."""
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def percentile(xs: list[float], p: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(p / 100 * len(s)))]


def print_table(title: str, rows: list[tuple[str, str, str, str]]) -> None:
    """rows: (case, measured, target, verdict)."""
    print(f"\n## {title}\n")
    print("| case | measured | target | met |")
    print("| --- | --- | --- | --- |")
    for r in rows:
        print("| " + " | ".join(r) + " |")
