#!/usr/bin/env python3
"""test_authz.py - the authorization matrix: every route of the route table
(src/web/route_table.c) against anonymous, reader, member, secretary of forum A, secretary
of forum B and administrator, each asserted allowed or denied over real HTTP. A route in
the table without an entry in MATRIX fails the test, and so does an entry for a route that
is no longer in the table."""
import json
import os
import re
import sys

from harness import Klynge, Session, check, run

ROLES = ["anonymous", "reader", "member", "secretary_a", "secretary_b", "admin"]
EVERYONE = set(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
AUDITORS = {"secretary_a", "secretary_b", "admin"}
EDITORS = AUDITORS                        # administrators and secretaries of any forum
READERS_A = {"reader", "member", "secretary_a", "admin"}
MANAGERS_A = {"secretary_a", "admin"}
INTERNAL_A = {"member", "secretary_a", "admin"}
NOBODY = set()

# (method, pattern) -> who is allowed. The permission named in the table must agree.
MATRIX = {
    ("GET", "/"): EVERYONE,
    ("GET", "/regions"): EVERYONE,
    ("GET", "/regions/{code}"): EVERYONE,
    ("GET", "/clusters"): EVERYONE,
    ("GET", "/clusters/{code}"): EVERYONE,
    ("GET", "/municipalities"): EVERYONE,
    ("GET", "/municipalities/{code}"): EVERYONE,
    ("GET", "/api/v1/regions"): EVERYONE,
    ("GET", "/api/v1/regions/{code}"): EVERYONE,
    ("GET", "/api/v1/municipalities"): EVERYONE,
    ("GET", "/api/v1/municipalities/{code}"): EVERYONE,
    ("GET", "/api/v1/clusters"): EVERYONE,
    ("GET", "/api/v1/clusters/{code}"): EVERYONE,
    ("GET", "/login"): EVERYONE,
    ("POST", "/login"): EVERYONE,
    ("POST", "/logout"): SIGNED_IN,
    ("GET", "/account"): SIGNED_IN,
    ("POST", "/account/tokens"): SIGNED_IN,
    ("POST", "/account/tokens/{id}/revoke"): SIGNED_IN,
    ("GET", "/api/v1/me"): SIGNED_IN,
    ("GET", "/audit"): AUDITORS,
    ("GET", "/api/v1/audit"): AUDITORS,
    ("GET", "/clusters/{code}/organisation"): EVERYONE,
    ("POST", "/clusters/{code}/organisation"): {"admin"},
    ("GET", "/forums"): EVERYONE,
    ("GET", "/forums/new"): EDITORS,
    ("POST", "/forums/new"): MANAGERS_A,         # a new forum under forum A
    ("GET", "/forums/{id}"): READERS_A,
    ("GET", "/forums/{id}/edit"): MANAGERS_A,
    ("POST", "/forums/{id}/edit"): MANAGERS_A,
    ("POST", "/forums/{id}/members"): MANAGERS_A,
    ("POST", "/forums/{id}/members/{mid}/end"): MANAGERS_A,
    ("GET", "/forums/{id}/meetings"): READERS_A,
    ("POST", "/forums/{id}/yearplan"): MANAGERS_A,
    ("GET", "/forums/{id}/work"): INTERNAL_A,
    ("POST", "/forums/{id}/proposals"): INTERNAL_A,
    ("POST", "/forums/{id}/datapakke"): MANAGERS_A,
    ("GET", "/clusters/{code}/plan"): EVERYONE,
    ("GET", "/meetings"): EVERYONE,
    ("GET", "/meetings/{id}"): READERS_A,            # a published agenda of forum A
    ("POST", "/meetings/{id}/status"): MANAGERS_A,
    ("POST", "/meetings/{id}/items"): MANAGERS_A,
    ("POST", "/meetings/{id}/absence"): MANAGERS_A,  # or the member herself, for herself
    ("POST", "/meetings/{id}/presence"): MANAGERS_A,
    ("POST", "/meetings/{id}/guests"): MANAGERS_A,
    ("POST", "/meetings/{id}/approval"): MANAGERS_A,
    ("POST", "/items/{id}/move"): MANAGERS_A,
    ("POST", "/items/{id}/delete"): MANAGERS_A,
    ("POST", "/items/{id}/decision"): MANAGERS_A,
    ("POST", "/items/{id}/followups"): MANAGERS_A,
    ("POST", "/items/{id}/referrals"): MANAGERS_A,
    ("POST", "/items/{id}/attachments"): MANAGERS_A,
    ("POST", "/items/{id}/accept"): MANAGERS_A,
    ("POST", "/items/{id}/decline"): MANAGERS_A,
    ("GET", "/attachments/{id}"): READERS_A,          # on a held meeting's agenda of forum A
    ("POST", "/referrals/{id}/take-up"): MANAGERS_A,  # a referral from forum B to forum A
    ("POST", "/referrals/{id}/answer"): MANAGERS_A,
    ("GET", "/followups"): SIGNED_IN,
    ("POST", "/followups/{id}/status"): MANAGERS_A,  # a follow-up owned by forum A
    ("GET", "/organisations"): EVERYONE,
    ("POST", "/organisations"): EDITORS,
    ("GET", "/people"): SIGNED_IN,
    ("GET", "/people/{id}"): SIGNED_IN,
    ("POST", "/people/{id}"): EDITORS,  # 400: a bad organisation, so nothing changes
    ("GET", "/api/v1/organisations"): EVERYONE,
    ("POST", "/api/v1/organisations"): EDITORS,
    ("GET", "/api/v1/organisations/{id}"): EVERYONE,
    ("PUT", "/api/v1/organisations/{id}"): EDITORS,
    ("GET", "/api/v1/people"): SIGNED_IN,
    ("POST", "/api/v1/people"): EDITORS,
    ("GET", "/api/v1/people/{id}"): SIGNED_IN,
    ("PUT", "/api/v1/people/{id}"): EDITORS,
    ("GET", "/api/v1/forums"): EVERYONE,
    ("POST", "/api/v1/forums"): MANAGERS_A,      # a new forum reporting to forum A
    ("GET", "/api/v1/forums/{id}"): READERS_A,
    ("PUT", "/api/v1/forums/{id}"): MANAGERS_A,
    ("GET", "/api/v1/memberships"): SIGNED_IN,
    ("POST", "/api/v1/memberships"): MANAGERS_A, # a membership of forum A
    ("GET", "/api/v1/memberships/{id}"): SIGNED_IN,
    ("PUT", "/api/v1/memberships/{id}"): MANAGERS_A,
    ("GET", "/indicators"): EVERYONE,
    ("GET", "/indicators/import"): EDITORS,
    ("POST", "/indicators/import"): EDITORS,
    ("GET", "/indicators/{code}"): EVERYONE,
    ("GET", "/indicators/{code}/csv"): EVERYONE,
    ("GET", "/clusters/{code}/indicators"): EVERYONE,
    ("POST", "/clusters/{code}/indicators"): EDITORS,
    ("GET", "/clusters/{code}/indicators/csv"): EVERYONE,
    ("GET", "/clusters/{code}/indicators/xlsx"): EVERYONE,
    ("GET", "/municipalities/{code}/indicators/{ind}"): EVERYONE,
    ("GET", "/municipalities/{code}/indicators/{ind}/csv"): EVERYONE,
    ("GET", "/municipalities/{code}/indicators/{ind}/xlsx"): EVERYONE,
    ("GET", "/api/v1/indicators"): EVERYONE,
    ("GET", "/api/v1/indicators/{code}/values"): EVERYONE,
    ("GET", "/reporting"): SIGNED_IN,
    ("POST", "/reporting"): EDITORS,
    ("GET", "/reporting/{id}"): SIGNED_IN,
    ("POST", "/reporting/{id}"): EDITORS,       # and a municipality's own contact
    # meetings: the use cases filter and authorise by the meeting's forum (A below)
    ("GET", "/api/v1/meetings"): EVERYONE,
    ("POST", "/api/v1/meetings"): MANAGERS_A,    # a meeting of forum A
    ("GET", "/api/v1/meetings/{id}"): READERS_A,
    ("PUT", "/api/v1/meetings/{id}"): MANAGERS_A,
    ("POST", "/api/v1/meetings/{id}/status"): MANAGERS_A,
    ("POST", "/api/v1/meetings/{id}/items"): MANAGERS_A,
    ("POST", "/api/v1/meetings/{id}/absence"): MANAGERS_A,  # and an invited member herself
    ("GET", "/api/v1/items/{id}"): READERS_A,
    ("PUT", "/api/v1/items/{id}"): MANAGERS_A,
    ("POST", "/api/v1/items/{id}/decision"): MANAGERS_A,
    ("GET", "/api/v1/followups"): EVERYONE,      # one's own: none for anonymous
    ("POST", "/api/v1/followups"): MANAGERS_A,
    ("GET", "/api/v1/referrals"): SIGNED_IN,
    ("POST", "/api/v1/referrals"): MANAGERS_A,
    ("POST", "/api/v1/referrals/{id}/answer"): MANAGERS_A,  # a referral from B to A
    ("DELETE", "/api/v1/items/{id}"): MANAGERS_A,    # refused (409): it has a follow-up
    ("POST", "/api/v1/items/{id}/move"): MANAGERS_A,
    ("POST", "/api/v1/items/{id}/accept"): MANAGERS_A,   # 409: already on an agenda
    ("POST", "/api/v1/items/{id}/decline"): MANAGERS_A,  # 409: not a proposal
    ("POST", "/api/v1/forums/{id}/proposals"): INTERNAL_A,
    ("GET", "/api/v1/forums/{id}/items"): INTERNAL_A,
    ("POST", "/api/v1/items/{id}/attachments"): MANAGERS_A,
    ("GET", "/api/v1/attachments/{id}"): READERS_A,
    ("POST", "/api/v1/attachments/{id}/versions"): MANAGERS_A,
    ("DELETE", "/api/v1/attachments/{id}"): MANAGERS_A,  # 409: the meeting is held
    ("POST", "/api/v1/meetings/{id}/presence"): MANAGERS_A,
    ("POST", "/api/v1/meetings/{id}/guests"): MANAGERS_A,  # 400: already invited
    ("DELETE", "/api/v1/meetings/{id}/attendance/{person}"): MANAGERS_A,  # marked just before
    ("POST", "/api/v1/meetings/{id}/approval"): MANAGERS_A,  # 409: minutes not published
    ("GET", "/api/v1/meetings/{id}/approvers"): INTERNAL_A,  # with the minutes in draft
    ("PUT", "/api/v1/followups/{id}"): MANAGERS_A,
    ("POST", "/api/v1/followups/{id}/status"): MANAGERS_A,
    ("POST", "/api/v1/followups/{id}/bring-back"): MANAGERS_A,  # then 409: once only
    ("POST", "/api/v1/referrals/{id}/take-up"): MANAGERS_A,  # the receiving forum
    ("POST", "/api/v1/referrals/{id}/withdraw"): {"secretary_b", "admin"},  # the sending one
    ("GET", "/meetings/{id}/agenda.pdf"): READERS_A,   # published agenda; closed items by role
    ("GET", "/meetings/{id}/agenda-bilag.pdf"): READERS_A,  # the same with its PDF attachments
    ("GET", "/meetings/{id}/minutes.pdf"): NOBODY,     # minutes not started: 404 for all
    ("GET", "/meetings/{id}/datapakke.pdf"): READERS_A,  # who sees the meeting (A: no cluster)
    ("POST", "/meetings/{id}/datapakke"): MANAGERS_A,     # attach it to an item: the secretary
    ("GET", "/search"): EVERYONE,            # app_search shows each only what they may see
    ("GET", "/api/v1/search"): EVERYONE,
    ("GET", "/healthz"): EVERYONE,
    ("GET", "/static/{name}"): EVERYONE,
}

# documents out: calendar feeds and spreadsheets. A personal feed's token is its credential;
# the sample token is unknown, so it answers 404 to everybody.
MATRIX.update({
    ("GET", "/forums/{id}/calendar.ics"): READERS_A,
    ("GET", "/calendar/{token}"): NOBODY,
    ("POST", "/account/calendar"): SIGNED_IN,
    ("POST", "/account/calendar/revoke"): SIGNED_IN,  # revokes the link made just before
    ("GET", "/forums/{id}/meetings.xlsx"): READERS_A,
    ("GET", "/forums/{id}/followups.xlsx"): INTERNAL_A,
    ("GET", "/followups.xlsx"): SIGNED_IN,
    ("GET", "/forums/{id}/referrals.xlsx"): INTERNAL_A,
})

# who each permission of the table lets through, for forum A where a forum is named; the
# use case behind a route may narrow it further (a new forum must report to one's own)
PERMISSION_SETS = {"PERM_PUBLIC": EVERYONE, "PERM_SIGNED_IN": SIGNED_IN,
                   "PERM_AUDIT_READ": AUDITORS, "PERM_ADMIN": {"admin"},
                   "PERM_DIRECTORY_EDIT": EDITORS, "PERM_FORUM_PUBLISHED": READERS_A,
                   "PERM_FORUM_MANAGE": MANAGERS_A, "PERM_FORUM_INTERNAL": INTERNAL_A,
                   "PERM_FORUM_PROPOSE": INTERNAL_A, "PERM_INDICATOR_EDIT": EDITORS,
                   "PERM_SMALL_NUMBERS": {"admin"}}

# a real value for each path parameter, by the segment before it (set up below)
SAMPLE = {"regions": "1082", "municipalities": "751", "clusters": "RM-AARHUS",
          "static": "style.css", "indicators": "FOREBYG-65"}
SAMPLE["calendar"] = "unknown.ics"  # no such calendar token


def route_table():
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "..", "src", "web", "route_table.c")) as f:
        text = f.read()
    return re.findall(r'\{"(GET|POST|PUT|DELETE|PATCH)", "([^"]+)", \w+, (PERM_\w+)', text)


