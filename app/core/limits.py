"""Size and work limits. The core checks them; app/config.py fills them from the environment."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_layers: int = 10  # L, counting the input layer
    max_inputs: int = 1024  # n_1
    max_csv_columns: int = 2048  # columns of an uploaded CSV (features, target and columns left unused)
    max_neurons: int = 128  # n_l for l = 2 … L
    max_samples: int = 10_000  # training + test examples of one network, or inputs of one forward call
    max_train_steps: int = 10_000  # steps of one train call
    max_train_seconds: float = 2.0  # wall time of one train or gradcheck call
    max_stream_seconds: float = 300.0  # wall time of one training stream (its chunks and the waits between them)
    max_grid_values: int = 2_000_000  # grid points × neurons of one decision-boundary answer (~20 MB of JSON)
    max_trace_values: int = 262_144  # per-example numbers in one trace response (z, a, σ', δ)
    max_gradcheck_params: int = 2_000  # parameters checked by one gradcheck call (a seeded sample beyond)
    max_abs_value: float = 1e6  # inputs, targets and hyperparameters beyond this are refused
