#!/usr/bin/env python3
"""test_meetings_api2.py - the rest of the JSON API of meetings over real HTTP: attachments
uploaded as multipart/form-data (a file of several MiB, one over the limit, one over the
server's cap, one whose content does not match its name, a new version that keeps the old,
removal), removing and moving items, members' proposals accepted and declined, presence,
guests and removal from the attendance, minutes approved by circulation, follow-ups
changed, closed and brought back, referrals taken up and withdrawn. Each with its
validation errors naming the field and the refusals of who may not.

Forums: Direktørforum (D) <- Chefforum (A, private). Dates are relative to today."""
import datetime
import hashlib
import json
import sys

from harness import Klynge, Session, check, run

k = Klynge(sys.argv[1])
for login in ("root", "sofie", "morten", "rikke", "svend"):
    k.add_user(login, admin=(login == "root"))

TODAY = datetime.date.today()


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def api(s, method, path, body=None, headers=None):
    h = {"Content-Type": "application/json"}
    if s is not None and "klynge_session" in s.cookies:
        h["X-CSRF-Token"] = s.csrf("/account", action="/logout")
    h.update(headers or {})
    data = json.dumps(body) if body is not None else None
    if s is None:
        return k.request(method, path, body=data, headers=h)
    return s.request(method, path, body=data, headers=h)


def upload(s, path, filename, data, title=None):
    """A multipart/form-data POST with a "file" part (none when filename is None)."""
    boundary = "klyngeapiboundary0b1c2d3e"
    parts = [("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
              % (boundary, s.csrf("/account", action="/logout"))).encode()]
    if title is not None:
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n%s\r\n"
                      % (boundary, title)).encode())
    if filename is not None:
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; "
                      "filename=\"%s\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                      % (boundary, filename)).encode() + data + b"\r\n")
    parts.append(("--%s--\r\n" % boundary).encode())
    return s.request("POST", path, body=b"".join(parts),
                     headers={"Content-Type": "multipart/form-data; boundary=" + boundary})


def fields(r):
    check(r.status == 400, "expected 400, got %d %s" % (r.status, r.text[:300]))
    return r.json()["error"]["fields"]


sessions = {}
ids = {}


def setup():
    for login in ("root", "sofie", "morten", "rikke", "svend"):
        s = Session(k)
        check(s.login(login).status == 303, "login " + login)
        sessions[login] = s
    admin = sessions["root"]

    def post(path, body):
        r = api(admin, "POST", path, body)
        check(r.status == 201, "%s: %d %s" % (path, r.status, r.text))
        return r.json()["id"]

    ids["D"] = post("/api/v1/forums", {"name": "Direktørforum", "kind": "director"})
    ids["A"] = post("/api/v1/forums", {"name": "Chefforum", "kind": "chief", "reports_to": ids["D"],
                                       "mandate": {"publish_days": 14}})
    ids["org"] = post("/api/v1/organisations", {"name": "Aarhus Kommune", "kind": "municipality",
                                                "municipality_code": 751})
    for key, name, login in (("daniel", "Daniel Simonsen", None), ("mia", "Mia Nicolaisen", "morten"),
                             ("torben", "Torben Kjeldgaard", None), ("sofie", "Sofie Sekretær", "sofie"),
                             ("svend", "Svend Sekretær", "svend"), ("gitte", "Gitte Gæst", None)):
        body = {"name": name, "organisation_id": ids["org"]}
        if login:
            body["login"] = login
        ids[key] = post("/api/v1/people", body)
    for person, forum, role in (("daniel", "A", "chair"), ("mia", "A", "member"),
                                ("torben", "A", "member"), ("sofie", "A", "secretary"),
                                ("svend", "D", "secretary")):
        post("/api/v1/memberships", {"person_id": ids[person], "forum_id": ids[forum], "role": role,
                                     "organisation_id": ids["org"], "starts_on": "2020-01-01"})
    k.grant("rikke", ids["A"], "reader")


def new_meeting(forum, offset, s=None):
    r = api(s or sessions["sofie"], "POST", "/api/v1/meetings",
            {"forum_id": ids[forum], "starts_local": "%s 10:00" % day(offset)})
    check(r.status == 201, "create meeting: %d %s" % (r.status, r.text))
    return r.json()["id"]


