"""The configuration space the core's registries span, for the tests that walk it.

Read from app/core's registries, never listed by hand: an activation, cost or update rule added there is walked by
every test that draws from here (the lesson walk, the gradient checks, the property tests) without another edit.
"""

from app.core.activations import ACTIVATIONS
from app.core.costs import COSTS
from app.core.errors import SpecError
from app.core.limits import Limits
from app.core.network import Architecture
from app.core.optimizers import OPTIMIZERS
from app.core.validation import check_architecture

# Activations a hidden layer may have, and those of them that are smooth (no kink at 0).
HIDDEN = [name for name, a in ACTIVATIONS.items() if not a.output_only]
SMOOTH_HIDDEN = [name for name in HIDDEN if ACTIVATIONS[name].smooth]
KINKED = tuple(name for name, a in ACTIVATIONS.items() if not a.smooth)
RULES = list(OPTIMIZERS)


def _allowed(output: str, cost: str) -> bool:
    """Whether validation accepts this output activation with this cost (on an output as wide as it needs)."""
    width = max(2, ACTIVATIONS[output].min_width)
    try:
        check_architecture(Architecture((2, width), (output,), cost), Limits())
    except SpecError:
        return False
    return True


# Every output activation with every cost it may pair with.
OUTPUTS = [(output, cost) for output in ACTIVATIONS for cost in COSTS if _allowed(output, cost)]
SMOOTH_OUTPUTS = [(output, cost) for output, cost in OUTPUTS if ACTIVATIONS[output].smooth]
