"""What every browser suite in tests/web/ shares: headless Chromium
(selenium and chromium-driver, both Debian's), waits for a state in the
page, the database through $PSQL, axe-core, screenshots, the staff and
request fixtures, and the runner that prints one line per test and
"N passed, N failed" last. A suite is a file tests/web/NAME.py whose
test_* functions take a driver; tests/web/run.sh runs every such file
against the gateway at BASE (argv 1).
"""

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else ""
BIN = os.environ.get("OPEN311_BIN", "build/open311d")
SHOTS = os.environ.get("WEB_SHOTS", "/tmp/open311d-web-shots")
WAIT = 30
RUN = str(time.time_ns())
PW = "correct horse battery staple"
# The tests' tile server does not exist: its failures are expected.
TILE_HOST = "127.0.0.1:9/"
AXE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                   "node_modules", "axe-core", "axe.min.js")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = "420,900"
DESKTOP = "1280,900"
MAILS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                     "..", "e2e", "tools", "mails.py")
RECEIVER = os.path.join(os.path.dirname(MAILS), "receiver.py")
HOOKLOG = os.path.join(os.path.dirname(MAILS), "hooklog.py")
HOOK_SECRET = "s" * 32  # webhook()'s signing secret


def browser(lang="en-US", size=PHONE):
    """A headless Chromium asking for lang, its window size WxH."""
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--window-size=" + size,
              "--lang=" + lang):
        o.add_argument(a)
    o.add_experimental_option("prefs", {"intl.accept_languages": lang})
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.set_page_load_timeout(WAIT)
    return d


def psql(sql):
    """One SQL statement's output (-tA) from the test database."""
    cmd = os.environ["PSQL"].split() + ["-tAc", sql]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise AssertionError(f"psql: {sql}: {r.stderr.strip()}")
    return r.stdout.strip()


def until(d, fn, what):
    """Waits until fn() is true; an element gone stale as the page
    reloads is not there yet."""
    def ready(_):
        try:
            return fn()
        except Exception:
            return False
    try:
        return WebDriverWait(d, WAIT, poll_frequency=0.1).until(ready)
    except Exception:
        raise AssertionError("timed out waiting for " + what)


def text(d, css):
    return d.find_element(By.CSS_SELECTOR, css).text


def errors(d, allow=()):
    """The browser console's errors, but for the absent tile server's,
    the favicon's and those containing a string in allow."""
    out = []
    for e in d.get_log("browser"):
        m = e["message"]
        if e["level"] != "SEVERE" or TILE_HOST in m or "favicon.ico" in m:
            continue
        if any(a in m for a in allow):
            continue
        out.append(m)
    return out


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
    """The whole page, as tall as it is, at the window's width."""
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
    """GET /requests/{rid}.json?extensions=true, decoded."""
    with urllib.request.urlopen(
            f"{BASE}/requests/{rid}.json?extensions=true") as r:
        return json.load(r)[0]


def mails_to(addr):
    """The messages the suite's SMTP sink ($WEB_MAILDIR) holds for
    addr, oldest first (tests/e2e/tools/mails.py's JSON)."""
    out = subprocess.run(["/usr/bin/python3", MAILS,
                          os.environ["WEB_MAILDIR"]],
                         capture_output=True, text=True, check=True)
    return [m for m in json.loads(out.stdout) if m["to"] == addr]


