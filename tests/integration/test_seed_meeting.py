#!/usr/bin/env python3
"""test_seed_meeting.py - seed 002, the minutes of Chefforum Sundhedsklynge Midt on 30 August
2023, entered in klynge through its API and forms and read back: the participants grouped by
organisation with the two co-chairs, the secretariat, the guests from the driftsfora, the
absences (one with a substitute), the six items in order with their recommendations, case
texts, attachments and decisions, and the minutes published. The case texts are the seed's
first paragraphs; what matters is that every part of the document has its place."""
import io
import json
import re
import sys
import zipfile

from harness import Klynge, Session, check, run

k = Klynge(sys.argv[1])
k.add_user("root", admin=True)
ids = {}

ORGS = ["Region Nordjylland", "Jammerbugt Kommune", "Aalborg Kommune",
        "Aalborg Universitetshospital", "Psykiatrien", "PLO", "PLO-K Aalborg Kommune", "NordKap",
        "Patientinddragelsesudvalget"]
MEMBERS = [("Daniel Kjærgaard Simonsen", "Region Nordjylland", "co_chair"),
           ("Henrik Ravn", "Jammerbugt Kommune", "co_chair"),
           ("Torben Krogh Kjeldgaard", "Aalborg Kommune", "member"),
           ("Mia Nicolaisen", "Jammerbugt Kommune", "member"),
           ("Carsten Møller Beck", "Aalborg Kommune", "member"),
           ("Alice Aagaard Hagemann", "Aalborg Kommune", "member"),
           ("Jan Nybo", "Aalborg Universitetshospital", "member"),
           ("Maj Skårhøj", "Psykiatrien", "member"),
           ("Rikke Svendstrup", "PLO", "member"),
           ("Christine Houe", "PLO-K Aalborg Kommune", "member"),
           ("Marianne Siersbæk", "NordKap", "member"),
           ("Birgitte Kvist", "Patientinddragelsesudvalget", "member"),
           ("Anni Olesen", "Patientinddragelsesudvalget", "member"),
           ("Dorte Rosendal-Meier", "Jammerbugt Kommune", "secretary"),
           ("Bibi Bording Pedersen", "Aalborg Kommune", "secretary"),
           ("Maja Lynderup Behrmann", "Region Nordjylland", "secretary"),
           ("Mona Buss Buksti", "Aalborg Kommune", "secretary")]
GUESTS = [("Diane Aarestrup", "Driftsforum Børn og Unge Somatik"),
          ("Ole Andersen", "for Louise Weikop, Driftsforum Voksen Somatik"),
          ("Tina Maria Larsen", "Driftsforum Voksen Psykiatri")]
ITEMS = [
    ("Sammenhæng mellem de 3 (4) Driftsfora samt organisering", ["developing"],
     ["drøfter de ovenstående punkter"],
     "De nuværende Driftsfora i Sundhedsklynge Midt er etableret i den tidligere "
     "klyngestruktur.\n\n- Direktørforum\n- Chefforum\n- Driftsfora for voksen somatik, "
     "voksen psykiatri og børn og unge somatik\n",
     "Det blev aftalt, at formandskabet for Chefforum udarbejder et forslag til en revideret "
     "organisering.", "noted",
     ["Udkast til ny fælles kommissoriumtekst _ Driftsfora _ Sundhedsklynge Midt.docx",
      "Klynge Midt _ organisering 2023.pdf"]),
    ("Brug af data i Klyngesamarbejdet", ["developing", "deciding"],
     ["Drøfter hvordan data skal bruges og præsenteres i chefforum",
      "Beslutter hvilken data der skal bruges", "Drøfter benchmarkingrapporten"],
     "Arbejdet i klyngen skal være datadrevet.\n\n- Sundhedsdata på tværs\n- Data med afsæt i "
     "akutpakken\n- De nationale mål\n",
     "Det blev besluttet, at data i relation til akutpakken er relevant at følge tæt i "
     "Chefforum.", "approved",
     ["Datapakke 072823 - Klynge Midt - RN.pptx",
      "Benchmarkrapport_Hovedrapport inkl. alle bilag.pdf"]),
    ("Handleplan, status for indsatserne", ["informing"],
     ["Drøfter de indkomne udvidede indsatsbeskrivelser samt eventuelle justeringer."],
     "Indsats 3, 4 samt 10 har fået forlænget fristen for indsendelse af status.",
     "Indsats 1b, 3, 4, 10, 11 og 13 har af forskellige årsager ikke indgivet status.", "noted",
     ["Status for indsatser i Handleplanen august 2023.docx"]),
    ("Hvordan holder vi klyngearbejdet politisk aktuelt?", ["developing"],
     ["Drøfter hvordan klyngearbejdet holdes politisk aktuelt",
      "Drøfter temaet for det kommende politiske møde"],
     "- Ny Sundhedsaftale og udmøntningen heraf\n- 10 årsplan for psykiatrien\n",
     "Der var opbakning til den opstillede liste i dagsordenen.", "approved", []),
    ("Dagsordenspunkter til Direktørforum samt Politisk Niveau", ["informing"],
     ["Drøfter ovenstående punkter til dagsorden i Direktørforum og Politisk Niveau"],
     "1. Handleplan, økonomi, status\n2. Tilbagemelding omkring glukosemålere\n",
     "Udkastet til de to dagsordener blev drøftet.", "noted", []),
]