k = Klynge(sys.argv[1])
FORUM_A = k.add_forum("Forum A")
FORUM_B = k.add_forum("Forum B")
USERS = {"reader": ("rikke", FORUM_A, "reader"), "member": ("morten", FORUM_A, "member"),
         "secretary_a": ("sofie", FORUM_A, "secretary"),
         "secretary_b": ("svend", FORUM_B, "secretary")}
for role, (login, forum, grant) in USERS.items():
    k.add_user(login)
    k.grant(login, forum, grant)
k.add_user("adm", admin=True)
ORG = k.sql("INSERT INTO organisation (name, kind, created_at) VALUES ('Matrix org', 'other', "
            "'2026-01-01T00:00:00Z') RETURNING id")[0][0]
PERSON = k.sql("INSERT INTO person (name, created_at) VALUES ('Matrix Person', "
               "'2026-01-01T00:00:00Z') RETURNING id")[0][0]
MEMBERSHIP = k.sql("INSERT INTO membership (person_id, forum_id, role, starts_on) VALUES "
                   "(?, ?, 'member', '2026-01-01') RETURNING id", (PERSON, FORUM_A))[0][0]
SOURCE = k.sql("INSERT INTO indicator_source (kind, label, actor, created_at) VALUES "
               "('manual', 'Matrix round', 'test', '2026-01-01T00:00:00Z') RETURNING id")[0][0]
