#!/usr/bin/python3
"""The staff console in headless Chromium (selenium and chromium-driver,
both Debian's), against the gateway at BASE (argv 1) and its database
(DATABASE_URL for `open311d staff`, the PSQL command in the environment),
as tests/web/browser.py is run. Makes its own accounts and requests.
Each test is a function named test_*; argv 2.. picks some by name. Waits
are for states in the page, never for a number of seconds. Screenshots go
to $WEB_SHOTS. Prints one line per test and "N passed, N failed" last.
"""

import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from weblib import (BASE, BIN, PW, RUN, axe, errors, login, mails_to, psql,
                    request, shot, staff, until)
import weblib

MARKUP = '<img src=x onerror="window.pwned=1">'


def look(d, name):
    """A screenshot of the page, and axe-core finds no WCAG 2.1 AA
    violation in it."""
    shot(d, name)
    axe(d, name)


# --- the tests ------------------------------------------------------------

def test_login_queue_action(d):
    email = f"web-agent-{RUN}@example.org"
    staff(email, "Web Agent", "agent", "sandiego.gov")
    rid = request(1, MARKUP)

    login(d, email, "wrong password!")
    until(d, lambda: "wrong e-mail address or password" in
          d.find_element(By.ID, "login-error").text, "the refusal")
    assert d.find_element(By.ID, "password").get_attribute(
        "aria-invalid") == "true"
    look(d, "console-login-refused")

    d.find_element(By.ID, "password").clear()
    d.find_element(By.ID, "password").send_keys(PW)
    d.find_element(By.CSS_SELECTOR, "#login-form button").click()
    until(d, lambda: d.find_element(By.ID, "work").is_displayed(),
          "the queue")
    Select(d.find_element(By.ID, "f-status")).select_by_value("open")
    d.find_element(By.ID, "f-service").send_keys("SHOPPING_CART")
    d.find_element(By.CSS_SELECTOR, "#filters button").click()
    link = f'a[href="/console/requests/{rid}"]'
    until(d, lambda: d.find_elements(By.CSS_SELECTOR, link), "the row")
    until(d, lambda: d.execute_script(
        "return document.querySelectorAll('#map path').length") > 0,
        "the map's markers")
    assert not d.find_element(By.ID, "more").is_displayed(), \
        "More shown with every row listed"
    assert not d.find_element(By.ID, "dash").is_displayed(), \
        "an agent shown the dashboard"
    look(d, "console-queue")

    d.find_element(By.CSS_SELECTOR, link).click()
    until(d, lambda: not d.find_element(By.ID, "body").get_attribute(
        "hidden") is not None and d.find_element(By.ID, "facts").text,
        "the request")
    assert MARKUP in d.find_element(By.ID, "facts").text, \
        "markup shown as text"
    assert d.execute_script("return window.pwned === undefined")
    assert f"web-{RUN}@example.org" in d.find_element(By.ID, "contact").text

    Select(d.find_element(By.ID, "a-status")).select_by_visible_text(
        "IN_PROGRESS")
    d.find_element(By.ID, "a-note").send_keys("Crew from the browser")
    d.find_element(By.CSS_SELECTOR, "#f-status button").click()
    until(d, lambda: "Crew from the browser" in
          d.find_element(By.ID, "history").text, "the note in the history")
    look(d, "console-request")
    with urllib.request.urlopen(
            f"{BASE}/requests/{rid}.json?extensions=true") as r:
        api = json.load(r)[0]
    assert api["extended_attributes"]["detailed_status"] == "in_progress"
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def queue_column(d, n):
    """The texts of the queue's column n (0-based), row by row."""
    return d.execute_script(
        "return [...document.querySelectorAll('#rows tr')].map("
        "(r) => r.cells[arguments[0]].textContent)", n)


