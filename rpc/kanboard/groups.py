"""Groups and their members (application administrators only, as in Kanboard)."""
from __future__ import annotations

from domain import commands as cmd
from domain.roles import APP_ADMIN
from projections.queries import Reads
from rpc.kanboard import read, write
from rpc.kanboard.access import Access

ADMIN = Access(app_role=APP_ADMIN)
# GroupModel stores both as sent, an array as "Array" (no validator measures them)
_NO_VALIDATOR = ("name", "external_id")

write("createGroup", command=cmd.CreateGroup, access=ADMIN, arrays_as_text=_NO_VALIDATOR)
write("updateGroup", command=cmd.UpdateGroup, access=ADMIN, arrays_as_text=_NO_VALIDATOR)
write("removeGroup", command=cmd.RemoveGroup, access=ADMIN)
read("getGroup", query=Reads.group, access=ADMIN)
read("getAllGroups", query=Reads.groups, access=ADMIN)

read("getMemberGroups", query=Reads.member_groups, access=ADMIN)
read("getGroupMembers", query=Reads.group_members, access=ADMIN)
write("addGroupMember", command=cmd.AddGroupMember, access=ADMIN)
write("removeGroupMember", command=cmd.RemoveGroupMember, access=ADMIN)
read("isGroupMember", query=Reads.is_group_member, access=ADMIN)
