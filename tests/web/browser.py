#!/usr/bin/python3
"""The browser tests: the resident pages in headless Chromium (selenium
and chromium-driver, both Debian's), against the gateway at BASE (argv 1)
and its database (the PSQL command in the environment). Each test is a
function named test_*; argv 2.. picks some by name. Waits are for states
in the page, never for a number of seconds. Screenshots of the pages go
to $WEB_SHOTS. Prints one line per test and "N passed, N failed" last.
"""

import os
import subprocess
import sys
import traceback

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = sys.argv[1].rstrip("/")
SHOTS = os.environ.get("WEB_SHOTS", "/tmp/open311d-web-shots")
WAIT = 30
# The tests' tile server does not exist: its failures are expected.
TILE_HOST = "127.0.0.1:9/"


def browser(lang="en-US"):
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--window-size=420,900",
              "--lang=" + lang):
        o.add_argument(a)
    o.add_experimental_option("prefs", {"intl.accept_languages": lang})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(WAIT)
    return d


def psql(sql):
    cmd = os.environ["PSQL"].split() + ["-tAc", sql]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise AssertionError(f"psql: {sql}: {r.stderr.strip()}")
    return r.stdout.strip()


def until(d, fn, what):
    try:
        return WebDriverWait(d, WAIT, poll_frequency=0.1).until(
            lambda _: fn())
    except Exception:
        raise AssertionError("timed out waiting for " + what)


def text(d, css):
    return d.find_element(By.CSS_SELECTOR, css).text


def errors(d, allow=()):
    """The console's errors, but for the absent tile server's."""
    out = []
    for e in d.get_log("browser"):
        if e["level"] != "SEVERE" or TILE_HOST in e["message"]:
            continue
        if any(a in e["message"] for a in allow):
            continue
        out.append(e["message"])
    return out


AXE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "node_modules", "axe-core", "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe(d, where):
    """axe-core in the page: no WCAG 2.1 A or AA violation."""
    if not d.execute_script("return typeof window.axe === 'object'"):
        with open(AXE, encoding="utf-8") as f:
            d.execute_script(f.read())
    d.set_script_timeout(WAIT)
    res = d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then((r) => done(r.violations.map((v) => v.id + ': ' + "
        "v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))))"
        ".catch((e) => done(['axe failed: ' + e]));", AXE_TAGS)
    assert not res, f"{where}: axe-core: {res}"


def shot(d, name):
    """The whole page, as tall as it is, at the phone's width."""
    os.makedirs(SHOTS, exist_ok=True)
    size = d.get_window_size()
    height = d.execute_script("return document.documentElement.scrollHeight")
    d.set_window_size(size["width"], min(max(height, 400), 2400) + 100)
    try:
        d.save_screenshot(os.path.join(SHOTS, name + ".png"))
    finally:
        d.set_window_size(size["width"], size["height"])


def keys(d, *k):
    """Keys pressed on whatever has the focus, as a person would."""
    ActionChains(d).send_keys(*k).perform()


def press_until(d, target_id, limit=60):
    """Tabs until the element with id target_id has the focus."""
    for _ in range(limit):
        if d.execute_script("return document.activeElement && "
                            "document.activeElement.id") == target_id:
            return
        keys(d, Keys.TAB)
    raise AssertionError("the keyboard never reached #" + target_id)


def api_request(rid):
    import json
    import urllib.request
    with urllib.request.urlopen(
            f"{BASE}/requests/{rid}.json?extensions=true") as r:
        return json.load(r)[0]


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
         len(d.find_elements(By.CSS_SELECTOR, "#charts canvas")) == 4),
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


def main():
    names = sys.argv[2:]
    tests = [(n, f) for n, f in sorted(globals().items(), key=lambda x:
             list(globals()).index(x[0]))
             if n.startswith("test_") and callable(f) and
             (not names or n in names or n[5:] in names)]
    passed = failed = 0
    d = browser()
    try:
        for name, fn in tests:
            try:
                d.delete_all_cookies()
                d.get(BASE + "/data")
                d.execute_script("localStorage.clear()")
                d.get_log("browser")
                fn(d)
                passed += 1
                print("ok - " + name, flush=True)
            except Exception as e:
                failed += 1
                print(f"not ok - {name}: {e}", flush=True)
                if not isinstance(e, AssertionError):
                    traceback.print_exc(limit=3)
                try:
                    shot(d, "failed-" + name)
                except Exception:
                    pass
    finally:
        d.quit()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
