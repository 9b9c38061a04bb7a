"""Training throughput: the engine's steps per second against PyTorch eager autograd on the CPU.

Same network, same starting weights, same batches in the same order, same η, float64, one thread —
and a check that each side ends at the same weights. Two PyTorch programs, timed in alternation with
the engine (so that the machine's noise hits all three alike):
- "idiomatic": what a student writes — nn.Sequential of nn.Linear, torch.optim.SGD, zero_grad /
  backward / step, the batch indexed out of the data tensors each step;
- "hand-written": the leanest eager loop — raw tensors, batches gathered in advance, an in-place update.
The engine side is training.train(), the loop the lab and POST /train use (app/core/fast_loop.py).
Optional: needs `pip install '.[bench]'` (torch==2.13.0).
"""

import numpy as np

from app.core import training
from app.core.limits import Limits
from app.core.model import Hyper, Model, Samples, Spec
from app.core.network import Architecture
from app.core.sampler import advance

from .common import median

CASES = [
    ("2-2-2 batch 1", (2, 2, 2), ("sigmoid", "sigmoid"), "quadratic", 1, 5.0),
    ("2-8-8-1 tanh batch 32", (2, 8, 8, 1), ("tanh", "tanh", "sigmoid"), "binary_cross_entropy", 32, 5.0),
    ("2-16-16-16-2 relu+softmax batch 128", (2, 16, 16, 16, 2), ("relu", "relu", "relu", "softmax"),
     "softmax_cross_entropy", 128, 5.0),
    ("784-64-10 batch 64", (784, 64, 10), ("relu", "softmax"), "softmax_cross_entropy", 64, 0.9),
]
LIMITS = Limits(max_inputs=1024, max_samples=10_000, max_train_seconds=600)


def make_model(sizes, acts, cost, batch) -> Model:
    rng = np.random.default_rng(0)
    n = 512
    x = rng.normal(size=(n, sizes[0]))
    if cost == "softmax_cross_entropy":
        y = np.eye(sizes[-1])[rng.integers(0, sizes[-1], n)]
    elif cost == "binary_cross_entropy":
        y = (rng.random((n, 1)) > 0.5).astype(float)
    else:
        y = rng.random((n, sizes[-1]))
    spec = Spec(arch=Architecture(sizes, acts, cost), hyper=Hyper(eta=0.05, batch_size=batch),
                data=Samples(x, y), seed=1)
    return training.create(spec, LIMITS)


def batch_indices(model: Model, steps: int) -> list[np.ndarray]:
    """The engine's own batches, so that every program sees the same examples in the same order."""
    out, m = [], model
    for _ in range(steps):
        out.append(m.batch()[0])
        m = m.changed(sampler=advance(m.data.n_train, m.hyper.batch_size, m.sampler))
    return out


def loss_of(torch, arch: Architecture):
    """The engine's batch cost, written in torch on the output a (softmax: on the logits z)."""
    F = torch.nn.functional
    if arch.cost_name == "quadratic":
        return lambda a, y: 0.5 * ((a - y) ** 2).sum(dim=1).mean()
    if arch.cost_name == "binary_cross_entropy":
        return lambda a, y: F.binary_cross_entropy(a, y, reduction="sum") / a.shape[0]
    return lambda z, y: F.cross_entropy(z, y.argmax(dim=1))


