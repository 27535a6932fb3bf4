#!/usr/bin/env python3
"""test_pages.py - the pages, the JSON API and the error responses of `klynge serve` over
real HTTP, against a fresh database with the shipped reference data; plus the cluster
import command as a user runs it (a broken file changes nothing)."""
import os
import re
import sys

from harness import Klynge, check, run

k = Klynge(sys.argv[1])


def test_front_page_in_danish():
    r = k.get("/")
    check(r.status == 200, "status %d" % r.status)
    check(r.header("Content-Type") == "text/html; charset=utf-8", r.header("Content-Type"))
    check('<html lang="da">' in r.text, "not Danish")
    for name in ("Region Nordjylland", "Region Midtjylland", "Region Syddanmark",
                 "Region Hovedstaden", "Region Sjælland"):
        check(name in r.text, name + " missing")
    check('href="/clusters/RM-AARHUS"' in r.text, "no link to Aarhusklyngen")
    check("98 kommuner" in r.text, "municipality count missing")


def test_english_on_request_and_remembered():
    r = k.get("/regions?lang=en")
    check('<html lang="en">' in r.text and "<h1>Regions</h1>" in r.text, "not English")
    check(r.cookies().get("lang") == "en", "language not remembered")
    r = k.get("/regions", cookies={"lang": "en"})
    check('<html lang="en">' in r.text, "cookie ignored")
    r = k.get("/regions", headers={"Accept-Language": "en-GB,en;q=0.9"})
    check('<html lang="en">' in r.text, "Accept-Language ignored")
    r = k.get("/regions", headers={"Accept-Language": "de-DE"})
    check('<html lang="da">' in r.text, "Danish is not the default")


def test_regions_page():
    r = k.get("/regions")
    check(r.status == 200, "status")
    for code in range(1081, 1086):
        check('href="/regions/%d"' % code in r.text, "region %d missing" % code)


def test_region_with_current_and_earlier_clusters():
    r = k.get("/regions/1082")
    check(r.status == 200, "status %d" % r.status)
    check("<h1>Region Midtjylland</h1>" in r.text, "title")
    current, _, earlier = r.text.partition("Tidligere klyngeinddelinger")
    for code in ("RM-AARHUS", "RM-VEST", "RM-HORSENS", "RM-MIDT", "RM-RANDERS"):
        check("/clusters/" + code in current, code + " not among current clusters")
    for code in ("RM2007-HORSENS", "RM2007-RANDERS", "RM2007-SILKEBORG", "RM2007-VEST",
                 "RM2007-VIBORG", "RM2007-AARHUS"):
        check("/clusters/" + code in earlier, code + " not among earlier clusters")


def test_cluster_page_marks_shared_municipalities():
    r = k.get("/clusters/RM2007-VEST")
    check(r.status == 200, "status %d" % r.status)
    check("<h1>Vestklyngen</h1>" in r.text, "title")
    check("1. januar 2007 – 31. marts 2011" in r.text, "period")
    check("Hospitalsenheden Vest" in r.text, "hospital")
    row = re.search(r'<a href="/municipalities/756">Ikast-Brande</a>.*?</tr>', r.text)
    check(row and "Delt" in row.group(0), "Ikast-Brande not marked shared")
    row = re.search(r'<a href="/municipalities/657">Herning</a>.*?</tr>', r.text)
    check(row and "Delt" not in row.group(0), "Herning marked shared")
    check("ikke kendt" in r.text, "unknown population not said")


def test_municipality_over_time():
    r = k.get("/municipalities/710")  # Favrskov: two clusters at once in 2007-2011
    check(r.status == 200, "status %d" % r.status)
    check("<h1>Favrskov</h1>" in r.text, "title")
    links = re.findall(r'href="/clusters/([A-Z0-9-]+)"', r.text)
    check(len(links) >= 3, "clusters over time: %r" % links)


def test_municipalities_page_lists_98():
    r = k.get("/municipalities")
    check(len(re.findall(r'href="/municipalities/\d{3}"', r.text)) == 98, "not 98")
    check(r.text.index("Aabenraa") < r.text.index("Ærø"), "Danish order: Æ after A-Z")


def test_api():
    r = k.get("/api/v1/regions")
    check(r.header("Content-Type") == "application/json; charset=utf-8", "type")
    check([g["code"] for g in r.json()["regions"]] == list(range(1081, 1086)), "regions")
    ms = k.get("/api/v1/municipalities").json()["municipalities"]
    check(len(ms) == 98 and all(100 <= m["code"] <= 999 for m in ms), "municipalities")
    check(all(m["population"] is None or m["population"] > 0 for m in ms), "population")
    rn = k.get("/api/v1/clusters?region=1081").json()["clusters"]
    check(len(rn) == 4, "Region Nordjylland has four clusters: %d" % len(rn))
    c = k.get("/api/v1/clusters/RM2007-VEST").json()
    check(c["valid_from"] == "2007-01-01" and c["valid_to"] == "2011-03-31", "period")
    shared = {m["name"]: m["shared"] for m in c["municipalities"]}
    check(shared["Ikast-Brande"] is True and shared["Herning"] is False, "shared flags")
    c = k.get("/api/v1/clusters/RM-AARHUS").json()
    check(c["valid_to"] is None and c["region_name"] == "Region Midtjylland", "open period")
    m = k.get("/api/v1/municipalities/756").json()
    check(len(m["clusters"]) >= 2, "Ikast-Brande's clusters")
    check(k.get("/api/v1/regions/1084").json()["name"] == "Region Hovedstaden", "one region")


