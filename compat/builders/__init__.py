"""Valid calls for every Kanboard procedure, built from the model so they name real objects.

Each builder returns a Call (or None when the model has nothing to call it on) whose
`learn` updates the model from Kanboard's answer. Invalid variants are derived from these
by compat/corrupt.py.
"""
from compat.builders import board, children, people, projects, tasks  # noqa: F401 (register)
from compat.builders.base import BUILDERS, Builders

__all__ = ["BUILDERS", "Builders"]
