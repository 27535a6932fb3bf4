#!/usr/bin/env python3
"""test_meeting_pdf.py - the agenda and minutes of a meeting as PDF over HTTP and from the
command line: a realistic meeting entered through the API (members by organisation, an
absence with a substitute, items with recommendations, Markdown case texts, attachments, a
closed item), then /meetings/{id}/agenda.pdf and /minutes.pdf read back with pdftotext and
pdfinfo: the items and headings, "Side 1 af N", the page count, bookmarks and links, two
pages compared with reviewed reference images (pdftoppm, gray, 40 dpi) within a tolerance; the
closed item absent for anonymous visitors and readers and present for members; the minutes
404 before they are published; and `klynge meeting pdf ID --minutes -o FILE`."""
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import Klynge, Session, check, run

# fontconfig, pango and cairo keep caches to the end of a process: not leaks of ours
SUPP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsan.supp")
os.environ["LSAN_OPTIONS"] = "suppressions=" + SUPP
k = Klynge(sys.argv[1])
k.add_user("root", admin=True)
k.add_user("morten")
k.add_user("rikke")
ids = {}
TMP = tempfile.mkdtemp(prefix="klynge-pdf-")

ITEMS = [("Brug af data i klyngesamarbejdet", ["developing", "deciding"],
          ["Drøfter hvordan data skal bruges", "Beslutter hvilke data der følges"],
          "Arbejdet i klyngen skal være **datadrevet**.\n\n- Sundhedsdata på tværs\n"
          "- Data med afsæt i akutpakken\n", False,
          "Data i relation til akutpakken følges tæt.", "approved"),
         ("Handleplan, status for indsatserne", ["informing"],
          ["Tager status til efterretning"], "Indsats 3, 4 og 10 har fået *forlænget* fristen.",
          False, "Status blev taget til efterretning.", "noted"),
         ("Fortrolig personalesag om økonomi", ["negotiating"], ["Drøfter sagen"],
          "Lukket punkt.", True, "Drøftet.", "noted")]


def api(s, method, path, body):
    r = s.request(method, path, body=json.dumps(body), headers={
        "Content-Type": "application/json", "X-CSRF-Token": s.csrf("/account", action="/logout")})
    check(r.status in (200, 201), "%s %s: %d %s" % (method, path, r.status, r.text[:300]))
    return r.json()


def pdf_text(data, *args):
    path = os.path.join(TMP, "t.pdf")
    with open(path, "wb") as f:
        f.write(data)
    return subprocess.run(["pdftotext"] + list(args) + [path, "-"], capture_output=True,
                          text=True, check=True).stdout


def pdf_pages(data):
    path = os.path.join(TMP, "i.pdf")
    with open(path, "wb") as f:
        f.write(data)
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


REFERENCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference")


def gray_page(data, page):
    """Page `page` of the PDF as 8-bit gray pixels at 40 dpi: (width, height, bytes)."""
    path = os.path.join(TMP, "r.pdf")
    with open(path, "wb") as f:
        f.write(data)
    out = subprocess.run(["pdftoppm", "-gray", "-r", "40", "-f", str(page), "-l", str(page),
                          path], capture_output=True, check=True).stdout
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", out)
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, out[m.end():m.end() + w * h]


def like_reference(data, page, name):
    """The page looks like the reviewed reference tests/integration/reference/NAME.pgm.gz:
    same size, mean difference under 1 of 255 and under 0.2 % of pixels off by more than
    96 (anti-aliasing may differ a little between machines; a moved or changed line of
    text does not pass). With
    KLYNGE_UPDATE_REFERENCE=1 the reference is written instead (review it before
    committing)."""
    w, h, px = gray_page(data, page)
    ref = os.path.join(REFERENCE, name + ".pgm.gz")
    if os.environ.get("KLYNGE_UPDATE_REFERENCE"):
        os.makedirs(REFERENCE, exist_ok=True)
        with gzip.GzipFile(ref, "wb", mtime=0) as f:
            f.write(b"P5\n%d %d\n255\n" % (w, h) + px)
        return
    with gzip.open(ref, "rb") as f:
        blob = f.read()
    m = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", blob)
    rw, rh, rpx = int(m.group(1)), int(m.group(2)), blob[m.end():]
    check((w, h) == (rw, rh), "%s: size %dx%d, reference %dx%d" % (name, w, h, rw, rh))
    diff = [abs(a - b) for a, b in zip(px, rpx)]
    mean = sum(diff) / len(diff)
    off = sum(1 for d in diff if d > 96) / len(diff)
    check(mean < 1 and off < 0.002, "%s differs from its reference: mean %.2f, %.2f %% of "
          "pixels off" % (name, mean, off * 100))


def signed_in(login):
    s = Session(k)
    r = s.login(login)
    check(r.status == 303, "login %s: %d" % (login, r.status))
    return s


