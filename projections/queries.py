"""Read procedures answer from here: indexed point reads on the read-model tables.

Stored API documents come back as `orjson.Fragment`s, so a read never decodes and
re-encodes what the projection already rendered.
"""
from __future__ import annotations

from projections.reads.files import FileReads
from projections.reads.links import LinkReads
from projections.reads.people import PeopleReads
from projections.reads.projects import ProjectReads
from projections.reads.tasks import TaskReads


class Reads(ProjectReads, TaskReads, PeopleReads, LinkReads, FileReads):
    """Every read-model query (each area's in its module of projections/reads/)."""
