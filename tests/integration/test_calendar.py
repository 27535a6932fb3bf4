#!/usr/bin/env python3
"""test_calendar.py - calendar feeds over real HTTP: a forum's feed for who may see the
forum, and the personal feed behind a secret-token URL (made and revoked on the account
pages; a revoked or unknown token answers 404). Every feed fetched is parsed with libical
through the ical_dump helper (argv[2]): UIDs, cancelled status, Copenhagen times on both
sides of the summer-time change, escaping and folding; and what is not the visitor's is
absent."""
import re
import subprocess
import sys
import tempfile

from harness import Klynge, Session, check, run

k = Klynge(sys.argv[1])
ICAL_DUMP = sys.argv[2]
for login in ("sofie", "rikke", "morten", "olga"):
    k.add_user(login)
FORUM_A = k.add_forum("Chefforum, Klynge MIDT")
FORUM_B = k.add_forum("Driftsforum Nord")
FORUM_C = k.add_forum("Åbent forum", public=True)
k.grant("rikke", FORUM_A, "reader")


def uid_of(login):
    return k.sql("SELECT id FROM app_user WHERE login = ?", (login,))[0][0]


def person(name, login, forum, role, ends_on=None):
    pid = k.sql("INSERT INTO person (name, user_id, created_at) VALUES (?, ?, "
                "'2026-01-01T00:00:00Z') RETURNING id", (name, uid_of(login)))[0][0]
    k.sql("INSERT INTO membership (person_id, forum_id, role, starts_on, ends_on) VALUES "
          "(?, ?, ?, '2020-01-01', ?)", (pid, forum, role, ends_on))
    return pid


person("Sofie Sekretær", "sofie", FORUM_A, "secretary")
MORTEN = person("Morten Medlem", "morten", FORUM_B, "member")
# an ended membership gives no calendar
k.sql("INSERT INTO membership (person_id, forum_id, role, starts_on, ends_on) VALUES "
      "(?, ?, 'member', '2020-01-01', '2021-01-01')", (MORTEN, FORUM_A))


def meeting(forum, starts, ends, status="agenda_published", kind="meeting", title="",
            place="", parent=None):
    return k.sql("INSERT INTO meeting (forum_id, kind, status, title, starts_at, ends_at, day, "
                 "place, parent_id, agenda_published_at, cancel_reason, created_at) VALUES "
                 "(?, ?, ?, ?, ?, ?, substr(?, 1, 10), ?, ?, '2026-01-01T00:00:00Z', ?, "
                 "'2026-01-01T00:00:00Z') RETURNING id",
                 (forum, kind, status, title, starts, ends, starts, place, parent,
                  "Aflyst" if status == "cancelled" else ""))[0][0]


LONG_PLACE = ("Regionshuset Viborg; mødesal 2, Skottenborg 26 – indgang fra gården ved "
              "æblehaven, ø-siden, første sal")
# 29 March 2027: the first day of summer time; 10:00 in Copenhagen is 08:00 UTC
A1 = meeting(FORUM_A, "2027-03-29T08:00:00Z", "2027-03-29T10:00:00Z", place=LONG_PLACE,
             title="Budget, plan; næste skridt")
A_PRE = meeting(FORUM_A, "2027-03-22T08:00:00Z", "2027-03-22T09:00:00Z", kind="pre_meeting",
                parent=A1)
# 14 January 2027: winter time; 10:00 in Copenhagen is 09:00 UTC
A2 = meeting(FORUM_A, "2027-01-14T09:00:00Z", "2027-01-14T11:00:00Z", status="cancelled")
B1 = meeting(FORUM_B, "2027-02-10T09:00:00Z", "2027-02-10T11:00:00Z", place="Aalborg")
C1 = meeting(FORUM_C, "2027-05-05T08:00:00Z", "2027-05-05T10:00:00Z")


def parse(r):
    """The feed's events by UID, parsed with libical."""
    check(r.status == 200, "feed: %d %s" % (r.status, r.text[:200]))
    check(r.header("Content-Type").startswith("text/calendar"), r.header("Content-Type"))
    raw = r.body
    check(raw.endswith(b"\r\n"), "ends with CRLF")
    for line in raw.split(b"\r\n"):
        check(b"\n" not in line and b"\r" not in line, "bare line end in %r" % line)
        check(len(line) <= 75, "line over 75 octets: %r" % line)
        line.decode("utf-8")  # a fold never splits a UTF-8 sequence
    with tempfile.NamedTemporaryFile(suffix=".ics") as f:
        f.write(raw)
        f.flush()
        p = subprocess.run([ICAL_DUMP, f.name], capture_output=True, text=True, timeout=30)
    check(p.returncode == 0, "libical rejects the feed: %s" % p.stderr[:2000])
    lines = p.stdout.rstrip("\n").split("\n")
    check(lines[0].startswith("calendar\t"), lines[0])
    events = {}
    for line in lines[1:]:
        uid, status, start, end, summary, location, url, desc = line.split("\t")
        events[uid] = dict(status=status, start=int(start), end=int(end), summary=summary,
                           location=location, url=url, description=desc)
    return events


