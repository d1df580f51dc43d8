#!/usr/bin/python3
"""The browser tests: the resident pages in headless Chromium (selenium
and chromium-driver, both Debian's), against the gateway at BASE (argv 1)
and its database (the PSQL command in the environment). Each test is a
function named test_*; argv 2.. picks some by name. Waits are for states
in the page, never for a number of seconds. Screenshots of the pages go
to $WEB_SHOTS. Prints one line per test and "N passed, N failed" last.
"""

import datetime
import json
import os
import sys
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from weblib import (BASE, axe, browser, errors, keys, press_until, psql,
                    shot, text, until)
import weblib


# --- the tests ------------------------------------------------------------

def test_pages_load_without_errors(d):
    pages = [
        ("/", "home", lambda: text(d, "#count") != "" and
         "…" not in text(d, "#count")),
        ("/report", "report", lambda: d.execute_script(
            "return document.querySelectorAll('.leaflet-overlay-pane path')"
            ".length > 0")),
        ("/stats", "stats", lambda: "…" not in text(d, "#stats-status")
         and text(d, "#stats-status") != "" and
         len(d.find_elements(By.CSS_SELECTOR, "#charts canvas")) == 5),
        ("/data", "data", lambda: len(d.find_elements(
            By.CSS_SELECTOR, "#feeds dt")) >= 6),
    ]
    for path, name, ready in pages:
        d.get(BASE + path)
        until(d, ready, path + " to be ready")
        shot(d, name)
        errs = errors(d)
        assert not errs, f"{path}: console errors: {errs}"
        axe(d, path)
    d.get(BASE + "/nothing-here")
    until(d, lambda: text(d, "h1") == "Page not found", "the 404 page")
    shot(d, "404")
    errs = errors(d, allow=("nothing-here",))
    assert not errs, f"404 page: console errors: {errs}"
    axe(d, "the 404 page")


def big_photo():
    """A 2400 x 1800 PNG camera photo, to be shrunk before upload."""
    import tempfile
    from PIL import Image
    path = os.path.join(tempfile.gettempdir(),
                        f"open311d-web-photo-{os.getpid()}.png")
    Image.effect_noise((2400, 1800), 60).convert("RGB").save(path)
    return path


def fill_where(d, lat, lng):
    d.find_element(By.ID, "lat").send_keys(lat)
    d.find_element(By.ID, "long").send_keys(lng)
    d.find_element(By.ID, "where-next").click()


def choose(d, code):
    until(d, lambda: d.find_elements(
        By.CSS_SELECTOR, f'#services button[data-code="{code}"]'),
        "the services at the point")
    d.find_element(By.CSS_SELECTOR,
                   f'#services button[data-code="{code}"]').click()
    until(d, lambda: d.find_element(By.ID, "step-details").is_displayed(),
          "the details form")


def done_id(d):
    until(d, lambda: d.find_element(By.ID, "step-done").is_displayed() and
          d.find_element(By.ID, "done-link").is_displayed(),
          "the confirmation with a request number")
    return d.find_element(By.ID, "done-link").get_attribute(
        "href").rstrip("/").split("/")[-1]


def test_report_through_the_ui(d):
    d.get(BASE + "/report")
    until(d, lambda: d.execute_script(
        "return document.querySelectorAll('.leaflet-overlay-pane path').length"),
        "the boundaries")
    fill_where(d, "32.7411", "-117.1612")
    choose(d, "POTHOLE")
    d.find_element(By.ID, "attr-DEPTH").send_keys("7")
    Select(d.find_element(By.ID, "attr-SIZE")).select_by_value("M")
    d.find_element(By.CSS_SELECTOR, '#attr-LANES input[value="N"]').click()
    d.find_element(By.ID, "description").send_keys(
        "<b>bold</b><img src=x onerror=alert(1)> hole")
    d.find_element(By.ID, "photo").send_keys(big_photo())
    shot(d, "report-details")
    axe(d, "the details form")
    d.find_element(By.ID, "submit").click()
    rid = done_id(d)
    shot(d, "report-done")
    row = psql("select channel || '|' || service_code || '|' || "
               f"(attributes->>'DEPTH') from requests where id = {int(rid)}")
    assert row == "web|POTHOLE|7", f"stored row: {row!r}"
    d.find_element(By.ID, "done-link").click()
    until(d, lambda: text(d, "#r-description") != "", "the request page")
    assert text(d, "#r-description") == \
        "<b>bold</b><img src=x onerror=alert(1)> hole"
    assert not d.find_elements(By.CSS_SELECTOR, "#r-description *"), \
        "the description was parsed as markup"
    assert text(d, "#r-service") == "Pothole"
    # The photo, shrunk in the browser to 1600 pixels wide, as JPEG.
    until(d, lambda: d.execute_script(
        "const i = document.querySelector('#r-photos img');"
        "return i && i.complete && i.naturalWidth"), "the photo")
    w, h = d.execute_script("const i = document.querySelector("
                            "'#r-photos img'); return [i.naturalWidth, "
                            "i.naturalHeight]")
    assert (w, h) == (1600, 1200), (w, h)
    assert psql("select content_type from media where request_id = "
                f"{int(rid)}") == "image/jpeg"
    shot(d, "request")
    axe(d, "the request page")
    assert not errors(d), errors(d)


