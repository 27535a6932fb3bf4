#!/usr/bin/env python3
"""test_meetings_api.py - the JSON API of meetings over real HTTP: every endpoint under
/api/v1/meetings, /api/v1/items, /api/v1/followups and /api/v1/referrals with its validation
errors naming each field; changes of only the fields sent; every status action with 409 for
what the status does not allow; publishing late only with a reason; who sees what
(anonymous, a reader, another forum's secretary never see a closed item, an unpublished
agenda or unpublished minutes); absences with substitutes; decisions with follow-ups and
bring-back to the next agenda, where the minutes are approved; the referral loop up to the
Direktørforum and back; bearer tokens without CSRF. And `klynge meeting list|show|new|
publish` run as the real binary.

The forums, after seed 002: Direktørforum (D) <- Chefforum (A, private, agenda 14 days
before); a public forum (P). Dates are relative to today, so the test runs on any day."""
import datetime
import json
import re
import sys

from harness import Klynge, Session, check, run

k = Klynge(sys.argv[1])
for login in ("root", "sofie", "morten", "rikke", "svend", "stranger"):
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


def fields(r):
    check(r.status == 400, "expected 400, got %d %s" % (r.status, r.text[:300]))
    return r.json()["error"]["fields"]


sessions = {}
ids = {}


def setup():
    for login in ("root", "sofie", "morten", "rikke", "svend", "stranger"):
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
    ids["P"] = post("/api/v1/forums", {"name": "Åbent forum", "kind": "standing",
                                       "is_public": True})
    ids["org"] = post("/api/v1/organisations", {"name": "Aalborg Kommune", "kind": "municipality",
                                                "municipality_code": 851})
    for key, name, login in (("daniel", "Daniel Simonsen", None), ("mia", "Mia Nicolaisen", "morten"),
                             ("torben", "Torben Kjeldgaard", None), ("sofie", "Sofie Sekretær", "sofie"),
                             ("svend", "Svend Sekretær", "svend"), ("tina", "Tina Larsen", None)):
        body = {"name": name, "organisation_id": ids["org"]}
        if login:
            body["login"] = login
        ids[key] = post("/api/v1/people", body)
    for person, forum, role in (("daniel", "A", "chair"), ("mia", "A", "member"),
                                ("torben", "A", "member"), ("sofie", "A", "secretary"),
                                ("svend", "D", "secretary"), ("sofie", "P", "secretary")):
        post("/api/v1/memberships", {"person_id": ids[person], "forum_id": ids[forum], "role": role,
                                     "organisation_id": ids["org"], "starts_on": "2020-01-01"})
    k.grant("rikke", ids["A"], "reader")


def new_meeting(forum, offset, s=None, **extra):
    body = {"forum_id": ids[forum], "starts_local": "%s 10:00" % day(offset), "place": "Mødelokale K"}
    body.update(extra)
    r = api(s or sessions["sofie"], "POST", "/api/v1/meetings", body)
    check(r.status == 201, "create meeting: %d %s" % (r.status, r.text))
    return r.json()


def action(mid, what, s=None, **extra):
    body = {"action": what}
    body.update(extra)
    return api(s or sessions["sofie"], "POST", "/api/v1/meetings/%d/status" % mid, body)


def add_item(mid, title, s=None, **extra):
    body = {"title": title}
    body.update(extra)
    r = api(s or sessions["sofie"], "POST", "/api/v1/meetings/%d/items" % mid, body)
    check(r.status == 201, "add item: %d %s" % (r.status, r.text))
    return r.json()


