"""Trained networks to compare, and the one comparison of two networks bit for bit (the document's and the store's
round trips both hold their result to it)."""

from dataclasses import replace

import numpy as np

from app.core import training
from app.core.limits import Limits
from app.core.model import Model
from app.core.presets import PRESETS


def trained(preset: str, optimizer: str, steps: int = 7) -> Model:
    """The preset with `optimizer`, after `steps` steps (so the optimizer's state and the sampler have moved)."""
    spec = PRESETS[preset].spec
    model = training.create(replace(spec, hyper=replace(spec.hyper, optimizer=optimizer)), Limits())
    for _ in range(steps):
        _, model = training.step(model)
    return model


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype == np.float64 and a.shape == b.shape and a.tobytes() == b.tobytes()


def assert_same_network(back: Model, model: Model) -> None:
    """Spec, counters, sampler, parameters (current and initial), optimizer state and data: all equal, every array
    to the bit."""
    for name in ("arch", "hyper", "seed", "labels", "preset"):
        assert getattr(back.spec, name) == getattr(model.spec, name), name
    assert (back.version, back.steps, back.sampler) == (model.version, model.steps, model.sampler)
    for l in model.arch.layers:
        for old, new in ((model.params, back.params), (model.initial, back.initial)):
            assert same_bits(new.W[l], old.W[l]) and same_bits(new.b[l], old.b[l]), l
    assert back.optimizer.t == model.optimizer.t
    assert back.optimizer.slots.keys() == model.optimizer.slots.keys()
    for l, slots in model.optimizer.slots.items():
        assert slots.keys() == back.optimizer.slots[l].keys()
        assert all(same_bits(back.optimizer.slots[l][name], array) for name, array in slots.items()), l
    for name in ("x_train", "y_train", "x_test", "y_test"):
        assert same_bits(getattr(back.data, name), getattr(model.data, name)), name
