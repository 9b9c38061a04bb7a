"""Ready-made networks, each reproducing the article it comes from."""

from dataclasses import dataclass

import numpy as np

from .model import Hyper, Labels, Samples, Spec
from .network import Architecture, Params


@dataclass(frozen=True)
class Preset:
    name: str
    title: str
    description: str
    source: str
    spec: Spec


def _params(W: dict[int, list[list[float]]], b: dict[int, list[float]]) -> Params:
    return Params({l: np.array(w, dtype=np.float64) for l, w in W.items()},
                  {l: np.array(v, dtype=np.float64) for l, v in b.items()})


def _samples(x: list[list[float]], y: list[list[float]]) -> Samples:
    return Samples(np.array(x, dtype=np.float64), np.array(y, dtype=np.float64))


MAZUR = Preset(
    name="mazur-2-2-2",
    title="The classic 2-2-2 worked example",
    description="Two inputs, two hidden and two output sigmoid neurons, quadratic cost, η = 0.5, one example. "
                "Every number matches the published step-by-step walk-through; as there, each layer shares "
                "one bias and the biases are never updated.",
    source="Matt Mazur, 'A Step by Step Backpropagation Example' (2015), cited by seed 002",
    spec=Spec(
        arch=Architecture(sizes=(2, 2, 2), activations=("sigmoid", "sigmoid"), cost_name="quadratic",
                          shared_bias=True),
        hyper=Hyper(eta=0.5, batch_size=1, freeze_biases=True),
        data=_samples([[0.05, 0.10]], [[0.01, 0.99]]),
        initial=_params({2: [[0.15, 0.20], [0.25, 0.30]], 3: [[0.40, 0.45], [0.50, 0.55]]},
                        {2: [0.35, 0.35], 3: [0.60, 0.60]}),
        labels=Labels(neurons={1: ["i1", "i2"], 2: ["h1", "h2"], 3: ["o1", "o2"]},
                      weights={2: [["w1", "w2"], ["w3", "w4"]], 3: [["w5", "w6"], ["w7", "w8"]]},
                      biases={2: ["b1", "b1"], 3: ["b2", "b2"]}),
        preset="mazur-2-2-2",
    ),
)

SEED_2_3_1 = Preset(
    name="seed-2-3-1",
    title="Seed 001's network: 2 inputs, 3 hidden, 1 output",
    description="The network drawn in 'Backpropagation — Easiest Explained': nine weights W1–W9, one bias b1 "
                "for the hidden layer and b2 for the output, sigmoid everywhere, quadratic cost, one example "
                "(m = 1). The article prints no numbers; these starting values are ours.",
    source="Seed 001, 'Backpropagation – Easiest Explained'",
    spec=Spec(
        arch=Architecture(sizes=(2, 3, 1), activations=("sigmoid", "sigmoid"), cost_name="quadratic",
                          shared_bias=True),
        hyper=Hyper(eta=0.5, batch_size=1),
        data=_samples([[0.5, 0.8]], [[1.0]]),
        initial=_params({2: [[0.1, -0.2], [0.4, 0.3], [-0.5, 0.2]], 3: [[0.3, -0.6, 0.5]]},
                        {2: [0.1, 0.1, 0.1], 3: [-0.1]}),
        labels=Labels(neurons={1: ["x1", "x2"], 2: ["h1", "h2", "h3"], 3: ["ŷ"]},
                      weights={2: [["W1", "W2"], ["W3", "W4"], ["W5", "W6"]], 3: [["W7", "W8", "W9"]]},
                      biases={2: ["b1", "b1", "b1"], 3: ["b2"]}),
        preset="seed-2-3-1",
    ),
)

XOR = Preset(
    name="xor-2-2-1",
    title="XOR with two hidden neurons",
    description="The smallest network that can learn XOR, which no single neuron can: sigmoid hidden layer, "
                "sigmoid output, binary cross-entropy, full-batch descent on the four cases of the truth table. "
                "Seeded so it reliably learns within about 1,000 steps.",
    source="The classic XOR problem (Rumelhart, Hinton & Williams, 1986)",
    spec=Spec(
        arch=Architecture(sizes=(2, 2, 1), activations=("sigmoid", "sigmoid"), cost_name="binary_cross_entropy"),
        hyper=Hyper(eta=2.0, batch_size=4),
        data=_samples([[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]),
        seed=7,
        labels=Labels(neurons={1: ["x1", "x2"], 2: ["h1", "h2"], 3: ["y"]}),
        preset="xor-2-2-1",
    ),
)

LECTURE = Preset(
    name="lecture-3-2-1",
    title="The lecture's 3-2-1 network with cross-entropy",
    description="Three inputs, two hidden and one sigmoid output with binary cross-entropy, so the output error "
                "is simply ŷ − y. The weight matrices are 2×3 and 1×2 and their gradients have the same shapes.",
    source="Seed 003, the backpropagation lecture transcript",
    spec=Spec(
        arch=Architecture(sizes=(3, 2, 1), activations=("sigmoid", "sigmoid"), cost_name="binary_cross_entropy"),
        hyper=Hyper(eta=0.5, batch_size=4),
        data=_samples([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
                      [[1.0], [0.0], [1.0], [0.0]]),
        initial=_params({2: [[0.2, -0.3, 0.4], [0.1, 0.5, -0.2]], 3: [[0.3, -0.4]]},
                        {2: [0.1, -0.1], 3: [0.05]}),
        labels=Labels(neurons={1: ["x1", "x2", "x3"], 2: ["a1", "a2"], 3: ["ŷ"]},
                      # Nielsen's numbering, as everywhere in the app: W^l feeds layer l (the lecture's
                      # own slides count the matrices from 1, but two schemes on one page would confuse).
                      weights={2: [["w²11", "w²12", "w²13"], ["w²21", "w²22", "w²23"]],
                               3: [["w³11", "w³12"]]},
                      biases={2: ["b²1", "b²2"], 3: ["b³1"]}),
        preset="lecture-3-2-1",
    ),
)

PRESETS: dict[str, Preset] = {p.name: p for p in (MAZUR, SEED_2_3_1, XOR, LECTURE)}