def test_create_validate_update_and_list_meetings():
    sofie = sessions["sofie"]
    m = new_meeting("A", 60)
    ids["m_future"] = m["id"]
    check(m["status"] == "planned" and m["starts_local"] == "%s 10:00" % day(60) and
          m["ends_local"] == "%s 12:00" % day(60), "two hours by default: %r" % m)
    check(m["deadline"] == day(46), "deadline 14 days before: %r" % m["deadline"])
    r = api(sofie, "POST", "/api/v1/meetings", {"kind": "party", "starts_local": "i morgen",
                                                "chair_person_id": "x", "place": 7})
    f = fields(r)
    check(set(f) >= {"forum_id", "kind", "starts_local", "chair_person_id", "place"}, "named: %r" % f)
    r = api(sofie, "POST", "/api/v1/meetings", {"forum_id": ids["A"], "starts_at": "2027-01-01T10:00:00Z",
                                                "ends_at": "2027-01-01T09:00:00Z"})
    check("ends_at" in fields(r), "end before start")
    r = api(sofie, "POST", "/api/v1/meetings", {"forum_id": ids["A"]})
    check("starts_at" in fields(r), "start required")
    check(api(sessions["morten"], "POST", "/api/v1/meetings",
              {"forum_id": ids["A"], "starts_local": "%s 10:00" % day(61)}).status == 403, "member")
    check(api(None, "POST", "/api/v1/meetings", {"forum_id": ids["A"]}).status == 401, "anonymous")
    # PUT changes only what is sent; moving keeps the length
    path = "/api/v1/meetings/%d" % m["id"]
    r = api(sofie, "PUT", path, {"place": "Regionshuset, lokale 2", "chair_person_id": ids["daniel"]})
    check(r.status == 200 and r.json()["place"] == "Regionshuset, lokale 2" and
          r.json()["starts_at"] == m["starts_at"] and r.json()["chair_name"] == "Daniel Simonsen",
          "partial update: %s" % r.text)
    r = api(sofie, "PUT", path, {"starts_local": "%s 13:00" % day(62)})
    check(r.status == 200 and r.json()["ends_local"] == "%s 15:00" % day(62), "moved: %s" % r.text)
    f = fields(api(sofie, "PUT", path, {"forum_id": ids["P"], "kind": "seminar", "theme": "x"}))
    check(set(f) >= {"forum_id", "kind", "theme"}, "fixed fields: %r" % f)
    check(api(sessions["morten"], "PUT", path, {"place": "x"}).status == 403, "member may not change")
    check(api(sofie, "PUT", "/api/v1/meetings/99999", {}).status == 404, "missing")
    # list with filters
    new_meeting("A", 90)
    lst = api(sofie, "GET", "/api/v1/meetings?forum=%d&from=%s&to=%s" % (ids["A"], day(61), day(70)))
    got = [x["id"] for x in lst.json()["meetings"]]
    check(got == [m["id"]], "by forum and dates: %r" % got)
    got = api(sofie, "GET", "/api/v1/meetings?forum=%d&status=planned" % ids["A"]).json()["meetings"]
    check(len(got) == 2 and all(x["status"] == "planned" for x in got), "by status")
    f = fields(api(sofie, "GET", "/api/v1/meetings?forum=x&from=2026-13-01&to=no&status=happy"))
    check(set(f) == {"forum", "from", "to", "status"}, "query named: %r" % f)
    check(api(None, "GET", "/api/v1/meetings?forum=%d" % ids["A"]).json()["meetings"] == [],
          "anonymous sees nothing of a private forum")
    check(api(None, "GET", path).status == 401, "anonymous record")
    check(api(sessions["svend"], "GET", path).status == 403, "other forum's secretary")
    check(api(sessions["rikke"], "GET", path).status == 200, "reader sees the record")


