"""Core objects → response models (schemas/), built with construct(): the server's own numbers, numpy arrays
included, not validated again (responses.py writes them, fast). The type checker holds every field to its schema
(pydantic's mypy plugin); a network's document — spec, parameters, optimizer state — is written by app.core.document,
the one writer of that format, and tests/api hold it to the schemas that document it.
"""

from collections.abc import Iterable
from typing import Any, Literal, TypeVar, cast

import numpy as np
from pydantic import BaseModel

from ..core import document
from ..core.activations import ACTIVATIONS
from ..core.costs import COSTS
from ..core.csvdata import CsvData
from ..core.csvdata import CsvPreview as CoreCsvPreview
from ..core.datasets import Dataset
from ..core.datasets import DatasetInfo as CoreDatasetInfo
from ..core.doctor import Diagnosis
from ..core.features import FEATURES
from ..core.features import labels as feature_labels
from ..core.gradcheck import GradCheck
from ..core.lab import Comparison, Grid, Metrics
from ..core.limits import Limits
from ..core.model import Model, Spec, starting_params
from ..core.network import Forward, Params, Trace
from ..core.optimizers import RULES, Update, defaults, settings
from ..core.presets import Preset
from ..core.sampler import batch_indices
from ..core.suggested import suggested_spec
from ..core.training import TrainResult as CoreTrainResult
from .schemas.base import construct
from .schemas.documents import (
    ActivationInfo,
    CostInfo,
    DatasetInfo,
    DatasetSamples,
    DataSummary,
    FeatureInfo,
    FunctionCatalog,
    NetworkData,
    NetworkDocument,
    OptimizerInfo,
    PresetInfo,
)
from .schemas.documents import SamplerState as SamplerOut
from .schemas.lab import BoundaryGrid, CompareResult, CompareRun, DiagnosisOut, HiddenGrid, LayerNorm, MetricsOut
from .schemas.specs import ExportDocument, LayerParams, NetworkSpec, SamplesSpec
from .schemas.traces import (
    BackwardLayer,
    BackwardTrace,
    BatchInfo,
    ForwardLayer,
    ForwardTrace,
    GradcheckEntry,
    GradcheckResult,
    TrainHistory,
    TrainResult,
    UpdateLayer,
    UpdateResult,
)
from .schemas.uploads import CsvColumn, CsvPreview, ParsedCsv

GRADCHECK_PASS = 1e-5
S = TypeVar("S", bound=BaseModel)


def written_as(schema: type[S], data: Any) -> S:
    """Plain data from app.core.document where a response has `schema`: written as it is (the document's fields are
    the core's to write; tests/api/test_document_schema.py holds them to the schema's)."""
    return cast(S, data)


def rows(per_example: np.ndarray, shown: int) -> np.ndarray:
    """(n_l, m) with a column per example → (shown, n_l) with a row per example."""
    return np.ascontiguousarray(per_example[:, :shown].T)


def parameters(params: Params) -> list[LayerParams]:
    return [written_as(LayerParams, layer) for layer in document.params_data(params)]


def current_batch(model: Model) -> np.ndarray:
    """The indices of the examples in the current mini-batch (what model.batch() gathers, without gathering)."""
    return batch_indices(model.data.n_train, model.hyper.batch_size, model.spec.seed, model.sampler)


def sampler_state(model: Model) -> SamplerOut:
    return construct(SamplerOut, epoch=model.sampler.epoch, cursor=model.sampler.cursor, batch=current_batch(model))


def network_document(network_id: str, model: Model) -> NetworkDocument:
    doc, data = document.dump(model), model.data
    return construct(
        NetworkDocument, id=network_id, version=model.version, steps=model.steps, preset=model.spec.preset,
        spec=doc["spec"], parameters=doc["parameters"], sampler=sampler_state(model),
        optimizer_state=doc["optimizer_state"],
        data=construct(DataSummary, n_train=data.n_train, n_test=data.x_test.shape[0],
                       input_size=model.arch.sizes[0], output_size=model.arch.sizes[-1],
                       point_size=data.points()[0].shape[1]),
        labels=shown_labels(model.spec, doc["spec"]["labels"]))


