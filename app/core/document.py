"""A network as a document — the export format — and back: core objects ↔ plain data.

    {"format": "backprop-explorer/network", "format_version": 1,
     "spec": {"sizes": […], "activations": […], "cost": …, "eta": …, …, "initial": […], "dataset" or "samples": …},
     "parameters": [{"l": 2, "W": [[…]], "b": […]}, …], "sampler": {"epoch": 0, "cursor": 0},
     "version": 1, "steps": 0, "optimizer_state": {"t": 0, "layers": [{"l": 2, "velocity_W": …, …}, …]}}

GET /api/networks/{id}/export answers with it, POST /api/networks/import reads it, and the Redis store keeps it.
dump() writes the arrays as numpy arrays: orjson writes each float64 as the shortest decimal that reads back to the
very same double, so a round trip is bit-exact. load() reads a document from anything — a request body the API has
validated, or bytes from a store that could hold anything: a wrong type, a ragged array, a missing or unknown key is
a SpecError naming the field, never a KeyError or TypeError. The values are then checked as for every network, by
training.create (the spec) and training.restore (parameters, sampler, counters, optimizer state).
"""

import math
from typing import Any

import numpy as np

from . import training
from .errors import SpecError
from .initialization import AUTO, DEFAULT_SCALE
from .limits import Limits
from .model import DatasetRef, Hyper, Labels, Model, Samples, Spec
from .network import Architecture, Params
from .optimizers import STATE_SLOTS, OptimizerState
from .sampler import SamplerState

Json = dict[str, Any]
Array = np.ndarray

FORMAT = "backprop-explorer/network"
FORMAT_VERSION = 1
# The largest integer every JSON reader keeps exactly (JavaScript's Number.MAX_SAFE_INTEGER): the bound of every
# counter (version, steps, epoch, cursor, t), so that what is stored can always be written back and read by the page.
MAX_COUNT = 2**53 - 1

# The arrays one layer's optimizer state may hold, named after the parameter they belong to, for every rule, in
# this order: velocity_W, velocity_b, m_W, v_W, m_b, v_b. A document lists them all, null where the rule keeps none.
STATE_FIELDS = tuple(dict.fromkeys(f"{s}_{p}" for slots in STATE_SLOTS.values() for p in ("W", "b") for s in slots))

DOCUMENT_FIELDS = ("format", "format_version", "spec", "parameters", "sampler", "version", "steps", "optimizer_state")
SPEC_FIELDS = ("sizes", "activations", "cost", "eta", "lam", "l1", "optimizer", "momentum", "beta1", "beta2",
               "epsilon", "batch_size", "freeze_biases", "shared_bias", "seed")
SPEC_OPTIONAL = ("initial", "dataset", "samples", "labels", "init", "init_scale", "features")  # null, or left out
DATASET_FIELDS = ("name", "n", "noise", "test_fraction", "seed")
LABEL_KINDS = ("neurons", "weights", "biases")


# ---- core objects → plain data ------------------------------------------------------------------------------------

def params_data(params: Params) -> list[Json]:
    """[{"l", "W", "b"}] for l = 2 … L."""
    return [{"l": l, "W": params.W[l], "b": params.b[l]} for l in sorted(params.W)]


def labels_data(labels: Labels) -> Json:
    return {kind: {str(l): names for l, names in getattr(labels, kind).items()} for kind in LABEL_KINDS}


def spec_data(spec: Spec, initial: Params) -> Json:
    """The spec with its starting parameters (the drawn ones when the spec gave none): rebuilds the same network."""
    arch, hyper, data = spec.arch, spec.hyper, spec.data
    out: Json = {
        "sizes": list(arch.sizes), "activations": list(arch.activations), "cost": arch.cost_name,
        "eta": hyper.eta, "lam": hyper.lam, "l1": hyper.l1, "optimizer": hyper.optimizer,
        "momentum": hyper.momentum, "beta1": hyper.beta1, "beta2": hyper.beta2, "epsilon": hyper.epsilon,
        "batch_size": hyper.batch_size, "freeze_biases": hyper.freeze_biases, "shared_bias": arch.shared_bias,
        "seed": spec.seed, "init": spec.init, "init_scale": spec.init_scale, "initial": params_data(initial),
        "dataset": None, "samples": None,
        "labels": labels_data(spec.labels), "features": list(spec.features),
    }
    if isinstance(data, DatasetRef):
        out["dataset"] = {"name": data.name, "n": data.n, "noise": data.noise, "test_fraction": data.test_fraction,
                          "seed": data.seed}
    else:
        out["samples"] = {"x": data.x, "y": data.y, "x_test": data.x_test, "y_test": data.y_test}
    return out