ROUND = k.sql("INSERT INTO reporting_round (indicator_code, period, cluster_code, title, due_on, "
              "source_id, created_at) VALUES ('PLEJEHJEMSLAEGE', '2024-Q1', 'RM-AARHUS', "
              "'Matrix round', '2026-03-01', ?, '2026-01-01T00:00:00Z') RETURNING id",
              (SOURCE,))[0][0]
SAMPLE.update({"forums": str(FORUM_A), "organisations": str(ORG), "people": str(PERSON),
               "memberships": str(MEMBERSHIP), "members": str(MEMBERSHIP),
               "reporting": str(ROUND)})

# a meeting of forum A with a published agenda and one item, and a referral from an item of
# forum B to forum A (test-only setup; the API's own tests are in test_meetings_api.py)
def matrix_meeting(forum, title):
    mid = k.sql("INSERT INTO meeting (forum_id, kind, status, starts_at, ends_at, day, "
                "agenda_published_at, created_at) VALUES (?, 'meeting', 'agenda_published', "
                "'2030-03-06T09:00:00Z', '2030-03-06T11:00:00Z', '2030-03-06', "
                "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id", (forum,))[0][0]
    iid = k.sql("INSERT INTO agenda_item (forum_id, meeting_id, state, number, title, "
                "created_at) VALUES (?, ?, 'agenda', 1, ?, '2026-01-01T00:00:00Z') RETURNING id",
                (forum, mid, title))[0][0]
    return mid, iid


