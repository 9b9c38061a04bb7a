"""Benchmarks: ratios measured side by side in one run (the machines are noisy). `python -m bench`."""