def api(s, method, path, body):
    r = s.request(method, path, body=json.dumps(body), headers={
        "Content-Type": "application/json", "X-CSRF-Token": s.csrf("/account", action="/logout")})
    check(r.status in (200, 201), "%s %s: %d %s" % (method, path, r.status, r.text[:300]))
    return r.json()


def office(filename):
    """A small but real Office file: a zip with the part that names its kind."""
    part = {"docx": "word/document.xml", "pptx": "ppt/presentation.xml",
            "xlsx": "xl/workbook.xml"}[filename.rsplit(".", 1)[1]]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(part, "<document/>")
    return out.getvalue()


def upload(s, item, filename):
    boundary = "seedboundary"
    data = b"%PDF-1.4\n%%EOF\n" if filename.endswith(".pdf") else office(filename)
    csrf = s.csrf("/account", action="/logout")
    body = (("--%s\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n--%s\r\n"
             "Content-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n\r\n"
             % (boundary, csrf, boundary, filename)).encode() + data +
            ("\r\n--%s--\r\n" % boundary).encode())
    return s.request("POST", "/items/%d/attachments" % item, body=body,
                     headers={"Content-Type": "multipart/form-data; boundary=" + boundary})


def test_enter_the_meeting():
    s = Session(k)
    s.login("root")
    ids["s"] = s
    d = api(s, "POST", "/api/v1/forums", {"name": "Direktørforum", "kind": "director"})
    f = api(s, "POST", "/api/v1/forums", {"name": "Chefforum Sundhedsklynge Midt",
                                          "kind": "chief", "reports_to": d["id"]})
    ids["forum"] = f["id"]
    orgs = {name: api(s, "POST", "/api/v1/organisations", {"name": name, "kind": "other"})["id"]
            for name in ORGS}
    people = {}
    for name, org, role in MEMBERS:
        people[name] = api(s, "POST", "/api/v1/people", {"name": name,
                                                         "organisation_id": orgs[org]})["id"]
        api(s, "POST", "/api/v1/memberships", {"person_id": people[name], "forum_id": f["id"],
                                               "role": role, "organisation_id": orgs[org],
                                               "starts_on": "2023-01-01"})
    ids["people"] = people
    m = api(s, "POST", "/api/v1/meetings", {"forum_id": f["id"],
                                            "starts_local": "2023-08-30 13:00",
                                            "ends_local": "2023-08-30 16:00",
                                            "place": "Mødelokale K, Regionshuset"})
    mid = ids["meeting"] = m["id"]
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "start_agenda"})
    items = []
    for title, rooms, rec, case, decision, outcome, files in ITEMS:
        it = api(s, "POST", "/api/v1/meetings/%d/items" % mid,
                 {"title": title, "rooms": rooms, "recommendation": rec, "case_text": case})
        items.append(it["id"])
        for fn in files:
            r = upload(s, it["id"], fn)
            check(r.status == 303, "attach %s: %d %s" % (fn, r.status, r.text[:200]))
    ids["items"] = items
    api(s, "POST", "/api/v1/meetings/%d/status" % mid,
        {"action": "publish_agenda", "reason": "Indtastet efterfølgende fra referatet"})
    for name, note in GUESTS:
        pid = api(s, "POST", "/api/v1/people", {"name": name})["id"]
        page = s.get("/meetings/%d" % mid).text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        r = s.request("POST", "/meetings/%d/guests" % mid,
                      body={"csrf": csrf, "person_id": str(pid), "note": note})
        check(r.status == 303, "guest %s: %d" % (name, r.status))
    api(s, "POST", "/api/v1/meetings/%d/absence" % mid,
        {"person_id": people["Torben Krogh Kjeldgaard"]})
    tina = api(s, "POST", "/api/v1/people", {"name": "Tina Larsen",
                                             "organisation_id": orgs["Aalborg Kommune"]})["id"]
    api(s, "POST", "/api/v1/meetings/%d/absence" % mid,
        {"person_id": people["Alice Aagaard Hagemann"], "substitute_id": tina})
    api(s, "POST", "/api/v1/meetings/%d/absence" % mid, {"person_id": people["Mia Nicolaisen"]})
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "mark_held"})
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "start_minutes"})
    got = s.get("/api/v1/meetings/%d" % mid).json()
    approve = [it for it in got["items"] if it["standard"] == "approve_agenda"][0]
    api(s, "POST", "/api/v1/items/%d/decision" % approve["id"],
        {"decision": "Dagsordenen blev godkendt", "outcome": "approved"})
    for it_id, (_, _, _, _, decision, outcome, _) in zip(items, ITEMS):
        api(s, "POST", "/api/v1/items/%d/decision" % it_id,
            {"decision": decision, "outcome": outcome})
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "publish_minutes"})