def test_queue_sort(d):
    """The queue sorted by its column headings, with the mouse and the
    keyboard (aria-sort follows), narrowed by a count's button, and
    filtered by duplicate count: a report made twice at one place is
    among the most duplicated."""
    email = f"web-sort-{RUN}@example.org"
    staff(email, "Sort Agent", "agent", "sandiego.gov")
    spot = ("32.8120", "-117.1900")
    a = request(spot, "A cart reported twice")
    b = request(spot, "The same cart again")
    noise = request(("32.8140", "-117.1920"), "A party all night",
                    service="NOISE", attrs={"SOURCE": "PARTY"})
    assert psql(f"select parent_id from requests where id = {b}") == a
    login(d, email)
    until(d, lambda: d.find_elements(By.CSS_SELECTOR, "#rows tr"),
          "the queue's rows")

    def heading(key):
        return d.find_element(By.CSS_SELECTOR,
                              f'#sorts th[data-sort="{key}"]')

    def sorted_by(col, up, key=int):
        vals = [key(v) for v in queue_column(d, col)]
        return len(vals) > 1 and vals == sorted(vals, reverse=not up)

    heading("duplicates").find_element(By.TAG_NAME, "button").click()
    until(d, lambda: heading("duplicates").get_attribute("aria-sort") ==
          "descending" and sorted_by(6, False), "most duplicates first")
    assert d.find_elements(
        By.CSS_SELECTOR, f'#rows a[href="/console/requests/{a}"]'), \
        "the reported-twice cart is not on the first page"
    assert Select(d.find_element(By.ID, "f-sort")).first_selected_option \
        .get_attribute("value") == "duplicates"
    look(d, "console-queue-sorted")

    heading("duplicates").find_element(By.TAG_NAME, "button").click()
    until(d, lambda: heading("duplicates").get_attribute("aria-sort") ==
          "ascending" and sorted_by(6, True), "fewest duplicates first")

    button = heading("service").find_element(By.TAG_NAME, "button")
    d.execute_script("arguments[0].focus()", button)
    d.switch_to.active_element.send_keys(Keys.ENTER)
    until(d, lambda: heading("service").get_attribute("aria-sort") ==
          "ascending" and sorted_by(1, True, str.lower),
          "services A to Z, from the keyboard")
    assert heading("duplicates").get_attribute("aria-sort") is None

    agency = psql(f"select agency from requests where id = {a}")
    d.find_element(By.CSS_SELECTOR,
                   f'#counts button[aria-label^="Agency {agency}:"]').click()
    until(d, lambda: d.find_element(By.ID, "f-agency").get_attribute(
        "value") == agency and queue_column(d, 3) and
        set(queue_column(d, 3)) == {agency}, "narrowed to its agency")
    assert not d.find_elements(
        By.CSS_SELECTOR, f'#rows a[href="/console/requests/{noise}"]')

    d.find_element(By.ID, "f-dups").send_keys("1")
    d.find_element(By.CSS_SELECTOR, "#filters button").click()
    until(d, lambda: d.find_elements(
        By.CSS_SELECTOR, f'#rows a[href="/console/requests/{a}"]') and
        all(int(v) >= 1 for v in queue_column(d, 6)),
        "only groups with a duplicate")
    assert not d.find_elements(
        By.CSS_SELECTOR, f'#rows a[href="/console/requests/{b}"]')
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def test_nearby_merge(d):
    """The same cart reported twice, 145 m apart (beyond the duplicate
    radius): the agent sees the second among the first's nearby
    requests, on the list and the map, and makes it a duplicate."""
    email = f"web-merge-{RUN}@example.org"
    staff(email, "Merge Agent", "agent", "sandiego.gov")
    a = request(5, "A cart by the bus stop")
    b = request(10, "The same cart, reported again")
    assert psql(f"select parent_id is null from requests where id = {b}") \
        == "t"
    login(d, email)
    until(d, lambda: d.find_element(By.ID, "work").is_displayed(),
          "the queue")
    d.get(f"{BASE}/console/requests/{a}")
    until(d, lambda: d.find_element(By.ID, f"near-{b}").is_displayed(),
          "the second report among the nearby ones")
    until(d, lambda: d.execute_script(
        "return document.querySelectorAll('#map path').length") >= 2,
        "the request and the nearby one on the map")
    look(d, "console-request-nearby")
    d.find_element(By.CSS_SELECTOR, f"#near-{b} .merge-into").click()
    until(d, lambda: "in this request's group" in
          d.find_element(By.ID, f"near-{b}").text, "the merge done")
    assert f"#{b}" in d.find_element(By.ID, "facts").text
    assert psql(f"select parent_id from requests where id = {b}") == a
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def test_scope_denied(d):
    email = f"web-cv-{RUN}@example.org"
    staff(email, "Chula Agent", "agent", "chulavistaca.gov")
    rid = request(2, "A cart in San Diego")
    login(d, email)
    until(d, lambda: d.find_element(By.ID, "work").is_displayed(),
          "the queue")
    d.get(f"{BASE}/console/requests/{rid}")
    until(d, lambda: "not found" in d.find_element(By.ID, "status").text,
          "the refusal")
    look(d, "console-denied")