MEETING_A, ITEM_A = matrix_meeting(FORUM_A, "Matrix item")
MEETING_B, ITEM_B = matrix_meeting(FORUM_B, "Matrix item of B")
REFERRAL = k.sql("INSERT INTO referral (item_id, from_forum_id, to_forum_id, direction, title, "
                 "created_at) VALUES (?, ?, ?, 'across', 'Matrix item of B', "
                 "'2026-01-01T00:00:00Z') RETURNING id", (ITEM_B, FORUM_B, FORUM_A))[0][0]
FOLLOWUP = k.sql("INSERT INTO followup (item_id, forum_id, what, owner_forum_id, created_at) "
                 "VALUES (?, ?, 'Matrix follow-up', ?, '2026-01-01T00:00:00Z') RETURNING id",
                 (ITEM_A, FORUM_A, FORUM_A))[0][0]
SAMPLE.update({"meetings": str(MEETING_A), "items": str(ITEM_A), "referrals": str(REFERRAL),
               "followups": str(FOLLOWUP), "attachments": "999999"})
# an attachment on the agenda of a held meeting of forum A (its versions may grow, it stays)
HELD_A = k.sql("INSERT INTO meeting (forum_id, kind, status, starts_at, ends_at, day, "
               "agenda_published_at, created_at) VALUES (?, 'meeting', 'held', "
               "'2026-01-06T09:00:00Z', '2026-01-06T11:00:00Z', '2026-01-06', "
               "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id", (FORUM_A,))[0][0]
