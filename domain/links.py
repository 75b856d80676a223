"""Link types between tasks ("blocks" / "is blocked by"...): Kanboard's eleven defaults,
which every world starts with, in Kanboard's ids and opposites."""
from __future__ import annotations

from domain.state import Row

DEFAULT_LINKS: tuple[tuple[str, int], ...] = (
    ("relates to", 0), ("blocks", 3), ("is blocked by", 2), ("duplicates", 5),
    ("is duplicated by", 4), ("is a child of", 7), ("is a parent of", 6),
    ("targets milestone", 9), ("is a milestone of", 8), ("fixes", 11), ("is fixed by", 10))


def default_links() -> dict[int, Row]:
    return {i: {"id": i, "label": label, "opposite_id": opposite}
            for i, (label, opposite) in enumerate(DEFAULT_LINKS, start=1)}
