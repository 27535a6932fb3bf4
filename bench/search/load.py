#!/usr/bin/env python3
"""load.py KLYNGE ITEMS CLIENTS SECONDS [LOADGEN] - the search benchmark's data and load (see run).

Writes ITEMS agenda items of generated Danish text straight into a fresh database (the
triggers queue them for the search index, which the first search fills), starts `klynge
serve`, and runs CLIENTS clients that each keep one HTTP connection and send queries from a
fixed mix (single words in several inflections, two words, phrases, prefixes, exclusions,
with and without filters) for SECONDS seconds: the C program LOADGEN (loadgen.c) when given,
else Python threads (which on a small machine take much of the CPU the server needs).
Deterministic (seeded); standard library only."""
import http.client
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tests", "integration"))
from harness import Klynge, Session  # noqa: E402

WORDS = ("genoptræningsplan genoptræningsplaner genoptræningsplanerne sundhedsaftale "
         "sundhedsaftalen kommune kommunerne region regionen hospital hospitalet almen praksis "
         "praktiserende læge lægerne patient patienterne ældre medicinske borgere borgeren "
         "udskrivelse udskrivelsen indlæggelse indlæggelser forebyggelse forebyggelige akut "
         "akutte sygepleje sygeplejersker psykiatri psykiatrien børn unge familier kronisk "
         "sygdom sygdomme rehabilitering træning plan planer beslutning beslutninger indsats "
         "indsatser klynge klyngen klyngemidler budget budgettet økonomi data datapakke "
         "indikator indikatorer opfølgning status orientering drøftelse godkendelse model "
         "samarbejde samarbejdet aftale aftaler tværsektoriel overgang overgange kvalitet "
         "ventetid ventetider medicin medicinering hjemmepleje plejecenter plejecentre "
         "telemedicin digital løsning løsninger ansvar opgave opgaver fælles lokal lokale "
         "mål målsætning evaluering erfaringer implementering udbredelse pilot projekt "
         "styregruppe driftsforum chefforum direktørforum sekretariat møde mødet dagsorden "
         "referat høring høringssvar strategi vision fremtid kapacitet personale rekruttering "
         "fastholdelse uddannelse kompetencer kommunikation borgerinddragelse pårørende").split()
QUERIES = ["genoptræningsplan", "sundhedsaftalerne", "kommune", "udskrivelser", "psykiatrien",
           "akut sygepleje", "\"ældre medicinske\"", "rehabiliter*", "telemedicin -pilot",
           "ventetider", "plejecentrene", "budget", "klyngemidler", "indikator data",
           "borgerinddragelse", "rekruttering fastholdelse", "hjemmeplejen", "overgange",
           "kvalitet", "implementeringen"]
FILTERS = [{}, {}, {}, {"year": "2021"}, {"room": "deciding"}, {"outcome": "approved"}]


SYLLABLES = ("an be da de di e for fri ge hav hel in ka ke kol la le li lo ma me mo na ne "
             "ni no om op pa pe ple ra re ri ro sa se si so sta ste sty ta te ti to tu u ud "
             "va ve vi æl ø å").split()