def test_agenda_items_and_what_readers_see():
    sofie, rikke = sessions["sofie"], sessions["rikke"]
    mid = ids["m_future"]
    check(action(mid, "start_agenda").status == 200, "start agenda")
    data = add_item(mid, "Brug af data i klyngesamarbejdet", rooms=["informing", "developing"],
                    recommendation=["At Chefforum drøfter brugen af data", "At sekretariatet følger op"],
                    case_text="Arbejdet skal være **datadrevet**.", presenter="Daniel Simonsen")
    check(data["recommendation"] == ["At Chefforum drøfter brugen af data",
                                     "At sekretariatet følger op"], "lines: %r" % data)
    check(data["rooms"] == ["informing", "developing"] and data["number"] == 3, "rooms, number")
    closed = add_item(mid, "Personalesag", closed=True, recommendation="At punktet drøftes\nAt x")
    check(closed["recommendation"] == ["At punktet drøftes", "At x"], "text lines")
    ids["item_data"], ids["item_closed"] = data["id"], closed["id"]
    f = fields(api(sofie, "POST", "/api/v1/meetings/%d/items" % mid,
                   {"title": "", "rooms": ["kitchen"], "closed": "yes", "recommendation": 5,
                    "written_orientation": 1}))
    check(set(f) >= {"title", "rooms", "closed", "recommendation", "written_orientation"},
          "item fields: %r" % f)
    check(api(sessions["morten"], "POST", "/api/v1/meetings/%d/items" % mid, {"title": "x"}).status == 403,
          "member may not add")
    r = api(sofie, "PUT", "/api/v1/items/%d" % data["id"], {"presenter": "Mia Nicolaisen"})
    check(r.status == 200 and r.json()["presenter"] == "Mia Nicolaisen" and
          r.json()["case_text"] == "Arbejdet skal være **datadrevet**." and
          r.json()["rooms"] == ["informing", "developing"], "partial item update: %s" % r.text)
    check("title" in fields(api(sofie, "PUT", "/api/v1/items/%d" % data["id"], {"title": ""})), "title")
    # before publication: the record only
    for who, s in (("reader", rikke),):
        m = api(s, "GET", "/api/v1/meetings/%d" % mid).json()
        check(m["agenda_visible"] is False and m["items"] == [] and m["attendance"] is None,
              "%s before publication: %r" % (who, m))
        check(api(s, "GET", "/api/v1/items/%d" % data["id"]).status == 404, "%s: item hidden" % who)
    check(api(sessions["svend"], "GET", "/api/v1/items/%d" % data["id"]).status == 403, "other forum")
    check(api(None, "GET", "/api/v1/items/%d" % data["id"]).status == 401, "anonymous item")
    r = action(mid, "publish_agenda")
    check(r.status == 200 and r.json()["status"] == "agenda_published" and
          r.json()["late_reason"] == "", "on time: %s" % r.text)
    m = api(rikke, "GET", "/api/v1/meetings/%d" % mid).json()
    titles = [i["title"] for i in m["items"]]
    check("Brug af data i klyngesamarbejdet" in titles and "Personalesag" not in titles,
          "reader sees the agenda without the closed item: %r" % titles)
    check(all("decision" not in i for i in m["items"]) and m["attendance"] is None,
          "no minutes before they are published")
    check(api(rikke, "GET", "/api/v1/items/%d" % closed["id"]).status == 404, "closed item hidden")
    inside = api(sessions["morten"], "GET", "/api/v1/meetings/%d" % mid).json()
    check("Personalesag" in [i["title"] for i in inside["items"]], "members see closed items")
    check(inside["attendance"] is not None, "members see attendance")
    # a supplementary item on a published agenda is allowed
    add_item(mid, "Supplerende punkt")


def test_public_forum_anonymous_never_sees_drafts_or_closed_items():
    m = new_meeting("P", 40)
    mid = m["id"]
    action(mid, "start_agenda")
    add_item(mid, "Åbent punkt")
    secret = add_item(mid, "Lukket punkt", closed=True)
    anon = api(None, "GET", "/api/v1/meetings/%d" % mid)
    check(anon.status == 200 and anon.json()["items"] == [] and
          anon.json()["agenda_visible"] is False, "draft hidden: %s" % anon.text[:300])
    check(api(None, "GET", "/api/v1/items/%d" % secret["id"]).status == 404, "draft item")
    action(mid, "publish_agenda")
    titles = [i["title"] for i in api(None, "GET", "/api/v1/meetings/%d" % mid).json()["items"]]
    check("Åbent punkt" in titles and "Lukket punkt" not in titles, "published: %r" % titles)
    check(api(None, "GET", "/api/v1/items/%d" % secret["id"]).status == 404, "closed item")
    check(api(sessions["svend"], "GET", "/api/v1/items/%d" % secret["id"]).status == 404,
          "another forum's secretary")
    listed = api(None, "GET", "/api/v1/meetings").json()["meetings"]
    check([x["id"] for x in listed] == [mid], "anonymous lists only the public forum: %r" % listed)


def test_late_publish_needs_a_reason():
    m = new_meeting("A", 5)
    mid = m["id"]
    action(mid, "start_agenda")
    r = action(mid, "publish_agenda")
    f = fields(r)
    check("reason" in f and ("frist" in f["reason"] or "deadline" in f["reason"]), "late: %r" % f)
    check(api(sessions["sofie"], "GET", "/api/v1/meetings/%d" % mid).json()["status"] == "agenda_draft",
          "nothing changed")
    r = action(mid, "publish_agenda", reason="Formandskabet godkendte dagsordenen sent")
    check(r.status == 200 and r.json()["late_reason"] == "Formandskabet godkendte dagsordenen sent",
          "late with reason: %s" % r.text)
    r = action(mid, "mark_held")
    check(r.status == 409, "not held before its day: %d" % r.status)
    # the refusal is a whole sentence in the visitor's language, not the log's English
    check(r.json()["error"]["message"] == "Mødet kan ikke holdes før sin dag.",
          "said in Danish: %s" % r.text)
    ids["m_soon"] = mid


