"""Domain events: frozen facts with a stable type name, a schema version and a stream,
one module per stream kind; this package re-exports them all (`from domain import events
as ev`). What an event is, its streams and its registry: domain/events/base.py."""
from domain.events.base import *  # noqa: F401,F403
from domain.events.files import *  # noqa: F401,F403
from domain.events.actions import *  # noqa: F401,F403
from domain.events.groups import *  # noqa: F401,F403
from domain.events.links import *  # noqa: F401,F403
from domain.events.planning import *  # noqa: F401,F403
from domain.events.projects import *  # noqa: F401,F403
from domain.events.tasks import *  # noqa: F401,F403
from domain.events.users import *  # noqa: F401,F403
from domain.events.base import REGISTRY, from_data  # noqa: F401
