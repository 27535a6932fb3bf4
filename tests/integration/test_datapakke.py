#!/usr/bin/env python3
"""test_datapakke.py - a forum's data package (datapakke) for a meeting, from the command line
and over HTTP, read back with pdftotext and pdfinfo: the demo cluster's chosen indicators
with charts, tables and signals, "Syntetiske data" on the front page, definitions and
sources at the back; statistical discretion on the PDF path (a value under the minimum
shown as <5 and the value that would reveal it as x to a secretary, every value marked *
to an administrator, and to the command line); `klynge datapakke MEETING -o FILE` and
`--item ITEM`; the same overview as SVG on the cluster's dashboard; and the secretary's
form on the meeting page that attaches the package to an agenda item, where it then appears
with the item's attachments."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import Klynge, Session, check, run

# fontconfig, pango and cairo keep caches to the end of a process: not leaks of ours
SUPP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsan.supp")
os.environ["LSAN_OPTIONS"] = "suppressions=" + SUPP
k = Klynge(sys.argv[1], demo=True)
k.add_user("root", admin=True)
k.add_user("sara")
TMP = tempfile.mkdtemp(prefix="klynge-dp-")
FORUM = k.sql("SELECT id FROM forum WHERE name = 'Chefforum – Klynge MIDT'")[0][0]
k.grant("sara", FORUM, "secretary")
# the next meeting with an agenda in draft, and its item on data
MEETING = k.sql("SELECT id FROM meeting WHERE forum_id = ? AND kind = 'meeting' AND "
                "status = 'agenda_draft' ORDER BY starts_at LIMIT 1", (FORUM,))[0][0]
ITEM = k.sql("SELECT id FROM agenda_item WHERE meeting_id = ? AND title LIKE 'Brug af data%'",
             (MEETING,))[0][0]
OTHER_ITEM = k.sql("SELECT id FROM agenda_item WHERE meeting_id <> ? AND state = 'agenda' "
                   "LIMIT 1", (MEETING,))[0][0]
DEMO_NAMES = ["Forebyggelige akutte sygehusophold", "Akutte somatiske genindlæggelser",
              "Færdigbehandlingsdage", "Ventetid til almen genoptræning",
              "Tilfredshed med udskrivelsen", "Plejehjem med fast tilknyttet læge"]

# Jammerbugt (849) has 3 readmissions of 47 in 2024: under the minimum of 5, so it is <5,
# and Aalborg (851), the other municipality of Klynge MIDT, is hidden (x) with it so that the
# cluster's sum cannot reveal it.
VALUES = """indikator;periode;område;værdi;tæller;nævner
GENIND-PSYK-30;2023;Aalborg;;1.201;9.804
GENIND-PSYK-30;2023;Jammerbugt;;41;398
GENIND-PSYK-30;2023;Hele landet;11,4;;
GENIND-PSYK-30;2024;Aalborg;;1.300;9.876
GENIND-PSYK-30;2024;Jammerbugt;;3;47
GENIND-PSYK-30;2024;Hele landet;10,9;;
"""

sara = Session(k)
admin = Session(k)


def pdf_text(data, *args):
    path = os.path.join(TMP, "t.pdf")
    with open(path, "wb") as f:
        f.write(data)
    return subprocess.run(["pdftotext", "-layout"] + list(args) + [path, "-"],
                          capture_output=True, text=True, check=True).stdout


def pdf_pages(path):
    out = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def signed_in(s, login):
    if "klynge_session" not in s.cookies:
        check(s.login(login).status == 303, "%s signs in" % login)


def download(s, meeting=MEETING):
    r = s.get("/meetings/%d/datapakke.pdf" % meeting)
    check(r.status == 200, "datapakke.pdf: %d %s" % (r.status, r.text[:300]))
    check(r.header("Content-Type") == "application/pdf", "content type")
    check(re.match(r'inline; filename="datapakke-\d{4}-\d\d-\d\d-%d\.pdf"' % meeting,
                   r.header("Content-Disposition") or ""), "file name")
    return r.body


def rows_of(text, name):
    return [line for line in text.splitlines() if line.strip().startswith(name)]


def test_cli_writes_the_package_with_charts_definitions_and_sources():
    path = os.path.join(TMP, "cli.pdf")
    status, out, err = k.run("datapakke", str(MEETING), "-o", path, "--db", k.db)
    check(status == 0 and os.path.getsize(path) > 10000, "the file is written")
    with open(path, "rb") as f:
        text = pdf_text(f.read())
    check(text.lstrip().startswith("Datapakke"), "the front page's title: %r" % text[:80])
    check("Chefforum – Klynge MIDT" in text and "Klynge MIDT" in text, "forum and cluster")
    check("Syntetiske data" in text, "the demo values are marked as synthetic")
    for name in DEMO_NAMES:
        check(text.count(name) >= 3, "%s: contents, section and definition" % name)
    check("Definitioner og kilder" in text, "definitions and sources at the back")
    check("Tæller" in text and "Nævner" in text and "eSundhed" in text, "definition texts")
    check("syntetiske demodata" in text or "synthetic demo data" in text,
          "the values' source")
    check("Seneste periode" in text and "Over tid" in text, "both charts' headings")
    check(re.search(r"Side 1 af (\d+)", text), "page numbers")
    check(pdf_pages(path) >= len(DEMO_NAMES) + 2, "a page per indicator")
    # signals in words next to their marks, not colour alone
    check(re.search(r"(forbedring|uændret|forværring)", text), "signals in words")
    status, out, err = k.run("datapakke", "999999", "-o", path, "--db", k.db, check=False)
    check(status == 1, "an unknown meeting: %r" % err)
    status, out, err = k.run("datapakke", "--db", k.db, check=False)
    check(status == 2, "usage without a meeting")


def test_download_over_http():
    signed_in(sara, "sara")
    text = pdf_text(download(sara))
    check("Datapakke" in text and "Forebyggelige akutte sygehusophold" in text, "the package")
    r = sara.get("/meetings/999999/datapakke.pdf")
    check(r.status == 404, "an unknown meeting: %d" % r.status)
    page = sara.get("/meetings/%d" % MEETING).text
    check('href="/meetings/%d/datapakke.pdf"' % MEETING in page, "the link on the meeting page")


def test_discretion_on_the_pdf_path():
    path = os.path.join(k.dir, "psyk.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(VALUES)
    k.run("indicator", "import", path, "--db", k.db)
    signed_in(admin, "root")
    token = admin.csrf("/clusters/RN-MIDT/indicators", action="/clusters/RN-MIDT/indicators")
    r = admin.request("POST", "/clusters/RN-MIDT/indicators",
                      body={"csrf": token, "indicator": "GENIND-PSYK-30"})
    check(r.status == 303, "the cluster's choice: %d" % r.status)
    signed_in(sara, "sara")
    seen = pdf_text(download(sara))
    check("Akutte psykiatriske genindlæggelser" in seen, "the chosen indicator")
    check("Forebyggelige akutte sygehusophold" not in seen, "only the chosen indicator")
    check("Syntetiske data" not in seen, "imported values are not synthetic")
    jammer = rows_of(seen, "Jammerbugt")
    check(jammer and all("<5" in line for line in jammer), "Jammerbugt is <5: %r" % jammer)
    check("6,4" not in seen, "the small value appears nowhere")
    check(not re.search(r"\b47\b", seen) and "1.300" not in seen and "9.876" not in seen,
          "neither its denominator nor the numbers that would reveal it")
    aalborg = rows_of(seen, "Aalborg")
    check(aalborg and any(re.search(r"\bx\b", line) for line in aalborg),
          "Aalborg is hidden with it (x): %r" % aalborg)
    check("13,2" not in seen, "Aalborg's value appears nowhere")
    full = pdf_text(download(admin))
    check("6,4*" in full and "13,2*" in full, "the administrator sees every value, marked *")
    check(any("47" in line for line in rows_of(full, "Jammerbugt")), "and its denominator")
    # the dashboard shows the same overview as SVG, through the same drawing code
    page = Session(k).get("/clusters/RN-MIDT/indicators").text
    svg = re.search(r'<svg[^>]*class="chart chart-table".*?</svg>', page, re.S)
    check(svg and 'role="img"' in svg.group(0) and "<style" not in svg.group(0) and
          "style=" not in svg.group(0), "the overview on the dashboard")
    check("Akutte psykiatriske" in svg.group(0) and "6,4" not in page,
          "its row, and no small value on the page")
    # the command line acts as an administrator
    cli = os.path.join(TMP, "cli-admin.pdf")
    k.run("datapakke", str(MEETING), "-o", cli, "--db", k.db)
    with open(cli, "rb") as f:
        check("6,4*" in pdf_text(f.read()), "the command line sees every value")
    # anonymous visitors of the published meeting get the same discretion
    held = k.sql("SELECT id FROM meeting WHERE forum_id = ? AND status = 'minutes_published' "
                 "LIMIT 1", (FORUM,))[0][0]
    r = Session(k).get("/meetings/%d/datapakke.pdf" % held)
    check(r.status in (200, 303, 404), "a visitor: %d" % r.status)
    if r.status == 200:
        check("6,4" not in pdf_text(r.body), "no small value for a visitor")


def test_attach_to_an_item():
    signed_in(sara, "sara")
    token = sara.csrf("/meetings/%d" % MEETING, action="/meetings/%d/datapakke" % MEETING)
    r = sara.request("POST", "/meetings/%d/datapakke" % MEETING,
                     body={"csrf": token, "item_id": str(ITEM)})
    check(r.status == 303 and r.header("Location") == "/meetings/%d#item-%d" % (MEETING, ITEM),
          "attached: %d %s" % (r.status, r.text[:300]))
    page = sara.get("/meetings/%d" % MEETING).text
    check(re.search(r"Datapakke \d\d\.\d\d\.\d{4}", page), "on the agenda with its title")
    att = k.sql("SELECT a.id FROM attachment a WHERE a.item_id = ?", (ITEM,))
    check(len(att) == 1, "one attachment on the item")
    r = sara.get("/attachments/%d" % att[0][0])
    check(r.status == 200 and r.body.startswith(b"%PDF-"), "the attachment is the PDF")
    check("Akutte psykiatriske genindlæggelser" in pdf_text(r.body), "with the package")
    # an item of another meeting is not found; nobody but the secretary may attach
    r = sara.request("POST", "/meetings/%d/datapakke" % MEETING,
                     body={"csrf": token, "item_id": str(OTHER_ITEM)})
    check(r.status == 404, "another meeting's item: %d" % r.status)
    # the command line attaches too
    path = os.path.join(TMP, "item.pdf")
    status, out, err = k.run("datapakke", str(MEETING), "--item", str(ITEM), "-o", path,
                             "--db", k.db)
    check("attached to item %d" % ITEM in err, "the command says so: %r" % err)
    check(len(k.sql("SELECT id FROM attachment WHERE item_id = ?", (ITEM,))) == 2,
          "a second attachment")


if __name__ == "__main__":
    try:
        k.start()
        run([("the command line writes the package",
              test_cli_writes_the_package_with_charts_definitions_and_sources),
             ("download over HTTP", test_download_over_http),
             ("discretion on the PDF path", test_discretion_on_the_pdf_path),
             ("attach to an item", test_attach_to_an_item)])
    finally:
        k.close()
        shutil.rmtree(TMP, ignore_errors=True)
