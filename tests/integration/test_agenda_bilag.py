#!/usr/bin/env python3
"""test_agenda_bilag.py - "dagsorden med bilag": the agenda followed by the PDF attachments
of its items, over HTTP (/meetings/{id}/agenda-bilag.pdf) and from the command line
(klynge meeting pdf ID --with-attachments). Read back with pdfinfo and pdftotext: the page
count is the agenda's plus the attachments', the attachments' text is there in agenda order
and on the page the agenda names, the public version leaves out the closed item and its
attachment, a Word file is listed and not merged, and a PDF that cannot be read is listed
as not included while the rest of the document is made."""
import json
import os
import re
import subprocess
import sys
import tempfile

from harness import Klynge, Session, check, run
from pdfgen import make_docx, make_pdf

SUPP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsan.supp")
os.environ["LSAN_OPTIONS"] = "suppressions=" + SUPP
k = Klynge(sys.argv[1])
k.add_user("root", admin=True)
k.add_user("morten")
ids = {}
TMP = tempfile.mkdtemp(prefix="klynge-bilag-")

PDF_A = make_pdf([["Bilag A, side et", "Genoptræningsplanerne for ældre"], ["Bilag A, side to"]])
PDF_B = make_pdf([["Bilag B om akutpladser"]])
PDF_C = make_pdf([["Hemmeligt bilag om personalesagen"]])
BROKEN = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer <<>>\n"


def api(s, method, path, body):
    r = s.request(method, path, body=json.dumps(body), headers={
        "Content-Type": "application/json", "X-CSRF-Token": s.csrf("/account", action="/logout")})
    check(r.status in (200, 201), "%s %s: %d %s" % (method, path, r.status, r.text[:300]))
    return r.json()


