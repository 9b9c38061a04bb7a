"""The live-class routes as documented: every route's answers validate against the models its OpenAPI entry names,
the join URL is one students' devices can reach, and the QR code decodes to it."""

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
import segno
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from app.api.schemas.classes import (
    Accepted,
    AnswerRow,
    ClassCreated,
    ClassView,
    Joined,
    Moved,
    QuestionPublic,
    Reveal,
)
from app.classroom import joinurl
from tests.api.api_helpers import conform
from tests.classroom.conftest import MakeClient
from tests.classroom.helpers import POSITION, start_class

# (method, path) → (model, status)
TOUR = {
    ("post", "/api/classes"): (ClassCreated, 201),
    ("get", "/api/classes/{code}"): (ClassView, 200),
    ("put", "/api/classes/{code}/position"): (Moved, 200),
    ("delete", "/api/classes/{code}"): (None, 204),
    ("post", "/api/classes/{code}/join"): (Joined, 201),
    ("post", "/api/classes/{code}/questions"): (QuestionPublic, 201),
    ("post", "/api/classes/{code}/answers"): (Accepted, 200),
    ("post", "/api/classes/{code}/reveal"): (Reveal, 200),
    ("get", "/api/classes/{code}/answers"): (list[AnswerRow], 200),
    ("get", "/api/classes/{code}/qr.svg"): (None, 200),
    ("get", "/api/classes/{code}/events"): (None, 200),
}


def _documented(op: dict, status: int) -> str | None:
    content = op["responses"][str(status)].get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
    return ref.rsplit("/", 1)[-1] if ref else None


def test_the_openapi_document_lists_every_class_route_with_its_schemas(api: TestClient) -> None:
    doc = api.get("/openapi.json").json()
    ops = {(m, p): op for p, item in doc["paths"].items() if p.startswith("/api/classes") for m, op in item.items()}
    assert set(ops) == set(TOUR)
    for key, (model, status) in TOUR.items():
        op = ops[key]
        assert op["summary"] and op.get("description"), key
        name = getattr(model, "__name__", None)
        if model is not None and getattr(model, "__origin__", None) is list:
            name = model.__args__[0].__name__
        assert _documented(op, status) == name, key
        assert "422" in op["responses"] or key == ("get", "/api/classes/{code}/events")
        if "{code}" in key[1]:
            assert {"404", "429"} <= set(op["responses"]), key
    schemas = doc["components"]["schemas"]
    for name in ("ClassPosition", "QuestionIn", "QuestionPublic", "Reveal", "ClassView", "AnswerIn", "PositionEvent",
                 "StudentsEvent", "AnswersEvent", "EndedEvent", "PingEvent"):
        assert name in schemas, name
    assert "answer" not in schemas["QuestionPublic"]["properties"]
    assert schemas["ClassPosition"]["properties"]["step"]["maximum"] == 500
    assert ops[("get", "/api/classes/{code}/qr.svg")]["responses"]["200"]["content"] == {"image/svg+xml": {}}
    events = ops[("get", "/api/classes/{code}/events")]["responses"]["200"]["content"]["text/event-stream"]
    assert events["schema"]["properties"]["event"]["enum"] == ["state", "position", "students", "question",
                                                              "answers", "reveal", "ended", "ping"]
    assert events["schema"]["required"] == ["event", "data"]  # a ping has no id
    security = {name for op in ops.values() for entry in op.get("security", []) for name in entry}
    assert security == {"HTTPBearer", "APIKeyQuery"}


def test_every_class_route_answers_its_documented_model(api: TestClient) -> None:
    k = start_class(api)
    k.join("a")
    question = k.ask()
    conform(k.move(step=1), Moved)
    conform(k.answer(question["id"], 0.5), Accepted)
    conform(api.get(f"{k.url}/answers", headers=k.teacher), list[AnswerRow])
    conform(api.get(k.url), ClassView)
    conform(api.post(f"{k.url}/reveal", headers=k.teacher), Reveal)
    view = conform(api.get(k.url), ClassView)
    TypeAdapter(Reveal).validate_python(view["reveal"], strict=True)
    qr = api.get(f"{k.url}/qr.svg")
    assert qr.status_code == 200 and qr.headers["content-type"] == "image/svg+xml"
    assert api.delete(k.url, headers=k.teacher).status_code == 204


