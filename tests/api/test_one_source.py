"""Issue 13, one source of truth: the names a spec accepts are the core's registries, the optimizer fields of the
schemas are the core's declared slots, the export format is the core's document, and the response models are tied
to the code that builds them by the type checker."""

import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import get_args

import orjson
import pytest
from pydantic import TypeAdapter, ValidationError

from app.api.encode import network_document
from app.api.responses import render
from app.api.schemas.base import construct
from app.api.schemas.documents import NetworkDocument
from app.api.schemas.specs import (
    ExportDocument,
    LayerParams,
    NetworkSpec,
    OptimizerLayerState,
    OptimizerState,
    SamplesSpec,
)
from app.api.schemas.traces import SHOWN_FIELDS, BatchInfo, UpdateLayer, UpdateResult
from app.core import document, training
from app.core.activations import ACTIVATIONS
from app.core.costs import COSTS
from app.core.limits import Limits
from app.core.optimizers import OPTIMIZERS
from app.core.presets import PRESETS
from tests.api.api_helpers import assert_error, create, net_url, samples_spec

ROOT = Path(__file__).resolve().parents[2]
REGISTRIES = {"activations": ACTIVATIONS, "cost": COSTS, "optimizer": OPTIMIZERS}


# ---- the accepted names are the registries' ----------------------------------------------------------------------

@pytest.mark.parametrize("field", list(REGISTRIES))
def test_the_openapi_enum_is_the_registry(client, field: str) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    prop = schemas["NetworkSpec"]["properties"][field]
    enums = [s["enum"] for s in [prop, *prop.get("anyOf", [])] if "enum" in s]
    enums += [s["items"]["enum"] for s in prop.get("anyOf", []) if "enum" in s.get("items", {})]
    assert enums and all(e == list(REGISTRIES[field]) for e in enums)
    if field == "optimizer":
        assert schemas["UpdateResult"]["properties"]["rule"]["enum"] == list(OPTIMIZERS)


@pytest.mark.parametrize("field,name", [(f, n) for f, names in REGISTRIES.items() for n in names])
def test_every_registry_name_is_accepted_by_the_schema(field: str, name: str) -> None:
    spec = samples_spec(**{field: [name, name] if field == "activations" else name})
    assert getattr(NetworkSpec.model_validate(spec), field) in (name, [name, name])


@pytest.mark.parametrize("field", list(REGISTRIES))
def test_an_unknown_name_is_a_422_naming_the_field_and_the_choices(client, field: str) -> None:
    for value, where in (("nope", f"spec.{field}"), (["sigmoid", "nope"], "spec.activations[1]")):
        if isinstance(value, list) and field != "activations":
            continue
        error = assert_error(client.post("/api/networks", json={"spec": samples_spec(**{field: value})}), 422,
                             "invalid_request", where)
        assert all(f"'{name}'" in error["message"] for name in REGISTRIES[field]), error["message"]


def test_every_optimizer_and_cost_works_through_the_api(client) -> None:
    for optimizer in OPTIMIZERS:
        net = create(client, {"spec": samples_spec(optimizer=optimizer)})
        assert client.post(net_url(net["id"], "step")).json()["update"]["rule"] == optimizer


# ---- the optimizer fields are the core's declared slots ----------------------------------------------------------

def test_optimizer_layer_fields_are_the_cores_slots() -> None:
    assert list(OptimizerLayerState.model_fields) == ["l", *document.STATE_FIELDS]
    assert OptimizerLayerState.__name__ == "OptimizerLayerState"


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_every_number_a_rule_shows_has_its_update_field(optimizer: str) -> None:
    """The encoder writes UpdateLayer's derived fields only: a number the core shows under another name would be
    lost without this."""
    spec = PRESETS["xor-2-2-1"].spec
    model = training.create(replace(spec, hyper=replace(spec.hyper, optimizer=optimizer)), Limits())
    for _ in range(2):
        _, update, model = training.step_explained(model)
        for shown in update.shown.values():
            assert set(shown) <= set(SHOWN_FIELDS), set(shown) - set(SHOWN_FIELDS)
    assert list(UpdateLayer.model_fields)[7:] == list(SHOWN_FIELDS)
    assert UpdateLayer.model_fields["m_hat_W"].description.startswith("Adam")


# ---- the export format is the core's document -------------------------------------------------------------------