def test_enter_a_meeting():
    s = signed_in("root")
    ids["root"] = s
    f = api(s, "POST", "/api/v1/forums", {"name": "Chefforum Sundhedsklynge Midt",
                                          "kind": "chief"})
    ids["forum"] = f["id"]
    k.sql("UPDATE forum SET is_public = 1 WHERE id = ?", (f["id"],))
    k.grant("morten", f["id"], "member")
    k.grant("rikke", f["id"], "reader")
    orgs = {n: api(s, "POST", "/api/v1/organisations", {"name": n, "kind": "other"})["id"]
            for n in ("Region Nordjylland", "Aalborg Kommune")}
    people = {}
    for name, org, role in (("Daniel Kjærgaard Simonsen", "Region Nordjylland", "co_chair"),
                            ("Henrik Ravn", "Aalborg Kommune", "co_chair"),
                            ("Alice Aagaard Hagemann", "Aalborg Kommune", "member"),
                            ("Maja Lynderup Behrmann", "Region Nordjylland", "secretary")):
        people[name] = api(s, "POST", "/api/v1/people", {"name": name,
                                                         "organisation_id": orgs[org]})["id"]
        api(s, "POST", "/api/v1/memberships", {"person_id": people[name], "forum_id": f["id"],
                                               "role": role, "organisation_id": orgs[org],
                                               "starts_on": "2023-01-01"})
    m = api(s, "POST", "/api/v1/meetings", {"forum_id": f["id"],
                                            "starts_local": "2023-08-30 13:00",
                                            "ends_local": "2023-08-30 16:00",
                                            "place": "Mødelokale K, Regionshuset"})
    mid = ids["meeting"] = m["id"]
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "start_agenda"})
    ids["items"] = []
    for title, rooms, rec, case, closed, _, _ in ITEMS:
        it = api(s, "POST", "/api/v1/meetings/%d/items" % mid,
                 {"title": title, "rooms": rooms, "recommendation": rec, "case_text": case,
                  "closed": closed, "presenter": "Daniel Kjærgaard Simonsen"})
        ids["items"].append(it["id"])
    api(s, "POST", "/api/v1/meetings/%d/status" % mid,
        {"action": "publish_agenda", "reason": "Indtastet efterfølgende"})
    tina = api(s, "POST", "/api/v1/people", {"name": "Tina Maria Larsen",
                                             "organisation_id": orgs["Aalborg Kommune"]})["id"]
    api(s, "POST", "/api/v1/meetings/%d/absence" % mid,
        {"person_id": people["Alice Aagaard Hagemann"], "substitute_id": tina})


def get_pdf(s, which):
    return s.get("/meetings/%d/%s.pdf" % (ids["meeting"], which))


def test_agenda_pdf():
    r = get_pdf(ids["root"], "agenda")
    check(r.status == 200, "agenda.pdf: %d %s" % (r.status, r.text[:200]))
    check(r.header("Content-Type") == "application/pdf", r.header("Content-Type"))
    check((r.header("Content-Disposition") or "").startswith('inline; filename="dagsorden-'),
          r.header("Content-Disposition"))
    check(r.body.startswith(b"%PDF-"), "not a PDF")
    text = pdf_text(r.body)
    n = pdf_pages(r.body)
    check(n >= 5, "pages: %d" % n)
    for want in ("Dagsorden", "Chefforum Sundhedsklynge Midt", "onsdag d. 30. august 2023",
                 "kl. 13.00", "Mødelokale K, Regionshuset", "Indholdsfortegnelse",
                 "Godkendelse af dagsorden", "Indstilling", "Sagsfremstilling",
                 "Drøfter hvordan data skal bruges", "datadrevet", "Sundhedsdata på tværs",
                 "Fremlægges af Daniel Kjærgaard Simonsen", "Side 1 af %d" % n,
                 "Side %d af %d" % (n, n), ITEMS[0][0], ITEMS[2][0], "Lukket punkt"):
        check(want in text, "agenda PDF lacks %r" % want)
    check("Ingen beslutning registreret" not in text, "an agenda has no decisions")
    check(b"/Outlines" in r.body and b"/Link" in r.body, "bookmarks and links")
    ids["agenda"] = r.body


def test_looks_like_the_reference():
    data = ids["agenda"]
    m = re.search(r"Brug af data i klyngesamarbejdet\s*\.*\s*(\d+)\n", pdf_text(data, "-layout"))
    check(m, "TOC line of the data item")
    like_reference(data, 1, "agenda-front-page")
    like_reference(data, int(m.group(1)), "agenda-item-page")


