"""Training throughput: the engine's steps per second against PyTorch eager autograd on the CPU.

Same network, same starting weights, same batches in the same order, same η, float64 — and a check
that both end at the same weights. Optional: needs `pip install '.[bench]'` (torch==2.13.0).
"""

import numpy as np

from app.core import training
from app.core.limits import Limits
from app.core.model import Hyper, Samples, Spec
from app.core.network import Architecture
from app.core.sampler import advance

from .common import median, repeat

CASES = [
    ("2-2-2 batch 1", (2, 2, 2), ("sigmoid", "sigmoid"), "quadratic", 1, 5.0),
    ("2-8-8-1 tanh batch 32", (2, 8, 8, 1), ("tanh", "tanh", "sigmoid"), "binary_cross_entropy", 32, 5.0),
    ("2-16-16-16-2 relu+softmax batch 128", (2, 16, 16, 16, 2), ("relu", "relu", "relu", "softmax"),
     "softmax_cross_entropy", 128, 5.0),
    ("784-64-10 batch 64", (784, 64, 10), ("relu", "softmax"), "softmax_cross_entropy", 64, 0.9),
]


def make_model(sizes, acts, cost, batch):
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
    return training.create(spec, Limits(max_inputs=1024, max_samples=10_000))


def torch_runner(model, steps):
    import torch

    torch.set_num_threads(1)
    arch = model.arch
    Ws = [torch.tensor(model.params.W[l], requires_grad=True) for l in arch.layers]
    bs = [torch.tensor(model.params.b[l], requires_grad=True) for l in arch.layers]
    acts = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu}
    batches = []
    m = model
    for _ in range(steps):  # the engine's own batches, so both see the same examples in the same order
        _, x, y = m.batch()
        batches.append((torch.tensor(x.T), torch.tensor(y.T)))
        m = m.changed(sampler=advance(m.data.n_train, m.hyper.batch_size, m.sampler))
    eta = model.hyper.eta

    def run():
        for x, y in batches:
            a = x
            for i, (W, b) in enumerate(zip(Ws, bs)):
                z = a @ W.T + b
                name = arch.activations[i]
                a = z if name in ("softmax",) else acts[name](z)
            if arch.cost_name == "quadratic":
                loss = 0.5 * ((a - y) ** 2).sum(dim=1).mean()
            elif arch.cost_name == "binary_cross_entropy":
                loss = torch.nn.functional.binary_cross_entropy(a, y, reduction="sum") / x.shape[0]
            else:
                loss = torch.nn.functional.cross_entropy(a, y.argmax(dim=1))
            for p in (*Ws, *bs):
                p.grad = None
            loss.backward()
            with torch.no_grad():
                for p in (*Ws, *bs):
                    p -= eta * p.grad
    return run, Ws


def run(steps: int = 200, runs: int = 7):
    rows = []
    try:
        import torch  # noqa: F401
    except ImportError:
        return [("PyTorch comparison", "skipped: install the bench extra (torch==2.13.0)", "", "no")]
    for name, sizes, acts, cost, batch, target in CASES:
        model = make_model(sizes, acts, cost, batch)

        def engine():
            m = model
            for _ in range(steps):
                _, m = training.step(m)
            engine.last = m

        t_engine = median(repeat(engine, runs))
        torch_run, Ws = torch_runner(model, steps)
        t_torch = median(repeat(torch_run, 1))  # one run: the weights must match the engine's after `steps`
        same = np.allclose(Ws[0].detach().numpy(), engine.last.params.W[2], rtol=1e-9, atol=1e-12)
        torch_run2, _ = torch_runner(model, steps)
        t_torch = min(t_torch, median(repeat(torch_run2, runs - 1)))
        ratio = t_torch / t_engine
        rows.append((f"{name}: engine vs PyTorch eager", f"{ratio:.1f}× ({steps / t_engine:,.0f} vs "
                     f"{steps / t_torch:,.0f} steps/s; same weights: {'yes' if same else 'NO'})",
                     f"≥ {target}×", "yes" if ratio >= target and same else "no"))
    return rows
