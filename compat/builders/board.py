"""Builders for columns, swimlanes and categories."""
from __future__ import annotations

from typing import Any

from compat.builders.base import COLORS, Builders, as_int, builds
from compat.calls import Call


# --- columns, swimlanes, categories ---------------------------------------------------------

@builds("addColumn")
def _add_column(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"project_id": project.id, "title": b.word().title()}
    if b.rng.random() < 0.4:
        params["task_limit"] = b.rng.randint(0, 5)
    if b.rng.random() < 0.3:
        params["description"] = "stage " + b.word()

    def learn(result: Any) -> None:
        if as_int(result):
            project.columns.append(b.model.saw(result))
    return Call("addColumn", params, learn, project_id=project.id)


@builds("getColumn")
def _get_column(b: Builders) -> Call | None:
    pair = b.column()
    return Call("getColumn", {"column_id": pair[0]}, project_id=pair[1].id) if pair else None


@builds("updateColumn")
def _update_column(b: Builders) -> Call | None:
    pair = b.column()
    if pair is None:
        return None
    params: dict[str, Any] = {"column_id": pair[0], "title": b.word().title()}
    if b.rng.random() < 0.5:
        params["task_limit"] = b.rng.randint(0, 4)
    return Call("updateColumn", params, project_id=pair[1].id)


@builds("changeColumnPosition")
def _change_column_position(b: Builders) -> Call | None:
    pair = b.column()
    if pair is None:
        return None
    column_id, project = pair
    position = b.rng.randint(1, max(1, len(project.columns)))

    def learn(result: Any) -> None:
        if result is True and column_id in project.columns:
            project.columns.remove(column_id)
            project.columns.insert(position - 1, column_id)
    return Call("changeColumnPosition", {"project_id": project.id, "column_id": column_id,
                                         "position": position}, learn, project_id=project.id)


@builds("removeColumn")
def _remove_column(b: Builders) -> Call | None:
    pair = b.column()
    if pair is None or len(pair[1].columns) < 3:
        return None
    column_id, project = pair

    def learn(result: Any) -> None:
        if result is True and column_id in project.columns:
            project.columns.remove(column_id)
    return Call("removeColumn", {"column_id": column_id}, learn, project_id=project.id)


@builds("getSwimlane")
def _get_swimlane(b: Builders) -> Call | None:
    project = b.project()
    if project is None or not project.swimlanes:
        return None
    return Call("getSwimlane", {"swimlane_id": b.rng.choice(project.swimlanes)},
                project_id=project.id)


@builds("getSwimlaneById")
def _get_swimlane_by_id(b: Builders) -> Call | None:
    call = _get_swimlane(b)
    return Call("getSwimlaneById", call.params, project_id=call.project_id) if call else None


@builds("getSwimlaneByName")
def _get_swimlane_by_name(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    return Call("getSwimlaneByName", {"project_id": project.id, "name": "Default swimlane"},
                project_id=project.id)


@builds("createCategory")
def _create_category(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"project_id": project.id, "name": b.word().title()}
    if b.rng.random() < 0.5:
        params["color_id"] = b.rng.choice(COLORS)

    def learn(result: Any) -> None:
        if as_int(result):
            project.categories.append(b.model.saw(result))
    return Call("createCategory", params, learn, project_id=project.id)


@builds("getCategory")
def _get_category(b: Builders) -> Call | None:
    pair = b.category()
    return Call("getCategory", {"category_id": pair[0]}, project_id=pair[1].id) if pair else None


@builds("updateCategory")
def _update_category(b: Builders) -> Call | None:
    pair = b.category()
    if pair is None:
        return None
    params: dict[str, Any] = {"id": pair[0], "name": b.word().title()}
    if b.rng.random() < 0.5:
        params["color_id"] = b.rng.choice(COLORS)
    return Call("updateCategory", params, project_id=pair[1].id)


@builds("removeCategory")
def _remove_category(b: Builders) -> Call | None:
    pair = b.category()
    if pair is None:
        return None
    category_id, project = pair

    def learn(result: Any) -> None:
        if result is True and category_id in project.categories:
            project.categories.remove(category_id)
    return Call("removeCategory", {"category_id": category_id}, learn, project_id=project.id)
