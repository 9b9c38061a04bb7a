"""Update rules: plain gradient descent (SGD), classical momentum, and Adam.

Each rule updates one parameter array θ (a W^l or a b^l) from its gradient g
and its own remembered state, and says which numbers explain the step:

    SGD        θ ← θ − η g
    momentum   v ← μ v − η g;  θ ← θ + v                           (classical, Polyak)
    Adam       m ← β1 m + (1 − β1) g;  v ← β2 v + (1 − β2) g²
               m̂ = m / (1 − β1^t);  v̂ = v / (1 − β2^t)
               θ ← θ − η m̂ / (√v̂ + ε)                             (Kingma & Ba, 2015)

`update()` applies a rule to every layer l = 2 … L, W and b alike (the biases
move by the same rule; frozen biases stay put; a shared bias moves by the
gradient summed over its layer, see `bias_gradient`), and returns the new
parameters, the new state and the numbers — never mutating its inputs.
"""

from dataclasses import dataclass, field, fields
from typing import ClassVar, Protocol

import numpy as np

from .errors import DivergedError
from .network import Architecture, Params, Trace, all_finite, bias_gradient

Array = np.ndarray
Slots = dict[str, Array]  # named state arrays of one parameter: {"velocity": v} or {"m": m, "v": v}

@dataclass(frozen=True)
class OptimizerState:
    """What the optimizer carries from one step to the next.

    t: updates taken since the state was fresh (Adam's bias correction uses it).
    slots[l]: layer l's arrays, shaped like W^l ("…_W") or b^l ("…_b").
    A layer without slots starts from zeros, so the fresh state is simply OptimizerState().
    """

    t: int = 0
    slots: dict[int, dict[str, Array]] = field(default_factory=dict)


class Rule(Protocol):
    name: ClassVar[str]
    formula: ClassVar[str]  # one update of a parameter θ with gradient g, for the docs
    # What the rule remembers per parameter array, from one step to the next. The state of layer l names them
    # with the array they belong to: velocity_W, velocity_b, m_W, v_W, m_b, v_b.
    slots: ClassVar[tuple[str, ...]]
    # What else explains one step (named likewise: m_hat_W …); shown, never kept.
    explains: ClassVar[tuple[str, ...]]

    @property
    def eta(self) -> float: ...  # η (read-only: a rule is a frozen value)

    def apply(self, theta: Array, g: Array, state: Slots, t: int) -> tuple[Array, Slots, Slots]:
        """New θ, new state, and the extra numbers that explain the step (named as in the API)."""
        ...


@dataclass(frozen=True)
class SGD:
    eta: float
    name: ClassVar[str] = "sgd"
    formula: ClassVar[str] = "θ ← θ − η g"
    slots: ClassVar[tuple[str, ...]] = ()
    explains: ClassVar[tuple[str, ...]] = ()

    def apply(self, theta: Array, g: Array, state: Slots, t: int) -> tuple[Array, Slots, Slots]:
        return theta - self.eta * g, {}, {}  # θ ← θ − η g


@dataclass(frozen=True)
class Momentum:
    eta: float
    momentum: float = 0.9  # μ: how much of the last velocity is kept
    name: ClassVar[str] = "momentum"
    formula: ClassVar[str] = "v ← μ v − η g; θ ← θ + v"
    slots: ClassVar[tuple[str, ...]] = ("velocity",)
    explains: ClassVar[tuple[str, ...]] = ()

    def apply(self, theta: Array, g: Array, state: Slots, t: int) -> tuple[Array, Slots, Slots]:
        v = self.momentum * state["velocity"] - self.eta * g  # v ← μ v − η g
        return theta + v, {"velocity": v}, {}  # θ ← θ + v


@dataclass(frozen=True)
class Adam:
    eta: float
    beta1: float = 0.9  # decay of the first moment (the mean of g)
    beta2: float = 0.999  # decay of the second moment (the mean of g²)
    epsilon: float = 1e-8  # keeps the division finite where v̂ = 0
    name: ClassVar[str] = "adam"
    formula: ClassVar[str] = ("m ← β1 m + (1 − β1) g; v ← β2 v + (1 − β2) g²; θ ← θ − η m̂ / (√v̂ + ε) with "
                              "m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t)")
    slots: ClassVar[tuple[str, ...]] = ("m", "v")
    explains: ClassVar[tuple[str, ...]] = ("m_hat", "v_hat", "step")

    def apply(self, theta: Array, g: Array, state: Slots, t: int) -> tuple[Array, Slots, Slots]:
        m = self.beta1 * state["m"] + (1 - self.beta1) * g  # m ← β1 m + (1 − β1) g
        v = self.beta2 * state["v"] + (1 - self.beta2) * g * g  # v ← β2 v + (1 − β2) g²
        m_hat = m / (1 - self.beta1**t)  # bias correction: the moments start at 0
        v_hat = v / (1 - self.beta2**t)
        step = self.eta * m_hat / (np.sqrt(v_hat) + self.epsilon)
        return theta - step, {"m": m, "v": v}, {"m_hat": m_hat, "v_hat": v_hat, "step": step}  # θ ← θ − η m̂/(√v̂ + ε)