def test_status_actions_and_conflicts():
    m = new_meeting("A", 120)
    mid = m["id"]
    check("action" in fields(action(mid, "dance")), "unknown action")
    check("action" in fields(api(sessions["sofie"], "POST", "/api/v1/meetings/%d/status" % mid, {})),
          "missing action")
    check(action(mid, "dance", s=sessions["morten"]).status == 403, "members get no hint")
    check(action(mid, "publish_agenda").status == 409, "publish before start")
    check(action(mid, "start_minutes").status == 409, "minutes before held")
    check("reason" in fields(action(mid, "cancel")), "cancel needs a reason")
    r = action(mid, "cancel", reason="Flyttet til næste måned")
    check(r.status == 200 and r.json()["status"] == "cancelled" and
          r.json()["cancel_reason"] == "Flyttet til næste måned", "cancelled: %s" % r.text)
    r = action(mid, "start_agenda")
    check(r.status == 409 and r.json()["error"]["message"] ==
          "Mødet kan ikke skifte til den status fra den, det har.",
          "cancelled stays cancelled: %s" % r.text)
    check(action(99999, "start_agenda").status == 404, "missing meeting")
    check(api(sessions["sofie"], "PUT", "/api/v1/meetings/%d" % mid, {"place": "x"}).status == 409,
          "a cancelled meeting no longer changes")


def test_absence_with_substitute():
    mid = ids["m_future"]
    morten, sofie = sessions["morten"], sessions["sofie"]
    path = "/api/v1/meetings/%d/absence" % mid
    r = api(morten, "POST", path, {"person_id": ids["mia"], "substitute_id": ids["tina"],
                                   "note": "Deltager i anden mødeaktivitet"})
    check(r.status == 200, "own absence: %d %s" % (r.status, r.text))
    att = r.json()
    absent = [p["name"] for g in att["absent"] for p in g["people"]]
    present = [(p["name"], p["kind"]) for g in att["present"] for p in g["people"]]
    check(absent == ["Mia Nicolaisen"], "afbud: %r" % absent)
    check(("Tina Larsen", "substitute") in present, "substitute listed: %r" % present)
    check(api(morten, "POST", path, {"person_id": ids["torben"]}).status == 403,
          "a member registers only their own absence")
    f = fields(api(sofie, "POST", path, {"person_id": ids["tina"], "note": "x" * 300}))
    check(set(f) >= {"person_id", "note"}, "not invited, note too long: %r" % f)
    check("person_id" in fields(api(sofie, "POST", path, {"substitute_id": ids["tina"]})),
          "person required")
    r = api(sofie, "POST", path, {"person_id": ids["torben"]})
    check(r.status == 200 and "Torben Kjeldgaard" in
          [p["name"] for g in r.json()["absent"] for p in g["people"]], "secretary registers")
    r = api(sofie, "POST", path, {"person_id": ids["torben"], "withdraw": True})
    check(r.status == 200 and "Torben Kjeldgaard" not in
          [p["name"] for g in r.json()["absent"] for p in g["people"]], "withdrawn")
    check(api(sessions["rikke"], "POST", path, {"person_id": ids["mia"]}).status == 403, "reader")
    m = api(sessions["rikke"], "GET", "/api/v1/meetings/%d" % mid).json()
    check(m["attendance"] is None, "readers see attendance only with the minutes")


def held_meeting(offset_days, items):
    """A meeting of forum A that has taken place offset_days ago (0: today), with its
    agenda published late (with a reason), held, and its minutes started."""
    m = new_meeting("A", -offset_days)
    mid = m["id"]
    check(action(mid, "start_agenda").status == 200, "start")
    made = [add_item(mid, t, **kw) for t, kw in items]
    check(action(mid, "publish_agenda", reason="Demo af et afholdt møde").status == 200, "publish")
    r = action(mid, "mark_held")
    check(r.status == 200, "held: %s" % r.text)
    check(action(mid, "start_minutes").status == 200, "minutes draft")
    return mid, made