def test_stats_daily_chart(d):
    """The requests opened each day, by channel: the chart holds what
    /stats.json says, a bar for every day from the first to the last
    with a request, a series per channel."""
    with urllib.request.urlopen(BASE + "/stats.json") as r:
        api = json.load(r)
    seen = sorted({x["day"] for x in api["by_day"]})
    assert seen, "no request opened in the last 30 days"
    first, last = (datetime.date.fromisoformat(x) for x in (seen[0], seen[-1]))
    days = [str(first + datetime.timedelta(n))
            for n in range((last - first).days + 1)]
    want = {}
    for x in api["by_day"]:
        want.setdefault(x["channel"], {})[x["day"]] = x["opened"]
    d.get(BASE + "/stats")
    until(d, lambda: d.execute_script(
        "return !!Chart.getChart(document.querySelector("
        "'#chart-daily canvas'))"), "the daily chart")
    labels, sets = d.execute_script(
        "const c = Chart.getChart(document.querySelector("
        "'#chart-daily canvas'));"
        "return [c.data.labels, c.data.datasets.map((s) => "
        "[s.label, s.data])];")
    assert labels == days, (labels, days)
    got = {lab: dict(zip(days, v)) for lab, v in sets}
    for ch, per in want.items():
        for day in days:
            assert got[ch][day] == per.get(day, 0), (ch, day, got[ch])
    csv = d.find_element(By.CSS_SELECTOR, "#chart-daily a[download]")
    assert csv.get_attribute("download") == "daily.csv"
    shot(d, "stats-daily")
    assert not errors(d), errors(d)


def test_duplicate_follow(d):
    # Where test_report_through_the_ui reported a pothole: it is offered.
    d.get(BASE + "/report")
    until(d, lambda: d.execute_script(
        "return document.querySelectorAll('.leaflet-overlay-pane path')"
        ".length"), "the boundaries")
    fill_where(d, "32.74111", "-117.16121")
    choose(d, "POTHOLE")
    d.find_element(By.ID, "attr-DEPTH").send_keys("4")
    Select(d.find_element(By.ID, "attr-SIZE")).select_by_value("S")
    d.find_element(By.ID, "submit").click()
    until(d, lambda: d.find_element(By.ID, "duplicates").is_displayed(),
          "the nearby reports")
    parent = psql("select max(id) from requests where service_code = "
                  "'POTHOLE' and parent_id is null")
    assert "#" + parent in text(d, "#duplicates"), text(d, "#duplicates")
    shot(d, "report-duplicates")
    d.find_element(By.CSS_SELECTOR, "#duplicates .follow").click()
    rid = done_id(d)
    until(d, lambda: f"follow request {parent}" in text(d, "#done-notice"),
          "the notice naming the request followed")
    assert psql(f"select parent_id from requests where id = {int(rid)}") \
        == parent


def test_spanish_switch(d):
    d.get(BASE + "/")
    until(d, lambda: text(d, "h1") == "Problems reported in the city",
          "the English page")
    Select(d.find_element(By.ID, "lang")).select_by_value("es")
    until(d, lambda: text(d, "h1") == "Problemas reportados en la ciudad",
          "the Spanish page")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    d.get(BASE + "/report")
    until(d, lambda: text(d, "h1") == "Reportar un problema",
          "the choice remembered")
    shot(d, "report-es")
    Select(d.find_element(By.ID, "lang")).select_by_value("en")
    until(d, lambda: text(d, "h1") == "Report a problem", "back in English")


def test_spanish_from_accept_language(_):
    d = browser("es-MX")
    try:
        d.get(BASE + "/")
        until(d, lambda: text(d, "h1") == "Problemas reportados en la ciudad",
              "Spanish from the browser's languages")
    finally:
        d.quit()


