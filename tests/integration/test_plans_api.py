#!/usr/bin/env python3
"""test_plans_api.py - action plans over real HTTP: every endpoint under
/api/v1/action-plans, /api/v1/initiatives, /api/v1/milestones, /api/v1/status-rounds and
/api/v1/status-reports with its validation errors naming each field; who may do what (only a
member of the initiative's group submits its report, the plan's secretary included not; an
outsider gets 403 or 404; anonymous visitors see no plan of a forum that is not public);
bad input (wrong types, missing fields, unknown ids, hostile text) gives clear errors and
changes nothing; a carry-over keeps the totals; spread by adoption and by order; and the
pages and forms that show the same (the plan, the initiative, the round overview, the
report form). The test makes its own forums, people, plans and rounds: it does not depend
on the demo data."""
import datetime
import json
import re
import sys

from harness import Klynge, Session, check, run

k = Klynge(sys.argv[1])
LOGINS = ("root", "sofie", "gudrun", "rikke", "otto", "regine", "stranger")
for login in LOGINS:
    k.add_user(login, admin=(login == "root"))

TODAY = datetime.date.today()
HOSTILE = "<script>alert('x')</script> & \"Ærø\""


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


def api(s, method, path, body=None):
    h = {"Content-Type": "application/json"}
    if s is not None and "klynge_session" in s.cookies:
        h["X-CSRF-Token"] = s.csrf("/account", action="/logout")
    data = body if isinstance(body, (str, bytes)) or body is None else json.dumps(body)
    if s is None:
        return k.request(method, path, body=data, headers=h)
    return s.request(method, path, body=data, headers=h)


def fields(r):
    check(r.status == 400, "expected 400, got %d %s" % (r.status, r.text[:300]))
    return r.json()["error"]["fields"]


def ok(r, status=200):
    check(r.status == status, "expected %d, got %d %s" % (status, r.status, r.text[:400]))
    return r.json()


def denied(r):
    return r.status in (401, 403, 404)


S = {}
ids = {}


def as_(login):
    return S[login]


def setup():
    for login in LOGINS:
        s = Session(k)
        check(s.login(login).status == 303, "login " + login)
        S[login] = s
    root = S["root"]

    def forum(key, **body):
        ids[key] = ok(api(root, "POST", "/api/v1/forums", body), 201)["id"]

    # two clusters of Region Midtjylland, whose plans the regional forum may order into
    forum("C", name="Chefforum Test", kind="chief", clusters=["RM-VEST"])
    forum("G", name="Indsatsgruppe Test", kind="standing", reports_to=ids["C"])
    forum("O", name="Chefforum Anden Klynge", kind="chief", clusters=["RM-AARHUS"])
    forum("R", name="Regionalt Styregruppe", kind="steering", region_code=1082)
    forum("P", name="Åbent forum", kind="standing", is_public=True)
    for login, key, role in (("sofie", "C", "secretary"), ("gudrun", "G", "member"),
                             ("rikke", "C", "reader"), ("otto", "O", "secretary"),
                             ("regine", "R", "secretary"), ("sofie", "P", "secretary")):
        k.grant(login, ids[key], role)


def new_plan(s, forum, title="Handleplan 2026-2027", **extra):
    body = {"forum_id": ids[forum], "title": title, "starts_on": "2026-01-01",
            "ends_on": "2027-12-31"}
    body.update(extra)
    return ok(api(s, "POST", "/api/v1/action-plans", body), 201)


def new_initiative(s, plan, label, **extra):
    body = {"label": label, "title": "Indsats %s" % label, "group_forum_id": ids["G"],
            "process": "A", "status": "active"}
    body.update(extra)
    return ok(api(s, "POST", "/api/v1/action-plans/%d/initiatives" % plan, body), 201)


def count(table):
    return k.sql("SELECT count(*) FROM %s" % table)[0][0]


