"""Offline evaluation: question sets, metrics, runs over an index, comparisons and hand grading."""