def test_api_errors_are_json():
    r = k.get("/api/v1/clusters/NOPE")
    check(r.status == 404 and r.json()["error"]["status"] == 404, "404")
    r = k.get("/api/v1/clusters?region=abc")
    check(r.status == 400 and "region" in r.json()["error"]["message"], "400")
    r = k.get("/api/v1/nothing-here")
    check(r.status == 404 and "error" in r.json(), "unknown API path")
    r = k.request("DELETE", "/api/v1/regions")
    check(r.status == 405 and r.json()["error"]["status"] == 405, "405")
    check(r.header("Allow") == "GET, HEAD", "Allow: %r" % r.header("Allow"))


def test_html_errors():
    r = k.get("/no/such/page")
    check(r.status == 404 and "Siden findes ikke" in r.text, "404 page")
    check('href="/static/style.css"' in r.text, "error page in the layout")
    r = k.get("/regions/9999")
    check(r.status == 404, "unknown region: %d" % r.status)
    r = k.get("/municipalities/abc")
    check(r.status == 404, "non-numeric municipality: %d" % r.status)
    r = k.request("POST", "/regions", body="x=1",
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(r.status == 405, "405: %d" % r.status)
    r = k.get("/clusters?region=x")
    check(r.status == 400 and "region" in r.text, "400 page")


def test_head_and_health():
    r = k.request("HEAD", "/regions")
    check(r.status == 200 and r.body == b"", "HEAD")
    h = k.get("/healthz").json()
    check(h["status"] == "ok" and h["schema"] >= 1, "healthz %r" % h)


def test_security_headers_and_static():
    r = k.get("/")
    csp = r.header("Content-Security-Policy") or ""
    check("frame-ancestors 'none'" in csp and "script-src 'self'" in csp, "CSP: " + csp)
    check("unsafe-inline" not in csp, "inline allowed")
    check(r.header("X-Content-Type-Options") == "nosniff", "nosniff")
    check(r.header("Referrer-Policy") == "same-origin", "referrer")
    s = k.get("/static/style.css")
    check(s.status == 200 and s.header("Content-Type").startswith("text/css"), "css")
    check("@media print" in s.text, "print styles")


def test_hostile_requests():
    check(k.get("/static/..%2f..%2fetc%2fpasswd").status == 404, "traversal")
    check(k.get("/regions/%ff").status in (400, 404), "bad UTF-8 parameter")
    check(k.get("/%ff%fe").status == 400, "path not UTF-8")
    r = k.request("POST", "/login", body="a=" + "x" * (2 << 20),
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(r.status == 413, "body over the cap: %d" % r.status)
    r = k.get("/" + "a" * 100000)
    check(r.status in (400, 413, 414, 431), "huge URL: %d" % r.status)
    r = k.get("/", headers={"X-Filler": "b" * 200000})
    check(r.status in (400, 413, 431), "huge header: %d" % r.status)
    check(k.get("/healthz").status == 200, "server still up")


def test_cluster_names_are_escaped():
    path = os.path.join(k.dir, "evil.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("region_code;cluster_code;cluster_name;valid_from;valid_to;acute_hospital;"
                "municipality_code\n"
                "1083;RSD-EVIL;<script>alert('x')</script> & co;2030-01-01;;"
                "\"Sygehus \"\"Syd\"\"\";540\n")
    k.run("org", "import", "clusters", path, "--db", k.db)
    r = k.get("/clusters/RSD-EVIL")
    check("<script>alert" not in r.text, "script not escaped")
    check("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co" in r.text, "escaped text")
    check("Sygehus &quot;Syd&quot;" in r.text, "hospital escaped")


def test_broken_import_changes_nothing():
    before = k.get("/api/v1/clusters").text
    path = os.path.join(k.dir, "broken.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("region_code;cluster_code;cluster_name;valid_from;valid_to;acute_hospital;"
                "municipality_code\n"
                "1083;RSD-NEW;Ny klynge;2031-01-01;;Sygehus;999\n"
                "1083;RSD-NEW;Ny klynge;31-02-2031;;Sygehus;540\n"
                "1083;RSD-NEW2;Anden klynge;2031-01-01;2030-01-01;Sygehus;540\n")
    status, out, err = k.run("org", "import", "clusters", path, "--db", k.db, check=False)
    check(status == 1, "exit status %d" % status)
    check(re.search(r"broken\.csv:2:\d+: .*999", err), "line 2 not reported: " + err)
    check(re.search(r"broken\.csv:3:\d+: ", err), "line 3 not reported: " + err)
    check(re.search(r"broken\.csv:4:\d+: ", err), "line 4 not reported: " + err)
    check(k.get("/api/v1/clusters").text == before, "the database changed")


if __name__ == "__main__":
    try:
        k.start()
        run([(name, fn) for name, fn in list(globals().items()) if name.startswith("test_")])
    finally:
        k.close()