def test_admin_page(d):
    email = f"web-admin-{RUN}@example.org"
    staff(email, "Web Admin", "admin")
    login(d, email)
    until(d, lambda: d.find_element(By.ID, "nav-admin").is_displayed(),
          "the Operate link")
    until(d, lambda: "SLA breaches this week" in
          d.find_element(By.ID, "dash").text, "the dashboard")
    assert not d.find_elements(By.CSS_SELECTOR, "#dash[hidden]")
    d.find_element(By.CSS_SELECTOR, "#nav-admin a").click()
    until(d, lambda: "schema version" in d.find_element(By.ID, "health").text,
          "health")
    until(d, lambda: d.find_elements(By.CSS_SELECTOR, "#audit tr"),
          "the audit log")
    d.find_element(By.ID, "k-name").send_keys("browser app " + RUN)
    d.find_element(By.CSS_SELECTOR, "#key-new button").click()
    until(d, lambda: "shown this once: o311_" in
          d.find_element(By.ID, "key-shown").text, "the new key")
    until(d, lambda: "browser app " + RUN in d.find_element(By.ID, "keys").text,
          "the key in the list")
    # A destination: a refused URL marked on its field, then one added
    # (its secret shown once), listed, and removed.
    d.find_element(By.ID, "d-jur").send_keys("sandiego.gov")
    d.find_element(By.ID, "d-url").send_keys("ftp://crm.example.org/" + RUN)
    d.find_element(By.CSS_SELECTOR, "#dest-new button").click()
    until(d, lambda: "must be http:// or https://" in
          d.find_element(By.ID, "d-error").text, "the refusal")
    assert d.find_element(By.ID, "d-url").get_attribute(
        "aria-invalid") == "true"
    assert d.switch_to.active_element.get_attribute("id") == "d-url"
    d.find_element(By.ID, "d-url").clear()
    d.find_element(By.ID, "d-url").send_keys(
        "https://crm.example.org/" + RUN)
    d.find_element(By.CSS_SELECTOR, "#dest-new button").click()
    until(d, lambda: "signing secret, shown this once" in
          d.find_element(By.ID, "d-error").text, "the new destination")
    until(d, lambda: "https://crm.example.org/" + RUN in
          d.find_element(By.ID, "dests").text, "the destination listed")
    dest = psql("select id from destinations where url = "
                f"'https://crm.example.org/{RUN}'")
    look(d, "console-admin")
    d.find_element(By.XPATH, f"//button[text()='Remove {dest}']").click()
    d.switch_to.alert.accept()
    until(d, lambda: f"Destination {dest} removed" in
          d.find_element(By.ID, "d-error").text, "the removal")
    assert psql(f"select active from destinations where id = {dest}") == "f"
    d.find_element(By.ID, "logout-all").click()
    until(d, lambda: d.find_element(By.ID, "login").is_displayed(),
          "the sign-in form after signing out")
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def test_destination_mail(d):
    """A mailbox destination added on Operate (the URL's label follows
    the kind), a test sent, its outcome shown and the test e-mail in the
    suite's SMTP sink; axe-core clean."""
    email = f"web-mailadmin-{RUN}@example.org"
    box = f"works-{RUN}@city.example"
    staff(email, "Web Mail Admin", "admin", "sandiego.gov")
    login(d, email)
    d.get(BASE + "/console/admin")
    until(d, lambda: "schema version" in d.find_element(By.ID, "health").text,
          "Operate")
    d.find_element(By.ID, "d-jur").send_keys("sandiego.gov")
    Select(d.find_element(By.ID, "d-kind")).select_by_value("mailto")
    assert d.find_element(By.ID, "d-url-l").text == \
        "Mailbox (mailto:name@domain)"
    d.find_element(By.ID, "d-url").send_keys("mailto:" + box)
    d.find_element(By.CSS_SELECTOR, "#dest-new button").click()
    until(d, lambda: "mailto:" + box in d.find_element(By.ID, "dests").text,
          "the mailbox listed")
    dest = psql(f"select id from destinations where url = 'mailto:{box}'")
    d.find_element(By.XPATH,
                   f"//button[text()='Send a test to {dest}']").click()
    until(d, lambda: f"Destination {dest}: delivered" in
          d.find_element(By.ID, "d-error").text, "the test delivered")
    assert [m["subject"] for m in mails_to(box)] == \
        ["Test from the Open311 gateway"]
    axe(d, "Operate with a mailbox destination")
    d.find_element(By.XPATH, f"//button[text()='Remove {dest}']").click()
    d.switch_to.alert.accept()
    until(d, lambda: f"Destination {dest} removed" in
          d.find_element(By.ID, "d-error").text, "the removal")
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def test_staff_panel(d):
    """Operate's staff accounts: an address refused on its field, an
    account added whose password link reaches its mailbox, the link
    used, the account disabled; a dead password mail in the outbox
    offers a new link, which is mailed."""
    email = f"web-staffadmin-{RUN}@example.org"
    new = f"web-new-{RUN}@example.org"
    staff(email, "Web Staff Admin", "admin", "sandiego.gov")
    login(d, email)
    d.get(BASE + "/console/admin")
    until(d, lambda: "Web Staff Admin (you)" in
          d.find_element(By.ID, "staff").text, "the staff list")
    d.find_element(By.ID, "s-email").send_keys("not an address")
    d.find_element(By.ID, "s-name").send_keys("Nia Nueva")
    d.find_element(By.CSS_SELECTOR, "#staff-new button").click()
    until(d, lambda: d.find_element(By.ID, "s-email").get_attribute(
        "aria-invalid") == "true", "the address refused on its field")
    assert d.switch_to.active_element.get_attribute("id") == "s-email"
    d.find_element(By.ID, "s-email").clear()
    d.find_element(By.ID, "s-email").send_keys(new)
    Select(d.find_element(By.ID, "s-role")).select_by_value("supervisor")
    d.find_element(By.ID, "s-jur").send_keys("sandiego.gov")
    d.find_element(By.CSS_SELECTOR, "#staff-new button").click()
    until(d, lambda: f"A password link was e-mailed to {new}" in
          d.find_element(By.ID, "s-error").text, "the account added")
    assert d.find_element(By.ID, "s-email").get_attribute(
        "aria-invalid") is None
    until(d, lambda: new in d.find_element(By.ID, "staff").text,
          "the account listed")
    look(d, "console-staff")
    until(d, lambda: mails_to(new), "the password link in the mailbox")
    link = re.search(r"(\S+/console/password#token=[0-9a-f]{64})",
                     mails_to(new)[-1]["body"]).group(1)
    assert psql(f"select role || ' ' || array_to_string(jurisdictions, ',')"
                f" from staff where email = '{new}'") == \
        "supervisor sandiego.gov"
    # The account disabled from its row.
    d.find_element(By.XPATH, "//button[text()='Disable Nia Nueva']").click()
    d.switch_to.alert.accept()
    until(d, lambda: f"{new} is disabled" in
          d.find_element(By.ID, "s-error").text, "the account disabled")
    assert psql(f"select active from staff where email = '{new}'") == "f"
    assert link.startswith(BASE)
    # A password mail that died: the outbox offers a new link instead
    # of a retry.
    psql("insert into outbox (staff_id, seq, event, payload, state, "
         "attempts, last_error) select id, 1, 'staff.password', "
         "jsonb_build_object('to', email, 'name', name), 'dead', 9, "
         f"'web refused' from staff where email = '{email}'")
    before = len(mails_to(email))
    d.get(BASE + "/console/admin")
    until(d, lambda: f"Password link for {email}" in
          d.find_element(By.ID, "dead").text, "the dead password mail")
    d.find_element(By.XPATH,
                   f"//button[text()='Send {email} a new link']").click()
    until(d, lambda: f"A password link was e-mailed to {email}" in
          d.find_element(By.ID, "status").text, "the new link")
    until(d, lambda: len(mails_to(email)) > before, "the new link's mail")
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def test_catalog_upload(d):
    """Operate's catalog upload: a bad file refused with the entry and
    field beside the file input, a check that changes nothing, an import
    that every worker serves, and the demo catalog imported back."""
    email = f"web-catalog-{RUN}@example.org"
    staff(email, "Web Catalog", "admin", "sandiego.gov")
    demo = os.path.abspath("assets/demo/sandiego-catalog.json")
    with open(demo) as f:
        cat = json.load(f)
    tmp = os.environ.get("TMPDIR", "/tmp")
    bad = os.path.join(tmp, f"web-bad-{RUN}.json")
    new = os.path.join(tmp, f"web-new-{RUN}.json")
    cat["services"][2]["attributes"][1]["datatype"] = "colour"
    with open(bad, "w") as f:
        json.dump(cat, f)
    cat["services"][2]["attributes"][1]["datatype"] = "singlevaluelist"
    cat["services"][0]["service_name"] = "Pothole (from the browser)"
    with open(new, "w") as f:
        json.dump(cat, f)
    login(d, email)
    d.get(BASE + "/console/admin")
    until(d, lambda: "sandiego.gov" in d.find_element(By.ID, "jurs").text,
          "the jurisdictions")

    def send(path, button):
        d.find_element(By.ID, "c-file").send_keys(path)
        d.find_element(By.CSS_SELECTOR, button).click()

    send(bad, "#catalog-new button[type=submit]")
    until(d, lambda: "services[2] (STREETLIGHT): attributes[1] (ISSUE): "
          "datatype" in d.find_element(By.ID, "c-error").text,
          "the refusal naming the field")
    assert d.find_element(By.ID, "c-file").get_attribute(
        "aria-invalid") == "true"
    assert d.switch_to.active_element.get_attribute("id") == "c-file"
    look(d, "console-catalog-refused")
    send(new, "#c-check")
    until(d, lambda: "A valid catalog for sandiego.gov: 14 services" in
          d.find_element(By.ID, "c-error").text, "the check")
    send(new, "#catalog-new button[type=submit]")
    until(d, lambda: "Catalog of sandiego.gov imported" in
          d.find_element(By.ID, "c-error").text, "the import")

    def served(name):
        with urllib.request.urlopen(
                BASE + "/services.json?jurisdiction_id=sandiego.gov") as r:
            return any(x["service_name"] == name for x in json.load(r))
    until(d, lambda: served("Pothole (from the browser)"),
          "the new catalog served")
    send(demo, "#catalog-new button[type=submit]")
    until(d, lambda: d.find_element(By.ID, "c-error").text.count(
        "imported") and served("Pothole"), "the demo catalog back")
    # A boundary: a line refused beside its file, a CRS that is not
    # EPSG:N beside its field, then the demo boundary imported again.
    line = os.path.join(tmp, f"web-line-{RUN}.json")
    with open(line, "w") as f:
        json.dump({"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, f)
    d.find_element(By.ID, "b-file").send_keys(line)
    d.find_element(By.CSS_SELECTOR, "#boundary-new button").click()
    until(d, lambda: "not LineString" in
          d.find_element(By.ID, "b-error").text, "the line refused")
    assert d.find_element(By.ID, "b-file").get_attribute(
        "aria-invalid") == "true"
    d.find_element(By.ID, "b-file").send_keys(
        os.path.abspath("assets/demo/sandiego.geojson"))
    d.find_element(By.ID, "b-crs").send_keys("mercator")
    d.find_element(By.CSS_SELECTOR, "#boundary-new button").click()
    until(d, lambda: d.find_element(By.ID, "b-crs").get_attribute(
        "aria-invalid") == "true", "the CRS refused beside its field")
    d.find_element(By.ID, "b-crs").clear()
    d.find_element(By.CSS_SELECTOR, "#boundary-new button").click()
    until(d, lambda: "Boundary of sandiego.gov imported: 1096.2 km²" in
          d.find_element(By.ID, "b-error").text, "the boundary imported")
    look(d, "console-jurisdictions")
    for f in (bad, new, line):
        os.unlink(f)
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def test_supervisor_dashboard(d):
    """A San Diego supervisor's dashboard: the staff-only measures and
    the statistics charts of San Diego alone, as /console/api/stats
    has them."""
    email = f"web-sup-{RUN}@example.org"
    staff(email, "Web Supervisor", "supervisor", "sandiego.gov")
    request(3, "A cart for the dashboard")
    login(d, email)
    until(d, lambda: d.execute_script(
        "return document.querySelectorAll('#dash-charts canvas').length "
        "=== 5 && !!Chart.getChart(document.querySelector("
        "'#dash-charts #chart-daily canvas'))"), "the five charts")
    d.set_script_timeout(30)
    api = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/console/api/stats').then((r) => r.json()).then(done)"
        ".catch((e) => done(String(e)));")
    assert [j["jurisdiction_id"] for j in api["by_jurisdiction"]] == \
        ["sandiego.gov"], api["by_jurisdiction"]
    total = d.execute_script(
        "const c = Chart.getChart(document.querySelector("
        "'#dash-charts #chart-daily canvas'));"
        "return c.data.datasets.reduce((n, s) => n + s.data.reduce("
        "(a, b) => a + b, 0), 0);")
    assert total == api["total"]["opened"] > 0, (total, api["total"])
    assert [o.text for o in d.find_elements(
        By.CSS_SELECTOR, "#d-jur option")] == ["All of mine", "sandiego.gov"]
    look(d, "console-dashboard")
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def test_move_to_partner(d):
    """A Chula Vista agent moves a sidewalk report that is San Diego's:
    the partner and its service chosen in the page, the note given; the
    request is San Diego's and the page says so."""
    email = f"web-move-{RUN}@example.org"
    staff(email, "Move Agent", "agent", "chulavistaca.gov")
    body = urllib.parse.urlencode({
        "jurisdiction_id": "chulavistaca.gov", "service_code": "SIDEWALK",
        "lat": "32.6405", "long": "-117.0805",
        "description": "Lifted slab " + RUN}).encode()
    with urllib.request.urlopen(urllib.request.Request(
            BASE + "/requests.json", body,
            {"Authorization": "Bearer " + os.environ["KEY_SUBMIT"]})) as r:
        rid = json.load(r)[0]["service_request_id"]
    login(d, email)
    until(d, lambda: d.find_element(By.ID, "work").is_displayed(),
          "the queue")
    d.get(f"{BASE}/console/requests/{rid}")
    until(d, lambda: d.find_elements(
        By.CSS_SELECTOR, '#a-jur option[value="sandiego.gov"]'),
        "the partner jurisdictions")
    Select(d.find_element(By.ID, "a-jur")).select_by_value("sandiego.gov")
    until(d, lambda: Select(d.find_element(By.ID, "a-svc"))
          .first_selected_option.get_attribute("value") == "SIDEWALK",
          "San Diego's services, the same one first")
    d.find_element(By.ID, "a-move-note").send_keys("San Diego's side")
    look(d, "console-move")
    d.find_element(By.CSS_SELECTOR, "#f-move button").click()
    until(d, lambda: "moved to City of San Diego" in
          d.find_element(By.ID, "status").text, "the move confirmed")
    assert psql(f"select jurisdiction_id from requests where id = {rid}") \
        == "sandiego.gov"
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def test_spanish_console(_):
    """The console in Spanish from the browser's languages: sign-in,
    the queue and a request, axe-clean with lang=es; the switch back to
    English is remembered."""
    email = f"web-es-{RUN}@example.org"
    staff(email, "Agente ES", "agent", "sandiego.gov")
    rid = request(9, "Un carrito en la acera")
    d = weblib.browser("es-MX", weblib.DESKTOP)
    try:
        spanish_console(d, email, rid)
    finally:
        d.quit()


def spanish_console(d, email, rid):
    d.get(BASE + "/console/")
    until(d, lambda: d.find_element(By.ID, "login-h").text ==
          "Iniciar sesión", "the sign-in form in Spanish")
    assert d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    look(d, "console-es-login")
    login(d, email)
    until(d, lambda: d.find_element(By.ID, "queue-h").text == "Cola" and
          "coinciden" in d.find_element(By.ID, "counts").text,
          "the queue in Spanish")
    d.get(f"{BASE}/console/requests/{rid}")
    until(d, lambda: d.find_element(By.ID, "title").text.startswith(
          f"Solicitud n.º {rid}"), "the request in Spanish")
    assert "Descripción" in d.find_element(By.ID, "facts").text
    look(d, "console-es-request")
    Select(d.find_element(By.ID, "lang")).select_by_value("en")
    until(d, lambda: d.find_element(By.ID, "title").text.startswith(
          f"Request #{rid}"), "English after the switch")
    d.get(BASE + "/console/")
    until(d, lambda: d.find_element(By.ID, "queue-h").text == "Queue",
          "English remembered")
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def wide(d):
    """What of the page is wider than the window (a phone would scroll
    sideways to see it): the first such element, or None. The map's
    panes and what is only for screen readers (clipped) do not count."""
    return d.execute_script(
        "const w = document.documentElement.clientWidth;"
        "if (document.documentElement.scrollWidth <= w) return null;"
        "const hidden = (e) => { for (let x = e; x; x = x.parentElement)"
        "  if (getComputedStyle(x).clip !== 'auto') return true;"
        "  return false; };"
        "for (const e of document.querySelectorAll('body *'))"
        "  if (e.getBoundingClientRect().right > w + 1 && "
        "      !e.closest('.leaflet-container') && !hidden(e))"
        "    return [e, e.parentElement, e.parentElement.parentElement]"
        "      .map((x) => x.tagName + '#' + x.id + '.' + x.className)"
        "      .join(' < ') + ' right ' + e.getBoundingClientRect().right;"
        "return 'the page';")


def test_phone_layout(d):
    """The queue, a request and Operate on a phone (420 px wide): nothing
    wider than the screen, every table cell named by its column (the rows
    stack as cards), every control reachable, axe-clean."""
    d.set_window_size(420, 900)
    email = f"web-phone-{RUN}@example.org"
    staff(email, "Phone Admin", "admin")
    rid = request(7, "A cart seen from a phone")
    login(d, email)
    until(d, lambda: d.find_elements(
        By.CSS_SELECTOR, f'a[href="/console/requests/{rid}"]'),
        "the queue's row")
    until(d, lambda: d.execute_script(
        "return document.querySelectorAll('#dash-charts canvas').length")
        == 5, "the dashboard's charts")
    assert wide(d) is None, wide(d)
    look(d, "console-phone-queue")
    d.get(f"{BASE}/console/requests/{rid}")
    until(d, lambda: d.find_element(By.ID, "facts").text, "the request")
    assert wide(d) is None, wide(d)
    look(d, "console-phone-request")
    d.get(f"{BASE}/console/admin")
    until(d, lambda: "schema version" in d.find_element(By.ID, "health").text,
          "health")
    until(d, lambda: d.find_elements(By.CSS_SELECTOR, "#audit tr"),
          "the audit log")
    until(d, lambda: d.find_elements(By.CSS_SELECTOR, "#jurs tr"),
          "the jurisdictions")
    assert wide(d) is None, wide(d)
    unnamed = d.execute_script(
        "return [...document.querySelectorAll('table.queue td')]"
        ".filter((td) => !td.dataset.label).map((td) => td.textContent)")
    assert unnamed == [], f"cells shown without their column: {unnamed}"
    look(d, "console-phone-admin")
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


def test_password_link(d):
    """The one-time link from `open311d staff add`: the page, two
    passwords that differ, the password set, the link used up."""
    email = f"web-link-{RUN}@example.org"
    out = subprocess.run([BIN, "staff", "add", email, "--name", "Web Link",
                          "--role", "agent", "--jurisdiction",
                          "sandiego.gov"], capture_output=True, text=True,
                         check=True).stdout
    link = BASE + "/console/password#token=" + \
        out.split("#token=")[1].split()[0]
    d.get(link)
    until(d, lambda: d.find_element(By.ID, "pw1").is_displayed(),
          "the password form")
    d.find_element(By.ID, "pw1").send_keys(PW)
    d.find_element(By.ID, "pw2").send_keys(PW + "!")
    d.find_element(By.CSS_SELECTOR, "#pw-form button").click()
    until(d, lambda: d.find_element(By.ID, "pw-error").text != "",
          "the passwords that differ")
    look(d, "console-password")
    d.find_element(By.ID, "pw2").clear()
    d.find_element(By.ID, "pw2").send_keys(PW)
    d.find_element(By.CSS_SELECTOR, "#pw-form button").click()
    until(d, lambda: "password is set" in d.find_element(By.ID,
          "pw-done").text, "the password set")
    login(d, email)
    until(d, lambda: d.find_element(By.ID, "queue-h").is_displayed(),
          "the queue after signing in")
    d.delete_all_cookies()
    d.get(link)
    until(d, lambda: d.find_element(By.ID, "pw1").is_displayed(),
          "the password form again")
    d.find_element(By.ID, "pw1").send_keys(PW)
    d.find_element(By.ID, "pw2").send_keys(PW)
    d.find_element(By.CSS_SELECTOR, "#pw-form button").click()
    until(d, lambda: "not valid, used or expired" in
          d.find_element(By.ID, "pw-error").text, "the used link refused")
    errs = errors(d, allow=("/console/api/",))
    assert errs == [], errs


if __name__ == "__main__":
    sys.exit(weblib.run(globals(), size=weblib.DESKTOP))