def free_port():
    """A TCP port of 127.0.0.1 nothing listens on now."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def webhook(service, port, jur="sandiego.gov"):
    """A webhook destination for service of jur at 127.0.0.1:port (the
    command line's `destinations add`); its id. Remove it with
    `destinations remove` when done."""
    out = subprocess.run([BIN, "destinations", "add", "--jurisdiction", jur,
                          "--service", service, "--webhook",
                          f"http://127.0.0.1:{port}/hook",
                          "--secret-env", "WEB_HOOK_SECRET"],
                         capture_output=True, text=True, check=True,
                         env=dict(os.environ, WEB_HOOK_SECRET=HOOK_SECRET,
                                  OPEN311_ALLOW_PLAIN_HTTP_DESTINATIONS="yes"))
    return re.search(r"^destination (\d+):", out.stdout, re.M).group(1)


def receiver(port, log):
    """Starts tests/e2e/tools/receiver.py on port, logging to log; the
    process, once it answers."""
    p = subprocess.Popen(["/usr/bin/python3", RECEIVER, str(port), log],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(WAIT * 10):
        try:
            with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/healthz") as r:
                if r.status == 200:
                    return p
        except OSError:
            time.sleep(0.1)
    p.terminate()
    raise AssertionError("the receiver did not start")


def hooks(log):
    """The deliveries receiver.py logged (hooklog.py's objects, "signed"
    checked against webhook()'s secret)."""
    out = subprocess.run(["/usr/bin/python3", HOOKLOG, log, HOOK_SECRET],
                         capture_output=True, text=True, check=True)
    return [json.loads(x) for x in out.stdout.splitlines()]


class BackOffice:
    """A back office for service of jur: a webhook destination at a port
    of its own, and, once started, tests/e2e/tools/receiver.py answering
    there. As a context manager it removes the destination, stops the
    receiver and deletes its log when done."""

    def __init__(self, service, jur="sandiego.gov"):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile(suffix=".log",
                                               delete=False).name
        self.dest = webhook(service, self.port, jur)
        self.proc = None

    def start(self):
        self.proc = receiver(self.port, self.log)

    def hooks(self):
        return hooks(self.log)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        subprocess.run([BIN, "destinations", "remove", self.dest],
                       capture_output=True)
        if self.proc:
            self.proc.terminate()
            self.proc.wait()
        os.unlink(self.log)


def staff(email, name, role, jur=None):
    """A console account with PW as its password, set through its link."""
    args = [BIN, "staff", "add", email, "--name", name, "--role", role]
    if jur:
        args += ["--jurisdiction", jur]
    out = subprocess.run(args, capture_output=True, text=True, check=True)
    token = out.stdout.split("#token=")[1].split()[0]
    body = json.dumps({"token": token, "password": PW}).encode()
    req = urllib.request.Request(BASE + "/console/api/password", body,
                                 {"Content-Type": "application/json"})
    urllib.request.urlopen(req).read()


def request(spot, description, email=None, service="SHOPPING_CART",
            attrs=None):
    """A San Diego request (SHOPPING_CART unless service says, with
    attrs, a dict of its attributes) filed through the API with
    $KEY_SUBMIT; its id. A spot of 0..19 is a point near 32.807,-117.177
    (a few metres apart), a (lat, long) pair that point."""
    key = os.environ["KEY_SUBMIT"]
    lat, lon = spot if isinstance(spot, tuple) else (
        f"32.80{60 + spot * 2}", f"-117.17{60 + spot * 2}")
    fields = {"service_code": service, "description": description,
              "lat": lat, "long": lon,
              "email": email or f"web-{RUN}@example.org"}
    for k, v in (attrs or {}).items():
        fields[f"attribute[{k}]"] = v
    body = urllib.parse.urlencode(fields).encode()
    req = urllib.request.Request(BASE + "/requests.json", body,
                                 {"Authorization": "Bearer " + key})
    with urllib.request.urlopen(req) as r:
        return json.load(r)[0]["service_request_id"]


def login(d, email, password=PW):
    """Fills and sends the console's sign-in form."""
    d.get(BASE + "/console/")
    until(d, lambda: d.find_element(By.ID, "login").is_displayed(),
          "the sign-in form")
    d.find_element(By.ID, "email").send_keys(email)
    d.find_element(By.ID, "password").send_keys(password)
    d.find_element(By.CSS_SELECTOR, "#login-form button").click()


def run(scope, lang="en-US", size=PHONE, reset=None):
    """Runs the test_* functions of scope (a suite's globals()) in the
    order they are defined, or those named in argv 2.., each in a fresh
    browser; reset(d), if given, runs before each test. Prints one line
    per test and "N passed, N failed"; returns the exit status."""
    names = sys.argv[2:]
    tests = [(n, f) for n, f in scope.items()
             if n.startswith("test_") and callable(f) and
             (not names or n in names or n[5:] in names)]
    passed = failed = 0
    for name, fn in tests:
        d = browser(lang, size)
        try:
            d.get_log("browser")
            if reset:
                reset(d)
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