def test_read_back_as_the_document_it_was():
    s = ids["s"]
    m = s.get("/api/v1/meetings/%d" % ids["meeting"]).json()
    check(m["status"] == "minutes_published", "status %s" % m["status"])
    check(m["place"] == "Mødelokale K, Regionshuset", "place")
    check(m["starts_local"].startswith("2023-08-30") and "13:00" in m["starts_local"], "time")
    titles = [it["title"] for it in m["items"]]
    check(titles[0] == "Godkendelse af dagsorden", "standard item first: %r" % titles)
    check(titles[-1] == "Eventuelt", "any other business last")
    check([t for t in titles if t in [i[0] for i in ITEMS]] == [i[0] for i in ITEMS],
          "items in the seed's order: %r" % titles)
    by_title = {it["title"]: it for it in m["items"]}
    for title, rooms, rec, case, decision, outcome, files in ITEMS:
        it = by_title[title]
        check(it["recommendation"] == rec, "recommendation of %s: %r" % (title, it["recommendation"]))
        check(sorted(it["rooms"]) == sorted(rooms), "rooms of %s" % title)
        check(decision in it["decision"] and it["outcome"] == outcome, "decision of " + title)
        names = sorted(a["filename"] for a in it.get("attachments", []))
        check(len(names) == len(files), "attachments of %s: %r" % (title, names))
    att = m["attendance"]
    present = {g["organisation_name"]: [p["name"] for p in g["people"]] for g in att["present"]}
    check("Daniel Kjærgaard Simonsen" in present["Region Nordjylland"], "region co-chair")
    check("Henrik Ravn" in present["Jammerbugt Kommune"], "municipal co-chair")
    check(any("Tina Larsen" in names for names in present.values()), "substitute present")
    absent = [p["name"] for g in att["absent"] for p in g["people"]]
    check(sorted(absent) == ["Alice Aagaard Hagemann", "Mia Nicolaisen", "Torben Krogh Kjeldgaard"],
          "afbud: %r" % absent)
    check(sorted(p["name"] for p in att["guests"]) == sorted(g[0] for g in GUESTS), "guests")
    check(len(att["secretariat"]) == 4, "secretariat")
    page = s.get("/meetings/%d" % ids["meeting"]).text
    for text in ("Afbud", "Gæster", "Sekretariat", "Referat udsendt", "Mødelokale K",
                 "Udsendt for sent fordi", "Indtastet efterfølgende fra referatet",
                 "Datapakke 072823 - Klynge Midt - RN.pptx", "Henrik Ravn, Medformand"):
        check(text in page, text + " not on the page")


if __name__ == "__main__":
    try:
        k.start()
        run([(n, f) for n, f in list(globals().items()) if n.startswith("test_")])
    finally:
        k.close()