RULES: dict[str, type[SGD] | type[Momentum] | type[Adam]] = {r.name: r for r in (SGD, Momentum, Adam)}
OPTIMIZERS = tuple(RULES)
STATE_SLOTS: dict[str, tuple[str, ...]] = {name: r.slots for name, r in RULES.items()}
EXPLAINS: dict[str, tuple[str, ...]] = {name: r.explains for name, r in RULES.items()}
FORMULAS = ". ".join(f"{name}: {r.formula}" for name, r in RULES.items())  # every rule, in the API's descriptions


def make(name: str, eta: float, **hyper: float) -> Rule:
    """The rule called `name` with η and the hyperparameters it uses, picked from `hyper` by their names
    (momentum; beta1, beta2, epsilon). The spec is validated before this: an unknown name is a bug."""
    rule = RULES[name]
    return rule(eta, **{f.name: hyper[f.name] for f in fields(rule) if f.name != "eta" and f.name in hyper})


def defaults(name: str) -> dict[str, float]:
    """The hyperparameters of the rule called `name` besides η, with their default values."""
    return {f.name: f.default for f in fields(RULES[name]) if f.name != "eta"}  # type: ignore[misc]


def settings(rule: Rule) -> dict[str, float]:
    """The hyperparameters the rule uses besides η, e.g. {"momentum": 0.9}."""
    return {f.name: getattr(rule, f.name) for f in fields(rule) if f.name != "eta"}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Update:
    """One update of every layer, with the numbers that explain it."""

    rule: Rule
    params: Params  # the new W^l, b^l
    state: OptimizerState  # what the optimizer carries to the next step (state.t is this step's t)
    grad_b: dict[int, Array]  # the gradient that moved b^l (summed when shared; zeros when frozen)
    shown: dict[int, dict[str, Array]]  # per layer: velocity_W, velocity_W_old, m_hat_b, step_W, …


def update(rule: Rule, arch: Architecture, params: Params, state: OptimizerState, trace: Trace,
           freeze_biases: bool = False) -> Update:
    """Apply `rule` to W^l and b^l of every layer with the gradients of `trace`."""
    t = state.t + 1
    W: dict[int, Array] = {}
    b: dict[int, Array] = {}
    slots: dict[int, dict[str, Array]] = {}
    grad_b: dict[int, Array] = {}
    shown: dict[int, dict[str, Array]] = {}
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for l in arch.layers:
            old = state.slots.get(l, {})
            W[l], new_W, shown_W = _apply(rule, "W", params.W[l], trace.nabla_w[l], old, t)
            if freeze_biases:  # b and its state stay exactly as they are
                kept = {f"{s}_b": v for s, v in own_state(rule, "b", params.b[l], old).items()}
                shown_b: dict[str, Array] = {}
                b[l], new_b = params.b[l].copy(), kept
                grad_b[l] = np.zeros_like(params.b[l])
            else:
                grad_b[l] = bias_gradient(arch, trace, l)
                b[l], new_b, shown_b = _apply(rule, "b", params.b[l], grad_b[l], old, t)
            if STATE_SLOTS[rule.name]:
                slots[l] = {**new_W, **new_b}
            shown[l] = {**shown_W, **shown_b}
        new_params, new_state = Params(W, b), OptimizerState(t, slots)
        finite = new_params.all_finite() and all(all_finite(a) for s in slots.values() for a in s.values())
    if not finite:
        raise DivergedError(
            f"The network has diverged: this {rule.name} update (η = {rule.eta:g}) would make a weight "
            "or the optimizer's state infinite. Lower the learning rate and reset the network "
            "(or set its parameters)."
        )
    return Update(rule, new_params, new_state, grad_b, shown)


def own_state(rule: Rule, which: str, theta: Array, layer_slots: dict[str, Array]) -> Slots:
    """This array's state ("velocity_W" → "velocity"), zeros where there is none yet."""
    return {s: layer_slots.get(f"{s}_{which}", np.zeros_like(theta)) for s in STATE_SLOTS[rule.name]}


def _apply(rule: Rule, which: str, theta: Array, g: Array, layer_slots: dict[str, Array],
           t: int) -> tuple[Array, dict[str, Array], dict[str, Array]]:
    """One array W^l or b^l: its new value, its new state and the numbers shown, named for the layer."""
    before = own_state(rule, which, theta, layer_slots)
    new_theta, after, extra = rule.apply(theta, g, before, t)
    shown = {f"{s}_{which}_old": before[s] for s in before}  # velocity_W_old …
    shown |= {f"{s}_{which}": after[s] for s in after}  # velocity_W, m_W, v_W …
    shown |= {f"{s}_{which}": extra[s] for s in extra}  # m_hat_W, v_hat_W, step_W
    return new_theta, {f"{s}_{which}": after[s] for s in after}, shown
