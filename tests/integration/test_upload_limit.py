#!/usr/bin/env python3
"""test_upload_limit.py - `klynge serve --max-attachment MIB`: an attachment under the limit
is stored, one over it is refused with 413 (API and page), and nothing
is stored; a body past the limit and its 1 MiB of room is refused before it is read; a bad
value for the option is a usage error."""
import os
import subprocess
import sys

from harness import Klynge, Session, check, run

k = Klynge(sys.argv[1], demo=True, serve_args=("--max-attachment", "1"))
k.add_user("root", admin=True)
k.start()
ITEM = k.sql("SELECT i.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id "
             "WHERE m.status = 'agenda_draft' ORDER BY i.id LIMIT 1")[0][0]


def pdf(size):
    """A PDF-looking file of about size bytes (the content decides the type)."""
    head = b"%PDF-1.4\n"
    return head + b"%" + b"x" * max(0, size - len(head) - 7) + b"\n%%EOF\n"


def upload(s, data, path, token_header=True):
    boundary = "----klyngelimit"
    body = (b"--" + boundary.encode() + b"\r\nContent-Disposition: form-data; name=\"csrf\"\r\n"
            b"\r\n" + s.csrf("/account", action="/logout").encode() + b"\r\n--" +
            boundary.encode() + b"\r\nContent-Disposition: form-data; name=\"file\"; "
            b"filename=\"bilag.pdf\"\r\nContent-Type: application/pdf\r\n\r\n" + data +
            b"\r\n--" + boundary.encode() + b"--\r\n")
    headers = {"Content-Type": "multipart/form-data; boundary=" + boundary}
    if token_header:
        headers["X-CSRF-Token"] = s.csrf("/account", action="/logout")
    return s.request("POST", path, body=body, headers=headers)


def stored():
    return k.sql("SELECT count(*) FROM attachment WHERE item_id = ?", (ITEM,))[0][0]


def signed_in():
    s = Session(k)
    check(s.login("root").status == 303, "login")
    return s


def test_under_the_limit_is_stored():
    before = stored()
    r = upload(signed_in(), pdf(900 * 1024), "/api/v1/items/%d/attachments" % ITEM)
    check(r.status == 201, "%d %s" % (r.status, r.text[:200]))
    check(stored() == before + 1, "stored")


def test_over_the_limit_is_refused():
    s = signed_in()
    before = stored()
    r = upload(s, pdf(1024 * 1024 + 4096), "/api/v1/items/%d/attachments" % ITEM)
    check(r.status == 413, "API: %d %s" % (r.status, r.text[:200]))
    r = upload(s, pdf(1024 * 1024 + 4096), "/items/%d/attachments" % ITEM, token_header=False)
    check(r.status == 413 and "<html" in r.text, "page: %d" % r.status)
    r = upload(s, pdf(3 * 1024 * 1024), "/api/v1/items/%d/attachments" % ITEM)
    check(r.status == 413, "a body past the room: %d" % r.status)
    check(stored() == before, "nothing stored")


def test_a_bad_value_is_a_usage_error():
    for value in ("0", "257", "lots", ""):
        p = subprocess.run([sys.argv[1], "serve", "--db", k.db, "--max-attachment", value],
                           capture_output=True, text=True, timeout=30)
        check(p.returncode == 2 and "--max-attachment" in p.stderr,
              "%r: %d %s" % (value, p.returncode, p.stderr))


try:
    run([
        ("an attachment under the limit is stored", test_under_the_limit_is_stored),
        ("one over the limit is refused", test_over_the_limit_is_refused),
        ("a bad value is a usage error", test_a_bad_value_is_a_usage_error),
    ])
finally:
    k.close()
