#!/usr/bin/env python3
"""test_search.py - search across agenda items over real HTTP (/search and /api/v1/search):
Danish inflection ("genoptræningsplan" finds "Genoptræningsplanerne"), phrases, exclusion
and prefixes; who finds what (a closed item and an unpublished agenda never found by a
reader, a signed-in stranger or an anonymous visitor; decisions only once the minutes are
published); the filters by forum, year (also with items entered out of order), room and
outcome; snippets escaped with the matches
in <mark>; hostile search text answered with 200 or 400, never 500; the search box on
every page. Meetings and items are entered through the API as in test_seed_meeting.py."""
import json
import sys
import urllib.parse

from harness import Klynge, Session, check, run

k = Klynge(sys.argv[1])
for login in ("root", "sofie", "morten", "rikke", "stranger"):
    k.add_user(login, admin=(login == "root"))

sessions = {}
ids = {}


def api(s, method, path, body=None):
    h = {"Content-Type": "application/json"}
    if s is not None and "klynge_session" in s.cookies:
        h["X-CSRF-Token"] = s.csrf("/account", action="/logout")
    data = json.dumps(body) if body is not None else None
    r = (s.request if s is not None else k.request)(method, path, body=data, headers=h)
    check(r.status in (200, 201), "%s %s: %d %s" % (method, path, r.status, r.text[:300]))
    return r.json()


def search(who, q, **filters):
    params = {"q": q}
    params.update({key: str(v) for key, v in filters.items()})
    path = "/api/v1/search?" + urllib.parse.urlencode(params)
    s = sessions.get(who)
    return s.get(path) if s else k.get(path)


def found(who, q, **filters):
    r = search(who, q, **filters)
    check(r.status == 200, "search %r as %s: %d %s" % (q, who, r.status, r.text[:300]))
    return {hit["item_id"] for hit in r.json()["results"]}


def meeting(s, forum, when):
    m = api(s, "POST", "/api/v1/meetings", {"forum_id": forum, "starts_local": when,
                                            "place": "Mødelokale K"})
    api(s, "POST", "/api/v1/meetings/%d/status" % m["id"], {"action": "start_agenda"})
    return m["id"]


def item(s, mid, title, **extra):
    body = {"title": title}
    body.update(extra)
    return api(s, "POST", "/api/v1/meetings/%d/items" % mid, body)["id"]


def status(s, mid, action):
    api(s, "POST", "/api/v1/meetings/%d/status" % mid,
        {"action": action, "reason": "Indtastet efterfølgende"})


