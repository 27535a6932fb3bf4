#!/usr/bin/env python3
"""test_plan_cli.py - action plans from the command line against the demo database: the
plans and their initiatives in natural label order, funds whose carry-overs neither lose nor
create money, a status round's sentences for the Chefforum in Danish and English, the
overview exported as PDF (pdftotext, pdfinfo) and as XLSX, the plan with its funds as XLSX
(opened as the zip of XML it is), the overview put on an agenda item, and bad input that
changes nothing."""
import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from harness import Klynge, check, run

SUPP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lsan.supp")
os.environ["LSAN_OPTIONS"] = "suppressions=" + SUPP
k = Klynge(sys.argv[1], demo=True)
TMP = tempfile.mkdtemp(prefix="klynge-plan-")
atexit.register(shutil.rmtree, TMP, True)


def plan(*args, check_rc=True):
    return k.run("plan", *args, "--db", k.db, check=check_rc)


def midt():
    return k.sql("SELECT p.id FROM action_plan p JOIN forum f ON f.id = p.forum_id "
                 "WHERE f.name = 'Chefforum – Klynge MIDT'")[0][0]


def rounds():
    return [r[0] for r in k.sql("SELECT id FROM status_round WHERE plan_id = ? "
                                "ORDER BY due_on", (midt(),))]


def test_list_and_show():
    _, out, _ = plan("list")
    check("Handleplan for Sundhedsklynge MIDT (14 initiatives)" in out, out)
    check("Gødstrupklyngen" in out and "Implementering af sundhedsaftalen" in out, out)
    _, out, _ = plan("show", str(midt()))
    labels = [line.split()[0] for line in out.splitlines()
              if re.match(r"^\S+\s+(proposed|active|paused|dropped|completed)\s", line)]
    check(labels == ["1a", "1b", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
                     "13"], labels)
    check(re.search(r"^10\s+dropped", out, re.M), out)
    check("funds " in out and "round " in out, out)


def test_funds_are_conserved():
    rows = k.sql("SELECT year, sum(allocated), sum(spent), sum(carried_in), sum(carried_out) "
                 "FROM initiative_funds GROUP BY year ORDER BY year")
    check(len(rows) >= 2, rows)
    for (y, _, _, _, out_), (y2, _, _, in2, _) in zip(rows, rows[1:]):
        check(y2 == y + 1 and in2 == out_, "carried out of %d (%d) is carried into %d (%d)"
              % (y, out_, y2, in2))
    total = sum(r[1] for r in rows)
    left = sum(r[1] + r[3] - r[2] - r[4] for r in rows)
    check(left == total - sum(r[2] for r in rows), "left %d of %d" % (left, total))
    for (amount,) in k.sql("SELECT allocated FROM initiative_funds"):
        check(isinstance(amount, int) and amount % 100 == 0, amount)  # whole øre integers


def test_round_sentences():
    first, second = rounds()
    _, out, _ = plan("round", str(second))
    check("Indsats 1b, 8, 11 og 13 har ikke indgivet status." in out, out)
    check("Indsats 1b og 8 har fået forlænget fristen." in out, out)
    check("Indsats 4 indgav status efter fristen." in out, out)
    check(re.search(r"^11\s+missing", out, re.M) and re.search(r"^1b\s+extended", out, re.M),
          out)
    _, out, _ = plan("round", str(first), "--lang", "en")
    check("Initiatives 1b, 11 and 13 have not submitted a status report." in out, out)
    check(re.search(r"^10\s+excused", out, re.M), out)  # dropped after the round


