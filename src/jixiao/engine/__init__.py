"""Scoring engine: metrics computed from the model, rules applied, results aggregated."""