def setup():
    for login in ("root", "sofie", "morten", "rikke", "stranger"):
        s = Session(k)
        check(s.login(login).status == 303, "login " + login)
        sessions[login] = s
    root, sofie = sessions["root"], sessions["sofie"]
    ids["A"] = api(root, "POST", "/api/v1/forums", {"name": "Chefforum", "kind": "chief"})["id"]
    ids["P"] = api(root, "POST", "/api/v1/forums", {"name": "Åbent forum", "kind": "standing",
                                                    "is_public": True})["id"]
    k.grant("sofie", ids["A"], "secretary")
    k.grant("sofie", ids["P"], "secretary")
    k.grant("morten", ids["A"], "member")
    k.grant("rikke", ids["A"], "reader")

    # 2024: agenda and minutes published; one item closed.
    m1 = ids["m1"] = meeting(sofie, ids["A"], "2024-03-05 10:00")
    ids["plan"] = item(sofie, m1, "Genoptræningsplanerne for ældre medicinske patienter",
                       rooms=["deciding"], recommendation="At godkende den fælles model",
                       case_text="Udkast med <script>alert(1)</script> & genoptræning i "
                                 "kommunerne efter udskrivelse fra Regionshospitalet.")
    ids["closed"] = item(sofie, m1, "Lukket punkt om genoptræningsplan og personale",
                         closed=True, rooms=["informing"])
    ids["akut"] = item(sofie, m1, "Akutte sygeplejeydelser", rooms=["informing"],
                       case_text="Status for den akutte sygepleje i Horsens.")
    status(sofie, m1, "publish_agenda")
    status(sofie, m1, "mark_held")
    status(sofie, m1, "start_minutes")
    api(sofie, "POST", "/api/v1/items/%d/decision" % ids["plan"],
        {"decision": "Godkendt; budgettet følger.", "outcome": "approved"})
    api(sofie, "POST", "/api/v1/items/%d/decision" % ids["akut"],
        {"decision": "Taget til efterretning.", "outcome": "noted"})
    status(sofie, m1, "publish_minutes")

    # 2025: agenda published, minutes drafted but not published.
    m2 = ids["m2"] = meeting(sofie, ids["A"], "2025-05-06 10:00")
    ids["aftale"] = item(sofie, m2, "Sundhedsaftalen 2025", rooms=["negotiating"])
    status(sofie, m2, "publish_agenda")
    status(sofie, m2, "mark_held")
    status(sofie, m2, "start_minutes")
    api(sofie, "POST", "/api/v1/items/%d/decision" % ids["aftale"],
        {"decision": "Kommunerne betaler halvdelen.", "outcome": "approved"})

    # 2025: an agenda still in draft.
    m3 = ids["m3"] = meeting(sofie, ids["A"], "2025-09-02 10:00")
    ids["draft"] = item(sofie, m3, "Hemmelig genoptræningsplan i udkast")

    # The public forum, published.
    m4 = ids["m4"] = meeting(sofie, ids["P"], "2025-02-04 10:00")
    ids["public"] = item(sofie, m4, "Genoptræning i det åbne forum")
    status(sofie, m4, "publish_agenda")


def test_danish_inflection_finds_every_form():
    check(ids["plan"] in found("rikke", "genoptræningsplan"), "singular finds the plural")
    check(ids["plan"] in found("rikke", "GENOPTRÆNINGSPLANER"), "upper case, plural")
    check(ids["akut"] in found("rikke", "akut sygeplejen"), "akut and sygeplejen")
    check(ids["akut"] in found("rikke", "sygeplejeydelse"), "singular of ydelser")
    check(found("rikke", "genoptræningsplan ældre") == {ids["plan"]}, "both words")


def test_phrases_exclusion_and_prefixes():
    check(ids["akut"] in found("rikke", '"akutte sygepleje"'), "phrase in order")
    check(ids["akut"] not in found("rikke", '"sygepleje akutte"'), "phrase out of order")
    check(ids["plan"] in found("rikke", "regionshosp*"), "prefix")
    check(ids["plan"] not in found("rikke", "genoptræningsplan -budgettet"), "excluded word in "
          "the published decision")
    check(ids["plan"] in found("rikke", "genoptræningsplan -horsens"), "excluded elsewhere")


def test_closed_item_never_found_outside_the_forum():
    for who in ("rikke", "stranger", None):
        check(ids["closed"] not in found(who, "genoptræningsplan personale"),
              "closed item found by %s" % who)
    check(ids["closed"] in found("sofie", "personale"), "the secretary finds it")
    check(ids["closed"] in found("morten", "personale"), "a member finds it")
    check(ids["closed"] in found("root", "personale"), "an administrator finds it")


def test_unpublished_agenda_never_found_outside_the_forum():
    for who in ("rikke", "stranger", None):
        check(ids["draft"] not in found(who, "hemmelig"), "draft found by %s" % who)
    check(ids["draft"] in found("sofie", "hemmelig"), "the secretary finds the draft")
    check(ids["draft"] in found("morten", "hemmelig"), "a member finds the draft")


def test_decisions_only_once_the_minutes_are_published():
    check(found("rikke", "betaler") == set(), "a drafted decision is not searched for a reader")
    check(found("rikke", "sundhedsaftalen", outcome="approved") == set(),
          "nor its outcome")
    hit = search("rikke", "sundhedsaftalen").json()["results"]
    check([h["outcome"] for h in hit] == [""], "no outcome shown: %r" % hit)
    check(ids["aftale"] in found("morten", "betaler"), "the forum's member finds it")
    check(ids["plan"] in found("rikke", "budgettet"), "a published decision is searched")


