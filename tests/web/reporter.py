#!/usr/bin/python3
"""What a reporter does after submitting, in headless Chromium against
the gateway at BASE (argv 1), as tests/web/browser.py is run: the
confirmation of a batch service, whose token becomes a number once the
back office has the request, and "it is not fixed" from the link in the
closure e-mail, read from the suite's SMTP sink ($WEB_MAILDIR). Waits
are for states (in the page, the database or the mailbox), never for a
number of seconds. Prints one line per test and "N passed, N failed".
"""

import json
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from weblib import (BASE, BIN, RUN, BackOffice, axe, errors, mails_to, psql,
                    request, shot, text, until)
import weblib


def newkey(*args):
    out = subprocess.run([BIN, "keys", "create", "--name",
                          f"reporter tests {RUN}"] + list(args),
                         capture_output=True, text=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def post(path, key, fields):
    """A form POST with an API key; its JSON answer, or an
    AssertionError with the error body."""
    req = urllib.request.Request(BASE + path,
                                 urllib.parse.urlencode(fields).encode(),
                                 {"Authorization": "Bearer " + key})
    try:
        with urllib.request.urlopen(req) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        raise AssertionError(f"POST {path}: {e.code} {e.read()[:300]}")


def look(d, name):
    shot(d, name)
    axe(d, name)


# --- the tests ------------------------------------------------------------

def test_reopen_from_the_email_link(d):
    addr = f"reopen-{RUN}@example.org"
    rid = request(17, "A cart left in the creek", addr)
    office = newkey("--scopes", "backoffice", "--jurisdiction",
                    "sandiego.gov")
    # Idempotent on update_id: sent until the workers know the new key.
    until(d, lambda: post("/servicerequestupdates.json", office, {
        "service_request_id": rid, "update_id": f"web-{RUN}",
        "status": "FIXED", "description": "Cart collected"}),
        "the back office's closure")

    until(d, lambda: any("fixed" in m["subject"] for m in mails_to(addr)),
          "the closure e-mail in the SMTP sink")
    mail = [m for m in mails_to(addr) if "fixed" in m["subject"]][-1]
    assert "Not fixed? Say so on that page" in mail["body"], mail["body"]
    link = re.search(r"Follow it at (\S+)", mail["body"]).group(1)
    assert link.startswith(f"{BASE}/requests/{rid}?t="), link

    d.get(link)
    until(d, lambda: d.find_element(By.ID, "reopen").is_displayed(),
          "the reopen form for the reporter of a closed report")
    assert text(d, "#r-status").startswith("Closed"), text(d, "#r-status")
    look(d, "request-reopen")
    d.find_element(By.ID, "reopen-comment").send_keys("It is back")
    d.find_element(By.CSS_SELECTOR, "#reopen button").click()
    until(d, lambda: "open again" in text(d, "#reopen-status"),
          "the reopening confirmed")
    until(d, lambda: not d.find_element(By.ID, "reopen").is_displayed(),
          "the form gone once open")
    assert text(d, "#r-status").startswith("Open"), text(d, "#r-status")
    state = psql("select status || '|' || detailed_status || '|' || "
                 f"escalated || '|' || reopen_count from requests "
                 f"where id = {int(rid)}")
    assert state == "open|reopen|true|1", state
    assert "It is back" in text(d, "#r-history"), text(d, "#r-history")
    # Without the token, nobody is offered the form.
    d.get(f"{BASE}/requests/{rid}")
    until(d, lambda: d.find_element(By.ID, "req").is_displayed(),
          "the public page")
    assert not d.find_element(By.ID, "r-feedback").is_displayed()
    assert not errors(d), errors(d)


def test_batch_token_becomes_a_number(d):
    """WATER_LEAK is a batch service: the answer is a token. With a back
    office that is down, the confirmation shows the token; once it is
    back and has the request, the page shows the number."""
    with BackOffice("WATER_LEAK") as office:
        dest = office.dest
        d.get(BASE + "/report")
        until(d, lambda: d.execute_script(
            "return document.querySelectorAll('.leaflet-overlay-pane path')"
            ".length"), "the boundaries")
        d.find_element(By.ID, "lat").send_keys("32.7523")
        d.find_element(By.ID, "long").send_keys("-117.1391")
        d.find_element(By.ID, "where-next").click()
        until(d, lambda: d.find_elements(
            By.CSS_SELECTOR, '#services button[data-code="WATER_LEAK"]'),
            "the services at the point")
        d.find_element(By.CSS_SELECTOR,
                       '#services button[data-code="WATER_LEAK"]').click()
        until(d, lambda: d.find_element(By.ID, "step-details")
              .is_displayed(), "the details form")
        Select(d.find_element(By.ID, "attr-SOURCE")).select_by_value("MAIN")
        d.find_element(By.ID, "submit").click()
        until(d, lambda: "queued (reference" in text(d, "#done-text"),
              "the confirmation with the token")
        token = re.search(r"reference ([0-9a-f]{32})",
                          text(d, "#done-text")).group(1)
        assert not d.find_element(By.ID, "done-link").is_displayed()
        look(d, "report-token")
        rid = psql(f"select id from requests where token = '{token}'")
        assert psql(f"select accepted_at is null from requests "
                    f"where id = {rid}") == "t"

        office.start()
        # Its next attempt due now rather than after the backoff (again
        # while waiting: an attempt under way when the back office came
        # up may fail and push it back).
        def delivered():
            psql("update outbox set next_attempt_at = now() where "
                 f"request_id = {rid} and destination_id = {dest} and "
                 "state = 'pending' and next_attempt_at > now()")
            return d.find_element(By.ID, "done-link").is_displayed()
        until(d, delivered, "the number once the back office has it")
        assert f"number is {rid}" in text(d, "#done-text"), \
            text(d, "#done-text")
        assert d.find_element(By.ID, "done-link").get_attribute(
            "href").endswith(f"/requests/{rid}")
        got = office.hooks()
        assert any(h["request"] == rid for h in got), got
        assert not errors(d, allow=("/tokens/",)), errors(d)


if __name__ == "__main__":
    sys.exit(weblib.run(globals()))