def action(mid, what, s=None, **extra):
    body = {"action": what}
    body.update(extra)
    r = api(s or sessions["sofie"], "POST", "/api/v1/meetings/%d/status" % mid, body)
    check(r.status == 200, "%s: %d %s" % (what, r.status, r.text))


def add_item(mid, title, s=None):
    r = api(s or sessions["sofie"], "POST", "/api/v1/meetings/%d/items" % mid, {"title": title})
    check(r.status == 201, "add item: %d %s" % (r.status, r.text))
    return r.json()


def draft_meeting(offset):
    mid = new_meeting("A", offset)
    action(mid, "start_agenda")
    return mid


def held_meeting(offset):
    """A meeting of forum A offset days ago with one item, held, minutes in draft."""
    mid = draft_meeting(-offset)
    item = add_item(mid, "Status på indsatserne")["id"]
    action(mid, "publish_agenda", reason="Demo af et afholdt møde")
    action(mid, "mark_held")
    action(mid, "start_minutes")
    return mid, item


def test_attachments_upload_versions_and_removal():
    sofie, rikke = sessions["sofie"], sessions["rikke"]
    mid = draft_meeting(60)
    item = add_item(mid, "Datagrundlag")["id"]
    path = "/api/v1/items/%d/attachments" % item
    big = b"%PDF-1.7\n" + b"1" * (6 << 20) + b"\n%%EOF\n"
    r = upload(sofie, path, "datagrundlag.pdf", big, title="Datagrundlag 2025")
    check(r.status == 201, "6 MiB PDF: %d %s" % (r.status, r.text[:300]))
    a = r.json()
    check(a["item_id"] == item and a["title"] == "Datagrundlag 2025" and a["version"] == 1 and
          a["versions"] == 1 and a["size"] == len(big) and
          a["content_type"] == "application/pdf" and
          a["sha256"] == hashlib.sha256(big).hexdigest() and a["url"] == "/attachments/%d" % a["id"]
          and len(a["history"]) == 1, "attachment: %r" % {x: a[x] for x in a if x != "history"})
    d = sofie.get(a["url"])
    check(d.status == 200 and d.body == big and
          d.header("Content-Disposition").startswith("attachment;"), "download")
    item_json = api(sofie, "GET", "/api/v1/items/%d" % item).json()
    check([x["id"] for x in item_json["attachments"]] == [a["id"]], "on the item")
    # over the size limit, over the server's cap, content that does not match the name
    r = upload(sofie, path, "stor.pdf", b"%PDF-1.7\n" + b"0" * (25 << 20) + b"\n%%EOF\n")
    check(r.status == 413, "over the 25 MiB limit: %d %s" % (r.status, r.text[:200]))
    r = upload(sofie, path, "for-stor.pdf", b"0" * (27 << 20))
    check(r.status == 413, "over the server's upload cap: %d" % r.status)
    f = fields(upload(sofie, path, "referat.pdf", b"<html><script>alert(1)</script></html>"))
    check(list(f) == ["file"], "HTML named .pdf: %r" % f)
    r = upload(sofie, path, "billede.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    check(r.status == 201 and r.json()["content_type"] == "image/png" and
          not r.json()["filename"].endswith(".docx"), "a PNG named .docx: %s" % r.text)
    f = fields(upload(sofie, path, None, None, title="Uden fil"))
    check(list(f) == ["file"], "no file: %r" % f)
    f = fields(upload(sofie, path, "tom.pdf", b""))
    check(list(f) == ["file"], "empty file: %r" % f)
    f = fields(upload(sofie, path, "a.pdf", b"%PDF-1.4\n%%EOF\n", title="to\nlinjer"))
    check(list(f) == ["title"], "title on two lines: %r" % f)
    r = sofie.request("POST", path, body=json.dumps({"file": "x"}), headers={
        "Content-Type": "application/json", "X-CSRF-Token": sofie.csrf("/account", action="/logout")})
    check(r.status == 400, "not multipart: %d" % r.status)
    check(upload(sessions["morten"], path, "m.pdf", b"%PDF-1.4\n%%EOF\n").status == 403,
          "a member does not attach files to the agenda")
    check(upload(sessions["svend"], path, "m.pdf", b"%PDF-1.4\n%%EOF\n").status in (403, 404),
          "nor another forum's secretary")
    check(upload(sofie, "/api/v1/items/999999/attachments", "m.pdf", b"%PDF-1.4\n").status == 404,
          "no such item")
    # a new version keeps the old
    vpath = "/api/v1/attachments/%d/versions" % a["id"]
    v2 = b"%PDF-1.7\nrettet\n%%EOF\n"
    r = upload(sofie, vpath, "datagrundlag v2.pdf", v2)
    check(r.status == 201, "version 2: %d %s" % (r.status, r.text))
    b = r.json()
    check(b["version"] == 2 and b["versions"] == 2 and b["title"] == "Datagrundlag 2025" and
          [h["version"] for h in b["history"]] == [2, 1] and
          b["history"][1]["url"] == "/attachments/%d?version=1" % a["id"], "versions: %r" % b)
    check(sofie.get("/attachments/%d" % a["id"]).body == v2, "latest served")
    check(sofie.get("/attachments/%d?version=1" % a["id"]).body == big, "old version kept")
    check(list(fields(upload(sofie, vpath, "x.pdf", b"GIF87 not really"))) == ["file"], "bad version")
    check(upload(sofie, vpath, "x.pdf", b"%PDF-1.4\n" + b"0" * (26 << 20)).status == 413,
          "version over the limit")
    check(upload(sessions["morten"], vpath, "x.pdf", b"%PDF-1.4\n%%EOF\n").status == 403, "member")
    # reading: the secretary and the forum's members; not a reader before publication
    r = api(sofie, "GET", "/api/v1/attachments/%d" % a["id"])
    check(r.status == 200 and r.json()["version"] == 2 and len(r.json()["history"]) == 2,
          "info: %s" % r.text[:300])
    check(api(sessions["morten"], "GET", "/api/v1/attachments/%d" % a["id"]).status == 200,
          "a member sees the draft agenda's attachments")
    check(api(rikke, "GET", "/api/v1/attachments/%d" % a["id"]).status in (403, 404),
          "a reader does not see an unpublished agenda's attachments")
    check(api(None, "GET", "/api/v1/attachments/%d" % a["id"]).status in (401, 403, 404),
          "anonymous")
    check(api(sofie, "GET", "/api/v1/attachments/999999").status == 404, "missing")
    # removal
    check(api(sessions["morten"], "DELETE", "/api/v1/attachments/%d" % a["id"]).status == 403,
          "a member does not remove attachments")
    r = api(sofie, "DELETE", "/api/v1/attachments/%d" % a["id"])
    check(r.status == 204 and r.body == b"", "removed: %d %s" % (r.status, r.text))
    check(api(sofie, "GET", "/api/v1/attachments/%d" % a["id"]).status == 404, "gone")
    check(sofie.get("/attachments/%d" % a["id"]).status == 404, "download gone")
    # a held meeting's attachments stay: a new version instead
    hid, hitem = held_meeting(2)
    r = upload(sofie, "/api/v1/items/%d/attachments" % hitem, "bilag.pdf", b"%PDF-1.4\n%%EOF\n")
    check(r.status == 201, "attach to a held meeting's item: %d" % r.status)
    check(api(sofie, "DELETE", "/api/v1/attachments/%d" % r.json()["id"]).status == 409,
          "stays once the meeting is held")
    check(api(rikke, "GET", "/api/v1/attachments/%d" % r.json()["id"]).status == 200,
          "a reader sees a published agenda's attachments")


