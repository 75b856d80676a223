"""getBoard's nested shape: swimlanes, then columns, then the tasks of each cell."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from orjson import Fragment

from projections.queries import Reads


def board(reads: Reads, project_id: int) -> list[dict[str, Any]]:
    swimlanes = reads.swimlane_dicts(project_id, active_only=True)
    columns = reads.column_dicts(project_id)
    cells: dict[tuple[int, int], list[Fragment]] = defaultdict(list)
    scores: dict[tuple[int, int], int] = defaultdict(int)
    open_in_column: dict[int, int] = defaultdict(int)
    score_in_column: dict[int, int] = defaultdict(int)
    for swimlane_id, column_id, score, doc, _ in reads.board_tasks(project_id):
        cells[(swimlane_id, column_id)].append(Fragment(doc))
        scores[(swimlane_id, column_id)] += score or 0
        open_in_column[column_id] += 1
        score_in_column[column_id] += score or 0
    result = []
    for swimlane in swimlanes:
        lane_columns, lane_tasks, lane_score = [], 0, 0
        for column in columns:
            cell = (swimlane["id"], column["id"])
            tasks = cells.get(cell, [])
            lane_tasks += len(tasks)
            lane_score += scores[cell]
            lane_columns.append({
                "id": column["id"], "title": column["title"], "position": column["position"],
                "task_limit": column["task_limit"], "description": column["description"],
                "hide_in_dashboard": column["hide_in_dashboard"], "project_id": project_id,
                "nb_open_tasks": open_in_column[column["id"]], "tasks": tasks,
                "nb_tasks": len(tasks), "score": scores[cell],
                "column_nb_open_tasks": open_in_column[column["id"]],
                "nb_visible_tasks_across_swimlane": open_in_column[column["id"]],
                "nb_unfiltered_tasks_across_swimlane": open_in_column[column["id"]],
                "cumulative_score_across_swimlane": score_in_column[column["id"]],
            })
        result.append({**swimlane, "columns": lane_columns, "nb_swimlanes": len(swimlanes),
                       "nb_columns": len(columns), "nb_tasks": lane_tasks, "score": lane_score})
    return result