def test_plans_create_validate_update_and_list():
    sofie = as_("sofie")
    f = fields(api(sofie, "POST", "/api/v1/action-plans", {}))
    check("forum_id" in f, "forum required: %r" % f)
    before = count("action_plan")
    f = fields(api(sofie, "POST", "/api/v1/action-plans",
                   {"forum_id": ids["C"], "title": 7, "starts_on": "i morgen",
                    "ends_on": 20261231, "funds_rule": ["x"], "approved_item_id": "x"}))
    check(set(f) >= {"title", "starts_on", "ends_on", "funds_rule", "approved_item_id"},
          "wrong types named: %r" % f)
    f = fields(api(sofie, "POST", "/api/v1/action-plans",
                   {"forum_id": ids["C"], "title": "", "starts_on": "2027-01-01",
                    "ends_on": "2026-01-01"}))
    check("title" in f and ("ends_on" in f or "starts_on" in f), "empty and backwards: %r" % f)
    f = fields(api(sofie, "POST", "/api/v1/action-plans",
                   {"forum_id": ids["C"], "title": "x", "starts_on": "2026-01-01",
                    "ends_on": "2026-12-31", "approved_item_id": 999999}))
    check("approved_item_id" in f, "unknown approving item: %r" % f)
    f = fields(api(sofie, "POST", "/api/v1/action-plans",
                   {"forum_id": ids["C"], "title": "x", "starts_on": "2026-01-01",
                    "ends_on": "2026-12-31", "funds_rule": 5}))
    check(list(f) == ["funds_rule"], "one wrong type alone: %r" % f)
    check(api(sofie, "POST", "/api/v1/action-plans", "{not json").status == 400, "broken JSON")
    check(api(sofie, "POST", "/api/v1/action-plans", "[1]").status == 400, "not an object")
    check(count("action_plan") == before, "nothing made by bad input")
    body = {"forum_id": ids["C"], "title": "x", "starts_on": "2026-01-01", "ends_on": "2026-12-31"}
    for who in ("gudrun", "rikke", "otto", "stranger"):
        check(api(as_(who), "POST", "/api/v1/action-plans", body).status == 403,
              "%s may not create a plan of C" % who)
    check(api(None, "POST", "/api/v1/action-plans", body).status == 401, "anonymous")
    check(count("action_plan") == before, "nothing made by those refused")
    p = new_plan(sofie, "C", title=HOSTILE, funds_rule="Kun til drift af indsatser.")
    ids["plan"] = p["id"]
    check(p["title"] == HOSTILE and p["forum_id"] == ids["C"] and
          p["starts_on"] == "2026-01-01" and p["funds_rule"] == "Kun til drift af indsatser.",
          "stored as sent: %r" % p)
    path = "/api/v1/action-plans/%d" % p["id"]
    p2 = ok(api(sofie, "PUT", path, {"title": "Handleplan for Klynge Test 2026-2027"}))
    check(p2["title"] == "Handleplan for Klynge Test 2026-2027" and
          p2["funds_rule"] == "Kun til drift af indsatser.", "only the title changed: %r" % p2)
    f = fields(api(sofie, "PUT", path, {"forum_id": ids["O"], "title": "Ændret"}))
    check("forum_id" in f, "forum fixed: %r" % f)
    f = fields(api(sofie, "PUT", path, {"title": "Ændret", "approved_item_id": "x"}))
    check(list(f) == ["approved_item_id"], "a wrong type: %r" % f)
    check(ok(api(sofie, "GET", path))["title"] == "Handleplan for Klynge Test 2026-2027",
          "a refused change changes nothing")
    check(api(as_("gudrun"), "PUT", path, {"title": "x"}).status == 403, "group member")
    check(api(as_("otto"), "PUT", path, {"title": "x"}).status in (403, 404), "outsider")
    check(api(sofie, "PUT", "/api/v1/action-plans/999999", {"title": "x"}).status == 404,
          "unknown")
    check(api(sofie, "GET", "/api/v1/action-plans/999999").status == 404, "unknown plan")
    check(api(sofie, "GET", "/api/v1/action-plans/abc").status == 404, "not an id")
    mine = [x["id"] for x in ok(api(sofie, "GET", "/api/v1/action-plans"))["action_plans"]]
    check(p["id"] in mine, "listed for its secretary")
    c = ok(api(as_("rikke"), "GET", "/api/v1/action-plans?forum=%d" % ids["C"]))
    check([x["id"] for x in c["action_plans"]] == [p["id"]], "a reader, by forum: %r" % c)
    check(fields(api(sofie, "GET", "/api/v1/action-plans?forum=x")).get("forum"), "bad filter")
    anon = ok(api(None, "GET", "/api/v1/action-plans"))["action_plans"]
    check(p["id"] not in [x["id"] for x in anon], "not listed for anonymous")
    check(denied(api(None, "GET", path)), "anonymous may not read a private forum's plan")
    check(denied(api(as_("otto"), "GET", path)), "nor another cluster's secretary")
    check(denied(api(as_("stranger"), "GET", path)), "nor a stranger")
    # a public forum's plan is public
    pub = new_plan(sofie, "P", title="Åben handleplan")
    check(ok(api(None, "GET", "/api/v1/action-plans/%d" % pub["id"]))["title"] ==
          "Åben handleplan", "anonymous reads a public forum's plan")


