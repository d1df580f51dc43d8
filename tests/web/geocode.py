#!/usr/bin/python3
"""The address box of /report (step 1, "Where") in headless Chromium,
as tests/web/browser.py is run: against the gateway at BASE (argv 1)
with the demo gazetteer (assets/demo/addresses.csv, loaded by
app/tools/demo.sh). A partial address typed with the keyboard offers
suggestions (a combobox: aria-expanded, a listbox, the count said in a
live region), the arrow keys and Enter choose one, and the pin, the
coordinates and the jurisdiction follow (the services offered are that
jurisdiction's); an address that is not there is said plainly. axe-core
on the page with the list open and after. Waits are for states, never
for a number of seconds. Prints "N passed, N failed" last.
"""

import json
import sys
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from weblib import BASE, axe, errors, keys, press_until, shot, text, until
import weblib


def open_report(d):
    d.get(BASE + "/report")
    until(d, lambda: d.execute_script(
        "return document.querySelectorAll('.leaflet-overlay-pane path')"
        ".length > 0"), "the boundaries")


def attr(d, id_, name):
    return d.find_element(By.ID, id_).get_attribute(name)


def codes(lat, lng):
    """The services at a point, as the API routes it."""
    with urllib.request.urlopen(
            f"{BASE}/services.json?lat={lat}&long={lng}") as r:
        return sorted(s["service_code"] for s in json.load(r))


def test_address_chosen_with_the_keyboard(d):
    open_report(d)
    press_until(d, "address")
    keys(d, "1010 secon")
    until(d, lambda: attr(d, "address", "aria-expanded") == "true" and
          d.find_elements(By.CSS_SELECTOR, "#address-list [role=option]"),
          "the suggestions")
    assert "found" in text(d, "#address-status"), text(d, "#address-status")
    first = d.find_element(By.ID, "address-opt-0").text
    assert first == "1010 Second Avenue, San Diego, CA 92101", first
    shot(d, "report-address")
    axe(d, "/report with the suggestions open")

    keys(d, Keys.ARROW_DOWN)
    assert attr(d, "address", "aria-activedescendant") == "address-opt-0"
    assert attr(d, "address-opt-0", "aria-selected") == "true"
    keys(d, Keys.ENTER)
    until(d, lambda: d.find_element(By.ID, "lat").get_attribute("value")
          == "32.715000", "the pin's latitude")
    assert attr(d, "long", "value") == "-117.160000"
    assert attr(d, "address", "value") == first
    assert attr(d, "address", "aria-expanded") == "false"
    assert d.find_element(By.ID, "address-list").is_displayed() is False
    assert "City of San Diego" in text(d, "#address-status"), \
        text(d, "#address-status")
    assert len(d.find_elements(
        By.CSS_SELECTOR, ".leaflet-marker-pane .pin")) == 1
    axe(d, "/report with an address chosen")

    # Another city's address: the pin moves, the jurisdiction follows.
    box = d.find_element(By.ID, "address")
    box.clear()
    box.send_keys("276 fourth")
    until(d, lambda: d.find_elements(By.ID, "address-opt-0") and
          d.find_element(By.ID, "address-opt-0").text.startswith(
              "276 Fourth Avenue, Chula Vista"), "Chula Vista's address")
    keys(d, Keys.ARROW_DOWN, Keys.ENTER)
    until(d, lambda: attr(d, "lat", "value") == "32.640000",
          "the pin in Chula Vista")
    assert "City of Chula Vista" in text(d, "#address-status")
    assert len(d.find_elements(
        By.CSS_SELECTOR, ".leaflet-marker-pane .pin")) == 1
    press_until(d, "where-next")
    keys(d, Keys.ENTER)
    until(d, lambda: d.find_elements(
        By.CSS_SELECTOR, "#services button[data-code]"), "the services")
    got = sorted(b.get_attribute("data-code") for b in d.find_elements(
        By.CSS_SELECTOR, "#services button[data-code]"))
    assert got == codes("32.64", "-117.08"), got
    assert got != codes("32.715", "-117.16"), "the same services as San Diego's"
    errs = errors(d)
    assert not errs, f"console errors: {errs}"


def test_no_address_found_is_said(d):
    open_report(d)
    d.find_element(By.ID, "address").send_keys("zzzqqqxxx")
    until(d, lambda: "No address found" in text(d, "#address-status"),
          "no address found")
    assert attr(d, "address", "aria-expanded") == "false"
    assert attr(d, "lat", "value") == ""
    axe(d, "/report with no address found")
    # Arrow keys and Enter with nothing offered change nothing.
    keys(d, Keys.ARROW_DOWN, Keys.ENTER)
    assert attr(d, "lat", "value") == ""
    errs = errors(d)
    assert not errs, f"console errors: {errs}"


def reset(d):
    d.get(BASE + "/data")
    d.execute_script("localStorage.clear()")
    d.get_log("browser")


if __name__ == "__main__":
    sys.exit(weblib.run(globals(), reset=reset))
