#!/usr/bin/env python3
"""test_indicators.py - indicators over real HTTP: the catalogue, values per geography with
cluster sums, signals, every page, the CSV and XLSX downloads and the JSON API, each
checked for statistical discretion (a small value and the value that would reveal it are
hidden from visitors and shown to administrators); the upload form (multipart, its own CSRF
check, problems with line and column, all or nothing), the clusters' choice of indicators,
and `klynge compute --load`."""
import io
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile

from harness import Klynge, Session, check, run

k = Klynge(sys.argv[1])
k.add_user("root", admin=True)
k.add_user("sara")
FORUM = k.add_forum("Sekretariatet")
k.grant("sara", FORUM, "secretary")

# Samsø (741) has 3 readmissions of 23 in 2023: small. Aarhus (751) is hidden with it so
# that the cluster RM-AARHUS (Samsø and Aarhus) can be shown. Læsø (825) is small in 2022.
VALUES = """indikator;periode;område;værdi;tæller;nævner
GENIND-SOM-30;2022;Samsø;;6;31
GENIND-SOM-30;2022;Aarhus;;1.190;10.070
GENIND-SOM-30;2022;Brønderslev;;410;3.980
GENIND-SOM-30;2022;Frederikshavn;;702;6.413
GENIND-SOM-30;2022;Læsø;;4;17
GENIND-SOM-30;2022;Hjørring;;655;7.001
GENIND-SOM-30;2022;Hele landet;10,9;;
GENIND-SOM-30;2023;Samsø;;3;23
GENIND-SOM-30;2023;Aarhus;12,0;1.211;10.092
GENIND-SOM-30;2023;Brønderslev;;388;4.007
GENIND-SOM-30;2023;Frederikshavn;;731;6.390
GENIND-SOM-30;2023;Læsø;;5;18
GENIND-SOM-30;2023;Hjørring;;640;7.044
GENIND-SOM-30;2023;Hele landet;11,2;;
"""


