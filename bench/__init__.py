"""A load benchmark of the phone line: `python -m bench.run` (see bench/README.md)."""
