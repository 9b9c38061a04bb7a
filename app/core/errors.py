"""Domain errors of the numeric core.

The core never knows about HTTP; the API layer maps these to status codes
(SpecError → 422, DivergedError → 422 with code "diverged").
"""


class CoreError(ValueError):
    """Base class: something the caller asked for cannot be done."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class SpecError(CoreError):
    """A network spec, parameter set or batch is invalid (wrong shape, size, value)."""


class DivergedError(CoreError):
    """The numbers overflowed: some value became NaN or infinite."""