def vocabulary(rng, size=6000):
    """WORDS among `size` made-up words, in Zipf's proportions (as in real text, a few words
    are in most items and most words in few), the domain words spread over the ranks."""
    words = set()
    while len(words) < size - len(WORDS):
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    words = sorted(words)
    rng.shuffle(words)
    for i, w in enumerate(WORDS):
        words.insert(rng.randrange(20, size // 4) if i % 3 else rng.randrange(0, 200), w)
    cum, total = [], 0.0
    for r in range(len(words)):
        total += 1.0 / (r + 1)
        cum.append(total)
    return words, cum


def generate(k, n, rng):
    vocab, cum = vocabulary(rng)
    forums = [k.add_forum("Bench forum %d" % i, public=(i % 4 == 0)) for i in range(40)]
    per = max(1, -(-n // (len(forums) * 60)))
    items = meetings = 0
    import sqlite3
    con = sqlite3.connect(k.db)
    cur = con.cursor()
    for year in range(2016, 2026):
        for f in forums:
            for month in (1, 3, 5, 7, 9, 11):
                if items >= n:
                    break
                day = "%d-%02d-%02d" % (year, month, 5 + f % 20)
                cur.execute("INSERT INTO meeting (forum_id, kind, status, title, starts_at, "
                            "ends_at, day, created_at) VALUES (?, 'meeting', ?, ?, ?, ?, ?, ?)",
                            (f, "minutes_published" if year < 2025 else "agenda_published",
                             "Møde %s" % day, day + "T08:00:00Z", day + "T10:00:00Z", day,
                             day + "T00:00:00Z"))
                mid = cur.lastrowid
                meetings += 1
                for num in range(1, per + 1):
                    if items >= n:
                        break
                    text = lambda k_: " ".join(rng.choices(vocab, cum_weights=cum, k=k_))
                    cur.execute(
                        "INSERT INTO agenda_item (forum_id, meeting_id, state, number, title, "
                        "rooms, recommendation, case_text, decision, outcome, closed, "
                        "created_at) VALUES (?, ?, 'agenda', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (f, mid, num, text(6).capitalize(), 1 << rng.randrange(4),
                         "At " + text(8) + "\nAt " + text(6), text(80), text(15),
                         rng.choice(["approved", "noted", "postponed", ""]),
                         1 if rng.random() < 0.05 else 0, day + "T00:00:00Z"))
                    items += 1
    con.commit()
    con.close()
    return items, meetings


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")


def load(port, cookie, clients, seconds, seed):
    lat, errors = [], [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def worker(i):
        rng = random.Random(seed + i)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.monotonic() < stop:
            params = {"q": rng.choice(QUERIES)}
            params.update(rng.choice(FILTERS))
            path = "/api/v1/search?" + urllib.parse.urlencode(params)
            headers = {"Cookie": cookie} if cookie else {}
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - t0) * 1000)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, errors[0]


def load_c(loadgen, port, cookie, clients, seconds, seed):
    """The same mix of queries through the C load generator: (p50, p99, max, requests,
    errors)."""
    rng = random.Random(seed)
    fd, paths = tempfile.mkstemp(suffix=".paths")
    with os.fdopen(fd, "w") as f:
        for _ in range(2000):
            params = {"q": rng.choice(QUERIES)}
            params.update(rng.choice(FILTERS))
            f.write("/api/v1/search?" + urllib.parse.urlencode(params) + "\n")
    try:
        out = subprocess.run([loadgen, str(port), str(clients), str(seconds), paths,
                              cookie or ""], check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(paths)
    v = out.split()
    fig = dict(zip(v[0::2], v[1::2]))
    return (float(fig["p50"]), float(fig["p99"]), float(fig["max"]), int(fig["requests"]),
            int(fig["errors"]))


def load_py(port, cookie, clients, seconds, seed):
    lat, errors = load(port, cookie, clients, seconds, seed)
    return (percentile(lat, 0.50), percentile(lat, 0.99), max(lat) if lat else 0, len(lat),
            errors)


def cpu_seconds(pid):
    """User and system CPU time of process pid so far, in seconds (Linux /proc)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    binary, n, clients, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
        float(sys.argv[4])
    loadgen = sys.argv[5] if len(sys.argv) > 5 else None
    print("search bench: %d CPU cores, load average %.1f before the run, load by %s" %
          (os.cpu_count(), os.getloadavg()[0], "the C load generator" if loadgen
           else "Python threads"))
    rng = random.Random(6)
    k = Klynge(binary, serve_args=os.environ.get("SERVE_ARGS", "").split())
    try:
        k.add_user("bench", admin=True)
        t0 = time.perf_counter()
        items, meetings = generate(k, n, rng)
        print("search bench: %d items in %d meetings written in %.1f s" %
              (items, meetings, time.perf_counter() - t0))
        k.start()
        s = Session(k)
        s.login("bench")
        cookie = "; ".join("%s=%s" % kv for kv in s.cookies.items())
        t0 = time.perf_counter()
        r = s.get("/api/v1/search?q=genoptr%C3%A6ningsplan")
        print("search bench: first search (indexes the new items): %.1f s, status %d, %d hits"
              % (time.perf_counter() - t0, r.status, len(r.json().get("results", []))))
        for who, ck in (("administrator", cookie), ("anonymous", None)):
            if loadgen:
                load_c(loadgen, k.port, ck, clients, 2, 99)  # warm-up
                cpu0 = cpu_seconds(k.proc.pid)
                p50, p99, worst, count, errors = load_c(loadgen, k.port, ck, clients, seconds, 1)
            else:
                load_py(k.port, ck, clients, 2, 99)  # warm-up
                cpu0 = cpu_seconds(k.proc.pid)
                p50, p99, worst, count, errors = load_py(k.port, ck, clients, seconds, 1)
            cpu = (cpu_seconds(k.proc.pid) - cpu0) * 1000 / max(count, 1)
            print("search bench: %-13s %d clients, %d requests in %.0f s (%.0f/s), errors %d: "
                  "p50 %.2f ms, p99 %.2f ms, max %.2f ms, server CPU %.2f ms a search  "
                  "(target p99 < 10 ms: %s)" %
                  (who, clients, count, seconds, count / seconds, errors, p50, p99, worst, cpu,
                   "met" if p99 < 10 else "NOT met"))
        print("search bench: load average %.1f after the run" % os.getloadavg()[0])
    finally:
        k.close()


if __name__ == "__main__":
    main()
