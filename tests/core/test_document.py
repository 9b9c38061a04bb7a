"""A network as a document and back (app/core/document.py): bit-exact for every preset and every optimizer's state;
and whatever it is handed, a malformed document is a SpecError naming the field — never a KeyError or TypeError."""

import copy

import numpy as np
import orjson
import pytest

from app.core import document, training
from app.core.errors import SpecError
from app.core.limits import Limits
from app.core.optimizers import OPTIMIZERS, STATE_SLOTS
from app.core.presets import PRESETS
from tests.support.models import assert_same_network, same_bits, trained


def as_json(doc: dict) -> dict:
    """The document as a client or a store reads it back: JSON, not numpy."""
    return orjson.loads(orjson.dumps(doc, option=orjson.OPT_SERIALIZE_NUMPY))


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("preset", list(PRESETS))
def test_round_trip_through_json_is_bit_exact(preset: str, optimizer: str) -> None:
    model = trained(preset, optimizer)
    back = document.load(as_json(document.dump(model)), Limits(), model.spec.preset)
    assert_same_network(back, model)
    assert back.optimizer.slots.keys() == (set(model.arch.layers) if STATE_SLOTS[optimizer] else set())
    assert orjson.dumps(document.dump(back), option=orjson.OPT_SERIALIZE_NUMPY) == \
        orjson.dumps(document.dump(model), option=orjson.OPT_SERIALIZE_NUMPY)


def test_a_document_of_numpy_arrays_loads_too_and_shares_no_array() -> None:
    model = trained("xor-2-2-1", "adam")
    doc = document.dump(model)
    back = document.load(doc, Limits())
    assert same_bits(back.params.W[2], model.params.W[2]) and back.params.W[2] is not model.params.W[2]
    assert not np.shares_memory(back.optimizer.slots[2]["m_W"], model.optimizer.slots[2]["m_W"])


def test_the_document_lists_every_rules_slots_null_where_the_rule_keeps_none() -> None:
    assert document.STATE_FIELDS == ("velocity_W", "velocity_b", "m_W", "v_W", "m_b", "v_b")
    layer = document.dump(trained("xor-2-2-1", "momentum"))["optimizer_state"]["layers"][0]
    assert list(layer) == ["l", *document.STATE_FIELDS]
    assert layer["velocity_W"] is not None and layer["m_W"] is None and layer["v_b"] is None


def test_a_restored_network_steps_exactly_like_the_original() -> None:
    model = trained("xor-2-2-1", "adam")
    back = document.load(as_json(document.dump(model)), Limits())
    for _ in range(4):
        _, model = training.step(model)
        _, back = training.step(back)
    assert all(same_bits(back.params.W[l], model.params.W[l]) for l in model.arch.layers)


def test_a_spec_names_its_fields_under_spec() -> None:
    doc = as_json(document.dump(trained("mazur-2-2-2", "sgd", steps=0)))
    doc["spec"]["samples"]["x"] = [[0.05, 0.1], [0.2]]
    with pytest.raises(SpecError) as err:
        document.load(doc, Limits())
    assert err.value.field == "spec.samples.x" and "same length" in err.value.message


# What a malformed document may hold in place of any value: every one must be refused with a SpecError (or be a
# value that happens to be valid there), whatever the place.
JUNK = [None, "text", 1.5, -1, 0, True, [], {}, [[1.0], [2.0, 3.0]], [None], ["1"], [{}], 2**70, float("nan"),
        float("inf"), {"unknown": 1}, [[[1.0]]]]


def paths(value: object, at: tuple = ()) -> list[tuple]:
    """Every place in a JSON value (dict keys and list indices), the value itself included."""
    out = [at]
    if isinstance(value, dict):
        for key, child in value.items():
            out += paths(child, (*at, key))
    elif isinstance(value, list):
        for i, child in enumerate(value[:3]):  # the first rows are enough: the others are read alike
            out += paths(child, (*at, i))
    return out


def replaced(doc: dict, at: tuple, new: object) -> object:
    if not at:
        return new
    out = copy.deepcopy(doc)
    parent = out
    for key in at[:-1]:
        parent = parent[key]
    parent[at[-1]] = new
    return out


