#!/usr/bin/env python3
"""test_organisation.py - the organisation over real HTTP: every endpoint of the JSON API
(organisations, people, forums, memberships: list, get, create, update) with its validation
errors naming each field, the forum page with the rules of its mandate, history by date, a
person's memberships, the organisation chart, and a template applied through the web."""
import json
import re
import sys

from harness import Klynge, Session, check, run

k = Klynge(sys.argv[1])
k.add_user("root", admin=True)
k.add_user("sara")
k.add_user("mads")


def api(s, method, path, body=None):
    headers = {"Content-Type": "application/json"}
    if "klynge_session" in s.cookies:
        headers["X-CSRF-Token"] = s.csrf("/account", action="/logout")
    return s.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers=headers)


admin = Session(k)
ids = {}


def test_organisations_create_get_update_and_validate():
    r = api(admin, "POST", "/api/v1/organisations",
            {"name": "Aalborg Kommune", "kind": "municipality", "municipality_code": 851})
    check(r.status == 201, "create: %d %s" % (r.status, r.text))
    org = r.json()
    ids["aalborg"] = org["id"]
    check(org["kind"] == "municipality" and org["municipality_code"] == 851, "echo %r" % org)
    r = api(admin, "POST", "/api/v1/organisations", {"name": "Jammerbugt Kommune",
                                                     "kind": "municipality",
                                                     "municipality_code": 849})
    ids["jammerbugt"] = r.json()["id"]
    r = api(admin, "POST", "/api/v1/organisations", {"name": "Region Nordjylland",
                                                     "kind": "region", "region_code": 1081})
    ids["region"] = r.json()["id"]
    r = api(admin, "POST", "/api/v1/organisations",
            {"name": "", "kind": "castle", "municipality_code": "851"})
    check(r.status == 400, "invalid: %d" % r.status)
    fields = r.json()["error"]["fields"]
    check(set(fields) >= {"kind", "municipality_code"}, "fields named: %r" % fields)
    r = api(admin, "POST", "/api/v1/organisations", {"name": "Aalborg Kommune", "kind": "other"})
    check(r.status == 400 and "name" in r.json()["error"]["fields"], "duplicate name: %s" % r.text)
    r = api(admin, "PUT", "/api/v1/organisations/%d" % ids["aalborg"], {"name": "Aalborg Kommune (Sundhed)"})
    check(r.status == 200 and r.json()["municipality_code"] == 851, "partial update: %s" % r.text)
    check(k.get("/api/v1/organisations/%d" % ids["aalborg"]).json()["name"] == "Aalborg Kommune (Sundhed)", "get")
    check(len(k.get("/api/v1/organisations").json()["organisations"]) == 3, "list")
    check(k.get("/api/v1/organisations/99999").status == 404, "missing")
    r = api(admin, "POST", "/api/v1/organisations", None)
    check(r.status == 400, "no body: %d" % r.status)
    r = admin.request("POST", "/api/v1/organisations", body="{not json",
                      headers={"Content-Type": "application/json",
                               "X-CSRF-Token": admin.csrf("/account", action="/logout")})
    check(r.status == 400 and "JSON" in r.json()["error"]["message"], "broken JSON: %s" % r.text)