def test_decisions_followups_bring_back_and_approval():
    sofie, rikke = sessions["sofie"], sessions["rikke"]
    mid, (plan, secret, data) = held_meeting(1, [
        ("Handleplan, status for indsatserne", {"recommendation": "At Chefforum drøfter status"}),
        ("Lukket sag", {"closed": True}),
        ("Brug af data i klyngesamarbejdet", {})])
    ids["m_held"] = mid
    nxt = new_meeting("A", 1)["id"]  # the next meeting: tomorrow
    dec = "/api/v1/items/%d/decision"
    f = fields(api(sofie, "POST", dec % plan["id"], {"outcome": "maybe", "decision": 3}))
    check(set(f) == {"outcome", "decision"}, "decision fields: %r" % f)
    check(api(sessions["morten"], "POST", dec % plan["id"], {"outcome": "maybe"}).status == 403,
          "members get no hint")
    check(api(rikke, "POST", dec % plan["id"], {"outcome": "noted"}).status == 403, "reader")
    r = api(sofie, "POST", dec % plan["id"], {"decision": "Punktet genoptages, når status foreligger.",
                                              "outcome": "brought_back"})
    check(r.status == 200 and r.json()["outcome"] == "brought_back", "decision: %s" % r.text)
    check(len(r.json()["followups"]) == 1 and r.json()["followups"][0]["bring_back"],
          "bring-back follow-up: %r" % r.json()["followups"])
    r = api(sofie, "POST", dec % data["id"], {"decision": "Drøftet.", "outcome": "noted"})
    check(r.status == 200, "noted")
    api(sofie, "POST", dec % secret["id"], {"decision": "Hemmelig beslutning", "outcome": "approved"})
    # follow-ups
    r = api(sofie, "POST", "/api/v1/followups", {"item_id": data["id"], "what": "Udarbejde datarapport",
                                                 "owner_person_id": ids["mia"], "due_on": day(20)})
    check(r.status == 201 and r.json()["owner_name"] == "Mia Nicolaisen" and
          r.json()["due_on"] == day(20) and r.json()["status"] == "open", "follow-up: %s" % r.text)
    ids["fu_mia"] = r.json()["id"]
    r = api(sofie, "POST", "/api/v1/followups", {"item_id": data["id"], "what": "Tag data op igen",
                                                 "owner_forum_id": ids["A"], "bring_back": True})
    check(r.status == 201 and r.json()["brought_back_item"], "brought back at once: %s" % r.text)
    f = fields(api(sofie, "POST", "/api/v1/followups", {"item_id": data["id"], "what": "",
                                                        "owner_person_id": ids["mia"],
                                                        "owner_forum_id": ids["A"],
                                                        "due_on": "snart", "bring_back": "ja"}))
    check(set(f) >= {"what", "owner", "due_on", "bring_back"}, "follow-up fields: %r" % f)
    check("item_id" in fields(api(sofie, "POST", "/api/v1/followups", {"what": "x"})), "item")
    check(api(sessions["morten"], "POST", "/api/v1/followups",
              {"item_id": data["id"], "what": "x", "owner_forum_id": ids["A"]}).status == 403, "member")
    r = api(sofie, "POST", "/api/v1/followups", {"item_id": ids["item_data"], "what": "x",
                                                 "owner_forum_id": ids["A"]})
    check(r.status == 409, "no follow-ups before the meeting is held: %d" % r.status)
    own = api(sessions["morten"], "GET", "/api/v1/followups").json()["followups"]
    check([x["what"] for x in own] == ["Udarbejde datarapport"], "Mia's own: %r" % own)
    forum = api(sofie, "GET", "/api/v1/followups?forum=%d" % ids["A"]).json()["followups"]
    check(len(forum) == 3, "the forum's: %r" % [x["what"] for x in forum])
    check(len(api(sofie, "GET", "/api/v1/followups?forum=%d&person=%d" % (ids["A"], ids["mia"]))
              .json()["followups"]) == 1, "forum and person")
    check(api(rikke, "GET", "/api/v1/followups?forum=%d" % ids["A"]).json()["followups"] == [],
          "readers see no follow-ups before the minutes")
    check(api(None, "GET", "/api/v1/followups?forum=%d" % ids["A"]).status == 401, "anonymous")
    check(api(None, "GET", "/api/v1/followups").json()["followups"] == [], "anonymous owns none")
    check("status" in fields(api(sofie, "GET", "/api/v1/followups?status=late")), "status named")
    # readers before and after the minutes
    m = api(rikke, "GET", "/api/v1/meetings/%d" % mid).json()
    check(m["minutes_visible"] is False and all("decision" not in i for i in m["items"]),
          "no decisions before the minutes are published")
    r = action(mid, "publish_minutes")
    check(r.status == 200 and r.json()["status"] == "minutes_published", "published minutes")
    m = api(rikke, "GET", "/api/v1/meetings/%d" % mid).json()
    decisions = {i["title"]: i.get("decision") for i in m["items"]}
    check(decisions.get("Brug af data i klyngesamarbejdet") == "Drøftet.", "decision: %r" % decisions)
    check("Lukket sag" not in decisions and "Hemmelig beslutning" not in json.dumps(m),
          "closed item's decision never shown")
    check(m["attendance"] is not None, "attendance with the minutes")
    check(len(api(rikke, "GET", "/api/v1/followups?forum=%d" % ids["A"]).json()["followups"]) == 3,
          "follow-ups with the minutes")
    # the next agenda: approve these minutes, and the items brought back
    check(action(nxt, "start_agenda").status == 200, "next agenda")
    items = api(sofie, "GET", "/api/v1/meetings/%d" % nxt).json()["items"]
    titles = [i["title"] for i in items]
    check(titles.count("Handleplan, status for indsatserne") == 1 and
          titles.count("Brug af data i klyngesamarbejdet") == 1, "brought back: %r" % titles)
    approve = [i for i in items if i["standard"] == "approve_minutes"][0]
    check(approve["approves_minutes_of"] == mid, "linked to the minutes: %r" % approve)
    ids["next"], ids["approve_item"] = nxt, approve["id"]