def test_a_loopback_address_becomes_the_lan_address(make_class_client: MakeClient,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(joinurl, "lan_address", lambda: "192.168.1.20")
    api = make_class_client()
    for base in ("http://localhost:8000", "http://127.0.0.1:8000", "http://127.3.4.5:8000", "http://[::1]:8000"):
        created = TestClient(api.app, base_url=base).post("/api/classes", json={"position": POSITION}).json()
        assert created["join_url"] == f"http://192.168.1.20:8000/join?code={created['code']}"
    created = TestClient(api.app, base_url="http://10.0.0.7:8123").post("/api/classes", json={"position": POSITION})
    assert created.json()["join_url"] == f"http://10.0.0.7:8123/join?code={created.json()['code']}"


@pytest.mark.parametrize("listen_host", ["127.0.0.1", "localhost", "::1"])
def test_a_server_on_loopback_only_keeps_its_address_and_says_so(make_class_client: MakeClient,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               listen_host: str) -> None:
    """The LAN address would not reach a server that listens on loopback only: the class says what to do instead."""
    monkeypatch.setattr(joinurl, "lan_address", lambda: "192.168.1.20")
    api = make_class_client(settings={"listen_host": listen_host})
    created = TestClient(api.app, base_url="http://127.0.0.1:8000").post("/api/classes", json={"position": POSITION})
    assert created.json()["join_url"] == f"http://127.0.0.1:8000/join?code={created.json()['code']}"
    assert created.json()["local_only"] is True
    for served, public, local in [("0.0.0.0", None, False), (listen_host, "https://ai.school.example", False)]:
        api = make_class_client(settings={"listen_host": served, "public_url": public})
        created = TestClient(api.app, base_url="http://localhost:8000").post("/api/classes",
                                                                             json={"position": POSITION})
        assert created.json()["local_only"] is local
        assert "127.0.0.1" not in created.json()["join_url"] and "localhost" not in created.json()["join_url"]


def test_the_public_url_overrides_the_address(make_class_client: MakeClient) -> None:
    api = make_class_client(settings={"public_url": "https://ai.school.example/"})
    created = TestClient(api.app, base_url="http://localhost:8000").post("/api/classes", json={"position": POSITION})
    assert created.json()["join_url"] == f"https://ai.school.example/join?code={created.json()['code']}"


def test_the_lan_address_is_this_machines_own() -> None:
    address = joinurl.lan_address()
    assert address is None or (re.fullmatch(r"\d+\.\d+\.\d+\.\d+", address) and not joinurl.is_loopback(address))
    assert joinurl.base_url(None, "http://localhost:9000/", lan=None if address is None else address).endswith(
        ":9000")
    assert joinurl.is_loopback("[::1]") and joinurl.is_loopback("LOCALHOST") and not joinurl.is_loopback("10.1.1.1")


def svg_modules(svg: str) -> list[list[bool]]:
    """The dark modules of segno's SVG, read back from its path (M/m moves, h lines at half-module heights)."""
    size = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).group(1)) // 8
    scale = int(re.search(r'transform="scale\((\d+)\)"', svg).group(1))
    assert scale >= 4 and size * scale == int(re.search(r'width="(\d+)"', svg).group(1))
    path = re.search(r'<path[^>]*class="qrline"[^>]*d="([^"]+)"', svg) or re.search(
        r'<path[^>]*d="([^"]+)"[^>]*class="qrline"', svg)
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for op, a, b in re.findall(r"([MmHh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", path.group(1)):
        if op in "Mm":
            x, y = (float(a), float(b)) if op == "M" else (x + float(a), y + float(b))
        else:
            end = x + float(a)
            for col in range(int(x), int(end)):
                grid[int(y)][col] = True
            x = end
    return grid


def png(grid: list[list[bool]], pixels: int = 6) -> bytes:
    """A black-and-white PNG of the modules (written here: no image library needed)."""
    rows = b"".join(b"\x00" + bytes(0 if dark else 255 for dark in row for _ in range(pixels))
                    for row in grid for _ in range(pixels))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    size = len(grid) * pixels
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_the_qr_code_decodes_to_the_join_url(api: TestClient, tmp_path: Path) -> None:
    k = start_class(api)
    svg = api.get(f"{k.url}/qr.svg").text
    assert 'fill="#fff"' in svg and 'stroke="#000"' in svg  # dark on white
    grid = svg_modules(svg)
    expected = segno.make(k.created["join_url"], error="m", micro=False)
    border = 4
    inner = [row[border:-border] for row in grid[border:-border]]
    assert not any(grid[0]) and not any(row[0] for row in grid)  # the quiet zone is white
    assert inner == [[bool(v) for v in row] for row in expected.matrix]
    image = tmp_path / "qr.png"
    image.write_bytes(png(grid))
    zbarimg = shutil.which("zbarimg")
    assert zbarimg is not None, "zbarimg is missing: `make test` installs Debian's zbar-tools"
    decoded = subprocess.run([zbarimg, "--raw", "-q", str(image)], capture_output=True, text=True, timeout=30)
    assert decoded.stdout.strip() == k.created["join_url"]