def test_forums_create_with_mandate_and_validate():
    body = {"name": "Chefforum", "kind": "chief", "clusters": ["RN-MIDT"],
            "mandate": {"text": "## Formål\n\nAt lede.", "publish_days": 10, "premeeting_days": 7,
                        "rotation_years": 2, "rotation_start": "2024-01-01",
                        "rotation_orgs": [ids["jammerbugt"], ids["aalborg"]],
                        "all_municipalities": True}}
    r = api(admin, "POST", "/api/v1/forums", body)
    check(r.status == 201, "create: %d %s" % (r.status, r.text))
    f = r.json()
    ids["chef"] = f["id"]
    check(f["mandate"]["publish_days"] == 10 and f["clusters"] == ["RN-MIDT"], "echo %r" % f)
    r = api(admin, "POST", "/api/v1/forums",
            {"name": "Ad hoc uden opgave", "kind": "ad_hoc", "reports_to": 99999,
             "clusters": ["NOPE"], "mandate": {"publish_days": 200, "rotation_years": 2}})
    check(r.status == 400, "invalid forum: %d" % r.status)
    fields = r.json()["error"]["fields"]
    for name in ("task", "ends_on", "reports_to", "clusters", "publish_days", "rotation_orgs"):
        check(name in fields, "%s not named: %r" % (name, fields))
    r = api(admin, "PUT", "/api/v1/forums/%d" % ids["chef"], {"reports_to": ids["chef"]})
    check(r.status == 400 and "reports_to" in r.json()["error"]["fields"], "self report")
    r = api(admin, "POST", "/api/v1/forums", {"name": "Arbejdsgruppe data", "kind": "ad_hoc",
                                              "reports_to": ids["chef"], "task": "Datagrundlag",
                                              "ends_on": "2027-06-30"})
    check(r.status == 201, "ad hoc: %s" % r.text)
    ids["adhoc"] = r.json()["id"]
    r = api(admin, "PUT", "/api/v1/forums/%d" % ids["adhoc"], {"is_public": True})
    check(r.status == 200 and r.json()["is_public"] is True and r.json()["task"] == "Datagrundlag",
          "update keeps the rest")
    listed = [f["name"] for f in k.get("/api/v1/forums").json()["forums"]]
    check(listed == ["Arbejdsgruppe data"], "anonymous sees only public forums: %r" % listed)
    check(k.get("/api/v1/forums/%d" % ids["chef"]).status == 401, "private forum, anonymous")


def test_people_and_memberships():
    r = api(admin, "POST", "/api/v1/people", {"name": "Henrik Ravn", "title": "Direktør",
                                              "organisation_id": ids["jammerbugt"],
                                              "email": "hr@example.org", "login": "sara"})
    check(r.status == 201 and r.json()["login"] == "sara", "person: %s" % r.text)
    ids["henrik"] = r.json()["id"]
    r = api(admin, "POST", "/api/v1/people", {"name": "", "email": "nope", "phone": "abc",
                                              "login": "ghost", "organisation_id": 424242})
    fields = r.json()["error"]["fields"]
    check(r.status == 400 and set(fields) >= {"name", "email", "phone", "login",
                                              "organisation_id"}, "fields: %r" % fields)
    r = api(admin, "POST", "/api/v1/people", {"name": "Mia Nicolaisen",
                                              "organisation_id": ids["aalborg"]})
    ids["mia"] = r.json()["id"]
    r = api(admin, "POST", "/api/v1/memberships",
            {"person_id": ids["henrik"], "forum_id": ids["chef"], "role": "secretary",
             "organisation_id": ids["jammerbugt"], "starts_on": "2024-01-01"})
    check(r.status == 201, "membership: %s" % r.text)
    r = api(admin, "POST", "/api/v1/memberships",
            {"person_id": ids["mia"], "forum_id": ids["chef"], "role": "member",
             "organisation_id": ids["aalborg"], "starts_on": "2024-01-01",
             "ends_on": "2025-12-31"})
    ids["mia_m"] = r.json()["id"]
    r = api(admin, "POST", "/api/v1/memberships",
            {"person_id": ids["mia"], "forum_id": ids["chef"], "role": "substitute",
             "starts_on": "2024-05-01", "ends_on": "2024-01-01"})
    fields = r.json()["error"]["fields"]
    check(r.status == 400 and set(fields) >= {"substitute_for", "ends_on"}, "fields %r" % fields)
    r = api(admin, "POST", "/api/v1/memberships", {"person_id": 1, "forum_id": 9999,
                                                   "role": "boss"})
    fields = r.json()["error"]["fields"]
    check(r.status == 400 and set(fields) >= {"forum_id", "role", "starts_on"}, "fields %r" % fields)
    r = api(admin, "PUT", "/api/v1/memberships/%d" % ids["mia_m"], {"ends_on": None})
    check(r.status == 200 and r.json()["ends_on"] is None, "reopen: %s" % r.text)
    ms = admin.get("/api/v1/memberships?forum=%d" % ids["chef"]).json()["memberships"]
    check(len(ms) == 2, "list by forum: %r" % ms)
    check(admin.get("/api/v1/memberships/%d" % ids["mia_m"]).json()["role"] == "member", "get")
    check(admin.get("/api/v1/people/%d" % ids["henrik"]).json()["email"] == "hr@example.org", "get person")
    check(len(admin.get("/api/v1/people").json()["people"]) >= 2, "list people")


