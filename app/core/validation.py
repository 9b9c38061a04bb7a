"""Checks that a spec, a parameter set or a batch makes sense, before any math runs.

Each failure raises SpecError with a message a student can act on and the
name of the offending field, which the API turns into a 422.
"""

import math

import numpy as np

from .activations import ACTIVATIONS
from .costs import COSTS
from .datasets import DATASETS
from .errors import SpecError
from .features import FEATURES
from .initialization import INITS
from .limits import Limits
from .model import Data, DatasetRef, Hyper, Labels, Samples, Spec
from .network import Architecture, Params
from .optimizers import OPTIMIZERS, STATE_SLOTS, OptimizerState

Array = np.ndarray


def check_architecture(arch: Architecture, limits: Limits) -> None:
    sizes, L = arch.sizes, arch.L
    if not 2 <= L <= limits.max_layers:
        raise SpecError(f"A network needs 2 to {limits.max_layers} layers (input and output included); got {L}.",
                        "sizes")
    if not 1 <= sizes[0] <= limits.max_inputs:
        raise SpecError(f"The input layer needs 1 to {limits.max_inputs} neurons; got {sizes[0]}.", "sizes[0]")
    for i, n in enumerate(sizes[1:], start=1):
        if not 1 <= n <= limits.max_neurons:
            raise SpecError(f"Layer {i + 1} needs 1 to {limits.max_neurons} neurons; got {n}.", f"sizes[{i}]")
    if len(arch.activations) != L - 1:
        raise SpecError(f"Give one activation for each of layers 2 … {L} ({L - 1} in all); "
                        f"got {len(arch.activations)}.", "activations")
    for i, name in enumerate(arch.activations):
        if name not in ACTIVATIONS:
            raise SpecError(f"Unknown activation '{name}'; choose one of {', '.join(ACTIVATIONS)}.",
                            f"activations[{i}]")
        if ACTIVATIONS[name].output_only and i != L - 2:
            raise SpecError(f"'{name}' couples the neurons of a layer and is allowed on the output layer only.",
                            f"activations[{i}]")
    if arch.cost_name not in COSTS:
        raise SpecError(f"Unknown cost '{arch.cost_name}'; choose one of {', '.join(COSTS)}.", "cost")
    out = ACTIVATIONS[arch.activations[-1]]
    paired = arch.cost.paired_activation
    if paired is not None and out.name != paired:
        raise SpecError(f"The cost '{arch.cost_name}' needs a {paired} output layer; layer {L} is {out.name}.", "cost")
    if out.needs_cost is not None and arch.cost_name != out.needs_cost:
        raise SpecError(f"A {out.name} output layer needs the cost '{out.needs_cost}'.", "cost")
    for l, name in enumerate(arch.activations, start=2):
        need = ACTIVATIONS[name].min_width
        if sizes[l - 1] < need:
            raise SpecError(f"A {name} layer needs at least {need} neurons; layer {l} has {sizes[l - 1]}.",
                            f"sizes[{l - 1}]")


def _check_number(value: float, name: str, low: float, high: float, *, low_open: bool = False,
                  high_open: bool = False) -> None:
    if (not math.isfinite(value) or value < low or value > high or (low_open and value == low)
            or (high_open and value == high)):
        interval = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        raise SpecError(f"{name} must be a number in {interval}; got {value}.", name)


def check_hyper(hyper: Hyper, limits: Limits) -> None:
    _check_number(hyper.eta, "eta", 0.0, limits.max_abs_value, low_open=True)
    _check_number(hyper.lam, "lam", 0.0, limits.max_abs_value)
    _check_number(hyper.l1, "l1", 0.0, limits.max_abs_value)
    if not 1 <= hyper.batch_size <= limits.max_samples:
        raise SpecError(f"batch_size must be 1 … {limits.max_samples}; got {hyper.batch_size}.", "batch_size")
    if hyper.optimizer not in OPTIMIZERS:
        raise SpecError(f"Unknown optimizer '{hyper.optimizer}'; choose one of {', '.join(OPTIMIZERS)}.",
                        "optimizer")
    # Checked whatever the optimizer, so a spec never carries a value that would fail once switched on.
    _check_number(hyper.momentum, "momentum", 0.0, 1.0, high_open=True)  # μ = 1 never forgets: no decay
    _check_number(hyper.beta1, "beta1", 0.0, 1.0, high_open=True)  # β = 1 makes 1 − β^t zero
    _check_number(hyper.beta2, "beta2", 0.0, 1.0, high_open=True)
    _check_number(hyper.epsilon, "epsilon", 0.0, limits.max_abs_value, low_open=True)