def sampler_data(sampler: SamplerState) -> Json:
    return {"epoch": sampler.epoch, "cursor": sampler.cursor}


def optimizer_state_data(state: OptimizerState) -> Json:
    """t, and per layer every field of STATE_FIELDS: the arrays the rule keeps, null for the others."""
    return {"t": state.t, "layers": [{"l": l, **{name: slots.get(name) for name in STATE_FIELDS}}
                                     for l, slots in sorted(state.slots.items())]}


def dump(model: Model) -> Json:
    """The network's document: import it to get the very same network back."""
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "spec": spec_data(model.spec, model.initial),
            "parameters": params_data(model.params), "sampler": sampler_data(model.sampler),
            "version": model.version, "steps": model.steps, "optimizer_state": optimizer_state_data(model.optimizer)}


# ---- plain data → core objects ------------------------------------------------------------------------------------

def load(doc: object, limits: Limits, preset: str | None = None) -> Model:
    """A document → the network it describes: built from its spec, then moved to its parameters, position and
    optimizer state. Fields of the spec are named under "spec" (spec.sizes[1])."""
    return restore(build(_document(doc)["spec"], limits, preset), doc, limits)


def build(spec: object, limits: Limits, preset: str | None = None) -> Model:
    """A document's spec → the network at its starting parameters (training.create); fields named under "spec"."""
    try:
        return training.create(read_spec(spec, preset), limits)
    except SpecError as err:
        raise SpecError(err.message, f"spec.{err.field}" if err.field else "spec") from err


def restore(fresh: Model, doc: object, limits: Limits) -> Model:
    """The rest of a document — parameters, sampler, version, steps, optimizer state — on `fresh`, the network its
    spec builds (training.restore); the spec itself is not read again."""
    fields = _document(doc)
    if fields["format"] != FORMAT:
        raise SpecError(f"Not a network document: its format must be '{FORMAT}'.", "format")
    if fields["format_version"] != FORMAT_VERSION:
        raise SpecError(f"This server reads network documents of format_version {FORMAT_VERSION}.", "format_version")
    return training.restore(fresh, read_params(fields["parameters"]), read_sampler(fields["sampler"]),
                            _count(fields["version"], "version"), _count(fields["steps"], "steps"), limits,
                            read_optimizer_state(fields["optimizer_state"]))


def read_spec(value: object, preset: str | None = None) -> Spec:
    """A spec (fields named as in it: sizes[1], samples.x) → Spec; the values are training.create's to check."""
    if not isinstance(value, dict):
        raise SpecError(f"spec: expected an object; got {_kind(value)}.", None)
    spec = _object(value, "", SPEC_FIELDS + SPEC_OPTIONAL, optional=SPEC_OPTIONAL)
    sizes = tuple(_int(n, f"sizes[{i}]") for i, n in enumerate(_list(spec["sizes"], "sizes")))
    activations = spec["activations"]
    if isinstance(activations, str):  # one name for every layer 2 … L
        activations = [activations] * max(len(sizes) - 1, 0)
    names = tuple(_str(a, f"activations[{i}]") for i, a in enumerate(_list(activations, "activations")))
    if (spec["dataset"] is None) == (spec["samples"] is None):
        raise SpecError("Give exactly one of 'dataset' or 'samples'.", None)
    return Spec(
        arch=Architecture(sizes=sizes, activations=names, cost_name=_str(spec["cost"], "cost"),
                          shared_bias=_bool(spec["shared_bias"], "shared_bias")),
        hyper=Hyper(eta=_number(spec["eta"], "eta"), lam=_number(spec["lam"], "lam"), l1=_number(spec["l1"], "l1"),
                    batch_size=_int(spec["batch_size"], "batch_size"),
                    freeze_biases=_bool(spec["freeze_biases"], "freeze_biases"),
                    optimizer=_str(spec["optimizer"], "optimizer"), momentum=_number(spec["momentum"], "momentum"),
                    beta1=_number(spec["beta1"], "beta1"), beta2=_number(spec["beta2"], "beta2"),
                    epsilon=_number(spec["epsilon"], "epsilon")),
        data=_read_dataset(spec["dataset"]) if spec["dataset"] is not None else _read_samples(spec["samples"]),
        seed=_int(spec["seed"], "seed"),
        initial=read_params(spec["initial"], "initial") if spec["initial"] is not None else None,
        # Left out (a document from before they existed): each layer by its activation, as then.
        init=_str(spec["init"], "init") if spec["init"] is not None else AUTO,
        init_scale=_number(spec["init_scale"], "init_scale") if spec["init_scale"] is not None else DEFAULT_SCALE,
        labels=read_labels(spec["labels"]),
        preset=preset,
        features=tuple(_str(f, f"features[{i}]") for i, f in enumerate(_list(spec["features"], "features")))
        if spec["features"] is not None else (),
    )