def test_person_form_changes_the_details():
    path = "/people/%d" % ids["mia"]
    page = admin.get(path).text
    check('action="%s"' % path in page, "the form for an editor")
    token = admin.csrf(path, action=path)
    r = admin.request("POST", path, body={
        "csrf": token, "name": "Mia Nicolaisen", "title": "Sundhedschef",
        "organisation_id": str(ids["aalborg"]), "email": "mia@example.org", "phone": "",
        "login": ""})
    check(r.status == 303 and r.header("Location") == path, "save: %d" % r.status)
    p = admin.get("/api/v1/people/%d" % ids["mia"]).json()
    check(p["title"] == "Sundhedschef" and p["email"] == "mia@example.org", "saved: %r" % p)
    r = admin.request("POST", path, body={"csrf": token, "name": "", "email": "nope",
                                          "organisation_id": "x"})
    check(r.status == 400 and r.text.count('aria-invalid="true"') >= 2, "problems: %d" % r.status)
    check(admin.get("/api/v1/people/%d" % ids["mia"]).json()["name"] == "Mia Nicolaisen",
          "nothing changed")
    mads = Session(k)
    mads.login("mads")
    check('action="%s"' % path not in mads.get(path).text, "no form for others")
    r = mads.request("POST", path, body={"csrf": mads.csrf("/account", action="/logout"),
                                         "name": "Hijacked"})
    check(r.status == 403, "refused: %d" % r.status)
    check(admin.get("/api/v1/people/%d" % ids["mia"]).json()["name"] == "Mia Nicolaisen",
          "still unchanged")


def test_membership_gives_forum_rights():
    # sara is linked to Henrik, the forum's secretary: she may now change the forum
    sara = Session(k)
    sara.login("sara")
    r = api(sara, "PUT", "/api/v1/forums/%d" % ids["chef"], {"mandate": {"min_meetings": 6}})
    check(r.status == 200, "secretary by membership: %d %s" % (r.status, r.text))
    mads = Session(k)
    mads.login("mads")
    r = api(mads, "PUT", "/api/v1/forums/%d" % ids["chef"], {"mandate": {"min_meetings": 1}})
    check(r.status == 403, "stranger: %d" % r.status)


def test_standard_items_by_mandate():
    path = "/api/v1/forums/%d" % ids["adhoc"]
    r = api(admin, "PUT", path, {"mandate": {"standard_items": ["approve_agenda",
                                                                "any_other_business"]}})
    check(r.status == 200 and r.json()["mandate"]["standard_items"] ==
          ["approve_agenda", "any_other_business"], "saved: %s" % r.text[:300])
    r = api(admin, "PUT", path, {"mandate": {"standard_items": ["approve_agenda", "coffee"]}})
    check(r.status == 400 and "standard_items" in r.json()["error"]["fields"], r.text[:300])
    check(api(admin, "GET", path).json()["mandate"]["standard_items"] ==
          ["approve_agenda", "any_other_business"], "unchanged by the refused request")
    page = admin.get("/forums/%d" % ids["adhoc"]).text
    check("Godkendelse af dagsorden, Eventuelt" in page, "the forum page lists them")
    form = admin.get("/forums/%d/edit" % ids["adhoc"]).text
    check(re.search(r'name="std_approve_agenda" value="1" checked', form) and
          re.search(r'name="std_round" value="1">', form), "the edit form ticks the kept ones")


