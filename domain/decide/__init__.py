"""Decisions, one module per area; importing this package registers them all."""
from domain.decide import (  # noqa: F401
    actions, boards, cross_project, external_links, files, groups, links, metadata,
    planning, projects, task_links, task_parts, tasks, users,
)