def test_initiatives_create_validate_and_change():
    sofie, plan = as_("sofie"), ids["plan"]
    path = "/api/v1/action-plans/%d/initiatives" % plan
    before = count("initiative")
    f = fields(api(sofie, "POST", path, {}))
    check({"label", "title"} <= set(f), "label and title required: %r" % f)
    f = fields(api(sofie, "POST", path, {"label": "1 b", "title": 5, "targets": ["aliens"],
                                         "group_forum_id": "G", "process": "C",
                                         "status": "done", "user_involvement": "ja",
                                         "indicators": "FOREBYG-65"}))
    check(set(f) >= {"title", "targets", "group_forum_id", "process", "status",
                     "user_involvement", "indicators"}, "each wrong field named: %r" % f)
    f = fields(api(sofie, "POST", path, {"label": "1b", "title": "x", "process": "A",
                                         "indicators": ["NO-SUCH-INDICATOR"]}))
    check("indicators" in f, "unknown indicator: %r" % f)
    f = fields(api(sofie, "POST", path, {"label": "1b!", "title": "x", "status": "dropped"}))
    check("label" in f and "status_reason" in f, "bad label, dropped without reason: %r" % f)
    f = fields(api(sofie, "POST", path, {"label": "1b", "title": "x", "group_forum_id": 999999}))
    check("group_forum_id" in f, "unknown group: %r" % f)
    for who in ("gudrun", "rikke", "otto", "stranger"):
        check(denied(api(as_(who), "POST", path, {"label": "9", "title": "x"})),
              "%s may not add an initiative" % who)
    check(count("initiative") == before, "nothing made by bad or refused input")
    a = new_initiative(sofie, plan, "1b", title="Opfølgende hjemmebesøg " + HOSTILE,
                       targets=["elderly", "chronic"], user_involvement=True,
                       involvement_how="Brugerpanel", data_plan="Genindlæggelser",
                       indicators=["FOREBYG-65"])
    ids["1b"] = a["id"]
    check(a["targets"] == ["elderly", "chronic"] and a["group_forum_id"] == ids["G"] and
          a["indicators"] == ["FOREBYG-65"] and a["title"].endswith(HOSTILE) and
          a["status"] == "active" and a["process"] == "A", "stored: %r" % a)
    ids["10"] = new_initiative(sofie, plan, "10")["id"]
    ids["3"] = new_initiative(sofie, plan, "3", process="B", status="proposed")["id"]
    f = fields(api(sofie, "POST", path, {"label": "1b", "title": "Dublet"}))
    check("label" in f, "a label once per plan: %r" % f)
    labels = [x["label"] for x in ok(api(as_("rikke"), "GET", path))["initiatives"]]
    check(labels == ["1b", "3", "10"], "natural label order: %r" % labels)
    # changes: the fields sent, transitions checked
    ipath = "/api/v1/initiatives/%d" % ids["1b"]
    r = ok(api(sofie, "PUT", ipath, {"status": "paused", "indicators": []}))
    check(r["status"] == "paused" and r["indicators"] == [] and r["data_plan"] == "Genindlæggelser",
          "changed what was sent: %r" % r)
    f = fields(api(sofie, "PUT", ipath, {"status": "proposed"}))
    check("status" in f, "paused cannot go back to proposed: %r" % f)
    f = fields(api(sofie, "PUT", ipath, {"plan_id": ids["plan"] + 1000, "title": ""}))
    check("plan_id" in f, "plan fixed: %r" % f)
    check(ok(api(sofie, "GET", ipath))["status"] == "paused", "unchanged by refusals")
    ok(api(sofie, "PUT", ipath, {"status": "active", "indicators": ["FOREBYG-65"]}))
    check(api(as_("gudrun"), "PUT", ipath, {"title": "x"}).status == 403, "group may not edit")
    check(denied(api(as_("otto"), "PUT", ipath, {"title": "x"})), "outsider")
    check(api(sofie, "GET", "/api/v1/initiatives/999999").status == 404, "unknown")
    check(ok(api(as_("gudrun"), "GET", ipath))["id"] == ids["1b"], "the group reads its initiative")
    check(denied(api(as_("stranger"), "GET", ipath)), "a stranger does not")
    check(denied(api(None, "GET", ipath)), "nor anonymous")