def test_remove_and_move_items():
    sofie = sessions["sofie"]
    mid = draft_meeting(70)
    one = add_item(mid, "Første punkt")
    two = add_item(mid, "Andet punkt")
    r = api(sofie, "POST", "/api/v1/items/%d/move" % two["id"], {"position": 1})
    check(r.status == 200 and r.json()["number"] == 1, "moved: %s" % r.text)
    agenda = api(sofie, "GET", "/api/v1/meetings/%d" % mid).json()["items"]
    check([x["number"] for x in agenda] == list(range(1, len(agenda) + 1)), "renumbered")
    check(agenda[0]["id"] == two["id"], "first now: %r" % [x["title"] for x in agenda])
    check(list(fields(api(sofie, "POST", "/api/v1/items/%d/move" % two["id"], {}))) == ["position"],
          "position required")
    check("position" in fields(api(sofie, "POST", "/api/v1/items/%d/move" % two["id"],
                                   {"position": "først"})), "position a number")
    check("position" in fields(api(sofie, "POST", "/api/v1/items/%d/move" % two["id"],
                                   {"position": 0})), "position 1 or more")
    check(api(sessions["morten"], "POST", "/api/v1/items/%d/move" % two["id"],
              {"position": 2}).status == 403, "a member does not reorder")
    check(api(sessions["morten"], "POST", "/api/v1/items/%d/move" % two["id"], {}).status == 403,
          "nor learns what is wrong with the body")
    check(api(sessions["morten"], "DELETE", "/api/v1/items/%d" % one["id"]).status == 403, "member")
    check(api(None, "DELETE", "/api/v1/items/%d" % one["id"]).status == 401, "anonymous")
    r = api(sofie, "DELETE", "/api/v1/items/%d" % one["id"])
    check(r.status == 204, "removed: %d %s" % (r.status, r.text))
    check(api(sofie, "GET", "/api/v1/items/%d" % one["id"]).status == 404, "gone")
    check(api(sofie, "DELETE", "/api/v1/items/%d" % one["id"]).status == 404, "twice")
    action(mid, "publish_agenda")
    check(api(sofie, "DELETE", "/api/v1/items/%d" % two["id"]).status == 409,
          "not from a published agenda")