HELD_ITEM = k.sql("INSERT INTO agenda_item (forum_id, meeting_id, state, number, title, "
                  "created_at) VALUES (?, ?, 'agenda', 1, 'Matrix held item', "
                  "'2026-01-01T00:00:00Z') RETURNING id", (FORUM_A, HELD_A))[0][0]
ATTACHMENT = k.sql("INSERT INTO attachment (item_id, title, created_at) VALUES (?, 'Matrix', "
                   "'2026-01-01T00:00:00Z') RETURNING id", (HELD_ITEM,))[0][0]
k.sql("INSERT INTO attachment_version (attachment_id, version, filename, content_type, size, "
      "sha256, content, uploaded_at, uploaded_by) VALUES (?, 1, 'm.pdf', 'application/pdf', 14, "
      "?, ?, '2026-01-01T00:00:00Z', 'test')", (ATTACHMENT, "0" * 64, b"%PDF-1.4\n%EOF\n"))
SAMPLE.update({"attachments": str(ATTACHMENT), "attendance": str(PERSON)})

# the body each state-changing route gets: enough to reach the permission decision
BODIES = {"/meetings/{id}/status": {"action": "mark_held"},
          "/people/{id}": {"organisation_id": "x"},
          "/meetings/{id}/datapakke": {"item_id": str(ITEM_A)},
          "/referrals/{id}/answer": {"answer": "Matrix answer"},
          "/referrals/{id}/take-up": {"meeting_id": str(MEETING_A)},
          "/clusters/{code}/organisation": {"template": "steering-2019"},
          "/followups/{id}/status": {"status": "open"},
          "/forums/new": {"reports_to": str(FORUM_A), "name": "Matrix group", "kind": "standing"},
          "/api/v1/forums": {"reports_to": FORUM_A, "name": "Matrix group", "kind": "standing"},
          "/api/v1/memberships": {"forum_id": FORUM_A, "person_id": PERSON, "role": "guest",
                                  "starts_on": "2026-02-01"},
          "/reporting": {"title": "Matrix round", "indicator": "PLEJEHJEMSLAEGE",
                         "period": "2024-Q1", "cluster": "RM-AARHUS", "due_on": "2026-03-01"}}
BODIES.update({"/api/v1/meetings": {"forum_id": FORUM_A, "starts_local": "2031-01-08 10:00"},
               "/api/v1/meetings/{id}/status": {"action": "cancel"},  # no reason: 400
               "/api/v1/followups": {"item_id": ITEM_A, "what": "Matrix",
                                     "owner_forum_id": FORUM_A},
               "/api/v1/referrals": {"item_id": ITEM_A}})
