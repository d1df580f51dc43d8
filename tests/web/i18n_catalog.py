#!/usr/bin/python3
"""The catalog's translations on the report page, in headless Chromium
asking for Spanish (es-MX), against the gateway at BASE (argv 1), as
tests/web/browser.py is run: the services and attribute texts come in
Spanish (the page asks the API with locale), and the report is stored
with its language. Each test is a function named test_*; argv 2.. picks
some by name. Waits are for states in the page, never for a number of
seconds. Prints one line per test and "N passed, N failed" last.
"""

import sys

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from weblib import BASE, RUN, axe, errors, psql, shot, text, until
import weblib


def test_spanish_report_flow(d):
    d.get(BASE + "/report")
    until(d, lambda: d.find_element(By.TAG_NAME, "html").get_attribute(
        "lang") == "es", "the page in Spanish")
    until(d, lambda: d.execute_script(
        "return document.querySelectorAll('.leaflet-overlay-pane path')"
        ".length"), "the boundaries")
    d.find_element(By.ID, "lat").send_keys("32.7520")
    d.find_element(By.ID, "long").send_keys("-117.1450")
    d.find_element(By.ID, "where-next").click()
    button = '#services button[data-code="POTHOLE"]'
    until(d, lambda: d.find_elements(By.CSS_SELECTOR, button),
          "the services at the point")
    name = d.find_element(By.CSS_SELECTOR, button + " strong").text
    assert name == "Bache", f"the service's name: {name!r}"
    other = d.find_element(By.CSS_SELECTOR,
                           '#services button[data-code="TREE_DOWN"] strong')
    assert other.text == "Árbol o rama caída", other.text
    shot(d, "i18n-services-es")
    axe(d, "the services in Spanish")

    d.find_element(By.CSS_SELECTOR, button).click()
    until(d, lambda: d.find_element(By.ID, "step-details").is_displayed(),
          "the details form")
    label = text(d, 'label[for="attr-SIZE"]')
    assert "¿Qué tan grande es?" in label, f"the SIZE label: {label!r}"
    sizes = [o.text for o in
             Select(d.find_element(By.ID, "attr-SIZE")).options]
    assert "Más pequeño que un plato" in sizes, sizes
    lanes = text(d, "#attr-LANES")
    assert "Carril de bicicletas" in lanes, lanes
    assert "null" not in lanes, f"a missing help text shown: {lanes!r}"
    assert "Bache" in text(d, "#service-chosen"), text(d, "#service-chosen")
    shot(d, "i18n-details-es")
    axe(d, "the details form in Spanish")

    d.find_element(By.ID, "attr-DEPTH").send_keys("5")
    Select(d.find_element(By.ID, "attr-SIZE")).select_by_value("S")
    email = f"i18n-{RUN}@example.org"
    d.find_element(By.ID, "email").send_keys(email)
    d.find_element(By.ID, "consent").click()
    d.find_element(By.ID, "submit").click()
    until(d, lambda: d.find_element(By.ID, "step-done").is_displayed() and
          d.find_element(By.ID, "done-link").is_displayed(),
          "the confirmation with a request number")
    rid = d.find_element(By.ID, "done-link").get_attribute(
        "href").rstrip("/").split("/")[-1]
    row = psql("select c.locale || '|' || r.service_code from requests r "
               "join request_contacts c on c.request_id = r.id "
               f"where r.id = {int(rid)}")
    assert row == "es|POTHOLE", f"stored: {row!r}"
    # Its page names the service in Spanish too (the API's own name
    # is the catalog's English one).
    d.find_element(By.ID, "done-link").click()
    until(d, lambda: text(d, "#r-service") == "Bache",
          "the request page's service in Spanish")
    assert not errors(d), errors(d)


if __name__ == "__main__":
    sys.exit(weblib.run(globals(), lang="es-MX"))
