#!/usr/bin/env python3
"""The messages an aiosmtpd Mailbox sink received, as one JSON array.

    mails.py MAILDIR

Oldest first (by the file's modification time). Each message: to, from,
subject, message_id, date, list_unsubscribe, list_unsubscribe_post,
content_type, auto_submitted, rcpt_to and mail_from (the SMTP envelope,
from aiosmtpd's X-RcptTo and X-MailFrom), body (the decoded text, line
ends normalised to \\n).
"""
import email
import email.policy
import json
import os
import sys


def main():
    new = os.path.join(sys.argv[1], "new")
    try:
        names = os.listdir(new)
    except OSError:
        names = []
    paths = sorted((os.path.join(new, n) for n in names),
                   key=lambda p: (os.stat(p).st_mtime_ns, p))
    out = []
    for p in paths:
        with open(p, "rb") as f:
            raw = f.read()
        m = email.message_from_bytes(raw, policy=email.policy.default)
        body = m.get_content() if not m.is_multipart() else ""
        out.append({
            "file": os.path.basename(p),
            "to": m.get("To"), "from": m.get("From"),
            "subject": m.get("Subject"), "message_id": m.get("Message-ID"),
            "date": m.get("Date"),
            "list_unsubscribe": m.get("List-Unsubscribe"),
            "list_unsubscribe_post": m.get("List-Unsubscribe-Post"),
            "content_type": m.get("Content-Type"),
            "auto_submitted": m.get("Auto-Submitted"),
            "rcpt_to": m.get("X-RcptTo"), "mail_from": m.get("X-MailFrom"),
            "body": body.replace("\r\n", "\n"),
        })
    print(json.dumps(out))


main()
