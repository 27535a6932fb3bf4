#!/usr/bin/env python3
"""test_exports.py - XLSX downloads over real HTTP: a forum's year plan, a forum's open
follow-ups, one's own open follow-ups and a forum's referrals. Each workbook is opened
(zipfile, sheet1.xml and sharedStrings.xml) and checked for its Danish headers, dates as
Excel dates and numbers as numbers, and that closed follow-ups, other years and what the
visitor may not see are absent."""
import datetime
import io
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

from harness import Klynge, Session, check, run

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
k = Klynge(sys.argv[1])
for login in ("sofie", "rikke", "morten"):
    k.add_user(login)
FORUM_A = k.add_forum("Chefforum")
FORUM_B = k.add_forum("Direktørforum")
k.grant("sofie", FORUM_A, "secretary")
k.grant("rikke", FORUM_A, "reader")
MORTEN = k.sql("INSERT INTO person (name, user_id, created_at) VALUES ('Morten Medlem', "
               "(SELECT id FROM app_user WHERE login = 'morten'), '2026-01-01T00:00:00Z') "
               "RETURNING id")[0][0]
OTHER = k.sql("INSERT INTO person (name, created_at) VALUES ('Anden Person', "
              "'2026-01-01T00:00:00Z') RETURNING id")[0][0]
k.sql("INSERT INTO membership (person_id, forum_id, role, starts_on) VALUES "
      "(?, ?, 'member', '2020-01-01')", (MORTEN, FORUM_A))


def meeting(forum, starts, ends, status="minutes_published", place=""):
    return k.sql("INSERT INTO meeting (forum_id, kind, status, starts_at, ends_at, day, place, "
                 "agenda_published_at, minutes_published_at, created_at) VALUES "
                 "(?, 'meeting', ?, ?, ?, substr(?, 1, 10), ?, '2026-01-01T00:00:00Z', "
                 "'2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
                 (forum, status, starts, ends, starts, place))[0][0]


def item(forum, mid, title, closed=0):
    return k.sql("INSERT INTO agenda_item (forum_id, meeting_id, state, number, title, closed, "
                 "created_at) VALUES (?, ?, 'agenda', 1, ?, ?, '2026-01-01T00:00:00Z') "
                 "RETURNING id", (forum, mid, title, closed))[0][0]


def followup(it, forum, what, person=None, status="open", due="2027-04-30"):
    return k.sql("INSERT INTO followup (item_id, forum_id, what, owner_person_id, "
                 "owner_forum_id, due_on, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, "
                 "'2026-02-01T10:00:00Z') RETURNING id",
                 (it, forum, what, person, None if person else forum, due, status))[0][0]


# 2027-03-29 10:00 in Copenhagen (summer time) is 08:00 UTC
M1 = meeting(FORUM_A, "2027-03-29T08:00:00Z", "2027-03-29T10:00:00Z", place="Viborg")
M0 = meeting(FORUM_A, "2026-06-01T08:00:00Z", "2026-06-01T10:00:00Z")   # another year
MB = meeting(FORUM_B, "2027-04-01T08:00:00Z", "2027-04-01T10:00:00Z")
IT = item(FORUM_A, M1, "Genoptræningsplaner")
IT_CLOSED = item(FORUM_A, M1, "Lukket personalesag", closed=1)
IT_B = item(FORUM_B, MB, "Direktørpunkt")
F_OPEN = followup(IT, FORUM_A, "Skriv notat om genoptræning", person=MORTEN)
F_DONE = followup(IT, FORUM_A, "Allerede gjort", person=MORTEN, status="done")
F_FORUM = followup(IT, FORUM_A, "Forummet følger op", due=None)
F_CLOSED_ITEM = followup(IT_CLOSED, FORUM_A, "Fortroligt opfølgningspunkt", person=OTHER)
F_OTHER = followup(IT, FORUM_A, "En andens opgave", person=OTHER)
R_OUT = k.sql("INSERT INTO referral (item_id, from_forum_id, to_forum_id, direction, title, "
              "answer_by, created_at) VALUES (?, ?, ?, 'up', 'Sendt videre', '2027-05-01', "
              "'2026-03-01T10:00:00Z') RETURNING id", (IT, FORUM_A, FORUM_B))[0][0]
R_IN = k.sql("INSERT INTO referral (item_id, from_forum_id, to_forum_id, direction, title, "
             "status, answer, created_at) VALUES (?, ?, ?, 'down', 'Bestilling', 'answered', "
             "'Svar givet', '2026-03-02T10:00:00Z') RETURNING id", (IT_B, FORUM_B, FORUM_A))[0][0]


def serial(d, hour=0, minute=0):
    return (d - datetime.date(1899, 12, 30)).days + (hour * 60 + minute) / 1440