def upload(s, item, filename, data, title):
    boundary = "klyngebilagboundary7f3a"
    parts = [("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
              % (boundary, s.csrf("/account", action="/logout"))).encode(),
             ("--%s\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n%s\r\n"
              % (boundary, title)).encode(),
             ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
              "Content-Type: application/octet-stream\r\n\r\n" % (boundary, filename)).encode()
             + data + b"\r\n", ("--%s--\r\n" % boundary).encode()]
    r = s.request("POST", "/api/v1/items/%d/attachments" % item, body=b"".join(parts),
                  headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
    check(r.status == 201, "upload %s: %d %s" % (filename, r.status, r.text[:300]))


def save(data, name):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def pdf_text(data, *args):
    return subprocess.run(["pdftotext"] + list(args) + [save(data, "t.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout


def pdf_pages(data):
    out = subprocess.run(["pdfinfo", save(data, "i.pdf")], capture_output=True, text=True,
                         check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def signed_in(login):
    s = Session(k)
    check(s.login(login).status == 303, "login " + login)
    return s


def test_enter_a_meeting_with_attachments():
    s = ids["root"] = signed_in("root")
    f = api(s, "POST", "/api/v1/forums", {"name": "Driftsforum Nord", "kind": "operations"})
    k.sql("UPDATE forum SET is_public = 1 WHERE id = ?", (f["id"],))
    k.grant("morten", f["id"], "member")
    m = api(s, "POST", "/api/v1/meetings", {"forum_id": f["id"],
                                            "starts_local": "2024-03-12 09:00",
                                            "ends_local": "2024-03-12 11:00", "place": "Aalborg"})
    mid = ids["meeting"] = m["id"]
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "start_agenda"})
    items = []
    for title, closed in (("Genoptræning efter udskrivelse", False),
                          ("Akutpladser i kommunerne", False),
                          ("Fortrolig personalesag", True)):
        items.append(api(s, "POST", "/api/v1/meetings/%d/items" % mid,
                         {"title": title, "rooms": ["informing"], "closed": closed})["id"])
    upload(s, items[0], "plan.pdf", PDF_A, "Plan for genoptræning")
    upload(s, items[0], "notat.docx", make_docx("Et notat"), "Notat i Word")
    upload(s, items[0], "skadet.pdf", BROKEN, "Skadet fil")
    upload(s, items[1], "akut.pdf", PDF_B, "Akutpladser")
    upload(s, items[2], "hemmelig.pdf", PDF_C, "Personalesag")
    api(s, "POST", "/api/v1/meetings/%d/status" % mid,
        {"action": "publish_agenda", "reason": "Test"})


def get(s, which):
    return s.get("/meetings/%d/%s.pdf" % (ids["meeting"], which))


def check_document(s, who, full):
    agenda = get(s, "agenda")
    r = get(s, "agenda-bilag")
    check(r.status == 200, "agenda-bilag.pdf as %s: %d %s" % (who, r.status, r.text[:200]))
    check(r.header("Content-Type") == "application/pdf", r.header("Content-Type"))
    check((r.header("Content-Disposition") or "").startswith(
        'inline; filename="dagsorden-med-bilag-2024-03-12-'), r.header("Content-Disposition"))
    n, base = pdf_pages(r.body), pdf_pages(agenda.body)
    extra = 4 if full else 3   # A (2 pages), B (1) and, for members, C (1)
    check(n == base + extra, "%s: %d pages, the agenda has %d" % (who, n, base))
    text = pdf_text(r.body)
    for want in ("Genoptræningsplanerne for ældre", "Bilag A, side to", "Bilag B om akutpladser",
                 "Notat i Word (ikke medtaget: ikke en PDF)",
                 "Skadet fil (ikke medtaget: PDF-filen kan ikke læses)"):
        check(want in text, "%s: the document lacks %r" % (who, want))
    check(text.index("Bilag A, side et") > text.index("Akutpladser i kommunerne"),
          "the attachments follow the agenda")
    check(text.index("Bilag A, side to") < text.index("Bilag B om akutpladser"), "agenda order")
    check(("Hemmeligt bilag" in text) == full and ("Fortrolig personalesag" in text) == full,
          "%s: the closed item and its attachment only in the full version" % who)
    # the agenda names the page each attachment starts on
    m = re.search(r"Akutpladser \(side (\d+)\)", text)
    check(m, "%s: page of attachment B on the agenda" % who)
    page = int(m.group(1))
    check("Bilag B om akutpladser" in pdf_text(r.body, "-f", str(page), "-l", str(page)),
          "%s: page %d holds attachment B" % (who, page))
    # the outline: a "Bilag" entry with one child per merged attachment
    # (the items after the forum's standard ones: approval of the agenda, the round)
    for entry in (rb"/Title \(Bilag\)", rb"/Title \(Punkt \d+: Plan for genoptr",
                  rb"/Title \(Punkt \d+: Akutpladser\)"):
        check(re.search(entry, r.body), "%s: outline entry %r" % (who, entry))
    check(bool(re.search(rb"\(Punkt \d+: Personalesag\)", r.body)) == full,
          "%s: the closed item's entry only in the full version" % who)
    check(b"/Link" in r.body, "the agenda's links kept")
    return r.body


def test_full_version_for_members():
    for who, s in (("admin", ids["root"]), ("member", signed_in("morten"))):
        check_document(s, who, True)


def test_public_version_without_closed_attachments():
    check_document(Session(k), "anonymous", False)


def test_meeting_page_links_it():
    r = Session(k).get("/meetings/%d" % ids["meeting"])
    check('/meetings/%d/agenda-bilag.pdf' % ids["meeting"] in r.text, "link on the page")
    check("Dagsorden med bilag som PDF" in r.text, "Danish link text")


def test_command_line():
    out = os.path.join(TMP, "med-bilag.pdf")
    k.run("meeting", "pdf", str(ids["meeting"]), "--with-attachments", "-o", out, "--db", k.db)
    with open(out, "rb") as f:
        text = pdf_text(f.read())
    check("Hemmeligt bilag" in text and "Bilag B om akutpladser" in text, "the CLI's full one")
    status, _, err = k.run("meeting", "pdf", str(ids["meeting"]), "--with-attachments",
                           "--minutes", "-o", out, "--db", k.db, check=False)
    check(status == 2 and "--with-attachments" in err, "with --minutes: %d %s" % (status, err))


if __name__ == "__main__":
    k.start()
    try:
        run([(n, f) for n, f in list(globals().items()) if n.startswith("test_")])
    finally:
        k.close()
