#!/usr/bin/env python3
"""test_import_members.py - `klynge org import members FILE` as a user runs it: a good file
as Danish Excel writes it (semicolons, Windows-1252, CRLF) is imported and can be imported
again without change; a broken file prints every problem with its line and column, exits 1
and changes nothing, not even the audit log."""
import os
import sys

from harness import Klynge, check, run

k = Klynge(sys.argv[1])
k.add_forum("Chefforum Aalborg")
k.add_forum("Driftsforum Aalborg")
for name, kind in (("Aalborg Universitetshospital", "hospital"), ("PLO Nordjylland", "general_practice")):
    k.sql("INSERT INTO organisation (name, kind, created_at) VALUES (?, ?, '2026-01-01T00:00:00Z')",
          (name, kind))

HEADER = "forum;name;email;title;organisation;role;substitute_for;starts_on;ends_on\r\n"
GOOD = (HEADER +
        "Chefforum Aalborg;Søren Sørensen;soren@example.dk;Direktør;Aalborg Universitetshospital;"
        "formand;;01-01-2024;\r\n"
        "Chefforum Aalborg;Mette Møller;mette@example.dk;;PLO Nordjylland;næstformand;;"
        "01.01.2024;31.12.2025\r\n"
        "Chefforum Aalborg;Åse Ågaard;;;PLO Nordjylland;stedfortræder;mette@example.dk;"
        "2024-01-01;\r\n")


def write(name, text, encoding):
    path = os.path.join(k.dir, name)
    with open(path, "wb") as f:
        f.write(text.encode(encoding))
    return path


def counts():
    return tuple(k.sql("SELECT count(*) FROM " + t)[0][0]
                 for t in ("person", "membership", "audit_log"))


def test_good_file_is_imported():
    path = write("medlemmer.csv", GOOD, "cp1252")
    status, out, err = k.run("org", "import", "members", path, "--db", k.db, check=False)
    check(status == 0, "exit status %d: %s" % (status, err))
    check(out == "%s: 3 rows valid; 3 people created, 0 already known; 3 memberships created, "
                 "0 already there (%s)\n" % (path, k.db), "summary: %r" % out)
    check(err == "", "stderr: %r" % err)
    rows = k.sql("SELECT p.name, p.title, m.role, m.starts_on, m.ends_on, o.name "
                 "FROM membership m JOIN person p ON p.id = m.person_id "
                 "LEFT JOIN organisation o ON o.id = m.organisation_id ORDER BY m.id")
    check(rows == [("Søren Sørensen", "Direktør", "chair", "2024-01-01", None,
                    "Aalborg Universitetshospital"),
                   ("Mette Møller", "", "co_chair", "2024-01-01", "2025-12-31", "PLO Nordjylland"),
                   ("Åse Ågaard", "", "substitute", "2024-01-01", None, "PLO Nordjylland")],
          "rows: %r" % rows)
    sub = k.sql("SELECT s.email FROM membership m JOIN person s ON s.id = m.substitute_for")
    check(sub == [("mette@example.dk",)], "substitute_for: %r" % sub)
    audited = k.sql("SELECT entity, count(*), count(forum_id) FROM audit_log "
                    "WHERE entity IN ('person', 'membership') GROUP BY entity ORDER BY entity")
    check(audited == [("membership", 3, 3), ("person", 3, 0)], "audit: %r" % audited)


def test_the_same_file_again_changes_nothing():
    before = counts()
    path = write("medlemmer.csv", GOOD, "cp1252")
    status, out, err = k.run("org", "import", "members", path, "--db", k.db, check=False)
    check(status == 0, "exit status %d: %s" % (status, err))
    check("0 people created, 3 already known; 0 memberships created, 3 already there" in out,
          "summary: %r" % out)
    check(counts() == before, "the database changed")


def test_broken_file_changes_nothing():
    before = counts()
    path = write("broken.csv",
                 HEADER +
                 "Nyt forum;Anna Andersen;anna@example.dk;;;medlem;;2024-01-01;\r\n"
                 "Chefforum Aalborg;Bo Bech;bo@example.dk;;Ukendt;boss;;2024-01-01;\r\n"
                 "Chefforum Aalborg;Cecilie Carlsen;cecilie;;;medlem;;31-02-2024;\r\n"
                 "Driftsforum Aalborg;Dan Dahl;dan@example.dk;;;medlem;;2024-06-01;2024-05-31\r\n"
                 "Driftsforum Aalborg;Dan Dahl;dan@example.dk;;;member;;2024-06-01;\r\n"
                 "Driftsforum Aalborg;Eva Eskildsen;;;;stedfortræder;soren@example.dk;"
                 "2024-01-01;\r\n",
                 "utf-8-sig")
    status, out, err = k.run("org", "import", "members", path, "--db", k.db, check=False)
    check(status == 1, "exit status %d" % status)
    check(out == "", "stdout: %r" % out)
    expected = [
        path + ":2:1: forum 'Nyt forum' is not a known forum",
        path + ":3:5: organisation 'Ukendt' is not a known organisation",
        path + ":3:6: role 'boss' is not a role (write chair, co_chair, member, secretary, "
        "guest or substitute, or formand, medformand, næstformand, medlem, sekretær, gæst, "
        "stedfortræder)",
        path + ":4:3: email 'cecilie' is not an e-mail address",
        path + ":4:8: starts_on '31-02-2024' is not a date (write YYYY-MM-DD or DD-MM-YYYY)",
        path + ":5:9: ends_on 2024-05-31 is before starts_on 2024-06-01",
        path + ":7:7: substitute_for 'soren@example.dk' is not a member of forum "
        "'Driftsforum Aalborg' (in this file or in the database)",
        "klynge: org import members: 7 problems found; nothing was imported",
    ]
    check(err.splitlines() == expected, "stderr:\n" + err)
    check(counts() == before, "the database changed")


def test_wrong_usage():
    status, out, err = k.run("org", "import", "staff", "x.csv", "--db", k.db, check=False)
    check(status == 2, "exit status %d" % status)
    check("'members'" in err, "stderr: %r" % err)
    status, out, err = k.run("org", "--help")
    check("klynge org import members FILE" in out, "help: %r" % out)
    status, out, err = k.run("org", "import", "members", os.path.join(k.dir, "missing.csv"),
                             "--db", k.db, check=False)
    check(status == 1 and "missing.csv" in err, "missing file: %d %r" % (status, err))


if __name__ == "__main__":
    try:
        run([(name, fn) for name, fn in list(globals().items()) if name.startswith("test_")])
    finally:
        k.close()