def sheet(r):
    """The first sheet as a list of rows, each a list of (value, is_number)."""
    check(r.status == 200, "download: %d %s" % (r.status, r.text[:300]))
    check(r.header("Content-Type").startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        r.header("Content-Type"))
    check((r.header("Content-Disposition") or "").startswith("attachment"), "attachment")
    z = zipfile.ZipFile(io.BytesIO(r.body))
    strings = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
    rows = []
    for row in ET.fromstring(z.read("xl/worksheets/sheet1.xml")).iter("{%s}row" % NS["m"]):
        cells = {}
        for c in row.findall("m:c", NS):
            col = re.match(r"[A-Z]+", c.get("r")).group(0)
            idx = ord(col) - ord("A")
            v = c.find("m:v", NS)
            if v is None:
                continue
            if c.get("t") == "s":
                cells[idx] = (strings[int(v.text)], False)
            else:
                cells[idx] = (float(v.text), True)
        rows.append([cells.get(i, ("", False)) for i in range(max(cells) + 1 if cells else 0)])
    return rows


def texts(rows):
    return {v for row in rows for v, num in row if not num}



def get(s, path):
    return s.request("GET", path, headers={"Accept-Language": "da"})


def session(login):
    s = Session(k)
    s.login(login)
    return s


def test_year_plan():
    rows = sheet(get(session("rikke"), "/forums/%d/meetings.xlsx?year=2027" % FORUM_A))
    head = [v for v, _ in rows[0]]
    check(head[:3] == ["Start", "Slut", "Type"], "Danish headers: %s" % head)
    check(len(rows) == 2, "one meeting in 2027: %s" % rows)
    start, is_num = rows[1][0]
    check(is_num and abs(start - serial(datetime.date(2027, 3, 29), 10)) < 1e-6,
          "start as an Excel date in Copenhagen time: %s" % (rows[1][0],))
    check(rows[1][4] == ("Viborg", False), "place: %s" % rows[1])
    check(rows[1][7] == (float(M1), True), "meeting number as a number: %s" % rows[1])
    rows = sheet(get(session("rikke"), "/forums/%d/meetings.xlsx?year=2026" % FORUM_A))
    check(len(rows) == 2 and rows[1][7] == (float(M0), True), "2026: %s" % rows)
    check(get(session("rikke"), "/forums/%d/meetings.xlsx?year=abc" % FORUM_A).status == 400,
          "a year that is not a number")
    check(get(Session(k), "/forums/%d/meetings.xlsx" % FORUM_A).status in (303, 401, 403, 404),
          "anonymous reads a closed forum's plan")


def test_forum_followups():
    rows = sheet(get(session("sofie"), "/forums/%d/followups.xlsx" % FORUM_A))
    head = [v for v, _ in rows[0]]
    check(head[0] == "Opfølgning" and "Frist" in head, "Danish headers: %s" % head)
    whats = {row[0][0] for row in rows[1:]}
    check(whats == {"Skriv notat om genoptræning", "Forummet følger op",
                    "Fortroligt opfølgningspunkt", "En andens opgave"},
          "open follow-ups only: %s" % whats)
    due = [row for row in rows[1:] if row[0][0] == "Skriv notat om genoptræning"][0][3]
    check(due == (serial(datetime.date(2027, 4, 30)), True), "due as an Excel date: %s" % (due,))
    check(get(session("rikke"), "/forums/%d/followups.xlsx" % FORUM_A).status in (403, 404),
          "a reader gets the forum's internal follow-ups")


def test_own_followups():
    rows = sheet(get(session("morten"), "/followups.xlsx"))
    whats = {row[0][0] for row in rows[1:]}
    check(whats == {"Skriv notat om genoptræning"}, "morten's open follow-ups: %s" % whats)
    check("Allerede gjort" not in texts(rows) and "En andens opgave" not in texts(rows),
          "done and others' follow-ups are absent")
    rows = sheet(get(session("rikke"), "/followups.xlsx"))
    check(len(rows) == 1, "rikke owns nothing: %s" % rows)


def test_referrals():
    rows = sheet(get(session("sofie"), "/forums/%d/referrals.xlsx" % FORUM_A))
    head = [v for v, _ in rows[0]]
    check(head[0] == "Titel", "Danish headers: %s" % head)
    by_title = {row[0][0]: row for row in rows[1:]}
    check(set(by_title) == {"Sendt videre", "Bestilling"}, "both ways: %s" % sorted(by_title))
    out = by_title["Sendt videre"]
    check(out[5] == (serial(datetime.date(2027, 5, 1)), True), "answer by: %s" % (out[5],))
    check(out[8] == (float(R_OUT), True), "number: %s" % (out[8],))
    check(by_title["Bestilling"][7] == ("Svar givet", False), "answer: %s" % by_title)
    check(get(session("rikke"), "/forums/%d/referrals.xlsx" % FORUM_A).status in (403, 404),
          "a reader gets the forum's referrals")


if __name__ == "__main__":
    try:
        k.start()
        run([("a forum's year plan", test_year_plan),
             ("a forum's open follow-ups", test_forum_followups),
             ("one's own open follow-ups", test_own_followups),
             ("a forum's referrals", test_referrals)])
    finally:
        k.close()