def check_optimizer_state(arch: Architecture, hyper: Hyper, state: OptimizerState,
                          field: str = "optimizer_state") -> None:
    """A saved state must be one this network's optimizer could have written: its slots, W and b shapes."""
    if state.t < 0:
        raise SpecError(f"{field}.t must be ≥ 0; got {state.t}.", f"{field}.t")
    names = {f"{s}_{p}" for s in STATE_SLOTS[hyper.optimizer] for p in ("W", "b")}
    if names and state.slots and set(state.slots) != set(arch.layers):
        raise SpecError(f"{field}: give layers 2 … {arch.L}, or none for a fresh state.", field)
    for l, slots in state.slots.items():
        if l not in arch.layers:
            raise SpecError(f"{field}: there is no layer {l} with weights (layers 2 … {arch.L}).", field)
        if set(slots) != names:
            expected = ", ".join(sorted(names)) or "nothing"
            raise SpecError(f"{field}: layer {l} of a {hyper.optimizer} network keeps {expected}; "
                            f"got {', '.join(sorted(slots)) or 'nothing'}.", field)
        for name, value in slots.items():
            where = f"{field}.{name}{l}"  # like parameters.W3
            shape = (arch.sizes[l - 1], arch.sizes[l - 2]) if name.endswith("_W") else (arch.sizes[l - 1],)
            if value.shape != shape:
                raise SpecError(f"{where} must have shape {list(shape)}; got {list(value.shape)}.", where)
            if not np.isfinite(value).all():
                raise SpecError(f"{where} contains NaN or an infinite value.", where)
            if name.startswith("v_") and value.size and value.min() < 0:
                raise SpecError(f"{where}: a second moment (a mean of g²) cannot be negative.", where)
            if arch.shared_bias and name.endswith("_b") and np.ptp(value) != 0:
                raise SpecError(f"{where}: with a shared bias the whole layer has one value.", where)


def check_matrix(value: Array, shape: tuple[int, ...], name: str, limits: Limits) -> None:
    if value.shape != shape:
        raise SpecError(f"{name} must have shape {list(shape)}; got {list(value.shape)}.", name)
    if not np.isfinite(value).all():
        raise SpecError(f"{name} contains NaN or an infinite value.", name)
    if value.size and np.abs(value).max() > limits.max_abs_value:
        raise SpecError(f"{name} has a value beyond ±{limits.max_abs_value:g}.", name)


def check_params(arch: Architecture, params: Params, limits: Limits, field: str = "parameters") -> None:
    for l in arch.layers:
        if l not in params.W or l not in params.b:
            raise SpecError(f"{field}: layer {l} is missing (layers 2 … {arch.L} are needed).", field)
        n_out, n_in = arch.sizes[l - 1], arch.sizes[l - 2]
        check_matrix(params.W[l], (n_out, n_in), f"{field}.W{l}", limits)
        check_matrix(params.b[l], (n_out,), f"{field}.b{l}", limits)
        if arch.shared_bias and np.ptp(params.b[l]) != 0:
            raise SpecError(f"{field}.b{l}: with a shared bias all neurons of a layer have the same bias.",
                            f"{field}.b{l}")
    extra = set(params.W) - set(arch.layers)
    if extra:
        raise SpecError(f"{field}: there is no layer {min(extra)} with weights (layers 2 … {arch.L}).", field)


def check_targets(arch: Architecture, y: Array, name: str) -> None:
    """Targets the cost can take (cross-entropy: probabilities; one-hot rows for softmax)."""
    problem = arch.cost.check_targets(y)
    if problem is not None:
        raise SpecError(f"{name}: {problem}", name)


