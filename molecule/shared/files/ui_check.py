"""The MLflow UI through the proxy in a real browser: Debian's chromium, driven by Playwright.

Usage: ui_check.py URL ADDRESS SCREENSHOT
URL is the public URL (https://mlflow.example.test); ADDRESS is where the browser finds that name
(the proxy container's address: the name resolves nowhere else). Credentials come from
UI_CHECK_USERNAME and UI_CHECK_PASSWORD, never the command line. The browser trusts exactly the
certificate the proxy serves (UI_CHECK_SPKI, its public key's base64 SHA-256): the test CA is not
in chromium's store, and ignoring every certificate error would hide a wrong one.

The browser logs in with basic auth, renders the experiments page, creates an experiment from the
page's own form (so the write carries the page's Origin), and finds it listed; no request the page
makes may fail or answer 4xx/5xx (but the form's 404 that says the new name is free), and none
may go to another host (such requests are refused before they leave the browser). Prints one JSON line; exits 1 on any failure. The screenshot is
taken at the end, also when a step failed.
"""

import json
import os
import sys
import time
import urllib.parse

from playwright.sync_api import sync_playwright


def main():
    url, address, screenshot = sys.argv[1:4]
    host = urllib.parse.urlsplit(url).hostname
    name = f"ui-made-{int(time.time() * 1000)}"
    bad, steps = [], []
    result = {"url": url, "experiment": name, "steps": steps, "bad_responses": bad}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("UI_CHECK_CHROMIUM", "/usr/bin/chromium"),
            args=[f"--host-resolver-rules=MAP {host} {address}",
                  f"--ignore-certificate-errors-spki-list={os.environ['UI_CHECK_SPKI']}"],
        )
        context = browser.new_context(
            http_credentials={"username": os.environ["UI_CHECK_USERNAME"],
                              "password": os.environ["UI_CHECK_PASSWORD"]},
            viewport={"width": 1400, "height": 900},
        )

        # Test traffic goes to the proxy only: anything the page asks of another host is refused
        # here, never sent, and fails the check.
        def stay_on_the_proxy(route):
            if urllib.parse.urlsplit(route.request.url).hostname != host:
                bad.append(f"outside the proxy, not sent: {route.request.method} {route.request.url}")
                route.abort()
            else:
                route.continue_()

        context.route("**/*", stay_on_the_proxy)
        page = context.new_page()
        # The create form asks whether the name is taken: its 404 is the answer "free".
        name_free = f"/mlflow/experiments/get-by-name?experiment_name={name}"
        creates = []

        def on_response(response):
            if response.status >= 400 and not (response.status == 404 and response.url.endswith(name_free)):
                bad.append(f"{response.status} {response.request.method} {response.url}")
            if response.url.endswith("/mlflow/experiments/create"):
                creates.append({"status": response.status, "origin": response.request.headers.get("origin")})

        page.on("response", on_response)
        page.on("requestfailed", lambda r: bad.append(f"failed {r.method} {r.url}: {r.failure}"))
        try:
            page.goto(url + "/#/experiments", wait_until="load", timeout=120000)
            page.get_by_role("heading", name="Experiments").first.wait_for(timeout=120000)
            steps.append("experiments page rendered")
            page.get_by_role("button", name="Create").first.click()
            page.get_by_role("dialog").get_by_role("textbox").first.fill(name)
            page.get_by_role("dialog").get_by_role("button", name="Create").click()
            page.get_by_role("dialog").wait_for(state="detached", timeout=60000)
            steps.append("experiment created from the page")
            page.goto(url + "/#/experiments", wait_until="load", timeout=120000)
            page.get_by_text(name, exact=True).first.wait_for(timeout=60000)
            steps.append("new experiment listed")
            page.wait_for_timeout(2000)
        except Exception as error:  # noqa: BLE001 - any failure is reported with the screenshot
            result["error"] = f"{type(error).__name__}: {error}".splitlines()[0]
        finally:
            page.screenshot(path=screenshot, full_page=True)
            result["title"] = page.title()
            browser.close()
    result["creates"] = creates
    ok = (not bad and "error" not in result and len(steps) == 3
          and [c["status"] for c in creates] == [200] and creates[0]["origin"] == url)
    result["ok"] = ok
    print(json.dumps(result))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