def test_milestones():
    sofie, gudrun = as_("sofie"), as_("gudrun")
    path = "/api/v1/initiatives/%d/milestones" % ids["1b"]
    f = fields(api(gudrun, "POST", path, {"title": "", "due_on": "snart"}))
    check({"title", "due_on"} <= set(f), "title and day: %r" % f)
    check(api(as_("rikke"), "POST", path, {"title": "x", "due_on": day(30)}).status == 403,
          "a reader keeps no milestones")
    check(denied(api(as_("otto"), "POST", path, {"title": "x", "due_on": day(30)})), "outsider")
    m = ok(api(gudrun, "POST", path, {"title": "Pilot i to kommuner", "due_on": day(30)}), 201)
    check(m["due_on"] == day(30) and m["done_on"] is None, "added by the group: %r" % m)
    m2 = ok(api(sofie, "POST", path, {"title": "Evaluering", "due_on": day(90)}), 201)
    mpath = "/api/v1/milestones/%d" % m["id"]
    r = ok(api(gudrun, "PUT", mpath, {"done_on": day(0)}))
    check(r["done_on"] == day(0) and r["title"] == "Pilot i to kommuner", "reached: %r" % r)
    check("due_on" in fields(api(gudrun, "PUT", mpath, {"due_on": 5})), "bad day")
    check(api(as_("rikke"), "PUT", mpath, {"title": "x"}).status == 403, "reader")
    check(api(sofie, "PUT", "/api/v1/milestones/999999", {"title": "x"}).status == 404, "unknown")
    got = ok(api(as_("rikke"), "GET", "/api/v1/initiatives/%d" % ids["1b"]))["milestones"]
    check([x["id"] for x in got] == [m["id"], m2["id"]], "by due day: %r" % got)


def test_funds_and_carry_over_keep_totals():
    sofie, path = as_("sofie"), "/api/v1/initiatives/%d/funds" % ids["1b"]
    r = ok(api(sofie, "PUT", path + "/2026", {"allocated": 50000000, "spent": 12500050}))
    y = {x["year"]: x for x in r["funds"]}
    check(y[2026]["allocated"] == 50000000 and y[2026]["left"] == 37499950, "set: %r" % r)
    for bad in ({"allocated": "500"}, {"allocated": -1}, {"spent": 1.5},
                {"allocated": 10 ** 17}):
        f = fields(api(sofie, "PUT", path + "/2026", bad))
        check(set(bad) <= set(f), "%r refused: %r" % (bad, f))
    check(api(sofie, "PUT", path + "/1999", {"allocated": 1}).status == 404, "year out of range")
    check(api(as_("gudrun"), "PUT", path + "/2026", {"allocated": 1}).status == 403, "group")
    check(denied(api(as_("otto"), "PUT", path + "/2026", {"allocated": 1})), "outsider")
    before = ok(api(sofie, "GET", "/api/v1/initiatives/%d" % ids["1b"]))
    check(before["totals"]["allocated"] == 50000000, "unchanged by refusals: %r" % before["totals"])
    f = fields(api(sofie, "POST", path + "/2026/carry", {"amount": 37499951}))
    check("amount" in f, "more than is left: %r" % f)
    check("amount" in fields(api(sofie, "POST", path + "/2026/carry", {})), "amount required")
    check("amount" in fields(api(sofie, "POST", path + "/2026/carry", {"amount": 0})), "positive")
    check(api(as_("gudrun"), "POST", path + "/2026/carry", {"amount": 1}).status == 403, "group")
    r = ok(api(sofie, "POST", path + "/2026/carry", {"amount": 20000000}))
    y = {x["year"]: x for x in r["funds"]}
    check(y[2026]["carried_out"] == 20000000 and y[2027]["carried_in"] == 20000000 and
          y[2026]["left"] == 17499950 and y[2027]["left"] == 20000000, "carried: %r" % r)
    check(r["totals"] == before["totals"], "totals kept: %r vs %r" % (r["totals"],
                                                                    before["totals"]))
    # the plan's funds hold every year of every initiative
    plan = ok(api(as_("rikke"), "GET", "/api/v1/action-plans/%d" % ids["plan"]))
    check(sum(x["allocated"] for x in plan["funds"]) == 50000000, "plan funds: %r" % plan["funds"])


