"""Live classes (issue 14): a teacher's lesson followed live by the students' devices, with questions and reveals.

Changes to the HTTP contract agreed for the pages (kept minimal):
- A lookup of an unknown code by any route with a code in its path (GET the class, its events, its QR code, not
  only a join) counts as a failed attempt for the client's address, and an address over the limit gets
  429 too_many_attempts from all of them: otherwise GET /api/classes/{code} would be a free oracle for the codes
  that joining is throttled against.
- Join codes are drawn from "ACDEFGHJKMNPQRTUVWXY34679": besides 0/O and 1/I/L, also 2/Z, 5/S and 8/B, which blur
  on a projector. A code is read case-insensitively.
- Edits' `l` is ≥ 1 and `j`, `k` are ≥ 0, as in a selection.
- Revealing a revealed question answers the same Reveal again (no new event); revealing without a question is
  409 `no_question`.

The package is pure logic and state, no web code (tests/test_layers.py holds it to that):
    logic.py     codes, tokens (only their sha256 is kept), nicknames, questions, answers, the reveal
    store.py     the class store's interface and limits     memory.py   one process (the default)
    redis.py     shared by every worker (BACKPROP_STORE=redis://…), its events over Redis pub/sub; lua.py its
                 scripts (each change checked, written and published at once)
    errors.py    every refusal with its error code (app/api/errors.py gives each its HTTP status)
    hub.py       the fan-out of events to the streams open in this process
    joinurl.py   the join URL as students' devices reach it      qr.py   its QR code (segno, SVG)
"""

from .store import ClassLimits, ClassStore


def open_class_store(url: str, limits: ClassLimits) -> ClassStore:
    """The class store beside the network store that BACKPROP_STORE names: memory, or the same Redis."""
    if url in ("", "memory"):
        from .memory import MemoryClassStore

        return MemoryClassStore(limits)
    from .redis import RedisClassStore  # imported only when used

    return RedisClassStore(url, limits)


__all__ = ["ClassLimits", "ClassStore", "open_class_store"]
