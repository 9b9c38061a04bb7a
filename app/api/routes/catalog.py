"""What can be built: presets, data sets, and the activations, costs and update rules."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from ...core.datasets import DATASETS, make_dataset
from ...core.errors import SpecError
from ...core.presets import PRESETS
from .. import encode
from ..deps import INVALID, LimitsDep
from ..responses import FastJSONResponse
from ..schemas.documents import DatasetInfo, DatasetSamples, FunctionCatalog, PresetInfo

router = APIRouter(prefix="/api", tags=["catalog"])


@router.get("/presets", response_model=list[PresetInfo])
def list_presets() -> Response:
    """Ready-made networks, each with the full spec that POST /api/networks accepts."""
    return FastJSONResponse([encode.preset_info(p) for p in PRESETS.values()])


@router.get("/functions", response_model=FunctionCatalog)
def list_functions() -> Response:
    """Every activation, cost and update rule a spec may name, with its formula (TeX) and the rules that pair
    them: the core's registries, read as they stand."""
    return FastJSONResponse(encode.function_catalog())


@router.get("/datasets", response_model=list[DatasetInfo])
def list_datasets() -> Response:
    """The generated 2-D toy data sets."""
    return FastJSONResponse([encode.dataset_info(info) for info in DATASETS.values()])


@router.get("/datasets/{name}", response_model=DatasetSamples, responses={**INVALID})
def dataset_samples(
    name: str,
    limits: LimitsDep,
    n: Annotated[int, Query(ge=4, le=10_000, description="Training + test examples.")] = 200,
    noise: Annotated[float, Query(ge=0, le=1, description="Standard deviation of the noise.")] = 0.1,
    test_fraction: Annotated[float, Query(ge=0, le=0.9, description="Share held out for testing.")] = 0.2,
    seed: Annotated[int, Query(ge=0, lt=2**32)] = 0,
) -> Response:
    """The points of a data set, exactly as a network built with the same arguments sees them."""
    if name not in DATASETS:
        raise SpecError(f"Unknown data set '{name}'; choose one of {', '.join(DATASETS)}.", "name")
    if n > limits.max_samples:
        raise SpecError(f"n must be at most {limits.max_samples}; got {n}.", "n")
    try:
        ds = make_dataset(name, n=n, noise=noise, test_fraction=test_fraction, seed=seed)
    except ValueError as err:
        raise SpecError(str(err), "query") from err
    return FastJSONResponse(encode.dataset_samples(name, ds))
