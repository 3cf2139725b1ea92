"""Command line: one entry point, ``jixiao``, for every capability."""
