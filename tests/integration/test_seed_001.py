#!/usr/bin/env python3
"""test_seed_001.py - seed 001, the minutes of Klyngestyregruppen in Vestklyngen on 27 November
2019 (twenty items), read from the document itself (data/seed_001.txt, as the secretariat
wrote it) and entered in klynge through the API: the forum's mandate leaves out the standard
items, because the document has its own; the participants by organisation, the chair, the two
absences, every item with its recommendation lines, case text and minutes. Read back, the
meeting holds the document's twenty items in its order with their texts, and the minutes as
PDF (pdftotext, pdfinfo) hold every item's title, every decision's first sentence and "Side 1
af N" - a document of seed 001's size, as issue 6 asks."""
import json
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import Klynge, Session, check, run

HERE = os.path.dirname(os.path.abspath(__file__))
SUPP = os.path.join(HERE, "..", "lsan.supp")
os.environ["LSAN_OPTIONS"] = "suppressions=" + SUPP
k = Klynge(sys.argv[1])
k.add_user("root", admin=True)
TMP = tempfile.mkdtemp(prefix="klynge-seed1-")
atexit.register(shutil.rmtree, TMP, True)
ids = {}

HEADING = re.compile(r"^#{2,4}\s*\**\s*(\d+)\.\s*(.*?)\s*\**\s*$")
SECTION = re.compile(r"^(?:#{1,4}\s*)?\**(Indstilling|Sagsfremstilling|Referat|Bilag):?\**\s*$")


def parse(path):
    """The document's facts, participants and items."""
    lines = open(path, encoding="utf-8").read().splitlines()
    doc = {"items": []}
    text = "\n".join(lines)
    doc["place"] = re.search(r"\*\*Mødested:\*\*\s*(.+?)\.?\s*$", text, re.M).group(1)
    doc["chair"] = re.search(r"\*\*Mødeleder:\*\*\s*(.+?)\s*$", text, re.M).group(1)
    people = re.search(r"### Deltagere:\s*\n\s*\n(.+?)\n", text).group(1)
    absent = re.search(r"\*\*Afbud:\*\*\s*(.+?)\s*$", text, re.M).group(1)

    def by_org(par):
        out = []
        for names, org in re.findall(r"([^;()]+?)\s*\(([^)]+)\)", par):
            for name in re.split(r",\s*|\s+og\s+", names.strip(" ,;.")):
                if name.strip():
                    out.append((name.strip(), org.strip()))
        return out

    doc["present"] = by_org(people)
    doc["absent"] = by_org(absent)
    item, section = None, None
    for line in lines:
        m = HEADING.match(line)
        if m and int(m.group(1)) == len(doc["items"]) + 1:
            title = re.sub(r"[\s*–-]+$", "", m.group(2).replace("**", "")).strip()
            item = {"title": title, "Indstilling": [], "Sagsfremstilling": [], "Referat": [],
                    "Bilag": [], "all": []}
            doc["items"].append(item)
            section = None
            continue
        if item is None:
            continue
        s = SECTION.match(line.strip())
        if s:
            section = s.group(1)
            continue
        item["all"].append(line)
        if section:
            item[section].append(line)
    return doc


def paragraphs(lines):
    return "\n".join(lines).strip()


def recommendation(item):
    """The recommendation's lines: the "At ..." lines, else the whole text as one line."""
    ats = [l.strip() for l in item["Indstilling"] if l.strip().startswith("At ")]
    if ats:
        return [re.sub(r"\s*\*[^*]+\*\s*$", "", a) for a in ats]
    line = " ".join(l.strip() for l in item["Indstilling"] if l.strip())
    return [line] if line else []


def rooms(item):
    words = " ".join(item["all"]).lower()
    out = [room for room, key in (("informing", "orienter"), ("developing", "drøft"),
                                  ("negotiating", "forhandl"), ("deciding", "beslutning"))
           if key in words]
    return out or ["informing"]


DOC = parse(os.path.join(HERE, "data", "seed_001.txt"))


def api(s, method, path, body):
    r = s.request(method, path, body=json.dumps(body), headers={
        "Content-Type": "application/json", "X-CSRF-Token": s.csrf("/account", action="/logout")})
    check(r.status in (200, 201), "%s %s: %d %s" % (method, path, r.status, r.text[:300]))
    return r.json()


def test_the_document_parses():
    check(len(DOC["items"]) == 20, "twenty items: %r" % [i["title"] for i in DOC["items"]])
    check(DOC["items"][0]["title"] == "Godkendelse af dagsorden", DOC["items"][0]["title"])
    check(DOC["items"][19]["title"] == "Evt", DOC["items"][19]["title"])
    check(len(DOC["present"]) == 18 and len(DOC["absent"]) == 2,
          "%d present, %d absent" % (len(DOC["present"]), len(DOC["absent"])))