def idiomatic(model: Model, steps: int):
    """nn.Sequential + torch.optim.SGD, a batch indexed out of the data each step."""
    import torch
    from torch import nn

    arch = model.arch
    layers: list[nn.Module] = []
    for l in arch.layers:
        linear = nn.Linear(arch.sizes[l - 2], arch.sizes[l - 1]).double()
        with torch.no_grad():
            linear.weight.copy_(torch.tensor(model.params.W[l]))
            linear.bias.copy_(torch.tensor(model.params.b[l]))
        layers.append(linear)
        name = arch.activations[l - 2]
        if name != "softmax":  # cross_entropy takes the logits
            layers.append({"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU}[name]())
    net = nn.Sequential(*layers)
    opt = torch.optim.SGD(net.parameters(), lr=model.hyper.eta)
    loss_fn = loss_of(torch, arch)
    X, Y = torch.tensor(model.data.x_train), torch.tensor(model.data.y_train)
    batches = [torch.tensor(i) for i in batch_indices(model, steps)]

    def run():
        for idx in batches:
            opt.zero_grad()
            loss_fn(net(X[idx]), Y[idx]).backward()
            opt.step()
    return run, lambda: net[0].weight.detach().numpy()


def hand_written(model: Model, steps: int):
    """Raw tensors and autograd, batches gathered in advance, W -= η ∇W in place."""
    import torch

    arch = model.arch
    Ws = [torch.tensor(model.params.W[l], requires_grad=True) for l in arch.layers]
    bs = [torch.tensor(model.params.b[l], requires_grad=True) for l in arch.layers]
    acts = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "softmax": lambda z: z}
    X, Y = model.data.x_train, model.data.y_train
    batches = [(torch.tensor(X[i]), torch.tensor(Y[i])) for i in batch_indices(model, steps)]
    loss_fn, eta = loss_of(torch, arch), model.hyper.eta

    def run():
        for x, y in batches:
            a = x
            for i, (W, b) in enumerate(zip(Ws, bs, strict=True)):
                a = acts[arch.activations[i]](a @ W.T + b)
            for p in (*Ws, *bs):
                p.grad = None
            loss_fn(a, y).backward()
            with torch.no_grad():
                for p in (*Ws, *bs):
                    p -= eta * p.grad
    return run, lambda: Ws[0].detach().numpy()


def measure(model: Model, steps: int, runs: int) -> dict[str, tuple[float, bool]]:
    """Median seconds per run of each program, timed in alternation, and whether its weights match."""
    import time

    engine_end: list[Model] = []

    def engine():
        engine_end.append(training.train(model, steps, LIMITS, record_every=steps).model)

    builders = {"idiomatic": idiomatic, "hand-written": hand_written}
    programs = {"engine": (engine, lambda: engine_end[-1].params.W[2])}
    times: dict[str, list[float]] = {"engine": [], **{name: [] for name in builders}}
    for _ in range(runs):
        for name in times:
            if name in builders:  # PyTorch's weights move on: each run starts from the same ones
                programs[name] = builders[name](model, steps)
            t = time.perf_counter()
            programs[name][0]()
            times[name].append(time.perf_counter() - t)
    reference = programs["engine"][1]()
    return {name: (median(ts), bool(np.allclose(programs[name][1](), reference, rtol=1e-9, atol=1e-12)))
            for name, ts in times.items()}


def run(runs: int = 7) -> list[tuple[str, str, str, str]]:
    try:
        import torch
    except ImportError:
        return [("PyTorch comparison", "not run: install the bench extra (torch==2.13.0)", "", "no")]
    torch.set_num_threads(1)
    rows = []
    for name, sizes, acts, cost, batch, target in CASES:
        model = make_model(sizes, acts, cost, batch)
        steps = 300 if sizes[0] < 100 else 100
        t = measure(model, steps, runs)
        engine = t["engine"][0]
        ratios = {k: v[0] / engine for k, v in t.items() if k != "engine"}
        same = all(ok for _, ok in t.values())
        rows.append((f"{name}: engine vs PyTorch eager",
                     f"{ratios['idiomatic']:.1f}× idiomatic, {ratios['hand-written']:.1f}× hand-written "
                     f"({steps / engine:,.0f} vs {steps / t['idiomatic'][0]:,.0f} and "
                     f"{steps / t['hand-written'][0]:,.0f} steps/s; same weights: {'yes' if same else 'NO'})",
                     f"≥ {target}×", "yes" if min(ratios.values()) >= target and same else
                     "idiomatic only" if ratios["idiomatic"] >= target and same else "no"))
    return rows


if __name__ == "__main__":
    from .common import print_table

    print_table("Training throughput (engine steps/s ÷ PyTorch eager autograd, float64, 1 thread each)", run())
