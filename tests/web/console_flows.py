#!/usr/bin/python3
"""A day of console work end to end, in headless Chromium against the
gateway at BASE (argv 1), as tests/web/console.py is run: a status change
from the page that reaches a real back office (tests/e2e/tools/
receiver.py, a webhook) and the reporter's mailbox (the suite's SMTP
sink); a dead letter retried from Operate once the back office is up
again; a key created and revoked there, whose client is told why; an
account locked after failed sign-ins; a session that ends while working
and brings its owner back to the same request after signing in again; a
change without the CSRF token refused; a merge undone from the page.
Waits are for states, never for a number of seconds. Prints one line per
test and "N passed, N failed" last.
"""

import json
import sys
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from weblib import (BASE, RUN, BackOffice, axe, errors, login, mails_to, psql,
                    request, shot, staff, until)
import weblib


def look(d, name):
    shot(d, name)
    axe(d, name)


def admin(d, name):
    """Signs in a new San Diego admin; its e-mail address."""
    email = f"flow-{name}-{RUN}@example.org"
    staff(email, f"Flow {name}", "admin", "sandiego.gov")
    login(d, email)
    until(d, lambda: d.find_element(By.ID, "work").is_displayed(),
          "the queue")
    return email


def open_request(d, rid):
    d.get(f"{BASE}/console/requests/{rid}")
    until(d, lambda: d.find_element(By.ID, "facts").text, "the request")


def api_status(rid):
    with urllib.request.urlopen(
            f"{BASE}/requests/{rid}.json?extensions=true") as r:
        return json.load(r)[0]


def test_status_reaches_back_office_and_reporter(d):
    """A STREETLIGHT request with a back office (a running webhook
    receiver): the agent closes it from the page with a public note; the
    back office gets the signed update, the reporter the closure e-mail
    with the note, the API the new status."""
    reporter = f"flow-reporter-{RUN}@example.org"
    with BackOffice("STREETLIGHT") as office:
        office.start()
        rid = request((32.7200, -117.1000), "Flow light out", reporter,
                      "STREETLIGHT", {"ISSUE": "OUT"})
        until(d, lambda: any(h["request"] == rid and
                             h["event"] == "request.created"
                             for h in office.hooks()),
              "the back office has the new request")
        admin(d, "status")
        open_request(d, rid)
        Select(d.find_element(By.ID, "a-status")).select_by_visible_text(
            "FIXED")
        d.find_element(By.ID, "a-note").send_keys("New lamp fitted")
        d.find_element(By.CSS_SELECTOR, "#f-status button").click()
        until(d, lambda: "New lamp fitted" in
              d.find_element(By.ID, "history").text, "the note in history")
        until(d, lambda: any(h["request"] == rid and
                             h["event"] == "request.updated" and
                             h["status"] == "closed" and h["signed"]
                             for h in office.hooks()),
              "the back office has the closure")
        until(d, lambda: any("New lamp fitted" in m["body"]
                             for m in mails_to(reporter)),
              "the closure e-mail with the note")
        assert api_status(rid)["status"] == "closed"
        assert errors(d, allow=("/console/api/",)) == []


