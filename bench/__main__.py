"""`python -m bench`: every benchmark, one table each (medians of repeated runs, ratios within one run)."""

import os
import platform
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as the app's own launcher does: one BLAS thread per process

from . import api_overhead, memory, throughput  # noqa: E402
from .common import print_table  # noqa: E402


def main() -> None:
    print(f"# Backprop Explorer benchmarks — {time.strftime('%Y-%m-%d')}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    print_table("API overhead (p50 ratio to the trivial endpoint; same server, same keep-alive client, interleaved)",
                api_overhead.run())
    print_table("Training throughput (engine steps/s ÷ PyTorch eager autograd, float64, 1 thread each)",
                throughput.run())
    print_table("Memory", memory.run())


if __name__ == "__main__":
    main()
