"""A network as bytes, exactly, for stores outside the process (Redis).

The bytes are the network's export document (the one GET /api/networks/{id}/export returns) as orjson,
beside the one thing an export leaves out: the name of the preset it came from.
orjson writes each float64 as the shortest decimal that reads back to the very same double, so the
round trip is bit-exact; loading goes the way POST /api/networks/import does (validate the spec, build,
restore), so nothing is trusted that the import route would refuse, and nothing is unpickled.
"""

import orjson

from ..core import training
from ..core.limits import Limits
from ..core.model import Model


def dumps(model: Model) -> bytes:
    """The model → compact bytes (UTF-8 JSON of its export document)."""
    from ..api.encode import export_json  # here, not at the top: app.api imports app.store

    return orjson.dumps({"preset": model.spec.preset, "export": export_json(model)}, option=orjson.OPT_SERIALIZE_NUMPY)


def loads(blob: bytes, limits: Limits) -> Model:
    """Bytes from dumps() → the same model: spec, data, parameters, sampler, version, steps, optimizer state."""
    from ..api.convert import to_optimizer_state, to_params, to_sampler, to_spec
    from ..api.schemas.specs import ExportDocument

    stored = orjson.loads(blob)
    doc = ExportDocument.model_validate(stored["export"])
    fresh = training.create(to_spec(doc.spec, stored["preset"]), limits)
    return training.restore(fresh, to_params(doc.parameters), to_sampler(doc.sampler), doc.version, doc.steps,
                            limits, to_optimizer_state(doc.optimizer_state))