def import_file(text, name="values.csv", extra=()):
    path = os.path.join(k.dir, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return k.run("indicator", "import", path, "--db", k.db, *extra, check=False)


status, out, err = import_file(VALUES)
assert status == 0, err

admin = Session(k)
visitor = Session(k)
secretary = Session(k)


def api(s, path):
    r = s.get(path)
    check(r.status == 200, "%s: %d %s" % (path, r.status, r.text[:300]))
    return r.json()


def values(s, query):
    return {(v["period"], v["geo_code"]): v
            for v in api(s, "/api/v1/indicators/GENIND-SOM-30/values" + query)["values"]}


def row_of(html, name):
    """The table row whose header names name."""
    m = re.search(r"<tr><th[^>]*>(?:<a [^>]*>)?%s(?:</a>| <strong|</th>).*?</tr>"
                  % re.escape(name), html, re.S)
    check(m, "no row for %s" % name)
    return m.group(0)


def test_catalogue_lists_definitions_with_sources_and_verification():
    cat = api(visitor, "/api/v1/indicators")["indicators"]
    by = {i["code"]: i for i in cat}
    check("FOREBYG-65" in by and "GENIND-SOM-30" in by, "catalogue: %s" % sorted(by))
    g = by["GENIND-SOM-30"]
    check(g["unit"] == "percent" and g["better"] == "lower" and g["min_count"] == 5,
          "definition %r" % g)
    check(g["values"] == 14, "value count %r" % g["values"])
    check(g["source_url"].startswith("https://www.esundhed.dk/"), "source %r" % g)
    check(not g["verified"] and g["verify_note"], "marked to verify %r" % g)
    check(any(i["verified"] for i in cat), "some are verified")
    page = visitor.get("/indicators")
    check(page.status == 200 and "GENIND-SOM-30" in page.text, "catalogue page")
    check('href="/clusters/RM-AARHUS/indicators"' in page.text, "dashboards linked")
    check('href="/indicators/import"' not in page.text, "no import link for visitors")


def test_api_hides_small_values_and_their_complement_from_visitors():
    v = values(visitor, "")
    samso, aarhus = v[("2023", "741")], v[("2023", "751")]
    check(samso["hidden"] == "small" and samso["display"] == "<5", "Samsø %r" % samso)
    check(samso["value"] is None and samso["numerator"] is None and
          samso["denominator"] is None, "no numbers for Samsø %r" % samso)
    check(aarhus["hidden"] == "secondary" and aarhus["display"] == "x", "Aarhus %r" % aarhus)
    check(aarhus["value"] is None and aarhus["numerator"] is None, "Aarhus %r" % aarhus)
    check(samso["vs_previous"] is None and samso["vs_country"] is None, "no signals %r" % samso)
    check("source" not in samso, "no source for a hidden value")
    cluster = v[("2023", "RM-AARHUS")]
    check(cluster["numerator"] == 1214 and cluster["denominator"] == 10115 and
          cluster["computed"], "cluster sum %r" % cluster)
    check(cluster["vs_country"] == "same", "cluster level with the country %r" % cluster)
    check(v[("2023", "DK")]["value"] == 11.2, "country stored %r" % v[("2023", "DK")])
    check(values(visitor, "")[("2022", "825")]["hidden"] == "small", "Læsø 2022")
    body = visitor.get("/api/v1/indicators/GENIND-SOM-30/values").text
    check('"numerator":3,' not in body and '"denominator":23' not in body, "3 of 23 leaked")
    check(not api(visitor, "/api/v1/indicators/GENIND-SOM-30/values")["small_numbers_shown"],
          "flag")


def test_api_shows_small_values_to_administrators():
    check(admin.login("root").status == 303, "admin login")
    v = values(admin, "")
    samso = v[("2023", "741")]
    check(samso["numerator"] == 3 and samso["denominator"] == 23 and samso["hidden"] is None,
          "admin sees Samsø %r" % samso)
    check(samso["hidden_from_others"] == "small", "admin told what others see %r" % samso)
    check(samso["source"]["kind"] == "import" and samso["source"]["label"] == "values.csv",
          "provenance %r" % samso)
    check(api(admin, "/api/v1/indicators/GENIND-SOM-30/values")["small_numbers_shown"], "flag")


def test_api_filters_by_geography_and_period():
    v = api(visitor, "/api/v1/indicators/GENIND-SOM-30/values?geo=RN-NORD&period=2023")
    check([(x["period"], x["geo_code"]) for x in v["values"]] == [("2023", "RN-NORD")],
          "one cluster, one period %r" % v["values"])
    kinds = {x["geo_kind"] for x in
             api(visitor, "/api/v1/indicators/GENIND-SOM-30/values?geo=cluster")["values"]}
    check(kinds == {"cluster"}, "clusters only %r" % kinds)
    v = api(visitor, "/api/v1/indicators/GENIND-SOM-30/values?geo=751&from=2023&to=2023")
    check(len(v["values"]) == 1 and v["values"][0]["display"] == "x", "Aarhus 2023 %r" % v)
    check(visitor.get("/api/v1/indicators/GENIND-SOM-30/values?geo=Atlantis").status == 400,
          "bad geo")
    check(visitor.get("/api/v1/indicators/GENIND-SOM-30/values?period=2023-13").status == 400,
          "bad period")
    check(visitor.get("/api/v1/indicators/NO-SUCH/values").status == 404, "unknown indicator")
    check(api(visitor, "/api/v1/indicators/GENIND-SOM-30/values?geo=RM2007-AARHUS")["values"]
          == [], "an old cluster has no values now")


def test_dashboard_page_hides_small_values_and_says_how_sums_are_made():
    page = visitor.get("/clusters/RM-AARHUS/indicators")
    check(page.status == 200, "dashboard %d" % page.status)
    samso = row_of(page.text, "Samsø")
    check("&lt;5" in samso and not re.search(r">\s*3\s*<|>23<", samso), "Samsø row %s" % samso)
    check(">x<" in row_of(page.text, "Aarhus").replace("*", ""), "Aarhus hidden too")
    check('role="img"' in page.text and "<title id=" in page.text, "accessible chart")
    check('class="series"' in page.text, "data table behind the chart")
    check("signal same" in page.text, "signals shown")
    page = admin.get("/clusters/RM-AARHUS/indicators")
    samso = row_of(page.text, "Samsø")
    check("13,0*" in samso and ">3<" in samso and ">23<" in samso, "admin row %s" % samso)
    page = visitor.get("/clusters/RH-BYEN/indicators")
    check(page.status == 200, "a cluster without values")
    page = visitor.get("/clusters/RM-AARHUS/indicators?from=2023")
    check("2022" not in re.sub(r"<svg.*?</svg>", "", page.text, flags=re.S).split("<table")[-1],
          "period filter")
    check(visitor.get("/clusters/RM-AARHUS/indicators?from=later").status == 400, "bad period")
    check(visitor.get("/clusters/NO-SUCH/indicators").status == 404, "no cluster")


def test_shared_municipality_is_explained():
    status, _, err = import_file("indicator;period;geography;numerator;denominator\n" +
                                 "".join("FOREBYG-65;2023;%s;%d;%d\n" % (m, 60 * n, 1000 * n)
                                         for m, n in [("101", 80), ("147", 15), ("153", 6),
                                                      ("155", 3), ("161", 4), ("165", 5),
                                                      ("167", 9), ("169", 8), ("183", 3),
                                                      ("185", 7), ("187", 2)]), "kbh.csv")
    check(status == 0, err)
    page = visitor.get("/clusters/RH-BYEN/indicators")
    check("København" in page.text and "Sundhedsklynge Syd" in page.text and
          "(også i en anden klynge)" in page.text, "the shared note")
    v = api(visitor, "/api/v1/indicators/FOREBYG-65/values?geo=RH-BYEN")["values"][0]
    check(v["numerator"] == 60 * 95 and v["shared"], "København counts in Byen %r" % v)


def test_indicator_and_series_pages():
    page = visitor.get("/indicators/GENIND-SOM-30")
    check(page.status == 200 and "Skal kontrolleres mod kilden" in page.text, "definition")
    check("&lt;5" in row_of(page.text, "Samsø"), "national page hides Samsø")
    page = visitor.get("/indicators/GENIND-SOM-30?period=2022")
    check("&lt;5" in row_of(page.text, "Læsø"), "2022 chosen")
    page = visitor.get("/municipalities/741/indicators/GENIND-SOM-30")
    check(page.status == 200 and 'role="img"' in page.text, "series page")
    check("&lt;5" in row_of(page.text, "2023"), "series hides 2023")
    check("19,4" in row_of(page.text, "2022"), "2022 shown (6 of 31)")
    check("Aarhusklyngen" in page.text, "its cluster in the chart")
    check(visitor.get("/municipalities/999/indicators/GENIND-SOM-30").status == 404, "no muni")
    check(visitor.get("/municipalities/741/indicators/NOPE").status == 404, "no indicator")
    check(visitor.get("/indicators/NOPE").status == 404, "no indicator page")


def csv_rows(r):
    text = r.body.decode("utf-8")
    check(text.startswith("\ufeff"), "BOM for Danish Excel")
    lines = text[1:].strip().split("\r\n")
    return [line.split(";") for line in lines]


def test_csv_downloads_apply_discretion():
    for path in ["/clusters/RM-AARHUS/indicators/csv",
                 "/municipalities/741/indicators/GENIND-SOM-30/csv",
                 "/indicators/GENIND-SOM-30/csv"]:
        r = visitor.get(path)
        check(r.status == 200 and r.header("Content-Type").startswith("text/csv"), path)
        check("attachment" in (r.header("Content-Disposition") or ""), path + " disposition")
        rows = csv_rows(r)
        head = rows[0]
        samso = [x for x in rows if x[4] == "741" and x[2] == "2023" and
                 x[0] == "GENIND-SOM-30"]
        check(len(samso) == 1, "%s: one Samsø row" % path)
        s = dict(zip(head, samso[0]))
        check(s["værdi"] == "<5" and s["tæller"] == "" and s["nævner"] == "",
              "%s: Samsø %r" % (path, s))
        r = admin.get(path)
        s = dict(zip(head, [x for x in csv_rows(r) if x[4] == "741" and x[2] == "2023"
                            and x[0] == "GENIND-SOM-30"][0]))
        check(s["værdi"] == "13,0" and s["tæller"] == "3", "%s: admin %r" % (path, s))
    rows = csv_rows(visitor.get("/clusters/RM-AARHUS/indicators/csv"))
    aarhus = dict(zip(rows[0], [x for x in rows if x[4] == "751" and x[2] == "2023" and
                                x[0] == "GENIND-SOM-30"][0]))
    check(aarhus["værdi"] == "x", "secondary in CSV %r" % aarhus)
    english = Session(k).get("/clusters/RM-AARHUS/indicators/csv?lang=en").body.decode("utf-8")
    check(english.startswith("indicator,") and ",<5," in english, "English CSV")


def xlsx_sheet(r):
    """The numbers of the values sheet, and the shared strings."""
    check(r.status == 200 and "spreadsheetml" in r.header("Content-Type"), "xlsx %d" % r.status)
    z = zipfile.ZipFile(io.BytesIO(r.body))
    sheet = z.read("xl/worksheets/sheet1.xml").decode()
    numbers = {float(v) for attrs, v in re.findall(r"<c ([^>]*)><v>([^<]*)</v></c>", sheet)
               if 't="s"' not in attrs}
    return numbers, z.read("xl/sharedStrings.xml").decode()


def test_xlsx_downloads_apply_discretion():
    for path in ["/clusters/RM-AARHUS/indicators/xlsx",
                 "/municipalities/741/indicators/GENIND-SOM-30/xlsx"]:
        numbers, strings = xlsx_sheet(visitor.get(path))
        check("&lt;5" in strings, "%s: <5 written" % path)
        check(23 not in numbers and 3 not in numbers, "%s: Samsø leaked" % path)
        check(1214 in numbers or "RM-AARHUS" not in path, "%s: the cluster's sum" % path)
        numbers, _ = xlsx_sheet(admin.get(path))
        check(23 in numbers and 3 in numbers, "%s: admin gets the numbers" % path)
    # other tests running at the same time make such directories for a moment: only one that
    # stays is left behind
    for _ in range(30):
        leftovers = [d for d in os.listdir(tempfile.gettempdir()) if d.startswith("klynge-xlsx-")]
        if not leftovers:
            break
        time.sleep(0.1)
    check(not leftovers, "temporary directories removed: %r" % leftovers)


def multipart(fields, files):
    boundary = "----klyngetest7MA4YWxkTrZu0gW"
    parts = []
    for name, value in fields.items():
        parts.append('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n'
                     % (boundary, name, value))
    for name, (filename, data) in files.items():
        parts.append('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                     "Content-Type: text/csv\r\n\r\n%s\r\n" % (boundary, name, filename, data))
    body = ("".join(parts) + "--%s--\r\n" % boundary).encode("utf-8")
    return body, {"Content-Type": "multipart/form-data; boundary=" + boundary}


def test_upload_form_checks_every_row_and_imports_all_or_nothing():
    signed_in(secretary, "sara")
    check(visitor.get("/indicators/import").status == 303, "visitor sent to sign in")
    token = secretary.csrf("/indicators/import", action="/indicators/import")
    check('enctype="multipart/form-data"' in secretary.get("/indicators/import").text, "form")
    bad = "Område;2022;2023\nHerning;4,1;4,0\nStruer;4.1;4,2\nRM-VEST;4;4\n"
    body, headers = multipart({"csrf": token, "indicator": "TILFREDS-UDSKRIV"},
                              {"file": ("tilfreds.csv", bad)})
    r = secretary.request("POST", "/indicators/import", body=body, headers=headers)
    check(r.status == 400, "bad file %d" % r.status)
    check("tilfreds.csv:3:2: value &#39;4.1&#39; is not a number" in r.text, r.text[-2000:])
    check("tilfreds.csv:4:1: &#39;RM-VEST&#39; is a cluster" in r.text, "cluster refused")
    check(api(visitor, "/api/v1/indicators/TILFREDS-UDSKRIV/values")["values"] == [],
          "nothing imported")
    good = "Område;2022;2023\nHerning;4,1;4,0\nStruer;4,1;4,2\n"
    body, headers = multipart({"csrf": token, "indicator": "TILFREDS-UDSKRIV"},
                              {"file": ("tilfreds.csv", good)})
    r = secretary.request("POST", "/indicators/import", body=body, headers=headers)
    check(r.status == 200 and "4 værdier gemt" in r.text,
          "good file %d %s" % (r.status, r.text[-800:]))
    v = api(visitor, "/api/v1/indicators/TILFREDS-UDSKRIV/values?geo=671")["values"]
    check([x["value"] for x in v] == [4.1, 4.2], "values %r" % v)
    body, headers = multipart({"csrf": "forged", "indicator": ""}, {"file": ("x.csv", good)})
    r = secretary.request("POST", "/indicators/import", body=body, headers=headers)
    check(r.status == 403, "forged token %d" % r.status)
    r = visitor.request("POST", "/indicators/import", body=body, headers=headers)
    check(r.status in (401, 403), "visitor %d" % r.status)


def test_reimport_replaces_with_an_audit_trail():
    status, _, err = import_file("indicator;period;geography;value\n"
                                 "TILFREDS-UDSKRIV;2022;Herning;4,1\n"
                                 "TILFREDS-UDSKRIV;2022;Struer;4,1\n", "first.csv")
    check(status == 0, err)
    status, _, err = import_file("indicator;period;geography;value\n"
                                 "TILFREDS-UDSKRIV;2022;Herning;3,9\n", "again.csv")
    check(status == 0, err)
    v = api(visitor, "/api/v1/indicators/TILFREDS-UDSKRIV/values?geo=municipality&period=2022")
    check([(x["geo_code"], x["value"]) for x in v["values"]] == [("657", 3.9)],
          "Struer's 2022 value replaced too %r" % v["values"])
    log = api(admin, "/api/v1/audit?entity=indicator_values")["entries"]
    replaced = [e for e in log if e["entity_id"] == "TILFREDS-UDSKRIV/2022/municipality"
                and e["action"] == "replace"]
    check(replaced and "671" in replaced[0]["before"]["values"] and
          replaced[0]["after"]["source"] == "again.csv", "audit %r" % replaced[:1])


def signed_in(s, login):
    if "klynge_session" not in s.cookies:
        check(s.login(login).status == 303, "%s signs in" % login)


def test_a_cluster_chooses_its_indicators():
    signed_in(secretary, "sara")
    token = secretary.csrf("/clusters/RM-AARHUS/indicators",
                           action="/clusters/RM-AARHUS/indicators")
    r = secretary.request("POST", "/clusters/RM-AARHUS/indicators",
                          body={"csrf": token, "indicator": "TILFREDS-UDSKRIV"})
    check(r.status == 303, "choice saved %d" % r.status)
    page = visitor.get("/clusters/RM-AARHUS/indicators").text
    check("Tilfredshed med udskrivelsen" in page and "GENIND-SOM-30 ·" not in page,
          "only the chosen indicator")
    r = secretary.request("POST", "/clusters/RM-AARHUS/indicators",
                          body={"csrf": token, "indicator": "NOPE"})
    check(r.status == 400, "unknown indicator %d" % r.status)
    secretary.request("POST", "/clusters/RM-AARHUS/indicators", body={"csrf": token})
    check("GENIND-SOM-30 ·" in visitor.get("/clusters/RM-AARHUS/indicators").text,
          "no choice: every indicator with values")


def test_reporting_round_collects_each_municipalitys_own_number():
    # mads is the contact of Samsø Kommune: his person belongs to its organisation
    k.add_user("mads")
    org = k.sql("INSERT INTO organisation (name, kind, municipality_code, created_at) VALUES "
                "('Samsø Kommune', 'municipality', 741, '2026-01-01T00:00:00Z') "
                "RETURNING id")[0][0]
    uid = k.sql("SELECT id FROM app_user WHERE login = 'mads'")[0][0]
    k.sql("INSERT INTO person (name, organisation_id, user_id, created_at) VALUES "
          "('Mads Testesen', ?, ?, '2026-01-01T00:00:00Z')", (org, uid))
    token = secretary.csrf("/reporting", action="/reporting")
    r = secretary.request("POST", "/reporting", body={
        "csrf": token, "title": "Plejehjemslæger 1. kvt. 2025", "indicator": "PLEJEHJEMSLAEGE",
        "period": "2025K1", "cluster": "RM-AARHUS", "due_on": "2025-04-15"})
    check(r.status == 303, "round created %d %s" % (r.status, r.text[-500:]))
    path = r.header("Location")
    r = secretary.request("POST", "/reporting", body={
        "csrf": token, "title": "", "indicator": "PLEJEHJEMSLAEGE", "period": "2025",
        "cluster": "RM-AARHUS", "due_on": "2025-04-15"})
    check(r.status == 400 and 'aria-invalid="true"' in r.text, "problems shown %d" % r.status)
    mads = Session(k)
    check(mads.login("mads").status == 303, "mads signs in")
    page = mads.get(path).text
    check(page.count("ikke indberettet") == 2 and "0 af 2" in page, "nobody has reported")
    check(page.count('name="municipality"') == 1 and 'value="741"' in page,
          "mads may report for Samsø only")
    token = mads.csrf(path, action=path)
    r = mads.request("POST", path, body={"csrf": token, "municipality": "751",
                                         "numerator": "20", "denominator": "25"})
    check(r.status == 403, "not for Aarhus %d" % r.status)
    r = mads.request("POST", path, body={"csrf": token, "municipality": "741",
                                         "numerator": "3", "denominator": "2"})
    check(r.status == 400 and "problem-numerator" in r.text, "3 of 2 refused %d" % r.status)
    r = mads.request("POST", path, body={"csrf": token, "municipality": "741",
                                         "numerator": "2", "denominator": "3"})
    check(r.status == 303, "Samsø reported %d" % r.status)
    page = visitor.get(path)
    check(page.status == 303, "rounds need sign-in")
    page = mads.get(path).text
    check("1 af 2" in page and page.count("ikke indberettet") == 1, "Aarhus has not reported")
    check("&lt;5" in row_of(page, "Samsø"), "the overview applies discretion too")
    check('name="numerator" value="2"' in page, "mads sees his own number again")
    sec = secretary.get(path).text
    check('name="numerator" value="2"' not in sec and "&lt;5" in row_of(sec, "Samsø"),
          "the secretariat does not see Samsø's small number")
    v = api(admin, "/api/v1/indicators/PLEJEHJEMSLAEGE/values?geo=741&period=2025-Q1")
    check(v["values"][0]["numerator"] == 2 and v["values"][0]["source"]["kind"] == "manual",
          "stored as a manual value %r" % v["values"])
    r = secretary.request("POST", path, body={"csrf": secretary.csrf(path, action=path),
                                              "municipality": "751", "numerator": "20",
                                              "denominator": "25"})
    check(r.status == 303, "the secretariat enters Aarhus %d" % r.status)
    check("2 af 2" in mads.get(path).text, "all reported")


def test_corpus_of_bad_files_gives_the_exact_errors():
    """indicator_import_bad/NAME.csv fails with exactly NAME.expected and stores nothing."""
    corpus = os.path.join(os.path.dirname(os.path.abspath(__file__)), "indicator_import_bad")
    before = k.sql("SELECT count(*) FROM indicator_value")[0][0]
    names = sorted(f[:-4] for f in os.listdir(corpus) if f.endswith(".csv"))
    check(len(names) >= 20, "corpus %r" % names)
    for name in names:
        p = subprocess.run([os.path.abspath(k.binary), "indicator", "import", name + ".csv",
                            "--db", k.db], cwd=corpus, capture_output=True, text=True,
                           timeout=60)
        with open(os.path.join(corpus, name + ".expected"), encoding="utf-8") as f:
            want = f.read()
        check(p.returncode == 1, "%s: exit %d" % (name, p.returncode))
        check(p.stderr == want, "%s:\n  want %r\n  got  %r" % (name, want, p.stderr))
    check(k.sql("SELECT count(*) FROM indicator_value")[0][0] == before, "nothing stored")


def test_engine_results_are_loaded_with_the_run_as_source():
    d = os.path.join(k.dir, "engine")
    os.makedirs(d)
    rows = ["admission_id,person_id,municipality_code,birth_year,admit_date,discharge_date,"
            "acute,primary_diagnosis"]
    n = 0
    for muni, persons in [(751, 40), (741, 3)]:
        for p in range(persons):
            n += 1
            pid = muni * 1000 + p
            rows.append("%d,%d,%d,1940,2023-03-01,2023-03-05,1,DJ18" % (n, pid, muni))
            if p % 2 == 0:
                n += 1
                rows.append("%d,%d,%d,1940,2023-03-20,2023-03-22,1,DE86" % (n, pid, muni))
    with open(os.path.join(d, "adm.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    with open(os.path.join(d, "pop.csv"), "w") as f:
        f.write("municipality_code,year,pop65\n751,2023,52000\n741,2023,1300\n")
    status, out, err = k.run("compute", os.path.join(d, "adm.csv"), "--population",
                             os.path.join(d, "pop.csv"), "--out", os.path.join(d, "out"),
                             "--load", k.db, check=False)
    check(status == 0 and "values of 4 indicators stored" in out, out + err)
    v = {x["geo_code"]: x for x in
         api(admin, "/api/v1/indicators/ENG-GENIND-65/values?period=2023")["values"]}
    check(v["751"]["numerator"] == 20 and v["751"]["denominator"] == 60, "Aarhus %r" % v["751"])
    check(v["751"]["source"]["kind"] == "engine" and "adm.csv" in v["751"]["source"]["label"],
          "the run as source %r" % v["751"])
    v = {x["geo_code"]: x for x in
         api(visitor, "/api/v1/indicators/ENG-GENIND-65/values?period=2023")["values"]}
    check(v["741"]["display"] == "<5" and v["741"]["numerator"] is None, "Samsø %r" % v["741"])
    status, _, err = k.run("compute", os.path.join(d, "adm.csv"), "--population",
                           os.path.join(d, "pop.csv"), "--out", os.path.join(d, "pub"),
                           "--public", "--load", k.db, check=False)
    check(status == 2 and "--public" in err, "refused with --public: %s" % err)


if __name__ == "__main__":
    try:
        k.start()
        run([("catalogue", test_catalogue_lists_definitions_with_sources_and_verification),
             ("API hides small values from visitors",
              test_api_hides_small_values_and_their_complement_from_visitors),
             ("API shows them to administrators", test_api_shows_small_values_to_administrators),
             ("API filters", test_api_filters_by_geography_and_period),
             ("dashboard", test_dashboard_page_hides_small_values_and_says_how_sums_are_made),
             ("shared municipality", test_shared_municipality_is_explained),
             ("indicator and series pages", test_indicator_and_series_pages),
             ("CSV downloads", test_csv_downloads_apply_discretion),
             ("XLSX downloads", test_xlsx_downloads_apply_discretion),
             ("upload form", test_upload_form_checks_every_row_and_imports_all_or_nothing),
             ("re-import", test_reimport_replaces_with_an_audit_trail),
             ("cluster's choice", test_a_cluster_chooses_its_indicators),
             ("reporting round", test_reporting_round_collects_each_municipalitys_own_number),
             ("corpus of bad files", test_corpus_of_bad_files_gives_the_exact_errors),
             ("engine --load", test_engine_results_are_loaded_with_the_run_as_source)])
    finally:
        k.close()