def test_proposals_accepted_and_declined():
    sofie, morten = sessions["sofie"], sessions["morten"]
    fpath = "/api/v1/forums/%d/proposals" % ids["A"]
    r = api(morten, "POST", fpath, {"title": "Udskrivelser fredag eftermiddag",
                                    "recommendation": ["At chefforum drøfter sagen"]})
    check(r.status == 201 and r.json()["state"] == "proposed" and
          r.json()["proposed_by"], "proposed: %s" % r.text)
    prop = r.json()["id"]
    f = fields(api(morten, "POST", fpath, {"title": 7, "rooms": ["køkkenet"]}))
    check(set(f) >= {"title", "rooms"}, "named: %r" % f)
    check(api(sessions["rikke"], "POST", fpath, {"title": "x"}).status == 403, "a reader")
    check(api(sessions["svend"], "POST", fpath, {"title": "x"}).status == 403, "another forum")
    lpath = "/api/v1/forums/%d/items" % ids["A"]
    r = api(sofie, "GET", lpath + "?state=proposed")
    check(r.status == 200 and prop in [x["id"] for x in r.json()["items"]], "listed: %s" % r.text)
    check(api(sofie, "GET", lpath).json()["items"] == r.json()["items"], "proposed by default")
    check(list(fields(api(sofie, "GET", lpath + "?state=agenda"))) == ["state"], "not agenda")
    check(list(fields(api(sofie, "GET", lpath + "?state=alle"))) == ["state"], "unknown state")
    check(api(sessions["rikke"], "GET", lpath).status == 403, "a reader does not see proposals")
    check(api(None, "GET", lpath).status in (401, 403), "anonymous")
    # accept onto an agenda
    mid = draft_meeting(80)
    other = new_meeting("D", 80, s=sessions["svend"])
    apath = "/api/v1/items/%d/accept" % prop
    check(list(fields(api(sofie, "POST", apath, {}))) == ["meeting_id"], "meeting required")
    check(list(fields(api(sofie, "POST", apath, {"meeting_id": "x"}))) == ["meeting_id"], "an id")
    check(list(fields(api(sofie, "POST", apath, {"meeting_id": other}))) == ["meeting_id"],
          "not a meeting of the forum")
    check(list(fields(api(sofie, "POST", apath, {"meeting_id": 999999}))) == ["meeting_id"],
          "no such meeting")
    check(api(morten, "POST", apath, {"meeting_id": mid}).status == 403, "the proposer may not")
    check(api(morten, "POST", apath, {}).status == 403, "nor learn what is wrong")
    r = api(sofie, "POST", apath, {"meeting_id": mid})
    check(r.status == 200 and r.json()["state"] == "agenda" and r.json()["meeting_id"] == mid,
          "accepted: %s" % r.text)
    check(api(sofie, "POST", apath, {"meeting_id": mid}).status == 409, "only once")
    # decline with a reason
    other_prop = api(morten, "POST", fpath, {"title": "Endnu et forslag"}).json()["id"]
    dpath = "/api/v1/items/%d/decline" % other_prop
    check(list(fields(api(sofie, "POST", dpath, {}))) == ["reason"], "reason required")
    check(list(fields(api(sofie, "POST", dpath, {"reason": 3}))) == ["reason"], "reason text")
    check(api(morten, "POST", dpath, {"reason": "x"}).status == 403, "the proposer may not")
    r = api(sofie, "POST", dpath, {"reason": "Hører til i driftsforum"})
    check(r.status == 200 and r.json()["state"] == "declined" and
          r.json()["decline_reason"] == "Hører til i driftsforum", "declined: %s" % r.text)
    r = api(sofie, "GET", lpath + "?state=declined")
    check([x["id"] for x in r.json()["items"]] == [other_prop], "declined listed: %s" % r.text)
    check(api(sofie, "GET", lpath + "?state=pending").status == 200, "pending list")


