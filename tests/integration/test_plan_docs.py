#!/usr/bin/env python3
"""test_plan_docs.py - action plans' documents over HTTP against the demo database: a round's
overview as PDF and Excel and the plan's workbook, for those who may read the plan and for
nobody else; the round page's documents section, with the form that puts the overview on an
agenda item only for the Chefforum's secretary; attaching it (then on the meeting's page), and
bad or unauthorised attempts that change nothing."""
import io
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from harness import Klynge, Session, check, run

SUPP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsan.supp")
os.environ["LSAN_OPTIONS"] = "suppressions=" + SUPP
k = Klynge(sys.argv[1], demo=True)
CHEF = k.sql("SELECT id FROM forum WHERE name = 'Chefforum – Klynge MIDT'")[0][0]
PLAN = k.sql("SELECT id FROM action_plan WHERE forum_id = ?", (CHEF,))[0][0]
ROUND = k.sql("SELECT id FROM status_round WHERE plan_id = ? ORDER BY due_on DESC",
              (PLAN,))[0][0]
ITEM, MEETING = k.sql("SELECT i.id, m.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
                      " WHERE m.forum_id = ? AND m.status = 'agenda_draft' ORDER BY i.id LIMIT 1",
                      (CHEF,))[0]
for login, role in (("sekr", "secretary"), ("laeser", "reader")):
    k.add_user(login)
    k.grant(login, CHEF, role)
k.add_user("ude")
k.start()
TMP = tempfile.mkdtemp(prefix="klynge-plandocs-")
atexit.register(shutil.rmtree, TMP, True)


def session(login):
    s = Session(k)
    if login:
        r = s.login(login)
        check(r.status == 303, "login %s: %d" % (login, r.status))
    return s


def attachments():
    return k.sql("SELECT count(*) FROM attachment WHERE item_id = ?", (ITEM,))[0][0]