def test_dead_letter_retry(d):
    """A back office that is down past its dead-letter time: the event is
    dead, and a test-send from Operate fails with the reason; once it is
    up again, Retry on Operate delivers the event and a test-send is
    delivered, signed."""
    with BackOffice("SIGNAL") as office:
        dest = office.dest
        psql(f"update destinations set dead_after = interval '1 second' "
             f"where id = {dest}")
        rid = request((32.7250, -117.1000), "Flow signal dark", None,
                      "SIGNAL", {"PROBLEM": "DARK",
                                 "INTERSECTION": "5th and Main"})

        def dead():
            psql("update outbox set next_attempt_at = now() where "
                 f"destination_id = {dest} and state = 'pending' "
                 "and next_attempt_at > now()")
            return psql(f"select state from outbox where destination_id = "
                        f"{dest} and request_id = {rid}") == "dead"
        until(d, dead, "the event dead")
        admin(d, "retry")
        d.get(BASE + "/console/admin")
        row = f"//tbody[@id='dead']/tr[td/a[text()='#{rid}']]"
        until(d, lambda: d.find_elements(By.XPATH, row), "the dead letter")
        look(d, "console-dead-letter")
        # A test-send while it is down fails, with the reason.
        test = f"//button[text()='Send a test to {dest}']"
        d.find_element(By.XPATH, test).click()
        until(d, lambda: f"Destination {dest}: failed" in
              d.find_element(By.ID, "d-error").text, "the failed test")
        office.start()
        d.find_element(By.XPATH, row + "//button").click()
        until(d, lambda: "Queued again" in
              d.find_element(By.ID, "status").text, "the retry")
        until(d, lambda: any(h["request"] == rid for h in office.hooks()),
              "the back office has it")
        until(d, lambda: psql(f"select state from outbox where "
                              f"destination_id = {dest} and request_id = "
                              f"{rid}") == "delivered", "delivered")
        d.find_element(By.XPATH, test).click()
        until(d, lambda: f"Destination {dest}: delivered" in
              d.find_element(By.ID, "d-error").text, "the test delivered")
        assert any(h["event"] == "destination.test" and h["signed"]
                   for h in office.hooks()), office.hooks()
        assert errors(d, allow=("/console/api/",)) == []


def test_key_create_and_revoke(d):
    """A key made on Operate works for its client at once; revoked there
    with a message, its client gets 403 with that message."""
    admin(d, "keys")
    d.get(BASE + "/console/admin")
    until(d, lambda: d.find_element(By.ID, "k-name").is_displayed(),
          "Operate")
    d.find_element(By.ID, "k-name").send_keys("flow app " + RUN)
    d.find_element(By.ID, "k-jur").send_keys("sandiego.gov")
    d.find_element(By.CSS_SELECTOR, "#key-new button").click()
    until(d, lambda: "o311_" in d.find_element(By.ID, "key-shown").text,
          "the new key")
    shown = d.find_element(By.ID, "key-shown").text
    key = next(w for w in shown.split() if w.startswith("o311_")).rstrip(".")
    kid = psql(f"select id from api_keys where name = 'flow app {RUN}'")

    def post():
        body = b"service_code=SHOPPING_CART&lat=32.8150&long=-117.1850"
        req = urllib.request.Request(BASE + "/requests.json", body,
                                     {"Authorization": "Bearer " + key})
        try:
            with urllib.request.urlopen(req) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()
    until(d, lambda: post()[0] == 200, "the key working")
    d.find_element(By.ID, "r-id").send_keys(kid)
    d.find_element(By.ID, "r-msg").send_keys("Moved to the new app")
    d.find_element(By.CSS_SELECTOR, "#key-revoke button").click()
    until(d, lambda: "revoked" in d.find_element(By.ID, "key-shown").text,
          "the revocation")
    # A worker refuses it once its key cache has the revocation; the
    # refusal carries the message.
    got = {}

    def refused():
        got["answer"] = post()
        return got["answer"][0] == 403
    until(d, refused, "the key refused")
    assert "Moved to the new app" in got["answer"][1], got["answer"]
    assert errors(d, allow=("/console/api/",)) == []


def test_lockout(d):
    """Five wrong passwords lock the account for a while: even the right
    one is then refused, said plainly beside the form."""
    email = f"flow-lock-{RUN}@example.org"
    staff(email, "Flow Lock", "agent", "sandiego.gov")
    for _ in range(5):
        login(d, email, "not the password")
        until(d, lambda: "wrong e-mail address or password" in
              d.find_element(By.ID, "login-error").text, "a refusal")
    login(d, email)
    until(d, lambda: "too many failed sign-ins" in
          d.find_element(By.ID, "login-error").text, "the lockout")
    assert not d.find_element(By.ID, "work").is_displayed()
    look(d, "console-lockout")