@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_the_cores_document_has_the_schemas_fields_and_validates(optimizer: str) -> None:
    spec = PRESETS["lecture-3-2-1"].spec
    model = training.create(replace(spec, hyper=replace(spec.hyper, optimizer=optimizer)), Limits())
    model = training.step(model)[1]
    doc = document.dump(model)
    assert list(doc) == list(ExportDocument.model_fields)
    assert list(doc["spec"]) == list(NetworkSpec.model_fields)
    assert list(doc["spec"]["samples"]) == list(SamplesSpec.model_fields)
    assert list(doc["parameters"][0]) == list(LayerParams.model_fields)
    assert list(doc["optimizer_state"]) == list(OptimizerState.model_fields)
    assert all(list(layer) == list(OptimizerLayerState.model_fields) for layer in doc["optimizer_state"]["layers"])
    as_json = orjson.dumps(doc, option=orjson.OPT_SERIALIZE_NUMPY)
    TypeAdapter(ExportDocument).validate_json(as_json)
    TypeAdapter(NetworkDocument).validate_json(render(network_document("some-id", model)))


def test_import_reads_the_document_as_the_core_does(client) -> None:
    net = create(client, {"spec": samples_spec(optimizer="adam")})
    client.post(net_url(net["id"], "step"))
    exported = client.get(net_url(net["id"], "export")).json()
    again = client.post("/api/networks/import", json=exported)
    assert again.status_code == 201
    assert client.get(net_url(again.json()["id"], "export")).json() == exported
    exported["parameters"][0]["W"] = [[1.0, 2.0]]   # a wrong shape: the core's check, named in the document
    assert_error(client.post("/api/networks/import", json=exported), 422, "invalid_spec", "parameters.W2")


# ---- construct(): the server's numbers as a response model -------------------------------------------------------

def test_construct_keeps_the_schemas_field_order_and_defaults() -> None:
    built = construct(BatchInfo, examples_shown=1, m=1, indices=None, source="inputs")
    assert list(built.__dict__) == list(BatchInfo.model_fields)
    assert built == BatchInfo(source="inputs", indices=None, m=1, examples_shown=1)
    result = construct(OptimizerState)   # a default factory gives a fresh list each time
    assert result.layers == [] and result.layers is not construct(OptimizerState).layers
    assert orjson.loads(render(construct(UpdateResult, eta=0.5, lam=0.0, t=1, old_version=1, version=2, layers=[],
                                         sampler=None)))["rule"] == "sgd"
    with pytest.raises(TypeError):
        construct(BatchInfo, "inputs")   # type: ignore[call-arg]


def test_a_missing_required_field_cannot_be_sent() -> None:
    with pytest.raises(TypeError):
        render(construct(BatchInfo, source="inputs", m=1, indices=None))   # type: ignore[call-arg]


def test_strict_json_validation_still_catches_what_construct_lets_through() -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(BatchInfo).validate_json(render(construct(BatchInfo, source="inputs", m="1", indices=None,
                                                              examples_shown=1)))   # type: ignore[arg-type]


def test_the_type_checker_holds_responses_to_their_schemas(tmp_path: Path) -> None:
    """mypy with pydantic's plugin: the API and the store are clean, and a response built with a wrong field name or
    type, or without a required field, is an error."""
    clean = subprocess.run([sys.executable, "-m", "mypy", "--follow-imports=silent", "app/api", "app/store",
                            "app/core/document.py"], capture_output=True, text=True, cwd=ROOT)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    probe = tmp_path / "probe.py"
    probe.write_text(
        "from app.api.schemas.base import construct\nfrom app.api.schemas.traces import BatchInfo\n"
        "construct(BatchInfo, source='batch', indices=None, m='x', examples_shown=1)\n"
        "construct(BatchInfo, source='batch', indices=None, m=1, examples_shown=1, shown=1)\n"
        "construct(BatchInfo, source='batch', indices=None, m=1)\n")
    wrong = subprocess.run([sys.executable, "-m", "mypy", "--follow-imports=silent", str(probe)],
                           capture_output=True, text=True, cwd=ROOT)
    assert 'Argument "m" to "construct" has incompatible type "str"' in wrong.stdout, wrong.stdout
    assert 'Unexpected keyword argument "shown"' in wrong.stdout
    assert 'Missing named argument "examples_shown"' in wrong.stdout
    assert get_args(BatchInfo.model_fields["source"].annotation) == ("batch", "inputs", "example")