def test_keyboard_only_submission(d):
    d.get(BASE + "/report")
    until(d, lambda: d.execute_script(
        "return document.querySelectorAll('.leaflet-overlay-pane path').length"),
        "the boundaries")
    press_until(d, "lat")
    keys(d, "32.7422")
    press_until(d, "long")
    keys(d, "-117.1633")
    press_until(d, "where-next")
    keys(d, Keys.ENTER)
    until(d, lambda: d.find_elements(
        By.CSS_SELECTOR, '#services button[data-code="STREETLIGHT"]'),
        "the services")
    for _ in range(60):
        if d.execute_script("return document.activeElement.dataset.code") \
                == "STREETLIGHT":
            break
        keys(d, Keys.TAB)
    keys(d, Keys.ENTER)
    until(d, lambda: d.find_element(By.ID, "step-details").is_displayed(),
          "the details form")
    # A select: its first value with the arrow key.
    press_until(d, "attr-POLE_ID")
    keys(d, "SD-1234")
    press_until(d, "attr-ISSUE")
    keys(d, Keys.ARROW_DOWN)
    press_until(d, "description")
    keys(d, "Typed with the keyboard")
    press_until(d, "submit")
    keys(d, Keys.ENTER)
    rid = done_id(d)
    row = psql("select description || '|' || (attributes->>'POLE_ID') "
               f"from requests where id = {int(rid)}")
    assert row == "Typed with the keyboard|SD-1234", row


def test_server_400_beside_its_field(d):
    d.get(BASE + "/report")
    until(d, lambda: d.execute_script(
        "return document.querySelectorAll('.leaflet-overlay-pane path').length"),
        "the boundaries")
    fill_where(d, "32.7433", "-117.1644")
    choose(d, "GRAFFITI")
    # A value the catalog no longer has (changed while the page was
    # open): the client cannot know, the server says so.
    d.execute_script("const o = document.querySelector("
                     "'#attr-SURFACE option[value=\"WALL\"]');"
                     "o.value = 'GONE';")
    Select(d.find_element(By.ID, "attr-SURFACE")).select_by_value("GONE")
    # The client's own check first: a bad e-mail, shown beside it.
    d.find_element(By.ID, "email").send_keys("not-an-address")
    d.find_element(By.ID, "submit").click()
    until(d, lambda: d.find_element(By.ID, "email-error").is_displayed(),
          "the client's e-mail error")
    assert d.find_element(By.ID, "email").get_attribute(
        "aria-invalid") == "true"
    d.find_element(By.ID, "email").clear()
    d.find_element(By.ID, "submit").click()
    until(d, lambda: d.find_element(By.ID, "attr-SURFACE-error")
          .is_displayed(), "the server's error beside SURFACE")
    assert "GONE" in text(d, "#attr-SURFACE-error")
    assert "not one of its values" in text(d, "#attr-SURFACE-error")
    sel = d.find_element(By.ID, "attr-SURFACE")
    assert sel.get_attribute("aria-invalid") == "true"
    assert "attr-SURFACE-error" in sel.get_attribute("aria-describedby")
    assert d.switch_to.active_element.get_attribute("id") == "attr-SURFACE"
    shot(d, "report-error")
    axe(d, "the form showing errors")


def test_csp_blocks_inline_script(d):
    d.get(BASE + "/data")
    until(d, lambda: len(d.find_elements(By.CSS_SELECTOR, "#feeds dt")),
          "the data page")
    d.execute_script("""
        window.__violations = [];
        document.addEventListener('securitypolicyviolation',
            (e) => window.__violations.push(e.violatedDirective));
        const s = document.createElement('script');
        s.textContent = 'window.__inline = 1;';
        document.body.appendChild(s);
        const a = document.createElement('div');
        a.setAttribute('onclick', 'window.__inline = 2;');
        document.body.appendChild(a);
        a.click();
    """)
    until(d, lambda: d.execute_script("return window.__violations.length"),
          "a CSP violation report")
    assert d.execute_script("return window.__inline") is None, \
        "an inline script ran"
    v = d.execute_script("return window.__violations")
    assert all(x.startswith("script-src") for x in v), v


def test_track_box(d):
    rid = psql("select max(id) from requests")
    d.get(BASE + "/")
    until(d, lambda: text(d, "#count") != "" and
          "…" not in text(d, "#count"), "the home page")
    if rid:
        until(d, lambda: d.find_elements(By.CSS_SELECTOR, "#list li"),
              "the reports made so far in the list")
        shot(d, "home")
    box = d.find_element(By.ID, "track-id")
    box.send_keys(Keys.ENTER)
    until(d, lambda: d.find_element(By.ID, "track-error").is_displayed(),
          "the empty-box error")
    box.send_keys("nosuchtoken" + Keys.ENTER)
    until(d, lambda: "no request" in text(d, "#track-error"),
          "the unknown-reference error")
    if not rid:
        return
    box.clear()
    box.send_keys(rid + Keys.ENTER)
    until(d, lambda: text(d, "#req-h").endswith(rid), "the tracked request")


def reset(d):
    d.get(BASE + "/data")
    d.execute_script("localStorage.clear()")
    d.get_log("browser")


if __name__ == "__main__":
    sys.exit(weblib.run(globals(), reset=reset))
