"""Bounds every stage applies to its input (README: Security and limits)."""

MAX_FILE_BYTES = 8 * 1024 * 1024  # a claim file of 5,000 statements is about 1 MiB
