"""Training speed of this checkout against an earlier commit's: `python -m bench.against_commit REV`.

The earlier engine is `git archive REV app`, unpacked into a temporary directory and imported as the package
`baseline` (the app's imports are relative, so it runs as it was). Both train the same networks from the same
start (bench/throughput.py's cases, checked to end at the same weights, bit for bit), timed in alternation;
the ratio of each pair of runs is taken, and their median printed: ≥ 1 means this checkout is as fast or faster.
"""

import importlib
import io
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from types import ModuleType

import numpy as np

from .throughput import CASES

ROOT = Path(__file__).resolve().parents[1]


def baseline_package(rev: str, into: Path) -> str:
    """Unpack app/ as of `rev` into `into`/baseline and make it importable; returns the package name."""
    archive = subprocess.run(["git", "archive", rev, "app"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    (into / "app").rename(into / "baseline")
    sys.path.insert(0, str(into))
    return "baseline"


def trainer(package: str, sizes, acts, cost, batch):
    """A function of `steps` that trains the case's network from its start with that package's engine."""
    def module(name: str) -> ModuleType:
        return importlib.import_module(f"{package}.core.{name}")

    training, model_module = module("training"), module("model")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(512, sizes[0]))
    if cost == "softmax_cross_entropy":
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], 512)]
    elif cost == "binary_cross_entropy":
        y = (rng.random((512, 1)) > 0.5).astype(float)
    else:
        y = rng.random((512, sizes[-1]))
    limits = module("limits").Limits(max_inputs=1024, max_samples=10_000, max_train_seconds=600)
    spec = model_module.Spec(arch=module("network").Architecture(sizes, acts, cost),
                             hyper=model_module.Hyper(eta=0.05, batch_size=batch), data=model_module.Samples(x, y),
                             seed=1)
    start = training.create(spec, limits)
    return lambda steps: training.train(start, steps, limits, record_every=steps).model


def run(rev: str, runs: int = 15) -> list[tuple[str, str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        package = baseline_package(rev, Path(tmp))
        for name, sizes, acts, cost, batch, _ in CASES:
            steps = {1: 2000, 32: 1000, 128: 300}.get(batch, 100)
            now, then = trainer("app", sizes, acts, cost, batch), trainer(package, sizes, acts, cost, batch)
            a, b = now(steps).params, then(steps).params
            same = all(np.array_equal(a.W[l], b.W[l]) and np.array_equal(a.b[l], b.b[l]) for l in a.W)
            ratios, t_now, t_then = [], [], []
            for i in range(runs):
                pair = [(now, t_now), (then, t_then)]
                for train, times in pair if i % 2 else pair[::-1]:  # alternate which goes first
                    t = time.perf_counter()
                    train(steps)
                    times.append(time.perf_counter() - t)
                ratios.append(t_then[-1] / t_now[-1])
            ratio = statistics.median(ratios)
            rows.append((name, f"{ratio:.2f}× ({steps / statistics.median(t_now):,.0f} vs "
                               f"{steps / statistics.median(t_then):,.0f} steps/s; same weights: "
                               f"{'yes' if same else 'NO'})", "≥ 0.90×", "yes" if ratio >= 0.9 and same else "no"))
    return rows


if __name__ == "__main__":
    from .common import print_table

    rev = sys.argv[1] if len(sys.argv) > 1 else "HEAD~1"
    print_table(f"Training speed against {rev} (median ratio of alternated runs; ≥ 1 is as fast or faster)",
                run(rev))
