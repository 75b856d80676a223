"""Decisions, one module per area; importing this package registers them all."""
from domain.decide import boards, metadata, planning, projects, task_parts, tasks, users  # noqa: F401