def read_array(value: object, where: str, ndim: int) -> Array:
    """A list of numbers (ndim 1) or of rows of numbers (ndim 2) → a new float64 array."""
    what = "matrix (a list of rows)" if ndim == 2 else "list of numbers"
    if not isinstance(value, (list, np.ndarray)):
        raise SpecError(f"{where}: expected a {what}.", where)
    try:
        array = np.array(value)  # the type read from the numbers: strings, nulls and objects are not numbers
    except (ValueError, TypeError, OverflowError):
        raise SpecError(f"{where}: rows must all have the same length.", where) from None
    if array.dtype.kind not in "fiu":
        raise SpecError(f"{where}: expected numbers only.", where)
    if array.ndim != ndim:
        if array.size == 0 and ndim == 2:
            raise SpecError(f"{where}: give at least one row.", where)
        raise SpecError(f"{where}: expected a {what}.", where)
    return array.astype(np.float64, copy=False)


def read_params(value: object, where: str = "parameters") -> Params:
    """[{"l", "W", "b"}] → Params; which layers and shapes belong is training's check."""
    W: dict[int, Array] = {}
    b: dict[int, Array] = {}
    for i, item in enumerate(_list(value, where)):
        layer = _object(item, f"{where}[{i}]", ("l", "W", "b"))
        l = _int(layer["l"], f"{where}[{i}].l")
        if l in W:
            raise SpecError(f"{where}: layer {l} is given twice.", where)
        W[l] = read_array(layer["W"], f"{where}.W{l}", 2)
        b[l] = read_array(layer["b"], f"{where}.b{l}", 1)
    return Params(W, b)


def read_sampler(value: object, where: str = "sampler") -> SamplerState:
    position = _object(value, where, ("epoch", "cursor"))
    return SamplerState(epoch=_count(position["epoch"], f"{where}.epoch"),
                        cursor=_count(position["cursor"], f"{where}.cursor"))


def read_optimizer_state(value: object, where: str = "optimizer_state") -> OptimizerState | None:
    """{"t", "layers"} → OptimizerState, each layer with the arrays it gives (velocity_W, m_b …); None for null.
    Which arrays belong to the network's rule is training's check."""
    if value is None:
        return None
    state = _object(value, where, ("t", "layers"))
    slots: dict[int, dict[str, Array]] = {}
    for i, item in enumerate(_list(state["layers"], f"{where}.layers")):
        layer = _object(item, f"{where}.layers[{i}]", ("l", *STATE_FIELDS), optional=STATE_FIELDS)
        l = _int(layer["l"], f"{where}.layers[{i}].l")
        if l in slots:
            raise SpecError(f"{where}: layer {l} is given twice.", where)
        slots[l] = {name: read_array(array, f"{where}.{name}{l}", 2 if name.endswith("_W") else 1)
                    for name in STATE_FIELDS if (array := layer[name]) is not None}
    return OptimizerState(t=_count(state["t"], f"{where}.t"), slots=slots)


def read_labels(value: object) -> Labels:
    """Display names keyed by layer number ("2": […]); null for none."""
    if value is None:
        return Labels()
    labels = _object(value, "labels", LABEL_KINDS)
    read: dict[str, dict[int, Any]] = {}
    for kind in LABEL_KINDS:
        where = f"labels.{kind}"
        layers = labels[kind]
        if not isinstance(layers, dict):
            raise SpecError(f"{where}: expected an object keyed by layer number.", where)
        read[kind] = {_layer_key(key): _names(names, f"{where}.{key}", 2 if kind == "weights" else 1)
                      for key, names in layers.items()}
    return Labels(**read)


