"""Link types between tasks (application administrators only, as in Kanboard)."""
from __future__ import annotations

from domain import commands as cmd
from domain.roles import APP_ADMIN
from projections.queries import Reads
from rpc.kanboard import read, write
from rpc.kanboard.access import Access

ADMIN = Access(app_role=APP_ADMIN)

read("getAllLinks", query=Reads.links, access=ADMIN)
read("getLinkById", query=Reads.link, access=ADMIN)
read("getLinkByLabel", query=Reads.link_by_label, access=ADMIN, arrays_as_text=("label",))
read("getOppositeLinkId", query=Reads.opposite_link_id, access=ADMIN)
# LinkValidator checks presence, uniqueness and difference, never a length: an array is "Array"
write("createLink", command=cmd.CreateLink, access=ADMIN, arrays_as_text=("label", "opposite_label"))
write("updateLink", command=cmd.UpdateLink, access=ADMIN, arrays_as_text=("label",))
write("removeLink", command=cmd.RemoveLink, access=ADMIN)
