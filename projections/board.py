"""getBoard's nested shape: swimlanes, then columns, then the tasks of each cell.

One assembler serves the live read model and time travel, so a board as it was is
shaped exactly as the board is.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from orjson import Fragment

from domain.state import World
from projections.queries import Reads
from projections.render import board_task_doc

TaskRow = tuple[int, int, int, Any]  # swimlane_id, column_id, score, board document


_FIXED, _DRAGGABLE = '"is_draggable":false', '"is_draggable":true'


def board(reads: Reads, project_id: int, draggable: bool = False) -> list[dict[str, Any]]:
    """Kanboard's getBoard lists a project's tasks whatever their status (closed ones too),
    by position; a column's open-task counts include other projects' tasks in it. Its
    open tasks are `draggable` for a caller who may move them (rpc.kanboard.board)."""
    tasks = ((lane, column, score,
              Fragment(doc.replace(_FIXED, _DRAGGABLE) if draggable and active else doc))
             for lane, column, score, active, doc, _ in reads.board_tasks(project_id))
    columns = reads.column_dicts(project_id)
    return assemble(project_id, reads.swimlane_dicts(project_id, active_only=True), columns,
                    tasks, reads.open_tasks_per_column([c["id"] for c in columns]))


def board_of_world(world: World, project_id: int) -> list[dict[str, Any]]:
    project = world.projects.get(project_id)
    if project is None:
        return []
    tasks = sorted((world.tasks[i] for i in project.task_ids),
                   key=lambda t: (t.row["position"], t.row["id"]))
    rows = ((t.row["swimlane_id"], t.row["column_id"], t.row["score"], board_task_doc(world, t))
            for t in tasks)
    swimlanes = [world.swimlanes[s] for s in project.swimlane_order
                 if world.swimlanes[s]["is_active"]]
    columns = sorted((world.columns[c] for c in project.column_order),
                     key=lambda c: (c["position"], c["id"]))
    open_counts: dict[int, int] = defaultdict(int)
    for cell, ids in world.cells.items():  # the open tasks of each cell
        open_counts[cell[2]] += len(ids)
    return assemble(project_id, swimlanes, columns, rows, open_counts)


def assemble(project_id: int, swimlanes: list[dict], columns: list[dict],
             tasks: Iterable[TaskRow], open_counts: dict[int, int]) -> list[dict[str, Any]]:
    """BoardFormatter's shape: per active swimlane and column the tasks listed there (with
    their count and score, and those summed over the swimlanes), and per column its open
    tasks (`open_counts`: nb_open_tasks, column_nb_open_tasks, nb_unfiltered_...)."""
    cells: dict[tuple[int, int], list[Any]] = defaultdict(list)
    scores: dict[tuple[int, int], int] = defaultdict(int)
    for swimlane_id, column_id, score, doc in tasks:
        cells[(swimlane_id, column_id)].append(doc)
        scores[(swimlane_id, column_id)] += score or 0
    shown = {s["id"] for s in swimlanes}
    visible_in_column: dict[int, int] = defaultdict(int)
    score_in_column: dict[int, int] = defaultdict(int)
    for (swimlane_id, column_id), docs in cells.items():
        if swimlane_id in shown:
            visible_in_column[column_id] += len(docs)
            score_in_column[column_id] += scores[(swimlane_id, column_id)]
    result = []
    for swimlane in swimlanes:
        lane_columns, lane_tasks, lane_score = [], 0, 0
        for column in columns:
            cell = (swimlane["id"], column["id"])
            tasks_here = cells.get(cell, [])
            lane_tasks += len(tasks_here)
            lane_score += scores[cell]
            open_here = open_counts.get(column["id"], 0)
            lane_columns.append({
                "id": column["id"], "title": column["title"], "position": column["position"],
                "task_limit": column["task_limit"], "description": column["description"],
                "hide_in_dashboard": column["hide_in_dashboard"], "project_id": project_id,
                "nb_open_tasks": open_here, "tasks": tasks_here,
                "nb_tasks": len(tasks_here), "score": scores[cell],
                "column_nb_open_tasks": open_here,
                "nb_visible_tasks_across_swimlane": visible_in_column[column["id"]],
                "nb_unfiltered_tasks_across_swimlane": open_here,
                "cumulative_score_across_swimlane": score_in_column[column["id"]],
            })
        result.append({**swimlane, "columns": lane_columns, "nb_swimlanes": len(swimlanes),
                       "nb_columns": len(columns), "nb_tasks": lane_tasks, "score": lane_score})
    return result
