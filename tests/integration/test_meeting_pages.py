#!/usr/bin/env python3
"""test_meeting_pages.py - the meeting pages and their forms over real HTTP: the year plan
form, the meeting page as the secretary, a reader and an anonymous visitor see it (closed
items and drafts never leave the forum), and file uploads through the page: a large file, a
file over the limit, a file whose content does not match its name, and the download's
headers."""
import datetime
import json
import re
import sys

from harness import Klynge, Session, check, run

k = Klynge(sys.argv[1])
for login in ("root", "sofie", "rikke"):
    k.add_user(login, admin=(login == "root"))
TODAY = datetime.date.today()
ids = {}


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def api(s, method, path, body):
    return s.request(method, path, body=json.dumps(body), headers={
        "Content-Type": "application/json", "X-CSRF-Token": s.csrf("/account", action="/logout")})


def multipart(s, path, filename, data, title=""):
    boundary = "klyngeboundary7MA4YWxkTrZu0gW"
    parts = []
    for name, value in (("csrf", s.csrf("/account", action="/logout")), ("title", title)):
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n"
                      % (boundary, name, value)).encode())
    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n" % (boundary, filename)).encode())
    parts.append(data + ("\r\n--%s--\r\n" % boundary).encode())
    return s.request("POST", path, body=b"".join(parts),
                     headers={"Content-Type": "multipart/form-data; boundary=" + boundary})


def setup():
    admin = Session(k)
    admin.login("root")
    ids["admin"] = admin
    f = api(admin, "POST", "/api/v1/forums", {"name": "Chefforum", "kind": "chief"}).json()
    ids["forum"] = f["id"]
    p = api(admin, "POST", "/api/v1/people", {"name": "Sofie Sekretær", "login": "sofie"}).json()
    api(admin, "POST", "/api/v1/memberships", {"person_id": p["id"], "forum_id": f["id"],
                                               "role": "secretary", "starts_on": "2020-01-01"})
    k.grant("rikke", f["id"], "reader")
    s = Session(k)
    s.login("sofie")
    ids["sofie"] = s


def test_year_plan_form():
    s = ids["sofie"]
    path = "/forums/%d/yearplan" % ids["forum"]
    page = s.get("/forums/%d/meetings" % ids["forum"]).text
    csrf = re.search(r'action="%s".*?name="csrf" value="([^"]+)"' % path, page, re.S).group(1)
    later = day(40)
    r = s.request("POST", path, body={"csrf": csrf, "year": later[:4], "days": later + "\n",
                                      "start": "13:00", "duration": "120", "place": "Lokale K"})
    check(r.status == 303, "plan: %d %s" % (r.status, r.text[:300]))
    r = s.request("POST", path, body={"csrf": csrf, "year": later[:4], "days": "31-02-2026\n",
                                      "start": "25:00", "duration": "120"})
    check(r.status == 400 and "TT:MM" in r.text and "ÅÅÅÅ-MM-DD" in r.text,
          "problems shown by the fields: %d" % r.status)
    plan = s.get("/forums/%d/meetings?year=%s" % (ids["forum"], later[:4])).text
    ids["meeting"] = int(re.search(r'href="/meetings/(\d+)"', plan).group(1))
    # a pre-meeting a week before is listed with the coming meetings, as a pre-meeting
    r = api(s, "POST", "/api/v1/meetings", {"forum_id": ids["forum"], "kind": "pre_meeting",
                                            "parent_id": ids["meeting"],
                                            "starts_local": day(33) + " 13:00"})
    check(r.status == 201, "pre-meeting: %d %s" % (r.status, r.text[:300]))
    pre = r.json()["id"]
    coming = s.get("/meetings").text
    check('href="/meetings/%d"' % pre in coming and "Formøde" in coming,
          "the pre-meeting on /meetings")


def test_agenda_visibility_on_the_page():
    s = ids["sofie"]
    mid = ids["meeting"]
    mpath = "/meetings/%d" % mid
    page = s.get(mpath).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    check(s.request("POST", mpath + "/status", body={"csrf": csrf, "action": "start_agenda"}).status == 303,
          "start agenda")
    for title, closed in (("Åbent punkt om data", False), ("Lukket punkt om økonomi", True)):
        body = {"csrf": csrf, "title": title, "recommendation": "At forummet drøfter sagen",
                "case_text": "Tekst med **fed** og <script>alert(1)</script>"}
        if closed:
            body["closed"] = "1"
        r = s.request("POST", mpath + "/items", body=body)
        check(r.status == 303, "add item: %d" % r.status)
    page = s.get(mpath).text
    check("Lukket punkt om økonomi" in page and "<strong>fed</strong>" in page, "secretary sees all")
    check("<script>alert(1)</script>" not in page, "raw HTML in Markdown is not passed through")
    reader = Session(k)
    reader.login("rikke")
    check("Lukket punkt" not in reader.get(mpath).text and
          "ikke udsendt endnu" in reader.get(mpath).text, "draft agenda hidden from a reader")
    r = s.request("POST", mpath + "/status", body={"csrf": csrf, "action": "publish_agenda"})
    check(r.status == 303, "publish: %d %s" % (r.status, r.text[:200]))
    seen = reader.get(mpath).text
    check("Åbent punkt om data" in seen and "Lukket punkt om økonomi" not in seen,
          "a reader sees the published agenda without the closed item")
    anon = k.get(mpath)
    check(anon.status == 303 and "/login" in anon.header("Location"), "anonymous: %d" % anon.status)
    ids["item"] = int(re.search(r'id="item-(\d+)"[^>]*>\s*<h3>\d+\. Åbent punkt', page).group(1))