BODIES.update({"/api/v1/items/{id}/move": {"position": 1},
               "/api/v1/items/{id}/accept": {"meeting_id": MEETING_A},
               "/api/v1/items/{id}/decline": {"reason": "Matrix"},
               "/api/v1/forums/{id}/proposals": {"title": "Matrix proposal"},
               "/api/v1/meetings/{id}/presence": {"person_id": PERSON, "present": True},
               "/api/v1/meetings/{id}/guests": {"person_id": PERSON},
               "/api/v1/meetings/{id}/approval": {"person_ids": [PERSON],
                                                  "approved_on": "2026-01-02"},
               "/api/v1/followups/{id}": {"what": "Matrix follow-up"},
               "/api/v1/followups/{id}/status": {"status": "open"},
               "/api/v1/referrals/{id}/take-up": {"meeting_id": MEETING_A},
               "/api/v1/referrals/{id}/withdraw": {"reason": "Matrix"}})

# action plans: a plan of forum A with one active type-A initiative run by forum A itself, a
# milestone, a round with the initiative's report, and a second
# plan of forum A to adopt it into (test-only setup; the API's own tests are in
# test_plans_api.py). The use cases decide: the plan forum's secretary changes, the group
# (forum A's members) submits the report and keeps the milestones.
MATRIX.update({
    ("GET", "/plans"): EVERYONE,
    ("GET", "/plans/new"): SIGNED_IN,            # says who may create a plan
    ("POST", "/plans/new"): MANAGERS_A,          # a plan of forum A
    ("GET", "/plans/{id}"): READERS_A,
    ("GET", "/plans/{id}/edit"): MANAGERS_A,
    ("POST", "/plans/{id}/edit"): MANAGERS_A,
    ("POST", "/plans/{id}/rounds"): MANAGERS_A,  # 400: no title
    ("GET", "/plans/{id}/initiatives/new"): MANAGERS_A,
    ("POST", "/plans/{id}/initiatives"): MANAGERS_A,  # 400: no label
    ("GET", "/initiatives/{id}"): READERS_A,
    ("GET", "/initiatives/{id}/edit"): MANAGERS_A,
    ("POST", "/initiatives/{id}/edit"): MANAGERS_A,   # 400: no type
    ("POST", "/initiatives/{id}/funds"): MANAGERS_A,  # 400: no year
    ("POST", "/initiatives/{id}/carry"): MANAGERS_A,  # 400: no year
    ("POST", "/initiatives/{id}/milestones"): INTERNAL_A,  # the group: 400, no title
    ("POST", "/milestones/{id}/done"): INTERNAL_A,
    ("POST", "/milestones/{id}/edit"): INTERNAL_A,  # the group: 400, no title
    ("POST", "/initiatives/{id}/items"): MANAGERS_A,  # an item of forum A, then 400: linked
    ("POST", "/initiatives/{id}/offer"): MANAGERS_A,  # 400: not completed
    ("POST", "/initiatives/{id}/adopt"): READERS_A,   # 400 to who may read it: not offered
    ("POST", "/initiatives/{id}/order"): MANAGERS_A,  # 400: not type B
    ("GET", "/status-rounds/{id}"): READERS_A,
    ("GET", "/status-reports/{id}"): READERS_A,
    ("GET", "/status-reports/{id}/edit"): INTERNAL_A,  # the group's form
    ("POST", "/status-reports/{id}"): INTERNAL_A,      # 400: no light
    ("POST", "/status-reports/{id}/extension"): MANAGERS_A,  # 400: no day
    ("GET", "/plans/{id}/plan.xlsx"): READERS_A,
    ("GET", "/status-rounds/{id}/overview.pdf"): READERS_A,
    ("GET", "/status-rounds/{id}/overview.xlsx"): READERS_A,
    ("POST", "/status-rounds/{id}/attach"): READERS_A,  # 400 to who may read it: no item
    ("GET", "/api/v1/action-plans"): EVERYONE,
    ("POST", "/api/v1/action-plans"): MANAGERS_A,
    ("GET", "/api/v1/action-plans/{id}"): READERS_A,
    ("PUT", "/api/v1/action-plans/{id}"): MANAGERS_A,
    ("GET", "/api/v1/action-plans/{id}/initiatives"): READERS_A,
    ("POST", "/api/v1/action-plans/{id}/initiatives"): MANAGERS_A,  # 400: no label
    ("GET", "/api/v1/action-plans/{id}/status-rounds"): READERS_A,
    ("POST", "/api/v1/action-plans/{id}/status-rounds"): MANAGERS_A,  # 400: no due day
    ("GET", "/api/v1/initiatives/{id}"): READERS_A,
    ("PUT", "/api/v1/initiatives/{id}"): MANAGERS_A,
    ("POST", "/api/v1/initiatives/{id}/milestones"): INTERNAL_A,  # 400: no title
    ("PUT", "/api/v1/milestones/{id}"): INTERNAL_A,
    ("PUT", "/api/v1/initiatives/{id}/funds/{year}"): MANAGERS_A,
    ("POST", "/api/v1/initiatives/{id}/funds/{year}/carry"): MANAGERS_A,  # 400: no amount
    ("POST", "/api/v1/initiatives/{id}/items"): MANAGERS_A,  # item of forum A, then 409
    ("POST", "/api/v1/initiatives/{id}/offer"): MANAGERS_A,  # 400: not completed
    ("POST", "/api/v1/initiatives/{id}/adopt"): READERS_A,   # 400: not offered
    ("POST", "/api/v1/initiatives/{id}/order"): MANAGERS_A,  # 400: not type B
    ("GET", "/api/v1/initiatives/{id}/spread"): READERS_A,
    ("GET", "/api/v1/status-rounds/{id}"): READERS_A,
    ("GET", "/api/v1/status-reports/{id}"): READERS_A,
    ("PUT", "/api/v1/status-reports/{id}"): INTERNAL_A,  # 400: no light
    ("POST", "/api/v1/status-reports/{id}/extension"): MANAGERS_A,  # 400: no day
})
PLAN_A = k.sql("INSERT INTO action_plan (forum_id, title, starts_on, ends_on, created_at) VALUES "
               "(?, 'Matrix plan', '2026-01-01', '2027-12-31', '2026-01-01T00:00:00Z') "
               "RETURNING id", (FORUM_A,))[0][0]