def names(groups):
    return {p["name"] for g in groups for p in g["people"]}


def test_presence_guests_and_removal():
    sofie = sessions["sofie"]
    mid, item = held_meeting(1)
    ppath = "/api/v1/meetings/%d/presence" % mid
    r = api(sofie, "POST", ppath, {"person_id": ids["torben"], "present": False})
    check(r.status == 200 and "Torben Kjeldgaard" in names(r.json()["absent"]) and
          "Torben Kjeldgaard" not in names(r.json()["present"]), "absent: %s" % r.text)
    r = api(sofie, "POST", ppath, {"person_id": ids["torben"], "present": True})
    check(r.status == 200 and "Torben Kjeldgaard" in names(r.json()["present"]), "present")
    f = fields(api(sofie, "POST", ppath, {"present": "ja"}))
    check(set(f) == {"person_id", "present"}, "named: %r" % f)
    check(list(fields(api(sofie, "POST", ppath, {"person_id": ids["torben"]}))) == ["present"],
          "present required")
    check(list(fields(api(sofie, "POST", ppath, {"person_id": ids["gitte"], "present": True})))
          == ["person_id"], "not invited")
    check(api(sessions["morten"], "POST", ppath, {"person_id": ids["mia"], "present": True}).status
          == 403, "a member does not mark presence")
    check(api(sessions["morten"], "POST", ppath, {}).status == 403, "nor learns what is wrong")
    check(api(sessions["svend"], "POST", ppath, {}).status in (403, 404), "another forum")
    gpath = "/api/v1/meetings/%d/guests" % mid
    r = api(sofie, "POST", gpath, {"person_id": ids["gitte"], "item_id": item,
                                   "note": "Oplæg om data"})
    check(r.status == 201 and [g["name"] for g in r.json()["guests"]] == ["Gitte Gæst"] and
          r.json()["guests"][0]["item_id"] == item and
          r.json()["guests"][0]["note"] == "Oplæg om data", "guest: %s" % r.text)
    check(list(fields(api(sofie, "POST", gpath, {"person_id": ids["mia"]}))) == ["person_id"],
          "a member is invited already")
    f = fields(api(sofie, "POST", gpath, {"item_id": "x", "note": 5}))
    check(set(f) == {"person_id", "item_id", "note"}, "named: %r" % f)
    check(api(sessions["morten"], "POST", gpath, {"person_id": ids["gitte"]}).status == 403,
          "a member does not invite guests")
    rpath = "/api/v1/meetings/%d/attendance/%d" % (mid, ids["gitte"])
    check(api(sessions["morten"], "DELETE", rpath).status == 403, "a member does not remove")
    r = api(sofie, "DELETE", rpath)
    check(r.status == 200 and r.json()["guests"] == [], "guest removed: %s" % r.text)
    check(api(sofie, "DELETE", rpath).status == 404, "removed already")
    r = api(sofie, "DELETE", "/api/v1/meetings/%d/attendance/%d" % (mid, ids["torben"]))
    check(r.status == 200 and "Torben Kjeldgaard" in names(r.json()["present"]),
          "a member reset to expected: %s" % r.text)
    check(api(sofie, "DELETE", "/api/v1/meetings/%d/attendance/x" % mid).status == 404, "bad id")