def test_agenda_items_linked():
    mid = k.sql("INSERT INTO meeting (forum_id, kind, status, starts_at, ends_at, day, "
                "agenda_published_at, created_at) VALUES (?, 'meeting', 'agenda_published', "
                "'2030-03-06T09:00:00Z', '2030-03-06T11:00:00Z', '2030-03-06', "
                "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id", (ids["C"],))[0][0]
    item = k.sql("INSERT INTO agenda_item (forum_id, meeting_id, state, number, title, "
                 "created_at) VALUES (?, ?, 'agenda', 1, 'Status på indsats 1b', "
                 "'2026-01-01T00:00:00Z') RETURNING id", (ids["C"], mid))[0][0]
    ids["item"] = item
    path = "/api/v1/initiatives/%d/items" % ids["1b"]
    check("item_id" in fields(api(as_("sofie"), "POST", path, {})), "item required")
    check("item_id" in fields(api(as_("sofie"), "POST", path, {"item_id": "x"})), "an id")
    check(api(as_("gudrun"), "POST", path, {"item_id": item}).status == 403, "group")
    r = ok(api(as_("sofie"), "POST", path, {"item_id": item}), 201)
    check([x["id"] for x in r["items"]] == [item], "linked: %r" % r)
    check(api(as_("sofie"), "POST", path, {"item_id": item}).status == 409, "once")
    check(api(as_("sofie"), "POST", path, {"item_id": 999999}).status in (400, 404), "unknown")
    got = ok(api(as_("rikke"), "GET", "/api/v1/initiatives/%d" % ids["1b"]))["items"]
    check([x["title"] for x in got] == ["Status på indsats 1b"], "on the initiative: %r" % got)