def removed(doc: dict, at: tuple) -> dict:
    out = copy.deepcopy(doc)
    parent = out
    for key in at[:-1]:
        parent = parent[key]
    del parent[at[-1]]
    return out


def loads_or_refuses(doc: object) -> None:
    try:
        document.load(doc, Limits())
    except SpecError as err:
        assert err.message, doc
        assert err.field is None or isinstance(err.field, str)


@pytest.mark.parametrize("preset,optimizer", [("mazur-2-2-2", "adam"), ("xor-2-2-1", "momentum")])
def test_any_value_anywhere_is_a_spec_error_or_a_network(preset: str, optimizer: str) -> None:
    doc = as_json(document.dump(trained(preset, optimizer, steps=2)))
    places = paths(doc)
    assert len(places) > 60
    for at in places:
        for junk in JUNK:
            loads_or_refuses(replaced(doc, at, junk))
        if at and isinstance(at[-1], str):
            loads_or_refuses(removed(doc, at))


@pytest.mark.parametrize("change,field", [
    (lambda d: d.pop("parameters"), "parameters"),
    (lambda d: d.update(extra=1), "extra"),
    (lambda d: d.update(format="something/else"), "format"),
    (lambda d: d.update(version="3"), "version"),
    (lambda d: d.update(version=2**53), "version"),
    (lambda d: d.update(steps=-1), "steps"),
    (lambda d: d["sampler"].update(cursor=True), "sampler.cursor"),
    (lambda d: d["parameters"][0].update(W=[[1.0, "x"]]), "parameters.W2"),
    (lambda d: d["parameters"][0].update(W=[[1.0], [2.0, 3.0]]), "parameters.W2"),
    (lambda d: d["parameters"][0].pop("b"), "parameters[0].b"),
    (lambda d: d["parameters"].append(dict(d["parameters"][0])), "parameters"),
    (lambda d: d["optimizer_state"]["layers"][0].update(m_W="zeros"), "optimizer_state.m_W2"),
    (lambda d: d["optimizer_state"]["layers"][0].update(speed=[1.0]), "optimizer_state.layers[0].speed"),
    (lambda d: d["optimizer_state"].update(t=None), "optimizer_state.t"),
    (lambda d: d["spec"].update(sizes="2-2-2"), "spec.sizes"),
    (lambda d: d["spec"].update(eta=float("nan")), "spec.eta"),
    (lambda d: d["spec"].update(activations=["sigmoid", 3]), "spec.activations[1]"),
    (lambda d: d["spec"].update(activations=["sigmoid", "swish"]), "spec.activations[1]"),
    (lambda d: d["spec"].update(freeze_biases=1), "spec.freeze_biases"),
    (lambda d: d["spec"].pop("cost"), "spec.cost"),
    (lambda d: d["spec"]["labels"]["neurons"].update(one=["a", "b"]), "spec.labels"),
    (lambda d: d["spec"]["labels"].update(weights=[]), "spec.labels.weights"),
    (lambda d: d["spec"]["samples"].update(x_test=[[0.0, 0.0]]), "spec.samples.x_test"),
    (lambda d: d["spec"].update(dataset={"name": "xor", "n": 8, "noise": 0.1, "test_fraction": 0, "seed": 0}),
     "spec"),
])
def test_a_malformed_document_names_the_field(change, field: str) -> None:
    doc = as_json(document.dump(trained("mazur-2-2-2", "adam", steps=2)))
    change(doc)
    with pytest.raises(SpecError) as err:
        document.load(doc, Limits())
    assert err.value.field == field, err.value.message


@pytest.mark.parametrize("doc", [None, [], "backprop-explorer/network", 3, {"spec": None}])
def test_not_a_document_at_all(doc: object) -> None:
    with pytest.raises(SpecError):
        document.load(doc, Limits())


def test_read_array_takes_numbers_only() -> None:
    read = document.read_array([[1, 2], [3, 4]], "x", 2)
    assert read.dtype == np.float64 and read.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    for bad in ([[1, 2], [3]], [["a"]], [[None]], [[True]], "12", [[{}]], [1.0, 2.0], [], [[[1.0]]]):
        with pytest.raises(SpecError) as err:
            document.read_array(bad, "x", 2)
        assert err.value.field == "x", bad
