"""Domain errors: raised by decisions when a command breaks an invariant."""


class DomainError(Exception):
    """A command was refused; nothing was decided."""


class NotFound(DomainError):
    """The command names something that does not exist."""


class Invalid(DomainError):
    """The command's values break a rule (empty title, short password, unknown role...)."""


class Conflict(DomainError):
    """The command collides with existing state (duplicate username, title, identifier...)."""


class AboveCeiling(DomainError):
    """The command grants, creates or removes something above its caller's own role."""
