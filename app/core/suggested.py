"""A network to start from for each built-in data set: the one the lab builds when the set is chosen.

Each learns its set, at the set's default arguments (n = 200, noise 0.1, test share 0.2, seed 0), within 3,000 steps,
and does so for other draws of the data as well (seeds 1 and 2), not by a lucky one: tests/core/test_suggested.py
trains every one. They are kept small enough to read on the diagram — tanh hidden layers, Adam with η = 0.01 (about
0.01 per weight a step, whatever the scale of the gradients) and mini-batches of 10 — and grow only where the set
needs it:

- gaussians: a straight line is enough, two hidden neurons draw it;
- xor, circle, moons: two hidden layers of 4;
- spirals: every input feature, x₁² … sin πx₂ (Playground's remedy), into two layers of 8 — from x₁ and x₂ alone
  the same network gets about 64% / 62% of the test points right instead of 72% / 66% (spiral / spiral3, seeds 0–2);
- plane: no hidden layer — a tilted plane is what one linear neuron computes;
- multi_gaussian: its four bumps, two up and two down, are close to sin πx₁ · sin πx₂, so those two features and one
  hidden layer of 8;
- curves: one input, a hidden layer of 4 (8 for the cubic's steeper ends, two of 4 for the step's jump), and ReLU
  for |x|, which is one kink, as a ReLU is.

What a test set can show has a floor: at noise 0.1 a regression's mean squared error cannot go below noise² = 0.01,
and the spirals' arms overlap, so that even the best possible classifier, which knows how the arms are drawn, gets
only about 85% (spiral) and 75% (spiral3) of seed 0's 40 test points right; these networks reach 72% and 60% there.
So the spirals are drawn without noise when chosen, as TensorFlow Playground draws them — the networks then reach
95% or more — and the noise control shows what noise does to them.
"""

from dataclasses import dataclass

from .costs import COSTS
from .datasets import DATASETS
from .model import DatasetRef, Hyper, Spec
from .network import Architecture

# The output layer and cost each task takes, as the cost registry declares them (the lab reads the same from
# static/js/registry.js for its own data).
OUTPUT: dict[str, tuple[str, str]] = {c.task: (c.task_output, c.name) for c in COSTS.values()
                                      if c.task and c.task_output}
EVERY_FEATURE = ("x1", "x2", "x1_squared", "x2_squared", "x1_times_x2", "sin_pi_x1", "sin_pi_x2")


@dataclass(frozen=True)
class Suggested:
    """The hidden layers and training settings; the input and output layers follow from the data set."""

    hidden: tuple[int, ...]  # n_2 … n_{L−1}
    activation: str = "tanh"  # of every hidden layer
    features: tuple[str, ...] = ()  # none: the data's own inputs
    optimizer: str = "adam"
    eta: float = 0.01
    batch_size: int = 10
    seed: int = 0  # the starting weights and the order of the batches
    noise: float = 0.1  # the noise the set is drawn with (DatasetRef's default but for the spirals)


SUGGESTED: dict[str, Suggested] = {
    "xor": Suggested(hidden=(4, 4)),
    "circle": Suggested(hidden=(4, 4)),
    "gaussians": Suggested(hidden=(2,)),
    "spiral": Suggested(hidden=(8, 8), features=EVERY_FEATURE, noise=0.0),
    "moons": Suggested(hidden=(4, 4)),
    "spiral3": Suggested(hidden=(8, 8), features=EVERY_FEATURE, noise=0.0),
    "plane": Suggested(hidden=()),
    "multi_gaussian": Suggested(hidden=(8,), features=("sin_pi_x1", "sin_pi_x2")),
    "curve_sine": Suggested(hidden=(4,)),
    "curve_step": Suggested(hidden=(4, 4)),
    "curve_abs": Suggested(hidden=(4,), activation="relu"),
    "curve_cubic": Suggested(hidden=(8,)),
}


def suggested_spec(name: str) -> Spec:
    """The suggested network of data set `name`, on the set drawn with its default arguments."""
    info, s = DATASETS[name], SUGGESTED[name]
    output, cost = OUTPUT[info.task]
    sizes = (len(s.features) or info.input_size, *s.hidden, info.output_size)
    return Spec(arch=Architecture(sizes, (s.activation,) * len(s.hidden) + (output,), cost),
                hyper=Hyper(eta=s.eta, batch_size=s.batch_size, optimizer=s.optimizer),
                data=DatasetRef(name, noise=s.noise), seed=s.seed, features=s.features)