def test_session_ends_while_working(d):
    """The session ends (idle too long) while an agent works on a
    request: the next action brings the sign-in form with a reason, and
    signing in goes back to that request, where the action works."""
    email = f"flow-idle-{RUN}@example.org"
    staff(email, "Flow Idle", "agent", "sandiego.gov")
    rid = request((32.7300, -117.1000), "Flow idle cart")
    login(d, email)
    until(d, lambda: d.find_element(By.ID, "work").is_displayed(),
          "the queue")
    open_request(d, rid)
    psql("update staff_sessions set last_seen = now() - interval '1 day', "
         "created_at = now() - interval '1 day' where staff_id = "
         f"(select id from staff where email = '{email}')")
    d.find_element(By.ID, "a-note").send_keys("After the break")
    d.find_element(By.CSS_SELECTOR, "#f-status button").click()
    until(d, lambda: d.find_element(By.ID, "login").is_displayed() and
          "session has ended" in d.find_element(By.ID, "login-error").text,
          "the sign-in form with the reason")
    look(d, "console-session-ended")
    assert psql(f"select count(*) from request_updates where request_id = "
                f"{rid} and description = 'After the break'") == "0"
    d.find_element(By.ID, "email").send_keys(email)
    d.find_element(By.ID, "password").send_keys(weblib.PW)
    d.find_element(By.CSS_SELECTOR, "#login-form button").click()
    until(d, lambda: d.current_url.endswith(f"/console/requests/{rid}") and
          d.find_element(By.ID, "facts").text, "back on the request")
    d.find_element(By.ID, "a-note").send_keys("After the break")
    d.find_element(By.CSS_SELECTOR, "#f-status button").click()
    until(d, lambda: "After the break" in
          d.find_element(By.ID, "history").text, "the note saved")
    assert errors(d, allow=("/console/api/",)) == []


def test_csrf_refused(d):
    """A change sent from the signed-in page without the session's CSRF
    token is refused and changes nothing."""
    admin(d, "csrf")
    rid = request((32.7350, -117.1000), "Flow csrf cart")
    got = d.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch('/console/api/requests/' + arguments[0] + '/update', {
          method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ status: 'CLOSED' })
        }).then(async (r) => done([r.status, await r.text()]));
    """, rid)
    assert got[0] == 403 and "CSRF" in got[1], got
    assert api_status(rid)["status"] == "open"


def test_merge_undone(d):
    """Two reports of the same cart merged from the request page, then
    the merge undone there: the second stands alone again."""
    email = f"flow-merge-{RUN}@example.org"
    staff(email, "Flow Merge", "agent", "sandiego.gov")
    first = request((32.7400, -117.1000), "Flow merge first")
    second = request((32.7450, -117.1000), "Flow merge second")
    login(d, email)
    until(d, lambda: d.find_element(By.ID, "work").is_displayed(),
          "the queue")
    open_request(d, second)
    d.find_element(By.ID, "a-parent").send_keys(first)
    d.find_element(By.CSS_SELECTOR, "#f-link button").click()
    until(d, lambda: psql(f"select parent_id from requests where id = "
                          f"{second}") == first, "merged")
    until(d, lambda: d.find_element(By.ID, "facts").text, "reloaded")
    d.find_element(By.ID, "unlink").click()
    until(d, lambda: psql(f"select coalesce(parent_id::text, '-') from "
                          f"requests where id = {second}") == "-",
          "unmerged")
    ext = api_status(second)["extended_attributes"]
    assert not ext.get("parent_service_request_id"), ext
    assert errors(d, allow=("/console/api/",)) == []


if __name__ == "__main__":
    sys.exit(weblib.run(globals(), size=weblib.DESKTOP))