def test_round_pdf():
    path = os.path.join(TMP, "round.pdf")
    plan("export", "--round", str(rounds()[1]), "-o", path)
    text = " ".join(subprocess.run(["pdftotext", path, "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    for want in ("Statusrunde", "Handleplan for Sundhedsklynge MIDT", "Mangler",
                 "Indgivet for sent", "Forlænget", "Side 1 af 1", "Konsulentlæge på plejehjem",
                 "Indsats 1b, 8, 11 og 13 har ikke indgivet status."):
        check(want in text, want)
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True,
                          check=True).stdout
    check(re.search(r"^Pages:\s+1$", info, re.M), info)
    check(re.search(r"^Title:\s+Status \d{4}$", info, re.M), info)


def xlsx_text(path):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        strings = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in names \
            else ""
        sheets = [z.read(n).decode() for n in sorted(names)
                  if n.startswith("xl/worksheets/sheet")]
        book = z.read("xl/workbook.xml").decode()
    return strings, sheets, book


def test_round_xlsx():
    path = os.path.join(TMP, "round.xlsx")
    plan("export", "--round", str(rounds()[1]), "--format", "xlsx", "-o", path)
    strings, sheets, book = xlsx_text(path)
    check('name="Statusrunde"' in book, book)
    for want in ("Indsats", "Mangler", "Indgivet for sent", "Grøn", "har ikke indgivet status"):
        check(want in strings, want)
    check(len(re.findall(r"<row ", sheets[0])) >= 13, "a row per report and a header")


def test_plan_xlsx():
    path = os.path.join(TMP, "plan.xlsx")
    plan("export", str(midt()), "-o", path)
    strings, sheets, book = xlsx_text(path)
    check('name="Indsatser"' in book and 'name="Midler"' in book, book)
    check("Bevilget (kr.)" in strings and "Udgået" in strings and "I alt" in strings, strings)
    # the first year's total allocation, 6.850.000 kr., as a number in kroner
    check(re.search(r"<v>6850000</v>", sheets[1]), sheets[1][:500])


def open_item():
    return k.sql("SELECT i.id FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id "
                 "JOIN forum f ON f.id = m.forum_id WHERE f.name = 'Chefforum – Klynge MIDT' "
                 "AND m.status = 'agenda_draft' ORDER BY i.id LIMIT 1")[0][0]


def test_attach_to_an_agenda_item():
    item = open_item()
    second = rounds()[1]
    _, out, _ = plan("attach", str(second), "--item", str(item))
    check("attached the overview of round" in out, out)
    plan("attach", str(second), "--item", str(item), "--format", "xlsx")
    titles = [r[0] for r in k.sql("SELECT title FROM attachment WHERE item_id = ?", (item,))]
    check(titles.count("Statusoversigt: Status %s" % titles[0].split()[-1]) == 2, titles)


def test_bad_input_changes_nothing():
    before = k.sql("SELECT count(*) FROM attachment")[0][0]
    rc, _, err = plan("show", "999", check_rc=False)
    check(rc == 1 and "not found" in err, err)
    rc, _, err = plan("round", "abc", check_rc=False)
    check(rc == 2 and "round" in err, err)
    rc, _, err = plan("export", "--round", "1", "--format", "doc", "-o",
                      os.path.join(TMP, "x"), check_rc=False)
    check(rc == 2 and "--format 'doc'" in err, err)
    check(not os.path.exists(os.path.join(TMP, "x")), "no file for a refused export")
    rc, _, err = plan("attach", str(rounds()[1]), "--item", "999999", check_rc=False)
    check(rc == 1 and "not found" in err, err)
    rc, _, err = plan("export", str(midt()), "-o", "/nonexistent/dir/plan.xlsx",
                      check_rc=False)
    check(rc == 1 and "/nonexistent/dir/plan.xlsx" in err, err)
    check(k.sql("SELECT count(*) FROM attachment")[0][0] == before, "nothing attached")


run([
    ("list and show the plans", test_list_and_show),
    ("funds are conserved by carry-overs", test_funds_are_conserved),
    ("a round's sentences in Danish and English", test_round_sentences),
    ("the round overview as PDF", test_round_pdf),
    ("the round overview as XLSX", test_round_xlsx),
    ("the plan with its funds as XLSX", test_plan_xlsx),
    ("the overview on an agenda item", test_attach_to_an_agenda_item),
    ("bad input changes nothing", test_bad_input_changes_nothing),
])