def test_referral_loop_up_to_the_direktoerforum():
    sofie, svend = sessions["sofie"], sessions["svend"]
    mid, (item,) = held_meeting(2, [("Dagsordenspunkter til Direktørforum", {})])
    body = {"item_id": item["id"], "to_forum_id": ids["D"], "note": "Til beslutning om finansieringsmodel",
            "answer_by": day(30)}
    check(api(svend, "POST", "/api/v1/referrals", body).status == 403, "only the sending secretary")
    r = api(sofie, "POST", "/api/v1/referrals", body)
    check(r.status == 201 and r.json()["direction"] == "up" and r.json()["status"] == "open" and
          r.json()["title"] == "Dagsordenspunkter til Direktørforum", "referral: %s" % r.text)
    rid = r.json()["id"]
    f = fields(api(sofie, "POST", "/api/v1/referrals", {"item_id": item["id"], "to_forum_id": ids["A"],
                                                        "answer_by": "snart"}))
    check(set(f) >= {"to_forum_id", "answer_by"}, "referral fields: %r" % f)
    check("item_id" in fields(api(sofie, "POST", "/api/v1/referrals", {"to_forum_id": ids["D"]})), "item")
    check("item_id" in fields(api(sofie, "POST", "/api/v1/referrals", {"item_id": 99999,
                                                                       "to_forum_id": ids["D"]})), "no item")
    inbox = api(svend, "GET", "/api/v1/referrals?forum=%d&box=inbox" % ids["D"]).json()["referrals"]
    check([x["id"] for x in inbox] == [rid], "inbox: %r" % inbox)
    out = api(sofie, "GET", "/api/v1/referrals?forum=%d&box=outbox" % ids["A"]).json()["referrals"]
    check(rid in [x["id"] for x in out], "outbox")
    nxt = api(sofie, "GET", "/api/v1/referrals?forum=%d&box=next_level" % ids["A"]).json()["referrals"]
    check(rid in [x["id"] for x in nxt], "items for the next level")
    check(api(sofie, "GET", "/api/v1/referrals?forum=%d" % ids["D"]).status == 403, "not her inbox")
    check(api(sessions["rikke"], "GET", "/api/v1/referrals?forum=%d&box=outbox" % ids["A"]).status == 403,
          "readers see no outbox")
    f = fields(api(sofie, "GET", "/api/v1/referrals?box=attic&status=lost"))
    check(set(f) == {"forum", "box", "status"}, "query named: %r" % f)
    check(api(None, "GET", "/api/v1/referrals?forum=%d" % ids["A"]).status == 401, "anonymous")
    ans = "/api/v1/referrals/%d/answer" % rid
    check(api(sofie, "POST", ans, {"answer": "x"}).status == 403, "only the receiving forum answers")
    check("answer" in fields(api(svend, "POST", ans, {"answer": ""})), "answer required")
    r = api(svend, "POST", ans, {"answer": "Direktørforum godkendte finansieringsmodellen."})
    check(r.status == 200 and r.json()["status"] == "answered", "answered: %s" % r.text)
    check(api(svend, "POST", ans, {"answer": "igen"}).status == 409, "answered once")
    check(api(svend, "POST", "/api/v1/referrals/99999/answer", {"answer": "x"}).status == 404, "missing")
    shown = api(sofie, "GET", "/api/v1/items/%d" % item["id"]).json()["referrals"]
    check(shown and shown[0]["answer"] == "Direktørforum godkendte finansieringsmodellen.",
          "the answer shows on the original item: %r" % shown)
    open_only = api(svend, "GET", "/api/v1/referrals?forum=%d&status=open" % ids["D"]).json()
    check(open_only["referrals"] == [], "no open referrals left")