def uid(mid):
    return "meeting-%d@klynge" % mid


def test_forum_feed():
    s = Session(k)
    s.login("rikke")
    ev = parse(s.get("/forums/%d/calendar.ics" % FORUM_A))
    check(set(ev) == {uid(A1), uid(A_PRE), uid(A2)}, "forum A's meetings: %s" % sorted(ev))
    a1 = ev[uid(A1)]
    check(a1["status"] == "CONFIRMED", a1["status"])
    check(a1["start"] == 1806307200 and a1["end"] == 1806314400, "summer time: %s" % a1)
    check(a1["location"] == LONG_PLACE, "escaped and folded place: %r" % a1["location"])
    check("Chefforum, Klynge MIDT" in a1["summary"] and "Budget, plan; næste skridt"
          in a1["summary"], a1["summary"])
    check(a1["url"].endswith("/meetings/%d" % A1), a1["url"])
    check(("/meetings/%d" % A1) in a1["description"], a1["description"])
    a2 = ev[uid(A2)]
    check(a2["status"] == "CANCELLED", "cancelled: %s" % a2)
    check(a2["start"] == 1799917200, "winter time: %s" % a2)


def test_forum_feed_needs_the_forum():
    check(Session(k).get("/forums/%d/calendar.ics" % FORUM_A).status in (303, 401, 403, 404),
          "anonymous reads a closed forum's calendar")
    s = Session(k)
    s.login("olga")
    check(s.get("/forums/%d/calendar.ics" % FORUM_A).status in (403, 404),
          "olga reads forum A's calendar")
    ev = parse(Session(k).get("/forums/%d/calendar.ics" % FORUM_C))
    check(set(ev) == {uid(C1)}, "public forum: %s" % sorted(ev))


def make_link(s):
    r = s.request("POST", "/account/calendar",
                  body={"csrf": s.csrf("/account", action="/logout")})
    check(r.status == 200, "make link: %d %s" % (r.status, r.text[:300]))
    m = re.search(r'id="calendar-url">https?://[^/<]+(/calendar/[A-Za-z0-9_-]{43}\.ics)<', r.text)
    check(m, "the link is shown: %s" % r.text[:2000])
    return m.group(1)


def test_person_feed():
    s = Session(k)
    s.login("morten")
    path = make_link(s)
    ev = parse(k.get(path))  # no session: the token is the credential
    check(set(ev) == {uid(B1)}, "morten's meetings (membership in force only): %s" % sorted(ev))
    s = Session(k)
    s.login("sofie")
    ev = parse(k.get(make_link(s)))
    check(set(ev) == {uid(A1), uid(A_PRE), uid(A2)}, "sofie's meetings: %s" % sorted(ev))
    s = Session(k)
    s.login("rikke")
    ev = parse(k.get(make_link(s)))
    check(set(ev) == {uid(A1), uid(A_PRE), uid(A2)}, "rikke's meetings (role): %s" % sorted(ev))
    s = Session(k)
    s.login("olga")
    ev = parse(k.get(make_link(s)))
    check(ev == {}, "olga has no meetings: %s" % sorted(ev))


def test_revoked_and_unknown_tokens():
    s = Session(k)
    s.login("morten")
    old = make_link(s)
    new = make_link(s)
    check(k.get(old).status == 404, "a replaced link still works")
    check(k.get(new).status == 200, "the new link does not work")
    r = s.request("POST", "/account/calendar/revoke",
                  body={"csrf": s.csrf("/account", action="/logout")})
    check(r.status == 200, "revoke: %d" % r.status)
    check(k.get(new).status == 404, "a revoked link still works")
    r = s.request("POST", "/account/calendar/revoke",
                  body={"csrf": s.csrf("/account", action="/logout")})
    check(r.status == 404, "revoking nothing: %d" % r.status)
    check(k.get("/calendar/" + "A" * 43 + ".ics").status == 404, "unknown token")
    check(k.get("/calendar/nonsense.ics").status == 404, "malformed token")
    check(k.get(new[:-4]).status == 404, "a token without .ics")
    audit = k.sql("SELECT action FROM audit_log WHERE entity = 'calendar_token' ORDER BY id")
    check(("delete",) in audit and ("create",) in audit, "audited: %s" % audit)


if __name__ == "__main__":
    try:
        k.start()
        run([("a forum's feed, parsed with libical", test_forum_feed),
             ("a forum's feed needs the forum", test_forum_feed_needs_the_forum),
             ("the personal feed behind a secret link", test_person_feed),
             ("revoked, replaced and unknown tokens answer 404", test_revoked_and_unknown_tokens)])
    finally:
        k.close()
