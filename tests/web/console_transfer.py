#!/usr/bin/python3
"""The console's transfer of a request to another partner jurisdiction,
in headless Chromium, run as tests/web/console.py is (BASE as argv 1,
PSQL, DATABASE_URL, KEY_SUBMIT and OPEN311_BIN in the environment): a
Chula Vista agent moves a Chula Vista request to San Diego from the
request page; the public API shows it in San Diego with the note; the
agent no longer sees it. axe-core (WCAG 2.1 AA) on the page with the
form open and after the move. Prints "N passed, N failed" last.
"""

import json
import os
import sys
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from weblib import (BASE, RUN, axe, errors, login, shot, staff, until)
import weblib


def look(d, name):
    """A screenshot of the page, and axe-core finds no WCAG 2.1 AA
    violation in it."""
    shot(d, name)
    axe(d, name)


def cv_request(description):
    """A Chula Vista POTHOLE request filed through the API; its id."""
    body = urllib.parse.urlencode({
        "jurisdiction_id": "chulavistaca.gov", "service_code": "POTHOLE",
        "attribute[SIZE]": "L", "description": description,
        "lat": "32.6352", "long": "-117.0702",
        "email": f"web-t-{RUN}@example.org"}).encode()
    req = urllib.request.Request(BASE + "/requests.json", body, {
        "Authorization": "Bearer " + os.environ["KEY_SUBMIT"]})
    with urllib.request.urlopen(req) as r:
        return json.load(r)[0]["service_request_id"]


def test_transfer_to_partner(d):
    email = f"web-cvt-{RUN}@example.org"
    staff(email, "Chula Transfer", "agent", "chulavistaca.gov")
    rid = cv_request("Filed with the wrong city")
    login(d, email)
    until(d, lambda: d.find_element(By.ID, "work").is_displayed(),
          "the queue")
    d.get(f"{BASE}/console/requests/{rid}")
    until(d, lambda: "chulavistaca.gov" in
          d.find_element(By.ID, "facts").text, "the request")

    Select(d.find_element(By.ID, "a-to")).select_by_value("jurisdiction")
    until(d, lambda: d.find_element(By.ID, "a-jur").is_displayed(),
          "the jurisdiction field")
    until(d, lambda: d.find_elements(
        By.CSS_SELECTOR, '#a-jur option[value="sandiego.gov"]'),
        "San Diego in the list")
    assert not d.find_elements(
        By.CSS_SELECTOR, '#a-jur option[value="chulavistaca.gov"]'), \
        "the request's own jurisdiction offered"
    Select(d.find_element(By.ID, "a-jur")).select_by_value("sandiego.gov")
    until(d, lambda: Select(d.find_element(By.ID, "a-jsvc"))
          .first_selected_option.get_attribute("value") == "POTHOLE",
          "the same service chosen there")
    d.find_element(By.ID, "a-jnote").send_keys(
        "This street is in San Diego")
    look(d, "console-transfer-form")
    d.find_element(By.CSS_SELECTOR, "#f-transfer button").click()
    until(d, lambda: "no longer in your jurisdictions" in
          d.find_element(By.ID, "status").text, "the request gone")
    look(d, "console-transfer-done")

    with urllib.request.urlopen(
            f"{BASE}/requests/{rid}.json?jurisdiction_id=sandiego.gov"
            "&extensions=true") as r:
        api = json.load(r)[0]
    assert api["service_code"] == "POTHOLE", api
    assert any(n.get("description") == "This street is in San Diego"
               for n in api["notes"]), api["notes"]
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


if __name__ == "__main__":
    sys.exit(weblib.run(globals(), size=weblib.DESKTOP))
