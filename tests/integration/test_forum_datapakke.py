#!/usr/bin/env python3
"""test_forum_datapakke.py - a forum chooses its data package's fixed selection of indicators
(issue 8: "a forum chooses its fixed selection"): the forum page says what the package shows,
the secretary's form chooses from the catalogue, the package PDF then holds the chosen
indicators and no others, an empty choice goes back to the cluster's, and readers, unknown
codes and requests without the CSRF token change nothing."""
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import Klynge, Session, check, run

SUPP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsan.supp")
os.environ["LSAN_OPTIONS"] = "suppressions=" + SUPP
k = Klynge(sys.argv[1], demo=True)
CHEF = k.sql("SELECT id FROM forum WHERE name = 'Chefforum – Klynge MIDT'")[0][0]
MEETING = k.sql("SELECT id FROM meeting WHERE forum_id = ? AND status = 'agenda_draft' "
                "ORDER BY starts_at LIMIT 1", (CHEF,))[0][0]
for login, role in (("sekr", "secretary"), ("laeser", "reader")):
    k.add_user(login)
    k.grant(login, CHEF, role)
k.start()
TMP = tempfile.mkdtemp(prefix="klynge-forumdp-")
atexit.register(shutil.rmtree, TMP, True)
CHOSEN = {"FOREBYG-65": "Forebyggelige akutte sygehusophold blandt ældre",
          "PLEJEHJEMSLAEGE": "Plejehjem med fast tilknyttet læge"}
OTHER = "Akutte somatiske genindlæggelser inden for 30 dage"


def session(login):
    s = Session(k)
    r = s.login(login)
    check(r.status == 303, "login %s: %d" % (login, r.status))
    return s


def choice():
    return [c for (c,) in k.sql("SELECT indicator_code FROM forum_indicator WHERE forum_id = ? "
                                "ORDER BY position", (CHEF,))]


def package_text(s):
    r = s.get("/meetings/%d/datapakke.pdf" % MEETING)
    check(r.status == 200 and r.body[:5] == b"%PDF-", "datapakke.pdf: %d" % r.status)
    path = os.path.join(TMP, "dp.pdf")
    with open(path, "wb") as f:
        f.write(r.body)
    return " ".join(subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True,
                                   check=True).stdout.split())


def post(s, fields, token=True):
    body = dict(fields)
    if token:
        body["csrf"] = s.csrf("/forums/%d" % CHEF, action="/forums/%d/datapakke" % CHEF)
    return s.request("POST", "/forums/%d/datapakke" % CHEF, body=body)


def test_page_before_a_choice():
    page = session("laeser").get("/forums/%d" % CHEF).text
    check('id="datapakke"' in page, "the section")
    check('action="/forums/%d/datapakke"' % CHEF not in page, "no form for a reader")
    page = session("sekr").get("/forums/%d" % CHEF).text
    check('action="/forums/%d/datapakke"' % CHEF in page, "the secretary's form")
    check('name="ind_FOREBYG-65"' in page, "the catalogue's indicators to choose from")
    check(OTHER in package_text(session("sekr")), "without a choice: the cluster's indicators")


def test_the_secretary_chooses():
    s = session("sekr")
    r = post(s, {"ind_FOREBYG-65": "1", "ind_PLEJEHJEMSLAEGE": "1"})
    check(r.status == 303 and r.header("Location") == "/forums/%d#datapakke" % CHEF,
          "%d %s" % (r.status, r.header("Location")))
    check(choice() == ["FOREBYG-65", "PLEJEHJEMSLAEGE"], choice())
    page = s.get("/forums/%d" % CHEF).text
    section = page[page.find('id="datapakke"'):]
    for name in CHOSEN.values():
        check(name in section, name)
    check(re.search(r'name="ind_FOREBYG-65" value="1" checked', page), "ticked in the form")
    text = package_text(s)
    for name in CHOSEN.values():
        check(name in text, "%s in the package" % name)
    check(OTHER not in text, "an indicator not chosen is not in the package")
    audit = k.sql("SELECT count(*) FROM audit_log WHERE entity = 'forum_indicators'")[0][0]
    check(audit >= 1, "audited")


def test_refusals_change_nothing():
    before = choice()
    r = post(session("laeser"), {"ind_GENIND-SOM-30": "1"})
    check(r.status == 403, "a reader: %d" % r.status)
    r = post(session("sekr"), {"ind_NO-SUCH": "1"})
    check(r.status == 400, "an unknown code: %d" % r.status)
    r = post(session("sekr"), {"ind_GENIND-SOM-30": "1"}, token=False)
    check(r.status == 403, "no CSRF token: %d" % r.status)
    check(choice() == before, "nothing changed: %s" % choice())


def test_an_empty_choice_goes_back_to_the_cluster():
    s = session("sekr")
    r = post(s, {})
    check(r.status == 303 and choice() == [], "%d %s" % (r.status, choice()))
    check(OTHER in package_text(s), "the cluster's indicators again")


try:
    run([
        ("the page and the package before a choice", test_page_before_a_choice),
        ("the secretary chooses the package's indicators", test_the_secretary_chooses),
        ("refusals change nothing", test_refusals_change_nothing),
        ("an empty choice goes back to the cluster's", test_an_empty_choice_goes_back_to_the_cluster),
    ])
finally:
    k.close()