def test_status_round_reports_and_overview():
    sofie, gudrun = as_("sofie"), as_("gudrun")
    path = "/api/v1/action-plans/%d/status-rounds" % ids["plan"]
    body = {"title": "Status " + day(0)[:7], "due_on": day(14), "fields": ["scope", "schedule"]}
    check(api(gudrun, "POST", path, body).status == 403, "the group opens no round")
    check(denied(api(as_("otto"), "POST", path, body)), "nor an outsider")
    before = count("status_round")
    f = fields(api(sofie, "POST", path, {"title": "", "fields": ["weather"]}))
    check({"due_on", "fields"} <= set(f), "named: %r" % f)
    f = fields(api(sofie, "POST", path, {"title": "x", "due_on": day(-1)}))
    check("due_on" in f, "due before it opens: %r" % f)
    check(count("status_round") == before, "nothing opened by bad input")
    ro = ok(api(sofie, "POST", path, body), 201)
    ids["round"] = ro["id"]
    check(ro["asked"] == 3 and ro["fields"] == ["scope", "schedule"], "asked all three: %r" % ro)
    rounds = ok(api(as_("rikke"), "GET", path))["status_rounds"]
    check([x["id"] for x in rounds] == [ro["id"]], "listed: %r" % rounds)
    ov = ok(api(as_("rikke"), "GET", "/api/v1/status-rounds/%d" % ro["id"]))
    check(ov["counts"]["awaiting"] == 3 and ov["counts"]["submitted"] == 0, "awaiting: %r" % ov)
    check([x["label"] for x in ov["reports"]] == ["1b", "3", "10"], "in label order")
    check("1b" in ov["summary_da"] and "1b" in ov["summary_en"], "sentences: %r" % ov)
    rep = {x["label"]: x["id"] for x in ov["reports"]}
    ids["report_1b"], ids["report_3"] = rep["1b"], rep["3"]
    rpath = "/api/v1/status-reports/%d" % rep["1b"]
    good = {"light": "yellow", "scope": "To kommuner " + HOSTILE, "schedule": "Som planlagt"}
    # only a member of the initiative's group submits
    check(api(sofie, "PUT", rpath, good).status == 403, "the plan's secretary does not submit")
    check(api(as_("rikke"), "PUT", rpath, good).status == 403, "a reader does not")
    check(denied(api(as_("otto"), "PUT", rpath, good)), "an outsider does not")
    check(denied(api(as_("stranger"), "PUT", rpath, good)), "a stranger does not")
    check(api(None, "PUT", rpath, good).status == 401, "anonymous does not")
    f = fields(api(gudrun, "PUT", rpath, {"light": "blue", "scope": 5, "data": "ikke spurgt"}))
    check({"light", "scope", "data"} <= set(f), "named: %r" % f)
    f = fields(api(gudrun, "PUT", rpath, {"scope": "x"}))
    check("light" in f and "schedule" in f, "light and asked fields required: %r" % f)
    check(ok(api(gudrun, "GET", rpath))["state"] == "awaiting", "refusals change nothing")
    r = ok(api(gudrun, "PUT", rpath, good))
    check(r["state"] == "submitted" and r["light"] == "yellow" and
          r["text"]["scope"] == good["scope"] and r["submitted_by"], "submitted: %r" % r)
    ov = ok(api(sofie, "GET", "/api/v1/status-rounds/%d" % ro["id"]))
    check(ov["counts"]["submitted"] == 1 and ov["counts"]["awaiting"] == 2, "counted: %r" % ov)
    check("1b" not in ov["summary_da"].split("har ikke")[0] or "3" in ov["summary_da"],
          "the sentence names who is missing: %r" % ov["summary_da"])
    lights = {x["label"]: x.get("latest_light") for x in
              ok(api(sofie, "GET", "/api/v1/action-plans/%d/initiatives" % ids["plan"]))
              ["initiatives"]}
    check(lights["1b"] == "yellow", "latest light on the plan: %r" % lights)
    # extensions: the plan's secretary, after the round's due day, with a reason
    epath = "/api/v1/status-reports/%d/extension" % rep["3"]
    check(api(gudrun, "POST", epath, {"extended_to": day(20), "reason": "x"}).status == 403,
          "the group grants no extension")
    check(denied(api(as_("otto"), "POST", epath, {"extended_to": day(20), "reason": "x"})),
          "outsider")
    f = fields(api(sofie, "POST", epath, {"extended_to": day(10), "reason": ""}))
    check("extended_to" in f or "extension_reason" in f, "before the due day: %r" % f)
    check("extended_to" in fields(api(sofie, "POST", epath, {"reason": "x"})), "day required")
    r = ok(api(sofie, "POST", epath, {"extended_to": day(21), "reason": "Ny projektleder"}))
    check(r["extended_to"] == day(21) and r["due_on"] == day(21) and
          r["extension_reason"] == "Ny projektleder", "extended: %r" % r)
    check(api(sofie, "GET", "/api/v1/status-reports/999999").status == 404, "unknown report")
    check(api(sofie, "GET", "/api/v1/status-rounds/999999").status == 404, "unknown round")
    check(denied(api(None, "GET", rpath)), "anonymous reads no private report")
    check(denied(api(as_("stranger"), "GET", "/api/v1/status-rounds/%d" % ro["id"])),
          "a stranger sees no overview")
    tl = ok(api(as_("rikke"), "GET", "/api/v1/initiatives/%d" % ids["1b"]))["reports"]
    check([x["id"] for x in tl] == [rep["1b"]] and tl[0]["light"] == "yellow", "timeline")


