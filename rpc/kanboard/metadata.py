"""The metadata procedures of projects and tasks: the same four for each kind of owner."""
from __future__ import annotations

from domain import commands as cmd
from domain.roles import PROJECT_MEMBER
from projections.queries import Reads
from rpc.kanboard import read, write
from rpc.kanboard.access import Access, by, by_project

# owner -> (its id parameter, the access rule that finds its project)
_OWNERS = {"project": ("project_id", by_project()), "task": ("task_id", by("task", "task_id"))}

for _owner, (_key, _project) in _OWNERS.items():
    _kind = _owner.capitalize()
    _common = {"rename": {_key: "owner_id"}, "fixed": {"owner": _owner}}
    _view = Access(project=_project)
    _edit = Access(project=_project, project_role=PROJECT_MEMBER)
    read(f"get{_kind}Metadata", query=Reads.metadata, access=_view, **_common)
    # a name is bound into Kanboard's SQL as PHP's text: an array is "Array"
    read(f"get{_kind}MetadataByName", query=Reads.metadata_value, access=_view,
         arrays_as_text=("name",), **_common)
    write(f"save{_kind}Metadata", command=cmd.SaveMetadata, access=_edit, **_common)
    write(f"remove{_kind}Metadata", command=cmd.RemoveMetadata, access=_edit,
          arrays_as_text=("name",), **_common)
