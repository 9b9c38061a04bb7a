"""Each built-in data set's suggested network (app/core/suggested.py) learns its set within 3,000 steps, on the set's
default draw and on two others, so that the lab's choice is a good start and not a lucky one.

The bars are what the data allow at their suggested noise (0.1; the spirals 0, as Playground draws them), on a test
set of 40 points:
- classification: 90% right. (At noise 0.1 the spirals' arms overlap: the best possible classifier — the one that
  knows how the arms are drawn and picks the likeliest arm for each point — gets about 83% of spiral's points right
  and 77% of spiral3's, which is why the lab draws them without noise at first);
- regression: the noise on the targets puts the mean squared error's floor at noise² = 0.01; a good fit stays under
  twice that, with a little to spare. The step's jump costs more: a smooth curve must cross it somewhere, and a test
  point right at it is off by up to 0.8 (seed 0 has two of 40 within 0.006 of x = 0, about 0.03 of MSE).
"""

from dataclasses import replace

import numpy as np
import pytest

from app.core import training
from app.core.datasets import DATASETS
from app.core.lab import evaluate
from app.core.limits import Limits
from app.core.model import DatasetRef
from app.core.network import forward
from app.core.suggested import SUGGESTED, suggested_spec

STEPS = 3_000
NOISE = 0.1
LIMITS = Limits(max_train_seconds=60)  # the bar is the steps, not this machine's speed
ACCURACY = 0.9
FIT = 2 * NOISE**2 + 0.005
MSE = {"curve_step": FIT + 0.04}  # the others: FIT


def trained(name: str, seed: int) -> training.Model:
    spec = suggested_spec(name)
    spec = replace(spec, data=DatasetRef(name, seed=seed, noise=SUGGESTED[name].noise))
    result = training.train(training.create(spec, LIMITS), STEPS, LIMITS, record_every=STEPS)
    assert result.status == "completed", result.message
    return result.model


def test_every_data_set_has_a_suggested_network():
    assert list(SUGGESTED) == list(DATASETS)


@pytest.mark.parametrize("name", list(DATASETS))
def test_each_suggested_network_takes_its_sets_inputs_and_gives_its_outputs(name):
    spec, info = suggested_spec(name), DATASETS[name]
    # The set's default draw (n = 200, test share 0.2, seed 0), at noise 0.1 but for the spirals.
    assert spec.data == DatasetRef(name, noise=0.0 if name.startswith("spiral") else NOISE)
    assert spec.arch.sizes[0] == (len(spec.features) or info.input_size) and spec.arch.sizes[-1] == info.output_size


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("name", list(DATASETS))
def test_the_suggested_network_learns_its_set_in_3000_steps(name, seed):
    model = trained(name, seed)
    d = model.data
    if DATASETS[name].task == "regression":
        out = forward(model.arch, model.params, d.x_test.T).output
        mse = float(np.mean((out - d.y_test.T) ** 2))
        assert mse <= MSE.get(name, FIT), f"{name} seed {seed}: test MSE {mse:.4f}"
    else:
        acc = evaluate(model, d.x_test, d.y_test).accuracy
        assert acc is not None and acc >= ACCURACY, f"{name} seed {seed}: test accuracy {acc}"