def test_spread_adopt_and_order():
    sofie = as_("sofie")
    ipath = "/api/v1/initiatives/%d" % ids["10"]
    check(api(sofie, "POST", ipath + "/offer").status == 400, "only a completed initiative")
    ok(api(sofie, "PUT", ipath, {"status": "completed"}))
    check(api(as_("gudrun"), "POST", ipath + "/offer").status == 403, "the group does not offer")
    r = ok(api(sofie, "POST", ipath + "/offer"))
    check(r["offered_at"], "offered: %r" % r)
    r = api(sofie, "POST", ipath + "/offer")
    check(r.status == 409 and r.json()["error"]["message"] ==
          "Indsatsen er allerede tilbudt til spredning.", "offered once: %s" % r.text)
    other = new_plan(as_("otto"), "O", title="Handleplan Anden Klynge")
    ids["other_plan"] = other["id"]
    check("plan_id" in fields(api(as_("otto"), "POST", ipath + "/adopt", {})), "plan required")
    check(api(as_("otto"), "POST", ipath + "/adopt", {"plan_id": ids["plan"]}).status == 403,
          "not into someone else's plan")
    a = ok(api(as_("otto"), "POST", ipath + "/adopt", {"plan_id": other["id"], "label": "4"}),
           201)
    check(a["origin_id"] == ids["10"] and a["plan_id"] == other["id"] and a["label"] == "4" and
          a["status"] == "proposed" and a["process"] == "A", "adopted: %r" % a)
    check(api(as_("otto"), "POST", ipath + "/adopt", {"plan_id": other["id"]}).status == 409,
          "adopted once")
    sp = ok(api(as_("otto"), "GET", ipath + "/spread"))
    check(sp["origin"]["id"] == ids["10"] and [x["id"] for x in sp["linked"]] == [a["id"]],
          "side by side: %r" % sp)
    # type B: a region-wide forum orders into the clusters' plans
    regine = as_("regine")
    rplan = new_plan(regine, "R", title="Regional plan")
    b = new_initiative(regine, rplan["id"], "7", process="B", group_forum_id=None)
    opath = "/api/v1/initiatives/%d/order" % b["id"]
    check("plan_ids" in fields(api(regine, "POST", opath, {"plan_ids": "alle"})), "a list")
    check("plan_ids" in fields(api(regine, "POST", opath, {})), "required")
    check(api(sofie, "POST", opath, {"plan_ids": [ids["plan"]]}).status in (403, 404),
          "a cluster's secretary does not order")
    check(api(sofie, "POST", "/api/v1/initiatives/%d/order" % ids["3"],
              {"plan_ids": [ids["other_plan"]]}).status in (400, 403), "not from a cluster forum")
    before = count("initiative")
    check(api(regine, "POST", opath, {"plan_ids": [ids["plan"], 999999]}).status in (400, 404),
          "an unknown plan")
    check(count("initiative") == before, "all or nothing")
    r = ok(api(regine, "POST", opath, {"plan_ids": [ids["plan"], ids["other_plan"]]}), 201)
    check(count("initiative") == before + 2, "one in each plan: %r" % r)
    check(api(regine, "POST", opath, {"plan_ids": [ids["plan"]]}).status == 409, "ordered once")
    sp = ok(api(regine, "GET", "/api/v1/initiatives/%d/spread" % b["id"]))
    check(len(sp["linked"]) == 2, "both linked: %r" % sp)