def test_forum_page_shows_rules_members_and_history():
    s = Session(k)
    s.login("root")
    page = s.get("/forums/%d" % ids["chef"]).text
    check("Kommissoriets regler" in page and "10 dage før mødet senest" in page, "rules")
    check("Formøde" in page and "7 dage før hvert møde" in page, "pre-meeting")
    check("Medformandskabet varetages af" in page, "rotation shown")
    check("<h2>Formål</h2>" in page, "mandate rendered from Markdown")
    check("Henrik Ravn" in page and "Mia Nicolaisen" in page, "members")
    check("Uden medlem" in page and "<li>Jammerbugt</li>" in page, "Jammerbugt has no member")
    r = api(admin, "POST", "/api/v1/people", {"name": "Torben Kjeldgaard",
                                              "organisation_id": ids["jammerbugt"]})
    r = api(admin, "POST", "/api/v1/memberships",
            {"person_id": r.json()["id"], "forum_id": ids["chef"], "role": "co_chair",
             "organisation_id": ids["jammerbugt"], "starts_on": "2024-01-01"})
    check(r.status == 201, "co-chair: %s" % r.text)
    page = s.get("/forums/%d" % ids["chef"]).text
    check("Alle klyngens kommuner er repræsenteret" in page, "representation")
    old = s.get("/forums/%d?on=2023-06-01" % ids["chef"]).text
    check("Ingen sad i forummet på denne dag" in old, "members by date")
    check("Adgang nægtet" in Session(k).get("/forums/%d" % ids["chef"]).text or
          Session(k).get("/forums/%d" % ids["chef"]).status == 303, "private forum page")
    person = s.get("/people/%d" % ids["mia"]).text
    check("Chefforum" in person and "Medlem" in person, "person page")


def test_representation_warning():
    r = api(admin, "PUT", "/api/v1/memberships/%d" % ids["mia_m"], {"ends_on": "2024-06-30"})
    check(r.status == 200, "end Mia")
    page = admin.get("/forums/%d" % ids["chef"]).text
    check("Uden medlem" in page and "<li>Aalborg</li>" in page, "missing municipality warned")


def test_template_through_the_web_and_chart():
    s = Session(k)
    s.login("root")
    csrf = s.csrf("/clusters/RM-VEST/organisation", action="/clusters/RM-VEST/organisation")
    r = s.request("POST", "/clusters/RM-VEST/organisation",
                  body={"csrf": csrf, "template": "steering-2019"})
    check(r.status == 303, "apply: %d %s" % (r.status, r.text[:300]))
    page = s.get("/clusters/RM-VEST/organisation").text
    check("<svg" in page and "Klyngestyregruppe – Gødstrupklyngen" in page, "chart")
    check(page.count('class="orgchart-box') >= 4 or page.count("Fokusgruppe") >= 3, "four forums")
    steering = [f for f in s.get("/api/v1/forums?cluster=RM-VEST").json()["forums"]
                if f["kind"] == "steering"][0]
    check(steering["mandate"]["rotation_years"] == 2 and len(steering["mandate"]["rotation_orgs"]) == 6,
          "rotation among six municipalities: %r" % steering["mandate"])
    r = s.request("POST", "/clusters/RM-VEST/organisation", body={"csrf": csrf, "template": "nope"})
    check(r.status == 404, "unknown template: %d" % r.status)


if __name__ == "__main__":
    try:
        k.start()
        admin.login("root")
        run([(n, f) for n, f in list(globals().items()) if n.startswith("test_")])
    finally:
        k.close()