PLAN_A2 = k.sql("INSERT INTO action_plan (forum_id, title, starts_on, ends_on, created_at) "
                "VALUES (?, 'Matrix plan 2', '2028-01-01', '2029-12-31', "
                "'2026-01-01T00:00:00Z') RETURNING id", (FORUM_A,))[0][0]
INITIATIVE = k.sql("INSERT INTO initiative (plan_id, label, title, group_forum_id, process, "
                   "status, created_at) VALUES (?, '1b', 'Matrix initiative', ?, 'A', 'active', "
                   "'2026-01-01T00:00:00Z') "
                   "RETURNING id", (PLAN_A, FORUM_A))[0][0]
MILESTONE = k.sql("INSERT INTO milestone (initiative_id, title, due_on) VALUES (?, 'Matrix "
                  "milestone', '2026-06-01') RETURNING id", (INITIATIVE,))[0][0]
STATUS_ROUND = k.sql("INSERT INTO status_round (plan_id, title, opened_on, due_on, fields, "
                     "created_at) VALUES (?, 'Matrix round', '2026-01-02', '2026-02-01', 31, "
                     "'2026-01-02T00:00:00Z') RETURNING id", (PLAN_A,))[0][0]
REPORT = k.sql("INSERT INTO status_report (round_id, initiative_id) VALUES (?, ?) RETURNING id",
               (STATUS_ROUND, INITIATIVE))[0][0]
SAMPLE.update({"plans": str(PLAN_A), "initiatives": str(INITIATIVE),
               "milestones": str(MILESTONE), "rounds": str(STATUS_ROUND),
               "reports": str(REPORT), "funds": "2026"})
PLAN_BODY = {"forum_id": FORUM_A, "title": "Matrix plan 3", "starts_on": "2030-01-01",
             "ends_on": "2030-12-31"}
BODIES.update({"/plans/new": dict(PLAN_BODY, forum_id=str(FORUM_A)),
               "/initiatives/{id}/adopt": {"plan_id": str(PLAN_A2)},
               "/initiatives/{id}/items": {"item_id": str(ITEM_A)},
               "/api/v1/action-plans": PLAN_BODY,
               "/api/v1/initiatives/{id}/items": {"item_id": ITEM_A},
               "/api/v1/initiatives/{id}/adopt": {"plan_id": PLAN_A2}})


def session_for(role):
    s = Session(k)
    if role != "anonymous":
        r = s.login("adm" if role == "admin" else USERS[role][0])
        check(r.status == 303, "login as %s: %d" % (role, r.status))
    return s


