"""Settings from the environment (prefix BACKPROP_), e.g. BACKPROP_MAX_NEURONS=64."""

import json
from functools import lru_cache
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from .classroom.store import ClassLimits
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
    # Live classes (issue 14): how many at once, students in one, how long an unused class lives, and how many
    # joins with a wrong code an address may try a minute.
    max_classes: int = Field(100, ge=1)
    max_class_students: int = Field(300, ge=1)
    class_idle_seconds: int = Field(4 * 3600, ge=1)
    max_failed_joins: int = Field(10, ge=1)
    # How often an idle class stream sends `ping` (a page reopens a stream that misses two).
    class_ping_seconds: float = Field(15.0, ge=0.2, le=300)
    # The address students' devices reach this server at (e.g. https://ai.school.example), for the join URL and
    # its QR code; unset: the address the teacher's page came in by (a loopback one replaced by the LAN address).
    public_url: str | None = None
    # The address the server listens on, when known (the backprop-explorer command sets it from --host): a loopback
    # one means no student's device can reach it, which a class then says.
    listen_host: str | None = None

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [origin.strip() for origin in text.split(",") if origin.strip()]
        return value

    @field_validator("public_url", mode="after")
    @classmethod
    def _check_public_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError(f"BACKPROP_PUBLIC_URL must be an http(s) URL such as http://192.168.1.20:8000; got "
                             f"{value!r}")
        return value.strip().rstrip("/")

    def class_limits(self) -> ClassLimits:
        return ClassLimits(max_classes=self.max_classes, max_students=self.max_class_students,
                           idle_seconds=self.class_idle_seconds, max_failed_joins=self.max_failed_joins,
                           ping_seconds=self.class_ping_seconds)

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
