#!/usr/bin/env python3
"""test_search_attachments.py - search in the text of PDF attachments over real HTTP: the
text pdftotext extracts after an upload (the server's text worker, so the upload does not
wait for it) is found with its item in every Danish form
("genoptræningsplan" finds "Genoptræningsplanerne" inside a PDF), the hit names the
attachment and shows a snippet of it with the match in <mark>; a closed item's attachment
is found only by the forum's members; a Word file and a broken PDF are uploaded without
trouble (recorded as having no text, and as failed); a new version's text replaces the
old; the server, when it starts, and `klynge init` extract the text of attachments
stored without it."""
import json
import sys
import time
import urllib.parse

from harness import Klynge, Session, check, run
from pdfgen import make_docx, make_pdf

k = Klynge(sys.argv[1])
k.add_user("root", admin=True)
k.add_user("morten")
ids = {}


def api(s, method, path, body):
    r = s.request(method, path, body=json.dumps(body), headers={
        "Content-Type": "application/json", "X-CSRF-Token": s.csrf("/account", action="/logout")})
    check(r.status in (200, 201), "%s %s: %d %s" % (method, path, r.status, r.text[:300]))
    return r.json()


def upload(s, path, filename, data, title=None, page=False):
    boundary = "klyngesearchboundary42"
    parts = [("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
              % (boundary, s.csrf("/account", action="/logout"))).encode()]
    if title:
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n%s\r\n"
                      % (boundary, title)).encode())
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n" % (boundary, filename))
                 .encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    r = s.request("POST", path, body=b"".join(parts),
                  headers={"Content-Type": "multipart/form-data; boundary=" + boundary})
    if page:  # the form on the meeting page answers with a redirect back to it
        check(r.status == 303, "upload %s: %d %s" % (filename, r.status, r.text[:300]))
        return None
    check(r.status in (200, 201), "upload %s: %d %s" % (filename, r.status, r.text[:300]))
    return r.json()


def signed_in(login):
    s = Session(k)
    check(s.login(login).status == 303, "login " + login)
    return s


def hits(s, q):
    r = s.get("/api/v1/search?" + urllib.parse.urlencode({"q": q}))
    check(r.status == 200, "search %r: %d %s" % (q, r.status, r.text[:300]))
    return r.json()["results"]


def text_status(attachment_id):
    rows = k.sql("SELECT status, text FROM attachment_text WHERE attachment_id = ?",
                 (attachment_id,))
    return rows[0] if rows else (None, None)