def test_approve_minutes_at_the_next_meeting():
    sofie = sessions["sofie"]
    nxt = ids["next"]
    r = api(sofie, "POST", "/api/v1/items/%d/decision" % ids["approve_item"], {"outcome": "approved"})
    check(r.status == 409, "decisions wait until the meeting is held: %d" % r.status)
    # move the next meeting to today so that it can be held
    r = api(sofie, "PUT", "/api/v1/meetings/%d" % nxt, {"starts_local": "%s 00:05" % day(0)})
    check(r.status == 200, "moved: %s" % r.text)
    check(action(nxt, "publish_agenda", reason="Flyttet frem").status == 200, "publish")
    check(action(nxt, "mark_held").status == 200, "held today")
    r = api(sofie, "POST", "/api/v1/items/%d/decision" % ids["approve_item"],
            {"decision": "Referatet blev godkendt.", "outcome": "approved"})
    check(r.status == 200, "approve: %s" % r.text)
    prev = api(sofie, "GET", "/api/v1/meetings/%d" % ids["m_held"]).json()
    check(prev["approval"] == "meeting" and prev["approved_in"] == nxt, "approved: %r" % prev)
    check(api(sofie, "PUT", "/api/v1/meetings/%d" % nxt, {"place": "x"}).status == 409,
          "a held meeting no longer changes")
    check(api(sofie, "PUT", "/api/v1/items/%d" % ids["approve_item"], {"title": "x"}).status == 409,
          "nor does its agenda")