def test_closed_item_only_for_members():
    anon = Session(k)
    for who, s in (("anonymous", anon), ("reader", signed_in("rikke"))):
        r = get_pdf(s, "agenda")
        check(r.status == 200, "agenda.pdf as %s: %d" % (who, r.status))
        text = pdf_text(r.body)
        check(ITEMS[0][0] in text, "%s sees the open items" % who)
        check(ITEMS[2][0] not in text, "%s sees the closed item" % who)
        check("Offentlig udgave" in text, "%s gets the public version" % who)
    r = get_pdf(signed_in("morten"), "agenda")
    check(r.status == 200, "agenda.pdf as member: %d" % r.status)
    text = pdf_text(r.body)
    check(ITEMS[2][0] in text and "Offentlig udgave" not in text, "member gets the full one")


def test_minutes_not_before_published():
    for s in (Session(k), signed_in("rikke")):
        r = get_pdf(s, "minutes")
        check(r.status == 404, "minutes.pdf before publication: %d" % r.status)
    s = ids["root"]
    mid = ids["meeting"]
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "mark_held"})
    check(get_pdf(s, "minutes").status == 404, "held: no minutes yet")
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "start_minutes"})
    for it_id, item in zip(ids["items"], ITEMS):
        api(s, "POST", "/api/v1/items/%d/decision" % it_id,
            {"decision": item[5], "outcome": item[6]})
    r = get_pdf(s, "minutes")
    check(r.status == 200 and "UDKAST" in pdf_text(r.body), "the secretary's draft minutes")
    check(get_pdf(Session(k), "minutes").status == 404, "draft minutes are not public")


def test_minutes_pdf():
    s = ids["root"]
    api(s, "POST", "/api/v1/meetings/%d/status" % ids["meeting"], {"action": "publish_minutes"})
    r = get_pdf(Session(k), "minutes")
    check(r.status == 200, "minutes.pdf: %d %s" % (r.status, r.text[:200]))
    text = pdf_text(r.body)
    n = pdf_pages(r.body)
    for want in ("Referat", "Deltagere", "Region Nordjylland", "Daniel Kjærgaard Simonsen",
                 "medformand", "Afbud", "Alice Aagaard Hagemann", "Tina Maria Larsen",
                 "stedfortræder for Alice Aagaard Hagemann", "Sekretariat",
                 "Maja Lynderup Behrmann", "Beslutning", "Godkendt", "Taget til efterretning",
                 "Data i relation til akutpakken følges tæt.", "Side 1 af %d" % n):
        check(want in text, "minutes PDF lacks %r" % want)
    check(ITEMS[2][0] not in text and "UDKAST" not in text, "public minutes")
    # the table of contents names each section's page; the item is on that page
    m = re.search(r"Brug af data i klyngesamarbejdet\s*\.*\s*(\d+)\n", pdf_text(r.body, "-layout"))
    check(m, "TOC line with a page number")
    page = int(m.group(1))
    on_page = pdf_text(r.body, "-f", str(page), "-l", str(page))
    check("Brug af data i klyngesamarbejdet" in on_page and "Side %d af %d" % (page, n) in on_page,
          "the TOC's page %d holds the item" % page)


def test_command_line():
    out = os.path.join(TMP, "referat.pdf")
    k.run("meeting", "pdf", str(ids["meeting"]), "--minutes", "-o", out, "--db", k.db)
    with open(out, "rb") as f:
        data = f.read()
    text = pdf_text(data)
    check(data.startswith(b"%PDF-") and ITEMS[2][0] in text, "the CLI writes the full minutes")
    status, _, err = k.run("meeting", "pdf", "999999", "-o", out, "--db", k.db, check=False)
    check(status != 0 and "not found" in err, "unknown meeting: %d %s" % (status, err))


def test_no_home_directory():
    env = {k2: v for k2, v in os.environ.items() if k2 not in ("HOME", "XDG_CACHE_HOME")}
    out = os.path.join(TMP, "nohome.pdf")
    p = subprocess.run([k.binary, "meeting", "pdf", str(ids["meeting"]), "-o", out, "--db",
                        k.db], capture_output=True, text=True, env=env, timeout=60)
    check(p.returncode == 0, "without HOME: %d %s" % (p.returncode, p.stderr))
    check("Fontconfig" not in p.stderr, "fontconfig complains: %s" % p.stderr)


if __name__ == "__main__":
    try:
        k.start()
        run([("enter a meeting through the API", test_enter_a_meeting),
             ("agenda PDF: items, headings, pages, bookmarks", test_agenda_pdf),
             ("pages look like the reviewed references", test_looks_like_the_reference),
             ("closed item only in the members' PDF", test_closed_item_only_for_members),
             ("no minutes PDF before publication", test_minutes_not_before_published),
             ("minutes PDF: participants, decisions, TOC pages", test_minutes_pdf),
             ("klynge meeting pdf", test_command_line),
             ("works without a home directory", test_no_home_directory)])
    finally:
        k.close()
        shutil.rmtree(TMP, ignore_errors=True)