def extracted(attachment_id):
    """The attachment's text row once the server's text worker has written it."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        row = text_status(attachment_id)
        if row[0] is not None:
            return row
        time.sleep(0.05)
    check(False, "no text recorded for attachment %d: %s" % (attachment_id, k.log()[-2000:]))


def test_setup():
    s = ids["root"] = signed_in("root")
    f = api(s, "POST", "/api/v1/forums", {"name": "Sundhedsstyregruppe Vest", "kind": "steering"})
    k.sql("UPDATE forum SET is_public = 1 WHERE id = ?", (f["id"],))
    k.grant("morten", f["id"], "member")
    m = api(s, "POST", "/api/v1/meetings", {"forum_id": f["id"],
                                            "starts_local": "2024-05-02 10:00", "place": "Holstebro"})
    mid = m["id"]
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "start_agenda"})
    ids["open"] = api(s, "POST", "/api/v1/meetings/%d/items" % mid,
                      {"title": "Status på samarbejdet", "rooms": ["informing"]})["id"]
    ids["closed"] = api(s, "POST", "/api/v1/meetings/%d/items" % mid,
                        {"title": "Lukket sag", "rooms": ["informing"], "closed": True})["id"]
    a = upload(s, "/api/v1/items/%d/attachments" % ids["open"], "plan.pdf",
               make_pdf([["Indledning"], ["Genoptræningsplanerne for ældre borgere skal",
                                          "udarbejdes inden udskrivelsen."]]),
               "Notat om genoptræning")
    ids["plan"] = a["id"]
    c = upload(s, "/api/v1/items/%d/attachments" % ids["closed"], "sag.pdf",
               make_pdf([["Personaleomrokeringerne drøftes fortroligt."]]), "Fortroligt notat")
    ids["secret"] = c["id"]
    check(extracted(ids["plan"])[0] == "ok" and extracted(ids["secret"])[0] == "ok",
          "both PDFs' text")
    api(s, "POST", "/api/v1/meetings/%d/status" % mid,
        {"action": "publish_agenda", "reason": "Test"})


def test_inflected_word_in_an_attachment_is_found():
    for q in ("genoptræningsplan", "genoptræningsplanen", "Genoptræningsplanerne"):
        got = hits(Session(k), q)
        check([h["item_id"] for h in got] == [ids["open"]], "%r: %r" % (q, got))
        h = got[0]
        check(h["attachment"] == "Notat om genoptræning", "named: %r" % h)
        check("<mark>Genoptræningsplanerne</mark>" in h["snippet_html"], h["snippet_html"])
    page = Session(k).get("/search?" + urllib.parse.urlencode({"q": "genoptræningsplan"})).text
    check("Bilag: Notat om genoptræning" in page, "the page names the attachment")
    check("<mark>Genoptræningsplanerne</mark>" in page, "the page marks the match")


def test_item_words_and_attachment_words_together():
    got = hits(Session(k), "samarbejdet udskrivelsen")
    check([h["item_id"] for h in got] == [ids["open"]], "across item and attachment: %r" % got)


def test_closed_items_attachment_only_for_members():
    check(hits(Session(k), "personaleomrokering") == [], "anonymous finds the closed item")
    got = hits(signed_in("morten"), "personaleomrokering")
    check([h["item_id"] for h in got] == [ids["closed"]], "member: %r" % got)
    check(got[0]["attachment"] == "Fortroligt notat", got[0])


def test_other_files_do_not_break_upload():
    s = ids["root"]
    path = "/api/v1/items/%d/attachments" % ids["open"]
    w = upload(s, path, "notat.docx", make_docx("Ordet kvalitetsudviklingen"), "Word-notat")
    b = upload(s, path, "skadet.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n", "Skadet")
    check(text_status(w["id"])[0] == "none", "Word, at once: %r" % (text_status(w["id"]),))
    check(extracted(b["id"])[0] == "failed", "broken: %r" % (text_status(b["id"]),))
    check(text_status(ids["plan"])[0] == "ok", "the PDF: %r" % (text_status(ids["plan"]),))
    got = hits(Session(k), "genoptræningsplan")
    check([h["item_id"] for h in got] == [ids["open"]], "search still works: %r" % got)


def test_upload_through_the_page_is_found():
    upload(ids["root"], "/items/%d/attachments" % ids["open"], "strategi.pdf",
           make_pdf([["Forebyggelsesstrategierne drøftes i klyngen."]]), "Strateginotat",
           page=True)
    aid = k.sql("SELECT id FROM attachment WHERE title = 'Strateginotat'")[0][0]
    check(extracted(aid)[0] == "ok", "the page's upload: %r" % (text_status(aid),))
    got = hits(Session(k), "forebyggelsesstrategi")
    check([(h["item_id"], h["attachment"]) for h in got] == [(ids["open"], "Strateginotat")],
          "found: %r" % got)


def test_new_version_replaces_the_text():
    s = ids["root"]
    upload(s, "/api/v1/attachments/%d/versions" % ids["plan"], "plan2.pdf",
           make_pdf([["Rehabiliteringsforløbene følges kvartalsvis."]]))
    deadline = time.monotonic() + 30
    while "Rehabiliteringsforløbene" not in (text_status(ids["plan"])[1] or "") and \
            time.monotonic() < deadline:
        time.sleep(0.05)
    check(hits(Session(k), "rehabiliteringsforløb") != [], "the new version's words")
    check(hits(Session(k), "udskrivelsen") == [], "the old version's words are gone")


def test_init_extracts_what_is_missing():
    k.sql("DELETE FROM attachment_text")
    check(hits(Session(k), "rehabiliteringsforløb") == [], "no text, no hit")
    _, out, _ = k.run("init", "--db", k.db)
    check("text of 4 PDF attachments extracted" in out, out)   # the broken one too
    check(text_status(ids["plan"])[0] == "ok", "back: %r" % (text_status(ids["plan"]),))
    check(hits(Session(k), "rehabiliteringsforløb") != [], "found again")


def test_server_extracts_at_start_what_is_missing():
    k.stop()
    k.sql("DELETE FROM attachment_text WHERE attachment_id = ?", (ids["plan"],))
    k.start()
    check(extracted(ids["plan"])[0] == "ok", "extracted by the server")
    check(hits(Session(k), "rehabiliteringsforløb") != [], "found")


if __name__ == "__main__":
    k.start()
    try:
        run([(n, f) for n, f in list(globals().items()) if n.startswith("test_")])
    finally:
        k.close()
