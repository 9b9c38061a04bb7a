"""`python -m bench`: every benchmark, one table each (medians of repeated runs, ratios within one run)."""

import os
import platform
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the app's own launcher does: one BLAS thread per process

from . import api_overhead, browser, classroom, lab_fps, load, memory, throughput  # noqa: E402
from .common import print_table  # noqa: E402


def main() -> None:
    cpu = platform.processor() or platform.machine()
    print(f"# Backprop Explorer benchmarks — {time.strftime('%Y-%m-%d')}, {cpu}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    print_table("API overhead (p50 ratio to the trivial endpoint; same server, same keep-alive client, interleaved)",
                api_overhead.run())
    print_table("Training throughput (engine steps/s ÷ PyTorch eager autograd, float64, 1 thread each)",
                throughput.run())
    print_table("Memory", memory.run())
    print_table("Classroom load (40 clients in one process on the same cores, each stepping its own 2-2-2 network)",
                load.run(clients=40, seconds=10.0))
    print_table("Live classroom (200 students' event streams following 50 teacher moves; medians of 3 runs' "
                "percentiles)", classroom.run())
    print_table("Browser (headless Chromium, performance.now() in the page)", browser.run())
    print_table("Lab frame rate (headless Chromium, 10 s each, medians of 3; Playground's fps are the issue's)",
                lab_fps.run())


if __name__ == "__main__":
    main()
