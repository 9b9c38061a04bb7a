"""Where networks live between requests. The in-memory store is the embedded default."""

from .base import NetworkNotFound, Store
from .memory import MemoryStore

__all__ = ["MemoryStore", "NetworkNotFound", "Store"]
