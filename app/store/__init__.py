"""Where networks live between requests. The in-memory store is the embedded default;
RedisStore (app.store.redis) shares networks between worker processes."""

from ..core.limits import Limits
from .base import NetworkNotFound, Store, StoreUnavailable
from .memory import MemoryStore

__all__ = ["MemoryStore", "NetworkNotFound", "Store", "StoreUnavailable", "open_store"]


def open_store(url: str, max_networks: int, ttl_seconds: int, limits: Limits | None = None,
               max_bytes: int = 512 * 2**20, max_network_bytes: int = 64 * 2**20) -> Store:
    """The store a URL names: "memory" (or empty) → MemoryStore; redis://host:port/db → RedisStore."""
    if url in ("", "memory"):
        return MemoryStore(max_networks, max_bytes=max_bytes, max_network_bytes=max_network_bytes)
    if url.startswith(("redis://", "rediss://", "unix://")):
        from .redis import RedisStore  # imported only when used

        return RedisStore(url, max_networks=max_networks, ttl_seconds=ttl_seconds, limits=limits,
                          max_network_bytes=max_network_bytes, max_bytes=max_bytes)
    raise ValueError(f"BACKPROP_STORE must be 'memory' or a redis:// URL; got {url!r}.")
