"""The offline API docs page: Swagger UI from the app's own static files, under the app's CSP."""

import httpx
from playwright.sync_api import expect

CSP_CORE = "default-src 'self'"


def test_pages_carry_the_content_security_policy(live_server):
    for path in ("/", "/docs"):
        response = httpx.get(live_server + path)
        assert response.status_code == 200, path
        assert CSP_CORE in response.headers.get("content-security-policy", ""), path


def test_docs_page_renders_swagger_ui_offline(page, artifacts):
    response = page.goto("/docs")
    assert response is not None and response.status == 200
    assert CSP_CORE in response.headers.get("content-security-policy", "")

    create = page.locator(".opblock-post", has=page.locator('.opblock-summary-path[data-path="/api/networks"]'))
    expect(create).to_have_count(1)
    expect(create.get_by_text("/api/networks", exact=True)).to_be_visible()
    expect(create.locator(".opblock-summary-method")).to_have_text("POST")
    expect(create.locator(".opblock-summary-method")).to_be_visible()
    operations = sum(len(ops) for ops in page.request.get("/openapi.json").json()["paths"].values())
    assert operations >= 18
    expect(page.locator(".opblock")).to_have_count(operations)  # every operation of the schema is listed
    page.screenshot(path=artifacts / "docs.png", full_page=True)

    # "Try it out" works under the CSP too: the documented example creates a network.
    create.locator(".opblock-summary").click()
    create.get_by_role("button", name="Execute").click()
    expect(create.locator(".live-responses-table tbody .response-col_status")).to_have_text("201")
    page.screenshot(path=artifacts / "docs-try-it-out.png")