def test_uploads_large_over_limit_and_wrong_content():
    s = ids["sofie"]
    path = "/items/%d/attachments" % ids["item"]
    big = b"%PDF-1.7\n" + b"0" * (20 << 20) + b"\n%%EOF\n"
    r = multipart(s, path, "bilag 1.pdf", big, "Datagrundlag")
    check(r.status == 303, "20 MiB PDF: %d %s" % (r.status, r.text[:200]))
    page = s.get("/meetings/%d" % ids["meeting"]).text
    aid = int(re.search(r'href="/attachments/(\d+)">Datagrundlag<', page).group(1))
    d = s.get("/attachments/%d" % aid)
    check(d.status == 200 and len(d.body) == len(big), "download size")
    check(d.header("Content-Type") == "application/pdf", "type: %r" % d.header("Content-Type"))
    check(d.header("Content-Disposition").startswith("attachment;"), "always a download")
    over = b"%PDF-1.7\n" + b"0" * (25 << 20) + b"\n%%EOF\n"
    r = multipart(s, path, "stor.pdf", over)
    check(r.status == 413, "over the 25 MiB limit: %d" % r.status)
    r = multipart(s, path, "for-stor.pdf", b"0" * (27 << 20))
    check(r.status == 413, "over the server's upload cap: %d" % r.status)
    r = multipart(s, path, "referat.pdf", b"<html><script>alert(1)</script></html>")
    check(r.status == 400 and "er ikke en PDF" in r.text, "HTML named .pdf refused: %d" % r.status)
    r = multipart(s, path, "billede.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    check(r.status == 303, "a PNG named .docx is stored as what it is: %d" % r.status)
    page = s.get("/meetings/%d" % ids["meeting"]).text
    png = int(re.findall(r'href="/attachments/(\d+)"', page)[-1])
    check(s.get("/attachments/%d" % png).header("Content-Type") == "image/png", "type from content")
    check(k.get("/healthz").status == 200, "server still up")


def test_guest_and_approval_by_circulation():
    s = ids["sofie"]
    mpath = "/meetings/%d" % ids["meeting"]
    page = s.get(mpath).text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    guest = api(ids["admin"], "POST", "/api/v1/people", {"name": "Gitte Gæst"}).json()["id"]
    r = s.request("POST", mpath + "/guests", body={"csrf": csrf, "person_id": str(guest),
                                                  "item_id": str(ids["item"]), "note": "Oplæg"})
    check(r.status == 303, "guest: %d %s" % (r.status, r.text[:200]))
    check("Gitte Gæst" in s.get(mpath).text, "guest listed")
    member = api(ids["admin"], "POST", "/api/v1/people", {"name": "Mads Medlem"}).json()["id"]
    api(ids["admin"], "POST", "/api/v1/memberships", {"person_id": member,
                                                      "forum_id": ids["forum"], "role": "member",
                                                      "starts_on": "2020-01-01"})
    # hold the meeting today: move it to a past day first (the API changes only its time)
    r = api(s, "PUT", "/api/v1/meetings/%d" % ids["meeting"],
            {"starts_local": "%s 09:00" % day(-1), "ends_local": "%s 10:00" % day(-1)})
    check(r.status == 200, "move: %d %s" % (r.status, r.text[:200]))
    for action in ("mark_held", "start_minutes", "publish_minutes"):
        r = s.request("POST", mpath + "/status", body={"csrf": csrf, "action": action})
        check(r.status == 303, "%s: %d %s" % (action, r.status, r.text[:300]))
    page = s.get(mpath).text
    check("Godkendelse af referatet skriftligt" in page, "circulation form offered")
    r = s.request("POST", mpath + "/approval", body={"csrf": csrf, "person_id": str(member),
                                                    "approved_on": day(0)})
    check(r.status == 303, "approval: %d %s" % (r.status, r.text[:300]))
    check("skriftligt den" in s.get(mpath).text, "approval shown")


if __name__ == "__main__":
    try:
        k.start()
        setup()
        run([(n, f) for n, f in list(globals().items()) if n.startswith("test_")])
    finally:
        k.close()