def test_minutes_approved_by_circulation():
    sofie = sessions["sofie"]
    mid, _ = held_meeting(3)
    apath = "/api/v1/meetings/%d/approval" % mid
    body = {"person_ids": [ids["daniel"], ids["mia"]], "approved_on": day(0)}
    check(api(sofie, "POST", apath, body).status == 409, "minutes not published yet")
    action(mid, "publish_minutes")
    f = fields(api(sofie, "POST", apath, {"person_ids": "Daniel", "approved_on": "i går"}))
    check(set(f) == {"person_ids", "approved_on"}, "named: %r" % f)
    f = fields(api(sofie, "POST", apath, {"person_ids": [], "approved_on": day(1)}))
    check(set(f) == {"person_ids", "approved_on"}, "none and in the future: %r" % f)
    f = fields(api(sofie, "POST", apath, {"person_ids": [999999], "approved_on": day(0)}))
    check(list(f) == ["person_ids"], "not a person: %r" % f)
    check(api(sessions["morten"], "POST", apath, body).status == 403, "a member may not")
    check(api(sessions["morten"], "POST", apath, {}).status == 403, "nor learn what is wrong")
    r = api(sofie, "POST", apath, body)
    check(r.status == 200 and sorted(x["name"] for x in r.json()["approvers"]) ==
          ["Daniel Simonsen", "Mia Nicolaisen"] and
          all(x["approved_on"] == day(0) for x in r.json()["approvers"]), "approved: %s" % r.text)
    r = api(sessions["rikke"], "GET", "/api/v1/meetings/%d/approvers" % mid)
    check(r.status == 200 and len(r.json()["approvers"]) == 2, "a reader sees: %s" % r.text)
    check(api(None, "GET", "/api/v1/meetings/%d/approvers" % mid).status in (401, 403, 404),
          "anonymous does not see a private forum's minutes")
    check(api(sofie, "GET", "/api/v1/meetings/999999/approvers").status == 404, "missing")
    draft = draft_meeting(90)
    check(api(sessions["rikke"], "GET", "/api/v1/meetings/%d/approvers" % draft).status == 403,
          "no minutes to read yet")


def test_followups_changed_closed_and_brought_back():
    sofie, morten = sessions["sofie"], sessions["morten"]
    mid, item = held_meeting(4)

    def followup(what):
        r = api(sofie, "POST", "/api/v1/followups", {"item_id": item, "what": what,
                                                     "owner_person_id": ids["mia"],
                                                     "due_on": day(30)})
        check(r.status == 201, "follow-up: %d %s" % (r.status, r.text))
        return r.json()["id"]

    fid = followup("Notat om udskrivelser")
    path = "/api/v1/followups/%d" % fid
    r = api(sofie, "PUT", path, {"what": "Notat om udskrivelser og genindlæggelser",
                                 "owner_forum_id": ids["A"]})
    f = r.json()
    check(r.status == 200 and f["what"] == "Notat om udskrivelser og genindlæggelser" and
          f["owner_forum_id"] == ids["A"] and f["owner_person_id"] is None and
          f["due_on"] == day(30), "changed what was sent: %s" % r.text)
    r = api(sofie, "PUT", path, {"due_on": None})
    check(r.status == 200 and r.json()["due_on"] is None and
          r.json()["owner_forum_id"] == ids["A"], "no due day: %s" % r.text)
    e = fields(api(sofie, "PUT", path, {"what": "", "due_on": "snart", "owner_person_id": "x"}))
    check(set(e) >= {"what", "due_on", "owner_person_id"}, "named: %r" % e)
    check("owner_person_id" in fields(api(sofie, "PUT", path, {"owner_person_id": 999999})),
          "no such person")
    check(api(morten, "PUT", path, {"what": "x"}).status == 403, "a member does not change it")
    check(api(sofie, "PUT", "/api/v1/followups/999999", {"what": "x"}).status == 404, "missing")
    # status: the secretary, or the person who owns it
    spath = path + "/status"
    check(list(fields(api(sofie, "POST", spath, {"status": "færdig"}))) == ["status"], "unknown")
    check(list(fields(api(sofie, "POST", spath, {}))) == ["status"], "required")
    check(api(morten, "POST", spath, {"status": "done"}).status == 403, "not her follow-up now")
    r = api(sofie, "POST", spath, {"status": "done"})
    check(r.status == 200 and r.json()["status"] == "done" and r.json()["closed_at"], "done")
    r = api(sofie, "POST", spath, {"status": "open"})
    check(r.status == 200 and r.json()["status"] == "open", "reopened: %s" % r.text)
    own = followup("Mias egen opgave")
    r = api(morten, "POST", "/api/v1/followups/%d/status" % own, {"status": "done"})
    check(r.status == 200 and r.json()["status"] == "done", "the owner closes her own: %s" % r.text)
    # bring back: once
    bpath = path + "/bring-back"
    check(api(morten, "POST", bpath).status == 403, "a member does not bring back")
    r = api(sofie, "POST", bpath)
    check(r.status == 201 and r.json()["origin_followup_id"] == fid and
          r.json()["title"] == "Status på indsatserne" and
          r.json()["state"] in ("pending", "agenda"), "brought back: %s" % r.text)
    check(api(sofie, "GET", path).status == 405, "no GET of one follow-up")
    check(api(sofie, "POST", bpath).status == 409, "once only")
    check(api(sofie, "POST", "/api/v1/followups/%d/bring-back" % own).status == 409,
          "not a closed one")