def check_examples(arch: Architecture, x: Array, y: Array | None, limits: Limits, name: str = "inputs") -> None:
    """x (n, n_1) and y (n, n_L), one example per row."""
    if x.ndim != 2 or x.shape[1] != arch.sizes[0]:
        raise SpecError(f"{name}: each example needs {arch.sizes[0]} input values.", name)
    if not 1 <= x.shape[0] <= limits.max_samples:
        raise SpecError(f"{name}: give 1 … {limits.max_samples} examples; got {x.shape[0]}.", name)
    check_matrix(x, x.shape, name, limits)
    if y is not None:
        tname = "targets" if name == "inputs" else f"{name}.y"
        if y.ndim != 2 or y.shape != (x.shape[0], arch.sizes[-1]):
            raise SpecError(f"{tname}: give one target row of {arch.sizes[-1]} values per example.", tname)
        check_matrix(y, y.shape, tname, limits)
        check_targets(arch, y, tname)


def data_inputs(source: DatasetRef | Samples) -> int:
    """How many inputs the data have of their own (before any features)."""
    return DATASETS[source.name].input_size if isinstance(source, DatasetRef) else source.x.shape[1]


def check_features(spec: Spec) -> None:
    """Known names, each once, of inputs the data have; the network's layer 1 has one neuron per feature."""
    names, d = spec.features, data_inputs(spec.data)
    for i, name in enumerate(names):
        if name not in FEATURES:
            raise SpecError(f"Unknown feature '{name}'; choose from {', '.join(FEATURES)}.", f"features[{i}]")
        if name in names[:i]:
            raise SpecError(f"The feature '{name}' is listed twice.", f"features[{i}]")
        if FEATURES[name].reads > d:
            raise SpecError(f"The feature '{name}' needs {FEATURES[name].reads} inputs; the data have {d}.",
                            f"features[{i}]")
    if names and spec.arch.sizes and spec.arch.sizes[0] != len(names):
        raise SpecError(f"With {len(names)} features the input layer needs {len(names)} neurons; "
                        f"sizes[0] is {spec.arch.sizes[0]}.", "sizes[0]")


def check_data(spec: Spec, data: Data, limits: Limits) -> None:
    arch = spec.arch
    if isinstance(spec.data, DatasetRef):
        info = DATASETS[spec.data.name]
        inputs = len(spec.features) or info.input_size
        if (inputs, info.output_size) != (arch.sizes[0], arch.sizes[-1]):
            made = f" (as {inputs} features)" if spec.features else ""
            raise SpecError(f"The data set '{info.name}' has {info.input_size} inputs{made} and {info.output_size} "
                            f"output(s); the network has {arch.sizes[0]} and {arch.sizes[-1]}.", "dataset")
    total = data.n_train + data.x_test.shape[0]
    if total > limits.max_samples:
        raise SpecError(f"At most {limits.max_samples} examples per network; got {total}.", "samples")
    check_examples(arch, data.x_train, data.y_train, limits, "samples")
    if data.x_test.shape[0]:
        check_examples(arch, data.x_test, data.y_test, limits, "samples.test")


def check_labels(arch: Architecture, labels: Labels) -> None:
    for l, names in labels.neurons.items():
        if not 1 <= l <= arch.L or len(names) != arch.sizes[l - 1]:
            raise SpecError(f"labels.neurons: layer {l} needs {arch.sizes[l - 1] if 1 <= l <= arch.L else 0} "
                            "names.", "labels")
    for l, rows in labels.weights.items():
        if l not in arch.layers or [len(r) for r in rows] != [arch.sizes[l - 2]] * arch.sizes[l - 1]:
            raise SpecError(f"labels.weights: layer {l} needs names shaped like W{l}.", "labels")
    for l, names in labels.biases.items():
        if l not in arch.layers or len(names) != arch.sizes[l - 1]:
            raise SpecError(f"labels.biases: layer {l} needs one name per neuron.", "labels")


def check_spec(spec: Spec, data: Data, limits: Limits) -> None:
    check_architecture(spec.arch, limits)
    check_hyper(spec.hyper, limits)
    if not 0 <= spec.seed < 2**32:
        raise SpecError(f"seed must be 0 … 2³² − 1; got {spec.seed}.", "seed")
    if spec.init not in INITS:
        raise SpecError(f"Unknown init '{spec.init}'; choose one of {', '.join(INITS)}.", "init")
    _check_number(spec.init_scale, "init_scale", 0.0, 100.0, low_open=True)
    if spec.initial is not None:
        check_params(spec.arch, spec.initial, limits, "initial")
    check_data(spec, data, limits)
    check_labels(spec.arch, spec.labels)
