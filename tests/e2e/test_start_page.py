"""The page at `/` loads offline under the CSP, with its favicon. (Kept minimal: the lesson view replaces it.)"""

import re

from playwright.sync_api import expect


def test_start_page_loads(page, artifacts, live_server):
    response = page.goto("/")
    assert response is not None and response.status == 200
    assert "default-src 'self'" in response.headers.get("content-security-policy", "")
    expect(page).to_have_title(re.compile("Backprop Explorer"))

    icon = page.locator('link[rel~="icon"]')
    expect(icon).to_have_attribute("href", "/static/favicon.svg")
    favicon = page.request.get(live_server + "/static/favicon.svg")
    assert favicon.status == 200
    assert favicon.headers["content-type"].startswith("image/svg+xml")
    page.screenshot(path=artifacts / "start.png", full_page=True)
