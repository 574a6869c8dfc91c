"""Run mplint as ``python -m mplint``."""

from mplint.cli import main

main()
