"""A spec's choice of starting weights (issue 15): zeros, uniform(−a, a), Glorot, He — or auto, each layer by its
activation (tests/core/test_training.py covers auto's schemes and seeding)."""

import numpy as np
import pytest

from app.core import doctor, document, training
from app.core.errors import SpecError
from app.core.initialization import INITS, SCHEMES, init_params
from app.core.limits import Limits
from app.core.model import DatasetRef, Hyper, Spec
from app.core.network import Architecture

ARCH = Architecture((64, 64, 64), ("relu", "tanh"), "quadratic")  # a ReLU layer and a tanh layer


def spec(**kw) -> Spec:
    return Spec(arch=Architecture((2, 6, 1), ("tanh", "sigmoid"), "binary_cross_entropy"),
                hyper=Hyper(eta=0.5, batch_size=8), data=DatasetRef("circle", n=80), seed=2, **kw)


def test_zeros_are_zeros_and_stay_symmetric_through_training():
    params = init_params(ARCH, np.random.default_rng(0), "zeros")
    assert all(not w.any() for w in params.W.values()) and all(not b.any() for b in params.b.values())
    trained = training.train(training.create(spec(init="zeros"), Limits()), 100, Limits()).model
    rows = trained.params.W[2]
    assert (rows == rows[0]).all()  # every hidden unit still the same after 100 steps
    assert doctor.symmetry(trained).code == "symmetric_units"


@pytest.mark.parametrize("scale", [0.01, 0.5, 3.0])
def test_uniform_draws_within_its_scale_whatever_the_layer(scale):
    W = init_params(ARCH, np.random.default_rng(1), "uniform", scale).W
    for w in W.values():
        assert np.abs(w).max() <= scale and np.abs(w).max() > 0.9 * scale  # 4096 draws reach near the bound
        assert w.std() == pytest.approx(scale / np.sqrt(3), rel=0.05)


@pytest.mark.parametrize("scheme,std", [("glorot", np.sqrt(2 / 128)), ("he", np.sqrt(2 / 64))])
def test_a_chosen_scheme_applies_to_every_layer_whatever_its_activation(scheme, std):
    W = init_params(ARCH, np.random.default_rng(2), scheme).W
    assert all(w.std() == pytest.approx(std, rel=0.05) for w in W.values())


def test_auto_is_the_default_and_draws_as_before():
    """auto leaves every existing network as it was: the same draws as each layer's own scheme, in order."""
    rng_a, rng_b = np.random.default_rng(3), np.random.default_rng(3)
    auto = init_params(ARCH, rng_a)
    by_layer = {l: SCHEMES[ARCH.act(l).init](rng_b, ARCH.sizes[l - 2], ARCH.sizes[l - 1], 0.5) for l in ARCH.layers}
    assert all(np.array_equal(auto.W[l], by_layer[l]) for l in ARCH.layers)
    assert spec().init == "auto" and set(INITS) == {"auto", "zeros", "uniform", "glorot", "he"}


def test_the_choice_travels_with_the_document_and_older_documents_mean_auto():
    model = training.create(spec(init="uniform", init_scale=0.2), Limits())
    doc = document.dump(model)
    assert (doc["spec"]["init"], doc["spec"]["init_scale"]) == ("uniform", 0.2)
    del doc["spec"]["init"], doc["spec"]["init_scale"], doc["spec"]["initial"]
    assert document.read_spec(doc["spec"]).init == "auto"


@pytest.mark.parametrize("change,field", [({"init": "ones"}, "init"), ({"init_scale": 0.0}, "init_scale"),
                                          ({"init_scale": float("nan")}, "init_scale"),
                                          ({"init_scale": 1e9}, "init_scale")])
def test_a_bad_choice_is_refused_naming_its_field(change, field):
    with pytest.raises(SpecError) as err:
        training.create(spec(**change), Limits())
    assert err.value.field == field
