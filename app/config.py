"""Settings from the environment (prefix BACKPROP_), e.g. BACKPROP_MAX_NEURONS=64."""

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

from .core.limits import Limits


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BACKPROP_")

    max_layers: int = 10
    max_inputs: int = 1024
    max_neurons: int = 128
    max_samples: int = 10_000
    max_train_steps: int = 10_000
    max_train_seconds: float = 2.0
    max_trace_values: int = 262_144
    max_gradcheck_params: int = 2_000
    max_networks: int = 1_000  # kept in the store; the least recently used is evicted beyond
    max_body_bytes: int = 2 * 1024 * 1024

    def limits(self) -> Limits:
        return Limits(
            max_layers=self.max_layers,
            max_inputs=self.max_inputs,
            max_neurons=self.max_neurons,
            max_samples=self.max_samples,
            max_train_steps=self.max_train_steps,
            max_train_seconds=self.max_train_seconds,
            max_trace_values=self.max_trace_values,
            max_gradcheck_params=self.max_gradcheck_params,
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()