def test_enter_the_meeting():
    s = Session(k)
    s.login("root")
    ids["s"] = s
    f = api(s, "POST", "/api/v1/forums", {"name": "Klyngestyregruppen – Vestklyngen",
                                          "kind": "steering",
                                          "mandate": {"standard_items": []}})
    ids["forum"] = f["id"]
    orgs, people = {}, {}
    for name, org in DOC["present"] + DOC["absent"]:
        if org not in orgs:
            orgs[org] = api(s, "POST", "/api/v1/organisations", {"name": org,
                                                                  "kind": "other"})["id"]
        people[name] = api(s, "POST", "/api/v1/people", {"name": name,
                                                         "organisation_id": orgs[org]})["id"]
        api(s, "POST", "/api/v1/memberships",
            {"person_id": people[name], "forum_id": f["id"], "organisation_id": orgs[org],
             "role": "chair" if name == DOC["chair"] else "member", "starts_on": "2019-01-01"})
    m = api(s, "POST", "/api/v1/meetings", {"forum_id": f["id"],
                                            "starts_local": "2019-11-27 12:30",
                                            "ends_local": "2019-11-27 16:00",
                                            "place": DOC["place"],
                                            "chair_person_id": people[DOC["chair"]]})
    mid = ids["meeting"] = m["id"]
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "start_agenda"})
    ids["items"] = []
    for it in DOC["items"]:
        made = api(s, "POST", "/api/v1/meetings/%d/items" % mid,
                   {"title": it["title"], "rooms": rooms(it),
                    "recommendation": recommendation(it),
                    "case_text": paragraphs(it["Sagsfremstilling"])})
        ids["items"].append(made["id"])
    api(s, "POST", "/api/v1/meetings/%d/status" % mid,
        {"action": "publish_agenda", "reason": "Indtastet efterfølgende fra referatet"})
    for name, _ in DOC["absent"]:
        api(s, "POST", "/api/v1/meetings/%d/absence" % mid, {"person_id": people[name]})
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "mark_held"})
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "start_minutes"})
    for item_id, it in zip(ids["items"], DOC["items"]):
        decision = paragraphs(it["Referat"]) or "Intet referat."
        api(s, "POST", "/api/v1/items/%d/decision" % item_id,
            {"decision": decision,
             "outcome": "approved" if decision.startswith("Godkendt") else "noted"})
    api(s, "POST", "/api/v1/meetings/%d/status" % mid, {"action": "publish_minutes"})


def test_read_back_in_the_documents_order():
    m = ids["s"].get("/api/v1/meetings/%d" % ids["meeting"]).json()
    check(m["status"] == "minutes_published", m["status"])
    check([i["title"] for i in m["items"]] == [i["title"] for i in DOC["items"]],
          "no standard items, the document's own in its order: %r"
          % [i["title"] for i in m["items"]])
    for got, it in zip(m["items"], DOC["items"]):
        check(got["recommendation"] == recommendation(it), "recommendation of " + it["title"])
        first = paragraphs(it["Referat"]).split("\n")[0]
        check(first in got["decision"], "decision of %s: %r" % (it["title"], got["decision"][:80]))
    att = m["attendance"]
    present = {g["organisation_name"]: sorted(p["name"] for p in g["people"])
               for g in att["present"]}
    check(present["Herning"] == ["Anne Ramsgaard", "Søren Liner Christensen"], present)
    check(sorted(p["name"] for g in att["absent"] for p in g["people"]) ==
          ["Lotte Junker Pedersen", "Tina Ebler"], "afbud")


def pdf_text(path):
    r = ids["s"].get(path)
    check(r.status == 200 and r.body[:5] == b"%PDF-", "%s: %d" % (path, r.status))
    out = os.path.join(TMP, "doc.pdf")
    with open(out, "wb") as f:
        f.write(r.body)
    text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", out], capture_output=True, text=True, check=True).stdout, re.M).group(1))
    return " ".join(text.split()), pages


def test_minutes_and_agenda_as_pdf():
    text, pages = pdf_text("/meetings/%d/minutes.pdf" % ids["meeting"])
    check(pages >= 8, "a document of seed 001's size: %d pages" % pages)
    check("Side 1 af %d" % pages in text, "page numbers")
    for it in DOC["items"]:
        check(" ".join(it["title"].split()) in text, "title in the minutes: " + it["title"])
        first = " ".join(paragraphs(it["Referat"]).split("\n")[0].split()[:6])
        check(first.replace("*", "") in text.replace("*", ""),
              "decision in the minutes: %s" % first)
    check("Karen Heebøll" in text and "Lotte Junker Pedersen" in text, "participants")
    text, pages = pdf_text("/meetings/%d/agenda.pdf" % ids["meeting"])
    for it in DOC["items"]:
        check(" ".join(it["title"].split()) in text, "title in the agenda: " + it["title"])


if __name__ == "__main__":
    try:
        k.start()
        run([("the document parses", test_the_document_parses),
             ("enter the meeting", test_enter_the_meeting),
             ("read back in the document's order", test_read_back_in_the_documents_order),
             ("minutes and agenda as PDF", test_minutes_and_agenda_as_pdf)])
    finally:
        k.close()
