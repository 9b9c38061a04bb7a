"""Static files go out gzipped when the browser asks, with the security headers; the API's JSON does not."""

from pathlib import Path

from tests.api.api_helpers import make_client

REPO = Path(__file__).resolve().parents[2]
GZIP = {"accept-encoding": "gzip"}
IDENTITY = {"accept-encoding": "identity"}


def test_javascript_is_sent_gzipped_when_asked_and_unpacks_to_the_file() -> None:
    with make_client() as client:
        resp = client.get("/static/js/render/diagram.js", headers=GZIP)
    assert resp.status_code == 200
    assert resp.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in resp.headers["vary"].lower()  # caches keep both versions apart
    assert resp.headers["content-type"].startswith("text/javascript")
    assert resp.content == (REPO / "static/js/render/diagram.js").read_bytes()  # httpx unpacked it
    assert resp.num_bytes_downloaded < len(resp.content) / 2  # what went over the wire


def test_css_and_the_vendored_katex_are_gzipped_too() -> None:
    with make_client() as client:
        for path in ("/static/css/lesson.css", "/static/vendor/katex/katex.mjs"):
            resp = client.get(path, headers=GZIP)
            assert resp.status_code == 200 and resp.headers["content-encoding"] == "gzip", path


def test_a_client_that_does_not_ask_gets_the_file_as_it_is() -> None:
    with make_client() as client:
        resp = client.get("/static/js/render/diagram.js", headers=IDENTITY)
    assert resp.status_code == 200 and "content-encoding" not in resp.headers
    assert resp.content == (REPO / "static/js/render/diagram.js").read_bytes()


def test_compressed_static_files_keep_the_security_headers() -> None:
    with make_client() as client:
        resp = client.get("/static/js/main.js", headers=GZIP)
    assert resp.headers["content-encoding"] == "gzip"
    assert "default-src 'self'" in resp.headers["content-security-policy"]
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["referrer-policy"] == "no-referrer"


def test_revalidation_still_answers_304_without_a_body() -> None:
    with make_client() as client:
        first = client.get("/static/js/main.js", headers=GZIP)
        again = client.get("/static/js/main.js", headers={**GZIP, "if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_the_api_json_is_not_compressed() -> None:
    with make_client() as client:
        resp = client.get("/api/presets", headers=GZIP)
    assert resp.status_code == 200 and "content-encoding" not in resp.headers


def test_small_files_are_not_worth_compressing() -> None:
    path = REPO / "static/js/svg.js"
    assert path.stat().st_size < 1000
    with make_client() as client:
        resp = client.get("/static/js/svg.js", headers=GZIP)
    assert resp.status_code == 200 and "content-encoding" not in resp.headers
    assert resp.content == path.read_bytes()