def test_a_drafted_decision_counts_for_no_word_of_a_readers_search():
    # every word must be found outside the drafted decision, however the words are combined
    for q in ("sundhedsaftalen betaler", "betaler sundhedsaftalen", '"betaler halvdelen"',
              "betal*", "sundhedsaftalen halvdel*", "sundhedsaftalen kommunerne -budgettet"):
        for who in ("rikke", "stranger", None):
            check(ids["aftale"] not in found(who, q), "%r found by %s" % (q, who))
        check(ids["aftale"] in found("morten", q), "%r: the forum's member finds it" % q)
    check(ids["aftale"] in found("rikke", "sundhedsaftalen -budgettet"), "the title alone")
    # an excluded word found only in the hidden decision does not take the item out for a
    # reader (that would tell what the decision says); the member, who reads it, loses it
    for q in ("sundhedsaftalen -betaler", "sundhedsaftalen -halvdel*",
              'sundhedsaftalen -"betaler halvdelen"'):
        check(ids["aftale"] in found("rikke", q), "%r: the reader still finds it" % q)
        check(ids["aftale"] not in found("morten", q), "%r: the member's search leaves it out" % q)
    hit = [h for h in search("rikke", "sundhedsaftalen").json()["results"]
           if h["item_id"] == ids["aftale"]]
    check(len(hit) == 1 and "betaler" not in hit[0]["snippet"].lower(),
          "no snippet of the drafted decision: %r" % hit)
    hit = [h for h in search("morten", "betaler").json()["results"]
           if h["item_id"] == ids["aftale"]]
    check(len(hit) == 1 and "<mark>betaler</mark>" in hit[0]["snippet_html"],
          "the member's snippet is of the decision: %r" % hit)


def test_anonymous_and_strangers_see_only_public_forums():
    check(found(None, "genoptræning") == {ids["public"]}, "anonymous: only the public forum")
    check(found("stranger", "genoptræning") == {ids["public"]}, "stranger: only public")
    check({ids["plan"], ids["public"]} <= found("rikke", "genoptræning"), "reader: both")


def test_filters():
    check(found("sofie", "genoptræning*", year=2024) == {ids["plan"], ids["closed"]}, "year 2024")
    check(found("sofie", "genoptræning*", year=2025) == {ids["draft"], ids["public"]},
          "year 2025")
    check(found("sofie", "genoptræning*", forum=ids["P"]) == {ids["public"]}, "forum")
    check(found("sofie", "genoptræning*", room="deciding") == {ids["plan"]}, "room")
    check(found("sofie", "genoptræning*", outcome="approved") == {ids["plan"]}, "outcome")
    check(found("sofie", "genoptræning*", cluster="RM-AARHUS") == set(), "cluster without "
          "these forums")
    for bad in ({"room": "kitchen"}, {"outcome": "maybe"}, {"year": "x"}, {"page": "0"}):
        r = search("sofie", "genoptræning*", **bad)
        check(r.status == 400, "%r: %d" % (bad, r.status))


def test_paging():
    r = search("sofie", "genoptræning").json()
    check(r["page"] == 1 and r["more"] is False, "one page: %r" % r)
    r = search("sofie", "genoptræning", page=2).json()
    check(r["results"] == [], "page 2 empty")


def test_snippets_are_escaped_and_marked():
    r = search("rikke", "udskrivelse").json()["results"]
    check(len(r) == 1, "one hit: %r" % r)
    html = r[0]["snippet_html"]
    check("<mark>udskrivelse</mark>" in html, "marked: %r" % html)
    check("<script>" not in html and "&lt;script&gt;" in html, "escaped: %r" % html)
    check("<script>" in r[0]["snippet"] and "<mark>" not in r[0]["snippet"], "plain text")
    check(r[0]["url"] == "/meetings/%d#item-%d" % (ids["m1"], ids["plan"]), r[0]["url"])
    page = sessions["rikke"].get("/search?" + urllib.parse.urlencode({"q": "udskrivelse"}))
    check(page.status == 200, "page %d" % page.status)
    check("<mark>udskrivelse</mark>" in page.text, "page marks")
    check("<script>alert" not in page.text and "&lt;script&gt;" in page.text, "page escapes")
    check('href="/meetings/%d#item-%d"' % (ids["m1"], ids["plan"]) in page.text, "link")


