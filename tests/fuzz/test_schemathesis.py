"""Fuzz every operation of the API from its own OpenAPI document (schemathesis, in-process over ASGI).

Each generated request, valid or not, must get an answer that is never a 5xx, whose status code is documented
for the operation, whose content type is the documented one, and whose body conforms to the documented schema;
most of the rest of `schemathesis run --checks all` runs as well (see CHECKS). Bounded: at most MAX_EXAMPLES
generated cases per operation (plus schemathesis's examples and coverage cases), with small training limits
so that no call takes long.
"""

import hypothesis
import jsonschema_rs  # schemathesis's own validator
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck
from pydantic import TypeAdapter
from schemathesis import checks

from app.api.schemas.lab import StreamEvent
from app.config import Settings
from app.main import create_app
from tests.support.strict_json import assert_strict_json

MAX_EXAMPLES = 30

# Small limits keep each call short (10,000 training steps per generated case would take the whole budget).
app = create_app(Settings(max_train_steps=200, max_train_seconds=0.2, max_gradcheck_params=200))
client = TestClient(app)

schema = schemathesis.openapi.from_asgi("/openapi.json", app)

# `--checks all`, but for:
# - positive_data_acceptance: it expects every schema-valid request to succeed, but some rules cannot be said in
#   JSON Schema (give `dataset` or `samples`, not both; `inputs` must match the network's input size; steps up
#   to the server's configured limit); those requests get a documented 422, which is right.
# - the stateful and authorization checks (use_after_free, ensure_resource_availability, ignored_auth,
#   object_level_authorization): they need links between operations or authentication, which this API has not.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,
    checks.missing_required_header,
    checks.unsupported_method,
    checks.allow_header_conformance,
]

# The training stream answers text/event-stream. Schemathesis splits it into events and validates each raw event
# ({"event": "progress", "data": "<JSON text>"}) against the documented schema — which describes exactly that (issue
# 12: it once described only the JSON inside `data`, and every event failed). JSON Schema does not look inside a
# string's content, so each event's data is also validated as a StreamEvent here (see check_stream).
STREAM_EVENT = TypeAdapter(StreamEvent)
# What the OpenAPI document says each event is (schemathesis's in-process runner does not split event streams, so
# the documented schema is checked here, against every event, with the document as the root for its $refs).
OPENAPI = app.openapi()
DOCUMENTED_EVENT = jsonschema_rs.Draft202012Validator({
    **OPENAPI,
    **OPENAPI["paths"]["/api/networks/{network_id}/train/stream"]["post"]["responses"]["200"]["content"][
        "text/event-stream"]["schema"]})


def a_real_network() -> str:
    """A fresh network to aim the generated requests at (an unknown id only ever finds the 404)."""
    return client.post("/api/networks", json={"preset": "xor-2-2-1"}).json()["id"]


def check_stream(content: bytes) -> None:
    events = [block for block in content.decode().split("\n\n") if block]
    assert events and events[-1].startswith("event: done\n")
    for block in events:
        name, data = block.split("\n")
        assert name.startswith("event: ") and data.startswith("data: ")
        DOCUMENTED_EVENT.validate({"event": name[len("event: "):], "data": data[len("data: "):]})
        STREAM_EVENT.validate_json(data[len("data: "):])


@schema.parametrize()
@hypothesis.settings(max_examples=MAX_EXAMPLES, derandomize=True, deadline=None,
                     suppress_health_check=list(HealthCheck))
def test_every_operation_conforms(case: schemathesis.Case) -> None:
    # Most cases go to a real network, so that the operation itself runs; a quarter keep the generated id,
    # so that the 404 is fuzzed too.
    if "network_id" in (case.path_parameters or {}) and len(str(case.path_parameters["network_id"])) % 4:
        case.path_parameters["network_id"] = a_real_network()
    response = case.call()
    stream = case.operation.path.endswith("/train/stream")
    if response.content and not (stream and response.status_code == 200):  # JSON, unless an event stream
        assert_strict_json(response.content)
    assert b"Traceback" not in response.content
    case.validate_response(response, checks=CHECKS)
    if stream and response.status_code == 200:
        check_stream(response.content)


def test_the_stream_events_are_what_the_document_says() -> None:
    """Issue 12: a schema-aware client reading the training stream finds each event as documented (the fuzzer's
    generated requests rarely make a valid stream, so one real stream is checked here, every event)."""
    response = client.post(f"/api/networks/{a_real_network()}/train/stream", json={"steps": 6, "chunk": 2})
    assert response.status_code == 200
    check_stream(response.content)
    # And the check can fail: an event the document does not describe is refused.
    assert not DOCUMENTED_EVENT.is_valid({"event": "nope", "data": "{}"})
    assert not DOCUMENTED_EVENT.is_valid({"event": "done"})


# The stateful phase: schemathesis links the operations by themselves (a created network's id into every
# /{network_id} operation) and runs sequences of calls — create, then step, train, export, import… — with the same
# checks at every call.
APIWorkflow = schema.as_state_machine()


class Workflow(APIWorkflow):
    def validate_response(self, response, case, **kwargs) -> None:  # noqa: ANN001 — schemathesis's signature
        assert b"Traceback" not in response.content
        case.validate_response(response, checks=CHECKS)


TestStatefulWorkflows = Workflow.TestCase
TestStatefulWorkflows.settings = hypothesis.settings(max_examples=15, stateful_step_count=8, deadline=None,
                                                     derandomize=True, suppress_health_check=list(HealthCheck))
