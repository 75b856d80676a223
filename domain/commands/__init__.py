"""Commands: one frozen dataclass per change a caller may ask of the world, one module
per area; this package re-exports them all (`from domain import commands as cmd`)."""
from domain.commands.base import *  # noqa: F401,F403
from domain.commands.actions import *  # noqa: F401,F403
from domain.commands.boards import *  # noqa: F401,F403
from domain.commands.files import *  # noqa: F401,F403
from domain.commands.groups import *  # noqa: F401,F403
from domain.commands.links import *  # noqa: F401,F403
from domain.commands.planning import *  # noqa: F401,F403
from domain.commands.projects import *  # noqa: F401,F403
from domain.commands.tasks import *  # noqa: F401,F403
from domain.commands.users import *  # noqa: F401,F403
from domain.commands.base import (  # noqa: F401  (names star imports skip)
    _SUPPLIED, changes_of, given, is_supplied, parameters, supplied)