def test_hostile_text_never_breaks_the_search():
    for q in ('"', '""', 'NEAR(a b)', '*', 'a OR', '{title}:x', 'title:x', '-', '-a',
              'a AND NOT', "x\" OR \"y", "'; DROP TABLE agenda_item; --", "(((", "a" * 500,
              "\u00e6\u00f8\u00e5*", "a\tb\nc", "^a", "a + b"):
        for who in ("sofie", None):
            r = search(who, q)
            check(r.status in (200, 400), "%r as %s: %d %s" % (q, who, r.status, r.text[:200]))
        page = k.get("/search?" + urllib.parse.urlencode({"q": q}))
        check(page.status == 200, "page for %r: %d" % (q, page.status))
    r = search("sofie", "")
    check(r.status == 400, "empty: %d" % r.status)


def test_search_box_on_every_page():
    for path in ("/", "/meetings", "/search"):
        page = k.get(path).text
        check('role="search"' in page and 'action="/search"' in page and 'for="site-q"' in page,
              "search box on %s" % path)


def test_items_changed_are_found_by_their_new_words():
    sofie = sessions["sofie"]
    it = item(sofie, ids["m3"], "Første titel om forebyggelse")
    check(it in found("sofie", "forebyggelse"), "new item found")
    api(sofie, "PUT", "/api/v1/items/%d" % it, {"title": "Anden titel om rehabilitering"})
    check(it not in found("sofie", "forebyggelse"), "old words gone")
    check(it in found("sofie", "rehabiliteringen"), "new words found")
    r = sofie.request("DELETE", "/api/v1/items/%d" % it,
                      headers={"X-CSRF-Token": sofie.csrf("/account", action="/logout")})
    check(r.status == 204, "delete: %d %s" % (r.status, r.text[:200]))
    check(it not in found("sofie", "rehabilitering"), "deleted item gone")


def test_year_filter_finds_items_entered_out_of_order():
    # the year filter narrows the walk to the ids of the year's items: an item entered later
    # for an earlier year, and the years around it, must still be found exactly
    sofie = sessions["sofie"]
    m = meeting(sofie, ids["A"], "2023-06-01 10:00")
    late = item(sofie, m, "Sen genoptræningsplan for 2023")
    m5 = meeting(sofie, ids["A"], "2025-11-04 10:00")
    later = item(sofie, m5, "Endnu en genoptræningsplan")
    # the first and last day of a year belong to it, and to no other
    last = item(sofie, meeting(sofie, ids["A"], "2023-12-31 10:00"), "Nytårsaftens genoptræning")
    first = item(sofie, meeting(sofie, ids["A"], "2023-01-01 10:00"), "Nytårsdags genoptræning")
    check(found("sofie", "genoptræning*", year=2023) == {late, last, first}, "2023")
    check(found("sofie", "genoptræning*", year=2024) == {ids["plan"], ids["closed"]}, "2024")
    check(found("sofie", "genoptræning*", year=9999) == set(), "the year 9999")
    check(found("sofie", "genoptræning*", year=2025) == {ids["draft"], ids["public"], later},
          "2025")
    check(found("sofie", "genoptræning*", year=2022) == set(), "a year without items")
    check(found(None, "genoptræning*", year=2025) == {ids["public"]}, "anonymous, 2025")


if __name__ == "__main__":
    try:
        k.start()
        setup()
        run([(n, f) for n, f in list(globals().items()) if n.startswith("test_")])
    finally:
        k.close()