def test_csrf_and_bearer_tokens():
    sofie = sessions["sofie"]
    r = sofie.request("POST", "/api/v1/meetings", body=json.dumps({"forum_id": ids["A"]}),
                      headers={"Content-Type": "application/json"})
    check(r.status == 403, "cookie session without CSRF token: %d" % r.status)
    r = sofie.request("POST", "/account/tokens", body={"name": "script",
                                                       "csrf": sofie.csrf("/account", action="/logout")})
    token = re.search(r'<code class="token">([A-Za-z0-9_-]{43})</code>', r.text).group(1)
    r = k.request("POST", "/api/v1/meetings", body=json.dumps(
        {"forum_id": ids["A"], "starts_local": "%s 09:00" % day(150)}),
        headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    check(r.status == 201, "bearer needs no CSRF: %d %s" % (r.status, r.text))
    r = k.request("POST", "/api/v1/meetings", body="{nope",
                  headers={"Content-Type": "application/json", "Authorization": "Bearer " + token})
    check(r.status == 400 and "JSON" in r.json()["error"]["message"], "broken JSON")


def test_cli_meeting_new_list_show_publish():
    db = ["--db", k.db]
    st, out, err = k.run("meeting", "new", "--forum", str(ids["A"]), "--start", "%s 12:30" % day(3),
                         "--minutes", "90", "--place", "Mødelokale K", *db)
    mid = int(re.search(r"meeting (\d+)", out).group(1))
    check("%s 12:30" % day(3) in out, "new: %s" % out)
    st, out, err = k.run("meeting", "list", "--forum", str(ids["A"]), "--from", day(3), "--to", day(3), *db)
    check(str(mid) in out and "planned" in out and "Chefforum" in out, "list: %s" % out)
    st, out, err = k.run("meeting", "publish", str(mid), *db, check=False)
    check(st == 1 and day(-11) in err and "--reason" in err, "late without reason: %d %s" % (st, err))
    st, out, err = k.run("meeting", "show", str(mid), *db)
    check("Status: planned" in out and "No agenda yet" in out, "nothing changed: %s" % out)
    st, out, err = k.run("meeting", "publish", str(mid), "--reason", "Sen godkendelse", *db)
    check("published" in out and "late: Sen godkendelse" in out, "publish: %s" % out)
    st, out, err = k.run("meeting", "show", str(mid), *db)
    check("Status: agenda_published" in out and "Godkendelse af dagsorden" in out and
          "Eventuelt" in out, "agenda started and published: %s" % out)
    st, out, err = k.run("meeting", "publish", str(mid), *db, check=False)
    check(st == 1 and "agenda_published" in err, "published once: %d %s" % (st, err))
    st, out, err = k.run("meeting", "list", "--reason", "x", *db, check=False)
    check(st == 2, "option of another action: %d" % st)
    st, out, err = k.run("meeting", "show", str(ids["m_held"]), *db)
    check("Brug af data i klyngesamarbejdet" in out and "At Chefforum drøfter status" in out and
          "Drøftet." in out and "noted" in out, "show with decisions: %s" % out)
    check("1. Godkendelse af dagsorden" in out, "numbered: %s" % out)
    st, out, err = k.run("meeting", "new", "--forum", str(ids["A"]), "--start", "i morgen", *db, check=False)
    check(st == 2 and "--start" in err, "bad start: %d %s" % (st, err))
    st, out, err = k.run("meeting", "new", "--forum", "99999", "--start", "%s 10:00" % day(3), *db,
                         check=False)
    check(st == 1 and "forum_id" in err, "unknown forum: %d %s" % (st, err))
    st, out, err = k.run("meeting", "show", "99999", *db, check=False)
    check(st == 1, "missing meeting: %d" % st)
    st, out, err = k.run("meeting", "fly", *db, check=False)
    check(st == 2, "unknown action: %d" % st)
    for sub in ("list", "show", "new", "publish"):
        st, out, err = k.run("meeting", sub, "--help")
        check(st == 0 and "usage: klynge meeting" in out, "help of %s" % sub)


def test_demo_has_a_year_of_meetings():
    demo = Klynge(sys.argv[1], demo=True)
    try:
        st, out, err = demo.run("meeting", "list", "--db", demo.db)
        chef = [line for line in out.splitlines()
                if "Chefforum – Klynge MIDT" in line and " meeting " in line]
        vest = [line for line in out.splitlines()
                if "Klyngestyregruppe – Gødstrupklyngen" in line and " meeting " in line]
        check(len(chef) >= 6 and len(vest) >= 6, "a year of meetings each: %s" % out)
        for lines in (chef, vest):
            states = [line.split()[4] for line in lines]
            check(states.count("agenda_draft") == 1, "one agenda draft: %r" % states)
            draft = states.index("agenda_draft")
            check(all(s == "minutes_published" for s in states[:draft]) and
                  all(s == "planned" for s in states[draft + 1:]), "in order: %r" % states)
            check(draft >= 1, "some minutes published: %r" % states)
        first = chef[0].split()[0]
        st, out, err = demo.run("meeting", "show", first, "--db", demo.db)
        check("Decision (approved): Dagsordenen blev godkendt." in out, "minutes: %s" % out)
        n = demo.sql("SELECT count(*) FROM meeting")[0][0]
        demo.run("init", "--db", demo.db, "--demo")
        check(demo.sql("SELECT count(*) FROM meeting")[0][0] == n, "init --demo twice adds none")
    finally:
        demo.close()


if __name__ == "__main__":
    try:
        k.start()
        setup()
        run([(n, f) for n, f in list(globals().items()) if n.startswith("test_")])
    finally:
        k.close()