def test_referrals_taken_up_and_withdrawn():
    sofie, svend = sessions["sofie"], sessions["svend"]
    mid, item = held_meeting(5)

    def refer():
        r = api(sofie, "POST", "/api/v1/referrals", {"item_id": item, "to_forum_id": ids["D"],
                                                     "note": "Til orientering og beslutning"})
        check(r.status == 201 and r.json()["direction"] == "up", "referral: %s" % r.text)
        return r.json()["id"]

    ref = refer()
    dmeeting = new_meeting("D", 40, s=svend)
    action(dmeeting, "start_agenda", s=svend)
    tpath = "/api/v1/referrals/%d/take-up" % ref
    check(list(fields(api(svend, "POST", tpath, {}))) == ["meeting_id"], "meeting required")
    check(list(fields(api(svend, "POST", tpath, {"meeting_id": mid}))) == ["meeting_id"],
          "a meeting of the receiving forum")
    check(list(fields(api(svend, "POST", tpath, {"meeting_id": 999999}))) == ["meeting_id"],
          "no such meeting")
    check(api(sofie, "POST", tpath, {"meeting_id": dmeeting}).status == 403,
          "the sending forum does not take it up")
    check(api(sofie, "POST", tpath, {}).status == 403, "nor learns what is wrong")
    check(api(sessions["rikke"], "POST", tpath, {"meeting_id": dmeeting}).status == 404,
          "a reader of A does not see the referral")
    r = api(svend, "POST", tpath, {"meeting_id": dmeeting})
    check(r.status == 201 and r.json()["origin_referral_id"] == ref and
          r.json()["meeting_id"] == dmeeting and
          r.json()["case_text"] == "Til orientering og beslutning", "taken up: %s" % r.text)
    # withdraw: the sending forum, with a reason
    other = refer()
    wpath = "/api/v1/referrals/%d/withdraw" % other
    check(api(svend, "POST", wpath, {"reason": "x"}).status == 403, "the receiving forum may not")
    check(list(fields(api(sofie, "POST", wpath, {}))) == ["reason"], "reason required")
    r = api(sofie, "POST", wpath, {"reason": "Løst i klyngestyregruppen"})
    check(r.status == 200 and r.json()["status"] == "withdrawn", "withdrawn: %s" % r.text)
    check(api(sofie, "POST", wpath, {"reason": "igen"}).status == 409, "only an open one")
    check(api(svend, "POST", "/api/v1/referrals/%d/take-up" % other,
              {"meeting_id": dmeeting}).status == 409, "a withdrawn referral is not taken up")
    check(api(sofie, "POST", "/api/v1/referrals/999999/withdraw", {"reason": "x"}).status == 404,
          "missing")


if __name__ == "__main__":
    try:
        k.start()
        setup()
        run([(n, f) for n, f in list(globals().items()) if n.startswith("test_")])
    finally:
        k.close()
