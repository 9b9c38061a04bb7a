"""Request schemas → core objects. Shapes are checked here only as far as
turning lists into arrays needs; the core validates everything else."""

import numpy as np

from ..core.errors import SpecError
from ..core.model import DatasetRef, Hyper, Labels, Samples, Spec
from ..core.network import Architecture, Params
from ..core.optimizers import OptimizerState
from ..core.sampler import SamplerState
from .schemas.specs import LabelsSpec, LayerParams, NetworkSpec, SamplerPosition, SamplesSpec
from .schemas.specs import OptimizerState as OptimizerStateSpec


def to_array(value: list, field: str, ndim: int) -> np.ndarray:
    try:
        array = np.array(value, dtype=np.float64)
    except ValueError:
        raise SpecError(f"{field}: rows must all have the same length.", field) from None
    if array.ndim != ndim:
        if array.size == 0 and ndim == 2:
            raise SpecError(f"{field}: give at least one row.", field)
        raise SpecError(f"{field}: expected a {'matrix (a list of rows)' if ndim == 2 else 'list of numbers'}.",
                        field)
    return array


def to_params(layers: list[LayerParams], field: str = "parameters") -> Params:
    W, b = {}, {}
    for layer in layers:
        if layer.l in W:
            raise SpecError(f"{field}: layer {layer.l} is given twice.", field)
        W[layer.l] = to_array(layer.W, f"{field}.W{layer.l}", 2)
        b[layer.l] = to_array(layer.b, f"{field}.b{layer.l}", 1)
    return Params(W, b)


def to_sampler(position: SamplerPosition) -> SamplerState:
    return SamplerState(epoch=position.epoch, cursor=position.cursor)


def to_optimizer_state(state: OptimizerStateSpec | None, field: str = "optimizer_state") -> OptimizerState | None:
    """The arrays a layer gives (velocity_W, m_b …), keyed by l; which ones belong is the core's check."""
    if state is None:
        return None
    slots: dict[int, dict[str, np.ndarray]] = {}
    for layer in state.layers:
        if layer.l in slots:
            raise SpecError(f"{field}: layer {layer.l} is given twice.", field)
        given = layer.model_dump(exclude={"l"}, exclude_none=True)
        slots[layer.l] = {name: to_array(value, f"{field}.{name}{layer.l}", 2 if name.endswith("_W") else 1)
                          for name, value in given.items()}
    return OptimizerState(t=state.t, slots=slots)


def _layer_key(key: str) -> int:
    if not (key.isascii() and key.isdecimal()):
        raise SpecError(f"labels: '{key}' is not a layer number.", "labels")
    return int(key)


def to_labels(labels: LabelsSpec | None) -> Labels:
    if labels is None:
        return Labels()
    return Labels(neurons={_layer_key(k): v for k, v in labels.neurons.items()},
                  weights={_layer_key(k): v for k, v in labels.weights.items()},
                  biases={_layer_key(k): v for k, v in labels.biases.items()})


def _to_samples(samples: SamplesSpec) -> Samples:
    x = to_array(samples.x, "samples.x", 2)
    y = to_array(samples.y, "samples.y", 2)
    if x.shape[0] != y.shape[0]:
        raise SpecError(f"samples: {x.shape[0]} input rows but {y.shape[0]} target rows.", "samples.y")
    if samples.x_test is None or samples.y_test is None:
        return Samples(x, y)
    x_test = to_array(samples.x_test, "samples.x_test", 2)
    y_test = to_array(samples.y_test, "samples.y_test", 2)
    if x_test.shape[0] != y_test.shape[0]:
        raise SpecError(f"samples: {x_test.shape[0]} test input rows but {y_test.shape[0]} test target rows.",
                        "samples.y_test")
    return Samples(x, y, x_test, y_test)


def to_spec(spec: NetworkSpec, preset: str | None = None) -> Spec:
    n_weighted = max(len(spec.sizes) - 1, 0)
    activations = [spec.activations] * n_weighted if isinstance(spec.activations, str) else spec.activations
    if spec.dataset is not None:
        d = spec.dataset
        data: DatasetRef | Samples = DatasetRef(d.name, d.n, d.noise, d.test_fraction, d.seed)
    else:
        assert spec.samples is not None  # guaranteed by NetworkSpec's validator
        data = _to_samples(spec.samples)
    return Spec(
        arch=Architecture(sizes=tuple(spec.sizes), activations=tuple(activations), cost_name=spec.cost,
                          shared_bias=spec.shared_bias),
        hyper=Hyper(eta=spec.eta, lam=spec.lam, batch_size=spec.batch_size, freeze_biases=spec.freeze_biases,
                    l1=spec.l1, optimizer=spec.optimizer, momentum=spec.momentum, beta1=spec.beta1,
                    beta2=spec.beta2, epsilon=spec.epsilon),
        data=data,
        seed=spec.seed,
        initial=to_params(spec.initial, "initial") if spec.initial is not None else None,
        labels=to_labels(spec.labels),
        preset=preset,
    )
