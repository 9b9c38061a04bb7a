"""Responses that describe networks, presets and data sets."""

from typing import Literal

from pydantic import Field

from .base import Indices, Matrix, Schema
from .specs import LabelsSpec, LayerParams, NetworkSpec, OptimizerState, SamplerPosition


class DataSummary(Schema):
    n_train: int
    n_test: int
    input_size: int = Field(description="Inputs the network takes in: n_1 (the features, when the spec has some).")
    output_size: int
    point_size: int = Field(description="Inputs the data have of their own, before any features.")


class SamplerState(SamplerPosition):
    batch: Indices = Field(description="Indices (into the training set) of the current mini-batch.")


class NetworkDocument(Schema):
    """A network as stored on the server."""

    id: str = Field(description="Unguessable id of this network.")
    version: int = Field(description="Goes up by one with every change of parameters.")
    steps: int = Field(description="Updates applied since creation (or the last reset).")
    preset: str | None
    spec: NetworkSpec = Field(description="The full spec, with the starting parameters in `initial`.")
    parameters: list[LayerParams] = Field(description="Current W^l and b^l, l = 2 … L.")
    sampler: SamplerState
    optimizer_state: OptimizerState = Field(description="Velocity (momentum) or moments and t (Adam) that the "
                                            "next step continues from; for SGD only t.")
    data: DataSummary
    labels: LabelsSpec


class PresetInfo(Schema):
    name: str
    title: str
    description: str
    source: str
    spec: NetworkSpec


class DatasetInfo(Schema):
    name: str
    title: str
    description: str
    task: Literal["binary", "multiclass", "regression"]
    classes: int = Field(description="How many classes; 0 for a regression set (a number to fit).")
    input_size: int
    output_size: int
    network: NetworkSpec = Field(description="A network to start from, which learns this set within 3,000 steps "
                                 "(the lab builds it when the set is chosen): POST it as the spec of "
                                 "/api/networks. Its starting weights are drawn from its seed (`initial` is null).")


class DatasetSamples(Schema):
    name: str
    x_train: Matrix
    y_train: Matrix
    x_test: Matrix
    y_test: Matrix


class NetworkData(Schema):
    x_train: Matrix = Field(description="The training examples as the network takes them in (layer 1).")
    y_train: Matrix
    x_test: Matrix
    y_test: Matrix
    points_train: Matrix = Field(description="The training examples' own inputs, before features (= x_train "
                                 "without features): where they are on the plane.")
    points_test: Matrix


class Health(Schema):
    status: str = Field(examples=["ok"])
    networks: int


class ActivationInfo(Schema):
    name: str
    formula: str = Field(description="σ(z) in TeX.")
    output_only: bool = Field(description="Couples the neurons of a layer (softmax): the output layer only.")
    needs_cost: str | None = Field(description="The one cost an output layer of it may have, if any.")
    min_width: int = Field(description="The fewest neurons of a layer with this activation.")
    init: str = Field(description="The starting weights' scheme for a layer with it: glorot or he.")


class CostInfo(Schema):
    name: str
    formula: str = Field(description="C of one example in TeX.")
    paired_activation: str | None = Field(description="The output activation it needs; with it BP1 cancels to "
                                          "δ^L = a^L − y.")


class OptimizerInfo(Schema):
    name: str
    formula: str = Field(description="One update of a weight or bias θ with its gradient g.")
    hyperparameters: dict[str, float] = Field(description="Its settings besides η, with their defaults.")
    slots: list[str] = Field(description="What it keeps per weight and bias between steps (optimizer_state).")


class FeatureInfo(Schema):
    name: str
    label: str = Field(description="The input neuron's name on the diagram.")
    formula: str = Field(description="The feature in TeX.")
    reads: int = Field(description="How many of the data's inputs it needs (x₁ only: 1; x₁ and x₂: 2).")


class FunctionCatalog(Schema):
    activations: list[ActivationInfo]
    costs: list[CostInfo]
    optimizers: list[OptimizerInfo]
    features: list[FeatureInfo]
