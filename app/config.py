"""Settings from the environment (prefix BACKPROP_), e.g. BACKPROP_MAX_NEURONS=64."""

import json
from functools import lru_cache
from typing import Annotated

from pydantic import field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .core.limits import Limits


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BACKPROP_")

    max_layers: int = 10
    max_inputs: int = 1024
    max_csv_columns: int = 2048
    max_neurons: int = 128
    max_samples: int = 10_000
    max_train_steps: int = 10_000
    max_train_seconds: float = 2.0
    max_stream_seconds: float = 300.0
    max_trace_values: int = 262_144
    max_grid_values: int = 2_000_000
    max_gradcheck_params: int = 2_000
    max_networks: int = 1_000  # kept in the store; the least recently used is evicted beyond
    # All networks (their arrays in memory, their bytes in Redis); the least recently used are evicted beyond.
    max_store_bytes: int = 512 * 2**20
    max_network_bytes: int = 64 * 2**20  # one network's arrays (in memory) or stored bytes (Redis); larger refused
    max_body_bytes: int = 2 * 1024 * 1024
    max_response_bytes: int = 256 * 2**20  # one answer (JSON); a larger one is refused with 422 answer_too_large
    # Where networks live: "memory" (this process only) or redis://host:6379/0 (shared by every worker).
    store: str = "memory"
    store_ttl_seconds: int = 7 * 24 * 3600  # a Redis-stored network unused this long expires
    # Origins allowed to call the API from their pages (CORS); empty: no CORS headers at all.
    # BACKPROP_CORS_ORIGINS=https://a.example,https://b.example or a JSON list.
    cors_origins: Annotated[list[str], NoDecode] = []

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [origin.strip() for origin in text.split(",") if origin.strip()]
        return value

    def limits(self) -> Limits:
        return Limits(
            max_layers=self.max_layers,
            max_inputs=self.max_inputs,
            max_csv_columns=self.max_csv_columns,
            max_neurons=self.max_neurons,
            max_samples=self.max_samples,
            max_train_steps=self.max_train_steps,
            max_train_seconds=self.max_train_seconds,
            max_stream_seconds=self.max_stream_seconds,
            max_trace_values=self.max_trace_values,
            max_grid_values=self.max_grid_values,
            max_gradcheck_params=self.max_gradcheck_params,
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()