def test_overview_pdf():
    r = session("laeser").get("/status-rounds/%d/overview.pdf" % ROUND)
    check(r.status == 200 and r.header("Content-Type") == "application/pdf", r.status)
    check("attachment;" in (r.header("Content-Disposition") or ""), r.headers)
    path = os.path.join(TMP, "o.pdf")
    with open(path, "wb") as f:
        f.write(r.body)
    text = " ".join(subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    check("Indsats 1b, 8, 11 og 13 har ikke indgivet status." in text, text[:400])
    check("Mangler" in text and "Side 1 af 1" in text, text[:400])


def test_workbooks():
    s = session("laeser")
    for path, sheets in (("/status-rounds/%d/overview.xlsx" % ROUND, ["Statusrunde"]),
                         ("/plans/%d/plan.xlsx" % PLAN, ["Indsatser", "Midler"])):
        r = s.get(path)
        check(r.status == 200 and "spreadsheetml" in r.header("Content-Type"), path)
        with zipfile.ZipFile(io.BytesIO(r.body)) as z:
            book = z.read("xl/workbook.xml").decode()
        for name in sheets:
            check('name="%s"' % name in book, "%s: sheet %s" % (path, name))


def test_only_readers_download():
    for login in (None, "ude"):
        s = session(login)
        for path in ("/status-rounds/%d/overview.pdf" % ROUND,
                     "/status-rounds/%d/overview.xlsx" % ROUND, "/plans/%d/plan.xlsx" % PLAN):
            r = s.get(path)
            check(r.status in (303, 403, 404) and b"%PDF" not in r.body[:8],
                  "%s as %s: %d" % (path, login, r.status))
    r = session("laeser").get("/status-rounds/999999/overview.pdf")
    check(r.status == 404, r.status)


def test_round_page_section():
    page = session("laeser").get("/status-rounds/%d" % ROUND).text
    check("/status-rounds/%d/overview.pdf" % ROUND in page and "/plans/%d/plan.xlsx" % PLAN
          in page, "download links")
    check('action="/status-rounds/%d/attach"' % ROUND not in page, "no form for a reader")
    page = session("sekr").get("/status-rounds/%d" % ROUND).text
    check('action="/status-rounds/%d/attach"' % ROUND in page, "the secretary's form")
    check('value="%d"' % ITEM in page, "the open agenda's item is offered")


def test_attach():
    s = session("sekr")
    before = attachments()
    token = s.csrf("/status-rounds/%d" % ROUND, action="/status-rounds/%d/attach" % ROUND)
    r = s.request("POST", "/status-rounds/%d/attach" % ROUND,
                  body={"csrf": token, "item_id": str(ITEM), "format": "pdf"})
    check(r.status == 303, "attach: %d %s" % (r.status, r.text[:300]))
    check(r.header("Location") == "/meetings/%d#item-%d" % (MEETING, ITEM), r.header("Location"))
    check(attachments() == before + 1, "one attachment more")
    title = k.sql("SELECT title FROM attachment WHERE item_id = ? ORDER BY id DESC LIMIT 1",
                  (ITEM,))[0][0]
    check(re.match(r"Statusoversigt: Status \d{4}$", title), title)
    page = s.get("/meetings/%d" % MEETING).text
    check(title in page, "the attachment on the meeting's page")


def test_bad_attach_changes_nothing():
    s = session("sekr")
    before = attachments()
    token = s.csrf("/status-rounds/%d" % ROUND, action="/status-rounds/%d/attach" % ROUND)
    for body, field in (({"item_id": str(ITEM), "format": "doc"}, "format"),
                        ({"format": "pdf"}, "item_id"),
                        ({"item_id": "abc", "format": "pdf"}, "item_id")):
        body["csrf"] = token
        r = s.request("POST", "/status-rounds/%d/attach" % ROUND, body=body)
        check(r.status == 400 and 'aria-invalid="true"' in r.text, "%s: %d" % (field, r.status))
    r = s.request("POST", "/status-rounds/%d/attach" % ROUND,
                  body={"csrf": token, "item_id": "999999", "format": "pdf"})
    check(r.status in (400, 404), "unknown item: %d" % r.status)
    reader = session("laeser")
    token = reader.csrf("/account", action="/logout")
    r = reader.request("POST", "/status-rounds/%d/attach" % ROUND,
                       body={"csrf": token, "item_id": str(ITEM), "format": "pdf"})
    check(r.status == 403, "a reader attaches: %d" % r.status)
    r = s.request("POST", "/status-rounds/%d/attach" % ROUND,
                  body={"item_id": str(ITEM), "format": "pdf"})
    check(r.status == 403, "no CSRF token: %d" % r.status)
    check(attachments() == before, "nothing attached")


def test_meeting_page_names_the_initiatives():
    item, meeting = k.sql("SELECT l.item_id, i.meeting_id FROM initiative_item l "
                          "JOIN agenda_item i ON i.id = l.item_id LIMIT 1")[0]
    linked = [i for (i,) in k.sql("SELECT initiative_id FROM initiative_item WHERE item_id = ?",
                                  (item,))]
    page = session("laeser").get("/meetings/%d" % meeting).text
    block = page[page.find('id="item-%d"' % item):]
    block = block[:block.find("</section>")]
    check("Vedrører:" in block, "the item says what it concerns")
    for iid in linked:
        check('href="/initiatives/%d"' % iid in block, "a link to initiative %d" % iid)


def test_initiative_form_picks_indicators_from_the_catalogue():
    iid, group = k.sql("SELECT id, group_forum_id FROM initiative WHERE plan_id = ? AND "
                       "label = '1a'", (PLAN,))[0]
    s = session("sekr")
    page = s.get("/initiatives/%d/edit" % iid).text
    check(re.search(r'name="ind_FOREBYG-65" value="1" checked', page), "the followed one ticked")
    check(re.search(r'name="ind_GENIND-SOM-30" value="1">', page), "another one to tick")
    token = s.csrf("/initiatives/%d/edit" % iid, action="/initiatives/%d/edit" % iid)
    r = s.request("POST", "/initiatives/%d/edit" % iid, body={
        "csrf": token, "label": "1a", "title": "Akutpladser i kommunerne", "process": "A",
        "status": "active", "group_forum_id": str(group), "ind_GENIND-SOM-30": "1",
        "ind_FAERDIG-SOM": "1"})
    check(r.status == 303, "%d %s" % (r.status, r.text[:300]))
    codes = [c for (c,) in k.sql("SELECT indicator_code FROM initiative_indicator WHERE "
                                 "initiative_id = ? ORDER BY indicator_code", (iid,))]
    check(codes == ["FAERDIG-SOM", "GENIND-SOM-30"], codes)


def test_milestone_changed_on_the_page():
    iid = k.sql("SELECT id FROM initiative WHERE plan_id = ? AND label = '1b'", (PLAN,))[0][0]
    mid = k.sql("SELECT id FROM milestone WHERE initiative_id = ? ORDER BY due_on LIMIT 1",
                (iid,))[0][0]
    s = session("sekr")
    action = "/milestones/%d/edit" % mid
    token = s.csrf("/initiatives/%d" % iid, action=action)
    r = s.request("POST", action, body={"csrf": token, "form": "milestone-%d" % mid,
                                        "title": "Første borgere i forløb i Aalborg Øst",
                                        "due_on": "2026-10-01", "done_on": ""})
    check(r.status == 303, "save: %d %s" % (r.status, r.text[:200]))
    row = k.sql("SELECT title, due_on, done_on FROM milestone WHERE id = ?", (mid,))[0]
    check(row == ("Første borgere i forløb i Aalborg Øst", "2026-10-01", None), row)
    r = s.request("POST", action, body={"csrf": token, "form": "milestone-%d" % mid,
                                        "title": "", "due_on": "1. oktober"})
    check(r.status == 400 and 'aria-invalid="true"' in r.text, "problems: %d" % r.status)
    check(k.sql("SELECT title FROM milestone WHERE id = ?", (mid,))[0][0] ==
          "Første borgere i forløb i Aalborg Øst", "unchanged")
    reader = session("laeser")
    r = reader.request("POST", action, body={"csrf": reader.csrf("/account", action="/logout"),
                                             "title": "x", "due_on": "2026-01-01"})
    check(r.status in (403, 404), "a reader: %d" % r.status)


try:
    run([
        ("the overview as PDF", test_overview_pdf),
        ("the overview and the plan as workbooks", test_workbooks),
        ("only the plan's readers download", test_only_readers_download),
        ("the round page's documents section", test_round_page_section),
        ("the overview on an agenda item", test_attach),
        ("bad and unauthorised attempts change nothing", test_bad_attach_changes_nothing),
        ("the meeting page names the initiatives", test_meeting_page_names_the_initiatives),
        ("the initiative form picks indicators from the catalogue",
         test_initiative_form_picks_indicators_from_the_catalogue),
        ("a milestone changed on the page", test_milestone_changed_on_the_page),
    ])
finally:
    k.close()