def test_pages_show_the_plan_initiative_and_round():
    sofie, gudrun = as_("sofie"), as_("gudrun")
    ok(api(sofie, "PUT", "/api/v1/action-plans/%d" % ids["plan"], {"approved_item_id": ids["item"]}))
    r = sofie.get("/plans/%d" % ids["plan"])
    check(r.status == 200 and "Indsats 3" in r.text and "Gul" in r.text, "plan page: %d" % r.status)
    check('#item-%d">Status på indsats 1b</a>' % ids["item"] in r.text, "approved by the item")
    check("<script>alert" not in r.text and "&lt;script&gt;" in r.text, "hostile text escaped")
    check(k.get("/plans/%d" % ids["plan"]).status == 303, "anonymous: sign in first")
    check(as_("stranger").get("/plans/%d" % ids["plan"]).status in (403, 404), "stranger")
    r = sofie.get("/initiatives/%d" % ids["1b"])
    check(r.status == 200 and "Pilot i to kommuner" in r.text and "174.999,50 kr." in r.text
          and "200.000 kr." in r.text, "initiative page with milestones and funds (kroner)")
    r = sofie.get("/status-rounds/%d" % ids["round"])
    check(r.status == 200 and 'id="count-submitted"' in r.text and "Ny projektleder" in r.text,
          "round overview")
    # the group's form: problems next to the fields, then Post/Redirect/Get
    form = "/status-reports/%d/edit" % ids["report_3"]
    check(sofie.get(form).status == 403, "the secretary gets no submission form")
    token = gudrun.csrf(form, action="/status-reports/%d" % ids["report_3"])
    r = gudrun.request("POST", "/status-reports/%d" % ids["report_3"],
                       body={"csrf": token, "scope": "Afgrænsning"})
    check(r.status == 400 and "field-problem" in r.text and 'aria-invalid="true"' in r.text,
          "problems shown: %d" % r.status)
    r = gudrun.request("POST", "/status-reports/%d" % ids["report_3"],
                       body={"csrf": token, "light": "green", "scope": "Afgrænsning",
                             "schedule": "Til tiden"})
    check(r.status == 303 and r.header("Location") == "/status-reports/%d" % ids["report_3"],
          "submitted: %d %s" % (r.status, r.text[:200]))
    r = sofie.get("/status-rounds/%d" % ids["round"])
    m = re.search(r'id="count-submitted"><strong class="count">(\d+)', r.text)
    check(m and m.group(1) == "2", "two in: %r" % (m and m.group(0)))
    r = sofie.request("POST", "/status-reports/%d" % ids["report_3"],
                      body={"csrf": sofie.csrf("/account", action="/logout"), "light": "red",
                            "scope": "x", "schedule": "y"})
    check(r.status == 403, "the secretary may not post it either: %d" % r.status)
    # the secretary's forms: open a round with a problem, then the list of plans
    token = sofie.csrf("/plans/%d" % ids["plan"], action="/plans/%d/rounds" % ids["plan"])
    r = sofie.request("POST", "/plans/%d/rounds" % ids["plan"],
                      body={"csrf": token, "title": "", "due_on": "snart"})
    check(r.status == 400 and "problem-due_on" in r.text, "round form problems: %d" % r.status)
    r = sofie.get("/plans?forum=%d" % ids["C"])
    check(r.status == 200 and "Handleplan for Klynge Test" in r.text, "plans of the forum")
    check('href="/plans?forum=%d"' % ids["C"] in sofie.get("/forums/%d" % ids["C"]).text,
          "the forum page links to its plans")
    # the secretary links an agenda item of the forum's coming meeting in the form
    soon = day(10)
    mid = k.sql("INSERT INTO meeting (forum_id, kind, status, starts_at, ends_at, day, "
                "agenda_published_at, created_at) VALUES (?, 'meeting', 'agenda_published', "
                "?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
                (ids["C"], soon + "T09:00:00Z", soon + "T11:00:00Z", soon))[0][0]
    item = k.sql("INSERT INTO agenda_item (forum_id, meeting_id, state, number, title, "
                 "created_at) VALUES (?, ?, 'agenda', 1, 'Godkendelse af indsats 10', "
                 "'2026-01-01T00:00:00Z') RETURNING id", (ids["C"], mid))[0][0]
    page = "/initiatives/%d" % ids["10"]
    check('value="%d"' % item in sofie.get(page).text, "offered in the form")
    token = sofie.csrf(page, action=page + "/items")
    r = sofie.request("POST", page + "/items", body={"csrf": token, "form": "item",
                                                     "item_id": str(item)})
    check(r.status == 303 and r.header("Location") == page + "#items", "linked: %d" % r.status)
    check("Godkendelse af indsats 10" in sofie.get(page).text, "shown on the initiative")
    r = sofie.request("POST", page + "/items", body={"csrf": token, "form": "item",
                                                     "item_id": str(item)})
    check(r.status == 400 and "problem-item_id" in r.text, "once: %d" % r.status)
    r = gudrun.request("POST", page + "/items", body={"csrf": gudrun.csrf("/account", action="/logout"),
                                                      "item_id": str(item)})
    check(r.status in (403, 404), "not the group: %d" % r.status)


def test_overdue_reports_in_the_secretarys_work_tray():
    sofie = as_("sofie")
    work = "/forums/%d/work" % ids["C"]
    check("Statusrapporter med overskredet frist" not in sofie.get(work).text, "none yet")
    rid = k.sql("INSERT INTO status_round (plan_id, title, opened_on, due_on, fields, "
                "created_at) VALUES (?, 'Forrige runde', ?, ?, 1, '2026-01-01T00:00:00Z') "
                "RETURNING id", (ids["plan"], day(-20), day(-5)))[0][0]
    rep = k.sql("INSERT INTO status_report (round_id, initiative_id) VALUES (?, ?) RETURNING id",
                (rid, ids["1b"]))[0][0]
    r = sofie.get(work)
    check(r.status == 200 and "Statusrapporter med overskredet frist" in r.text and
          "Forrige runde" in r.text and 'href="/status-reports/%d"' % rep in r.text,
          "the missing report is in the tray: %s" % r.text[-1500:])
    ov = ok(api(sofie, "GET", "/api/v1/status-rounds/%d" % rid))
    check(ov["counts"]["missing"] == 1, "missing: %r" % ov["counts"])


if __name__ == "__main__":
    try:
        k.start()
        setup()
        run([(n, f) for n, f in list(globals().items()) if n.startswith("test_")])
    finally:
        k.close()