def concrete(pattern, s, role):
    """pattern with real values; {id} becomes a token of the principal's own, so that an
    allowed request can succeed."""
    path = re.sub(r"([a-z]+)/\{\w+\}", lambda m: m.group(1) + "/" + SAMPLE[m.group(1)]
                  if m.group(1) in SAMPLE else m.group(0), pattern)
    if "{id}" in path:
        tid = "999999"
        if role != "anonymous":
            r = s.request("POST", "/account/tokens", body={"name": "matrix", "csrf": csrf(s)})
            m = re.search(r'action="/account/tokens/(\d+)/revoke"', r.text)
            tid = m.group(1) if m else tid
        path = path.replace("{id}", tid)
    return path


def csrf(s):
    if "klynge_session" not in s.cookies:
        return ""
    return s.csrf("/account", action="/logout")


def denied(r):
    # 404: a thing the principal may not see is not found for it
    return r.status in (401, 403, 404) or (r.status == 303 and
                                      (r.header("Location") or "").startswith("/login?"))


def test_every_route_has_a_matrix_entry():
    table = {(m, p) for m, p, _ in route_table()}
    check(table, "no routes parsed from route_table.c")
    missing = table - set(MATRIX)
    stale = set(MATRIX) - table
    check(not missing, "routes without a matrix entry: %s" % sorted(missing))
    check(not stale, "matrix entries for routes that do not exist: %s" % sorted(stale))


def test_table_permissions_agree_with_matrix():
    for method, pattern, perm in route_table():
        check(perm in PERMISSION_SETS, "%s %s: %s has no entry here" % (method, pattern, perm))
        check(MATRIX[(method, pattern)] <= PERMISSION_SETS[perm],
              "%s %s: the matrix allows more than %s" % (method, pattern, perm))


def make_case(role):
    def case():
        signed_in = session_for(role)
        for method, pattern, _ in route_table():
            # logging out ends the session: give it a session of its own
            s = session_for(role) if pattern == "/logout" else signed_in
            path = concrete(pattern, s, role)
            if method == "GET":
                r = s.get(path)
            elif pattern == "/login":
                token = s.csrf("/login", action="/login")
                r = s.request("POST", path, body={"csrf": token, "login": "x", "password": "y"})
            elif pattern.endswith(("/attachments", "/versions")):
                boundary = "matrixboundary"
                body = ("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n"
                        "--%s\r\nContent-Disposition: form-data; name=\"file\"; "
                        "filename=\"m.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
                        "%%PDF-1.4\n%%%%EOF\n\r\n--%s--\r\n"
                        % (boundary, csrf(s), boundary, boundary))
                r = s.request("POST", path, body=body, headers={
                    "Content-Type": "multipart/form-data; boundary=" + boundary})
            elif pattern.startswith("/api/"):
                r = s.request(method, path, body=json.dumps(BODIES.get(pattern, {})),
                              headers={"Content-Type": "application/json",
                                       "X-CSRF-Token": csrf(s)})
            else:
                body = {"csrf": csrf(s), "name": "matrix"}
                body.update(BODIES.get(pattern, {}))
                r = s.request("POST", path, body=body)
            allowed = role in MATRIX[(method, pattern)]
            check(r.status < 500, "%s %s as %s: server error %d" % (method, path, role, r.status))
            if allowed:
                check(not denied(r) or pattern == "/login",
                      "%s %s as %s: denied (%d)" % (method, path, role, r.status))
            else:
                check(denied(r), "%s %s as %s: allowed (%d)" % (method, path, role, r.status))
    return case


def test_a_refusal_says_why_in_the_visitors_language():
    reader = session_for("reader")
    r = reader.get("/forums/%d/work" % FORUM_A)
    check(r.status == 403 and "Din rolle i dette forum giver ikke adgang til dette." in r.text,
          "Danish: %d %s" % (r.status, r.text[:400]))
    r = reader.get("/forums/%d/work?lang=en" % FORUM_A)
    check(r.status == 403 and "Your role in this forum does not allow this." in r.text,
          "English: %d %s" % (r.status, r.text[:400]))


if __name__ == "__main__":
    try:
        k.start()
        tests = [("every route has a matrix entry", test_every_route_has_a_matrix_entry),
                 ("route table permissions agree with the matrix",
                  test_table_permissions_agree_with_matrix),
                 ("a refusal says why in the visitor's language",
                  test_a_refusal_says_why_in_the_visitors_language)]
        tests += [("matrix as " + role, make_case(role)) for role in ROLES]
        run(tests)
    finally:
        k.close()