def _read_dataset(value: object) -> DatasetRef:
    d = _object(value, "dataset", DATASET_FIELDS)
    return DatasetRef(name=_str(d["name"], "dataset.name"), n=_int(d["n"], "dataset.n"),
                      noise=_number(d["noise"], "dataset.noise"),
                      test_fraction=_number(d["test_fraction"], "dataset.test_fraction"),
                      seed=_int(d["seed"], "dataset.seed"))


def _read_samples(value: object) -> Samples:
    s = _object(value, "samples", ("x", "y", "x_test", "y_test"), optional=("x_test", "y_test"))
    x, y = read_array(s["x"], "samples.x", 2), read_array(s["y"], "samples.y", 2)
    if x.shape[0] != y.shape[0]:
        raise SpecError(f"samples: {x.shape[0]} input rows but {y.shape[0]} target rows.", "samples.y")
    if (s["x_test"] is None) != (s["y_test"] is None):
        raise SpecError("samples: give x_test and y_test together.", "samples.x_test")
    if s["x_test"] is None:
        return Samples(x, y)
    x_test, y_test = read_array(s["x_test"], "samples.x_test", 2), read_array(s["y_test"], "samples.y_test", 2)
    if x_test.shape[0] != y_test.shape[0]:
        raise SpecError(f"samples: {x_test.shape[0]} test input rows but {y_test.shape[0]} test target rows.",
                        "samples.y_test")
    return Samples(x, y, x_test, y_test)


# ---- the checks of a value's type, each naming the field ----------------------------------------------------------

def _document(value: object) -> Json:
    if not isinstance(value, dict):
        raise SpecError(f"A network document is an object; got {_kind(value)}.", None)
    return _object(value, "", DOCUMENT_FIELDS, optional=("optimizer_state",))


def _at(where: str, key: object) -> str:
    return f"{where}.{key}" if where else str(key)


def _object(value: object, where: str, fields: tuple[str, ...], optional: tuple[str, ...] = ()) -> Json:
    """A dict with these fields (the optional ones null when left out), and no others."""
    if not isinstance(value, dict):
        raise SpecError(f"{where}: expected an object; got {_kind(value)}.", where)
    for key in value:
        if key not in fields:
            raise SpecError(f"{_at(where, key)}: unknown field.", _at(where, key))
    for key in fields:
        if key not in value and key not in optional:
            raise SpecError(f"{_at(where, key)}: this field is required.", _at(where, key))
    return {**dict.fromkeys(optional), **value}


def _list(value: object, where: str) -> list:
    if not isinstance(value, list):
        raise SpecError(f"{where}: expected a list; got {_kind(value)}.", where)
    return value


def _int(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SpecError(f"{where}: expected a whole number; got {_kind(value)}.", where)
    return value


def _count(value: object, where: str) -> int:
    count = _int(value, where)
    if not 0 <= count <= MAX_COUNT:
        raise SpecError(f"{where} must be 0 … {MAX_COUNT}; got {count}.", where)
    return count


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SpecError(f"{where}: expected a number; got {_kind(value)}.", where)
    try:
        number = float(value)
    except OverflowError:  # an int past the largest double
        number = math.inf
    if not math.isfinite(number):
        raise SpecError(f"{where}: expected a finite number; got {number}.", where)
    return number


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise SpecError(f"{where}: expected true or false; got {_kind(value)}.", where)
    return value


def _str(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise SpecError(f"{where}: expected a string; got {_kind(value)}.", where)
    return value


def _names(value: object, where: str, depth: int) -> list:
    """A list of names (depth 1) or of lists of names (depth 2)."""
    if depth == 2:
        return [_names(row, f"{where}[{i}]", 1) for i, row in enumerate(_list(value, where))]
    return [_str(name, f"{where}[{i}]") for i, name in enumerate(_list(value, where))]


def _layer_key(key: object) -> int:
    if not (isinstance(key, str) and key.isascii() and key.isdecimal()):
        raise SpecError(f"labels: '{key}' is not a layer number.", "labels")
    return int(key)


def _kind(value: object) -> str:
    """What a value is, for a message (never the value itself: it could be a whole array)."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    names = {type(None): "null", bool: "true or false", int: "a whole number", float: "a number", str: "a string",
             list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)
