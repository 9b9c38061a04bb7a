"""`python -m app` is the same as the `backprop-explorer` command."""

from .cli import main

main()