def shown_labels(spec: Spec, given: Any) -> Any:  # the document's labels (plain data, as construct takes)
    """The spec's labels, with the features' names on layer 1 where the spec names none there."""
    if not spec.features or "1" in given["neurons"]:
        return given
    return {**given, "neurons": {"1": feature_labels(spec.features), **given["neurons"]}}


def export_document(model: Model) -> ExportDocument:
    return written_as(ExportDocument, document.dump(model))


def network_data(model: Model) -> NetworkData:
    d = model.data
    points_train, points_test = d.points()
    return construct(NetworkData, x_train=d.x_train, y_train=d.y_train, x_test=d.x_test, y_test=d.y_test,
                     points_train=points_train, points_test=points_test)


def preset_info(preset: Preset) -> PresetInfo:
    return construct(PresetInfo, name=preset.name, title=preset.title, description=preset.description,
                     source=preset.source,
                     spec=written_as(NetworkSpec, document.spec_data(preset.spec, starting_params(preset.spec))))


def dataset_info(info: CoreDatasetInfo) -> DatasetInfo:
    spec = suggested_spec(info.name)
    # The spec as a document writes it, but without starting weights: its seed draws them, as for any new network.
    network = {**document.spec_data(spec, starting_params(spec)), "initial": None}
    return construct(DatasetInfo, name=info.name, title=info.title, description=info.description,
                     task=info.task, classes=info.classes, input_size=info.input_size, output_size=info.output_size,
                     network=written_as(NetworkSpec, network))


def function_catalog() -> FunctionCatalog:
    """The registries as they stand: every activation, cost, update rule and input feature the API accepts."""
    return construct(
        FunctionCatalog,
        activations=[construct(ActivationInfo, name=a.name, formula=a.formula, output_only=a.output_only,
                               needs_cost=a.needs_cost, min_width=a.min_width, init=a.init)
                     for a in ACTIVATIONS.values()],
        costs=[construct(CostInfo, name=c.name, formula=c.formula, paired_activation=c.paired_activation)
               for c in COSTS.values()],
        optimizers=[construct(OptimizerInfo, name=name, formula=rule.formula, hyperparameters=defaults(name),
                              slots=list(rule.slots))
                    for name, rule in RULES.items()],
        features=[construct(FeatureInfo, name=f.name, label=f.label, formula=f.tex, reads=f.reads)
                  for f in FEATURES.values()],
    )


def dataset_samples(name: str, ds: Dataset) -> DatasetSamples:
    return construct(DatasetSamples, name=name, x_train=ds.x_train, y_train=ds.y_train, x_test=ds.x_test,
                     y_test=ds.y_test)


