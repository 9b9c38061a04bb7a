"""A network as bytes, exactly, for stores outside the process (Redis).

The bytes are the network's export document (the one GET /api/networks/{id}/export returns) as orjson,
beside the one thing an export leaves out: the name of the preset it came from.
orjson writes each float64 as the shortest decimal that reads back to the very same double, so the
round trip is bit-exact; loading goes the way POST /api/networks/import does (validate the spec, build,
restore), so nothing is trusted that the import route would refuse, and nothing is unpickled.
"""

import hashlib
import threading
from collections import OrderedDict

import orjson

from ..core import training
from ..core.limits import Limits
from ..core.model import Model
from .base import model_bytes

# Networks as built from their spec (data generated or checked, starting parameters), with the validated spec: what
# every load of the same network would build again. Kept per process, least recently used first, up to this many
# bytes of arrays.
BUILT_CACHE_BYTES = 256 * 2**20
_built: OrderedDict[bytes, tuple[Model, object, int]] = OrderedDict()   # key → (model, spec, bytes)
_built_lock = threading.Lock()


def dumps(model: Model) -> bytes:
    """The model → compact bytes (UTF-8 JSON of its export document)."""
    from ..api.encode import export_json  # here, not at the top: app.api imports app.store

    return orjson.dumps({"preset": model.spec.preset, "export": export_json(model)}, option=orjson.OPT_SERIALIZE_NUMPY)


def loads(blob: bytes, limits: Limits) -> Model:
    """Bytes from dumps() → the same model: spec, data, parameters, sampler, version, steps, optimizer state.

    The spec (with its data: a whole uploaded CSV) never changes once a network exists, so the network it builds is
    kept per process, keyed by a hash of the spec's bytes and the limits: a step validates and builds only what
    changes (parameters, sampler, optimizer state), not the whole network again."""
    from ..api.convert import to_optimizer_state, to_params, to_sampler, to_spec
    from ..api.schemas.specs import ExportDocument

    stored = orjson.loads(blob)
    export = stored["export"]
    key = hashlib.blake2b(orjson.dumps([stored["preset"], export["spec"], repr(limits)], option=orjson.OPT_SORT_KEYS),
                          digest_size=20).digest()
    cached = _cached(key)
    if cached is None:
        doc = ExportDocument.model_validate(export)   # the whole document, once per process and spec
        fresh = training.create(to_spec(doc.spec, stored["preset"]), limits)
        _keep(key, fresh, doc.spec)
    else:
        # The rest validated by the same schema; the spec, already validated, is passed as the model it is.
        fresh, spec = cached
        doc = ExportDocument.model_validate({**export, "spec": spec})
    return training.restore(fresh, to_params(doc.parameters), to_sampler(doc.sampler), doc.version, doc.steps,
                            limits, to_optimizer_state(doc.optimizer_state))


def _cached(key: bytes) -> tuple[Model, object] | None:
    with _built_lock:
        entry = _built.get(key)
        if entry is None:
            return None
        _built.move_to_end(key)
        return entry[0], entry[1]


def _keep(key: bytes, model: Model, spec: object) -> None:
    entry = (model, spec, model_bytes(model))
    with _built_lock:
        _built[key] = entry
        while len(_built) > 1 and sum(size for _, _, size in _built.values()) > BUILT_CACHE_BYTES:
            _built.popitem(last=False)
