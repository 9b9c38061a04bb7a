"""A network as bytes, exactly, for stores outside the process (Redis).

The bytes are the network's document (app.core.document: the one GET /api/networks/{id}/export answers with) as
orjson, beside the one thing a document leaves out: the name of the preset it came from. orjson writes each float64
as the shortest decimal that reads back to the very same double, so the round trip is bit-exact. Loading reads the
document as POST /api/networks/import does (build from the spec, restore the rest: every value checked), and
nothing is unpickled: bytes that are not a network document are a SpecError, never a crash.
"""

import hashlib
import threading
from collections import OrderedDict

import orjson

from ..core import document
from ..core.errors import SpecError
from ..core.limits import Limits
from ..core.model import Model
from .base import model_bytes

# Networks as built from their spec (data generated or checked, starting parameters): what every load of the same
# network would build again. Kept per process, least recently used first, up to this many bytes of arrays.
BUILT_CACHE_BYTES = 256 * 2**20
_built: OrderedDict[bytes, tuple[Model, int]] = OrderedDict()   # key → (model, bytes)
_built_lock = threading.Lock()


def dumps(model: Model) -> bytes:
    """The model → compact bytes (UTF-8 JSON of its document)."""
    return orjson.dumps({"preset": model.spec.preset, "export": document.dump(model)},
                        option=orjson.OPT_SERIALIZE_NUMPY)


def loads(blob: bytes, limits: Limits) -> Model:
    """Bytes from dumps() → the same model: spec, data, parameters, sampler, version, steps, optimizer state.

    The spec (with its data: a whole uploaded CSV) never changes once a network exists, so the network it builds is
    kept per process, keyed by a hash of the spec's bytes and the limits: a step reads and checks only what
    changes (parameters, sampler, optimizer state), not the whole network again."""
    try:
        stored = orjson.loads(blob)
    except orjson.JSONDecodeError as err:
        raise SpecError(f"The stored network is not JSON: {err}", "network") from None
    if not (isinstance(stored, dict) and stored.keys() == {"preset", "export"} and isinstance(stored["export"], dict)
            and isinstance(stored["preset"], str | None)):
        raise SpecError("The stored network is not a network document with its preset.", "network")
    preset, export = stored["preset"], stored["export"]
    key = hashlib.blake2b(orjson.dumps([preset, export.get("spec"), repr(limits)], option=orjson.OPT_SORT_KEYS),
                          digest_size=20).digest()
    fresh = _cached(key)
    if fresh is None:
        fresh = document.build(export.get("spec"), limits, preset)
        _keep(key, fresh)
    return document.restore(fresh, export, limits)


def _cached(key: bytes) -> Model | None:
    with _built_lock:
        entry = _built.get(key)
        if entry is None:
            return None
        _built.move_to_end(key)
        return entry[0]


def _keep(key: bytes, model: Model) -> None:
    entry = (model, model_bytes(model))
    with _built_lock:
        _built[key] = entry
        while len(_built) > 1 and sum(size for _, size in _built.values()) > BUILT_CACHE_BYTES:
            _built.popitem(last=False)
