"""Networks to bytes and back: bit-exact, for every preset and every optimizer's state."""

from dataclasses import replace

import numpy as np
import orjson
import pytest

from app.api.encode import network_document
from app.api.responses import render
from app.core import training
from app.core.errors import SpecError
from app.core.limits import Limits
from app.core.presets import PRESETS
from app.store.serialize import dumps, loads
from tests.support.models import assert_same_network, same_bits, trained

OPTIMIZERS = ("sgd", "momentum", "adam")


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("preset", list(PRESETS))
def test_round_trip_through_the_stored_bytes_is_bit_exact(preset: str, optimizer: str) -> None:
    """The store's bytes carry the whole document (tests/core/test_document.py tests the document itself)."""
    model = trained(preset, optimizer, steps=9)
    back = loads(dumps(model), Limits())
    assert_same_network(back, model)
    assert dumps(back) == dumps(model)
    # Everything the API shows of it, byte for byte.
    assert render(network_document("id", back)) == render(network_document("id", model))


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_restored_network_steps_exactly_like_the_original(optimizer: str) -> None:
    model = trained("xor-2-2-1", optimizer)
    back = loads(dumps(model), Limits())
    for _ in range(5):
        _, model = training.step(model)
        _, back = training.step(back)
    for l in model.params.W:
        assert same_bits(back.params.W[l], model.params.W[l])
        assert same_bits(back.params.b[l], model.params.b[l])


def test_awkward_floats_survive() -> None:
    model = trained("mazur-2-2-2", "adam", steps=1)
    W = {l: w.copy() for l, w in model.params.W.items()}
    W[2][0, 0], W[2][0, 1], W[2][1, 0], W[2][1, 1] = -0.0, 5e-324, 0.1 + 0.2, 1 / 3
    model = replace(model, params=replace(model.params, W=W))
    back = loads(dumps(model), Limits())
    assert same_bits(back.params.W[2], model.params.W[2])
    assert np.signbit(back.params.W[2][0, 0])


def test_bytes_are_compact() -> None:
    assert len(dumps(trained("mazur-2-2-2", "adam"))) < 4_000


def test_a_network_is_built_from_its_spec_once_per_process_then_only_its_changes_are_read(monkeypatch) -> None:
    """Issue 12, problem 8: every Redis request re-validated and rebuilt the whole stored network (its data too).
    Now the spec's network is kept per process; a later load reads only parameters, sampler and optimizer state —
    and still gives the very same model."""
    from app.store import serialize

    monkeypatch.setattr(serialize, "_built", type(serialize._built)())
    builds = []
    real_create = training.create
    monkeypatch.setattr(training, "create", lambda *a, **k: builds.append(1) or real_create(*a, **k))
    model = trained("mazur-2-2-2", "momentum")
    builds.clear()
    first = loads(dumps(model), Limits())
    later = training.step(first)[1]
    second = loads(dumps(later), Limits())
    assert len(builds) == 1, "the spec's network should be built once"
    assert second.version == later.version and second.sampler == later.sampler
    assert dumps(second) == dumps(later)   # every number, bit for bit
    # A stored counter or parameter that is not valid is still refused on the cached path.
    doc = orjson.loads(dumps(later))
    doc["export"]["version"] = 2**53   # past what the API accepts
    with pytest.raises(SpecError) as err:
        loads(orjson.dumps(doc), Limits())
    assert err.value.field == "version"


@pytest.mark.parametrize("blob", [
    b"", b"not json", b"[]", b"null", b'{"preset": null}', b'{"preset": 3, "export": {}}',
    b'{"preset": null, "export": []}', b'{"preset": null, "export": {}, "more": 1}',
    b'{"preset": null, "export": {"spec": 7}}',
])
def test_bytes_that_are_not_a_stored_network_are_a_spec_error(blob: bytes) -> None:
    with pytest.raises(SpecError):
        loads(blob, Limits())


@pytest.mark.parametrize("cached", [False, True], ids=["first load", "cached spec"])
@pytest.mark.parametrize("path,junk", [
    (("version",), "2"), (("steps",), None), (("sampler",), [0, 0]), (("parameters", 0, "W"), [[1.0], [2.0, 3.0]]),
    (("parameters", 0), {"l": 2}), (("optimizer_state", "layers", 0, "m_W"), "zeros"),
    (("optimizer_state", "t"), -1), (("format_version",), 2),
])
def test_a_malformed_stored_network_is_a_spec_error_not_a_crash(monkeypatch, path: tuple, junk: object,
                                                                 cached: bool) -> None:
    """A Redis value could be anything: whatever is wrong in it is a SpecError naming the field, on the path that
    builds the network from its spec and on the one that takes the built network from the cache."""
    from app.store import serialize

    monkeypatch.setattr(serialize, "_built", type(serialize._built)())
    model = trained("mazur-2-2-2", "adam", steps=2)
    blob = dumps(model)
    if cached:
        loads(blob, Limits())
    stored = orjson.loads(blob)
    parent = stored["export"]
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = junk
    with pytest.raises(SpecError) as err:
        loads(orjson.dumps(stored), Limits())
    assert err.value.field and err.value.field.split(".")[0].split("[")[0] == path[0], err.value
