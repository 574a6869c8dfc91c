"""Fuzzing of mplint's sources: generated and mutated inputs, and the checks each must pass."""