def examples_shown(sizes: tuple[int, ...], m: int, limits: Limits) -> int:
    """How many examples fit the per-call cap (z, a, σ', δ of every neuron, per example)."""
    per_example = 4 * sum(sizes)
    return max(1, min(m, limits.max_trace_values // per_example))


def batch_info(source: Literal["batch", "inputs", "example"], indices: np.ndarray | list[int] | None, m: int,
               shown: int) -> BatchInfo:
    return construct(BatchInfo, source=source, indices=indices, m=m, examples_shown=shown)


def forward_trace(fw: Forward, version: int, batch: BatchInfo) -> ForwardTrace:
    shown = batch.examples_shown
    layers = [construct(ForwardLayer, l=1, z=None, a=rows(fw.a[1], shown))]
    layers += [construct(ForwardLayer, l=l, z=rows(fw.z[l], shown), a=rows(fw.a[l], shown)) for l in sorted(fw.z)]
    return construct(ForwardTrace, version=version, batch=batch, layers=layers,
                     targets=None if fw.y is None else rows(fw.y, shown),
                     costs=None if fw.costs is None else np.ascontiguousarray(fw.costs[:shown]),
                     cost=fw.cost, regularization=fw.regularization)


def backward_trace(trace: Trace, shown: int) -> BackwardTrace:
    return construct(BackwardTrace, delta_rule=trace.delta_rule, grad_a=rows(trace.grad_a, shown), layers=[
        construct(BackwardLayer, l=l, sigma_prime=rows(trace.sigma_prime[l], shown), delta=rows(trace.delta[l], shown),
                  nabla_b=trace.nabla_b[l], Delta=trace.Delta[l], nabla_w=trace.nabla_w[l])
        for l in sorted(trace.delta)])


def update_result(old: Model, new: Model, trace: Trace, update: Update) -> UpdateResult:
    hyper, used = old.hyper, settings(update.rule)
    layers = [construct(UpdateLayer, l=l, W_old=old.params.W[l], W_new=new.params.W[l], b_old=old.params.b[l],
                        b_new=new.params.b[l], nabla_w=trace.nabla_w[l], nabla_b=update.grad_b[l],
                        **update.shown[l]) for l in old.arch.layers]
    return construct(UpdateResult, rule=update.rule.name, eta=hyper.eta, lam=hyper.lam, l1=hyper.l1,
                     momentum=used.get("momentum"), beta1=used.get("beta1"), beta2=used.get("beta2"),
                     epsilon=used.get("epsilon"), t=update.state.t, old_version=old.version, version=new.version,
                     layers=layers, sampler=sampler_state(new))


def train_result(network_id: str, result: CoreTrainResult) -> TrainResult:
    return construct(TrainResult, status=result.status, message=result.message, steps_done=result.steps_done,
                     history=construct(TrainHistory, steps=result.history_steps, train_loss=result.train_loss,
                                       test_loss=result.test_loss),
                     network=network_document(network_id, result.model))


def gradcheck_result(check: GradCheck) -> GradcheckResult:
    entries = [construct(GradcheckEntry, l=e.l, kind=e.kind, j=e.j, k=e.k, analytic=e.analytic, numeric=e.numeric,
                         rel_error=e.rel_error) for e in check.entries]
    return construct(GradcheckResult, max_rel_error=check.max_rel_error,
                     passed=check.max_rel_error < GRADCHECK_PASS, checked=check.checked, total=check.total,
                     epsilon=check.epsilon, entries=entries)


def metrics_out(m: Metrics) -> MetricsOut:
    return construct(MetricsOut, steps=m.steps, epoch=m.epoch, version=m.version, train_loss=m.train_loss,
                     test_loss=m.test_loss, train_accuracy=m.train_accuracy, test_accuracy=m.test_accuracy,
                     gradient_norms=[construct(LayerNorm, l=l, norm=v) for l, v in sorted(m.gradient_norms.items())],
                     confusion_train=m.confusion_train, confusion_test=m.confusion_test,
                     diagnoses=diagnoses(m.diagnoses))


def diagnoses(found: Iterable[Diagnosis]) -> list[DiagnosisOut]:
    return [construct(DiagnosisOut, code=d.code, message=d.message, value=d.value, advice=d.advice)  # type: ignore[arg-type]
            for d in found]


def boundary_grid(g: Grid) -> BoundaryGrid:
    hidden = [construct(HiddenGrid, l=l, a=np.ascontiguousarray(a)) for l, a in sorted(g.hidden.items())]
    return construct(BoundaryGrid, resolution=g.xs.shape[0], xs=g.xs, ys=g.ys, output=np.ascontiguousarray(g.output),
                     hidden=hidden)


def compare_result(runs: list[Comparison]) -> CompareResult:
    return construct(CompareResult, runs=[
        construct(CompareRun, eta=c.eta, status=c.result.status, message=c.result.message,
                  steps=c.result.history_steps, train_loss=c.result.train_loss, test_loss=c.result.test_loss)
        for c in runs])


def csv_preview(preview: CoreCsvPreview) -> CsvPreview:
    return construct(CsvPreview, delimiter=preview.delimiter, has_header=preview.has_header, rows=preview.rows,
                     head=preview.head, columns=[
                         construct(CsvColumn, name=c.name, number=c.number, numeric=c.numeric, empty=c.empty,
                                   values=c.values) for c in preview.columns])


def parsed_csv(data: CsvData) -> ParsedCsv:
    return construct(ParsedCsv, samples=construct(SamplesSpec, x=data.x, y=data.y, x_test=data.x_test,
                                                  y_test=data.y_test),
                     classes=data.classes, features=data.features, target=data.target,
                     input_size=data.x.shape[1], output_size=data.y.shape[1], rows=data.rows)
