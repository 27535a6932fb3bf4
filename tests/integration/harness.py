"""harness.py - what the integration tests share: a TAP runner, a fresh klynge database in a
temporary directory, users created through the real `klynge user` command, and the real
`klynge serve` started on a free loopback port (port 0: the server prints the one it got).

Only the Python standard library is used, so the tests run wherever `make check` does."""
import http.client
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import urllib.parse

PASSWORD = "correct horse battery staple"


class Klynge:
    """A klynge binary with its own database; start() runs the server."""

    def __init__(self, binary, demo=False, serve_args=()):
        self.binary = binary
        self.dir = tempfile.mkdtemp(prefix="klynge-it-")
        self.db = os.path.join(self.dir, "klynge.db")
        self.proc = None
        self.port = None
        self.serve_args = list(serve_args)
        args = ["init", "--db", self.db] + (["--demo"] if demo else [])
        self.run(*args)

    def run(self, *args, stdin=None, check=True):
        """Runs `klynge ARGS`; returns (status, stdout, stderr)."""
        p = subprocess.run([self.binary] + list(args), input=stdin, capture_output=True,
                           text=True, timeout=60)
        if check and p.returncode != 0:
            raise AssertionError("klynge %s failed (%d): %s" % (" ".join(args), p.returncode,
                                                                 p.stderr.strip()))
        return p.returncode, p.stdout, p.stderr

    def add_user(self, login, admin=False):
        args = ["user", "add", login, "--name", login.capitalize() + " Testesen", "--email",
                login + "@example.org", "--db", self.db] + (["--admin"] if admin else [])
        self.run(*args, stdin=PASSWORD + "\n")

    def sql(self, query, params=()):
        """Test-only direct access, for what has no command yet (forums)."""
        con = sqlite3.connect(self.db)
        try:
            cur = con.execute(query, params)
            rows = cur.fetchall()
            con.commit()
            return rows
        finally:
            con.close()

    def add_forum(self, name, public=False):
        self.sql("INSERT INTO forum (name, is_public, created_at) VALUES (?, ?, "
                 "'2026-01-01T00:00:00Z')", (name, 1 if public else 0))
        return self.sql("SELECT id FROM forum WHERE name = ?", (name,))[0][0]

    def grant(self, login, forum_id, role):
        uid = self.sql("SELECT id FROM app_user WHERE login = ?", (login,))[0][0]
        self.sql("INSERT INTO forum_role (user_id, forum_id, role) VALUES (?, ?, ?)",
                 (uid, forum_id, role))

    def start(self):
        self.proc = subprocess.Popen(
            [self.binary, "serve", "--db", self.db, "--listen", "127.0.0.1:0"] + self.serve_args,
            stdout=subprocess.PIPE, stderr=open(os.path.join(self.dir, "serve.log"), "w"),
            text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            raise AssertionError("klynge serve did not start: %r %s" % (line, self.log()))
        self.port = int(m.group(1))
        return self

    def log(self):
        try:
            with open(os.path.join(self.dir, "serve.log")) as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            status = self.proc.returncode
            self.proc = None
            return status
        return None

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def request(self, method, path, body=None, headers=None, cookies=None):
        """One HTTP request on a new connection; returns a Response."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        hdrs = dict(headers or {})
        if cookies:
            hdrs["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
        if isinstance(body, dict):
            body = urllib.parse.urlencode(body)
            hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
        try:
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            return Response(r.status, r.getheaders(), r.read())
        finally:
            conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self.text = body.decode("utf-8", "replace")

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def cookies(self):
        """The cookies set by the response, as {name: value}."""
        out = {}
        for k, v in self.headers:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                out[name] = rest.split(";", 1)[0]
        return out

    def json(self):
        return json.loads(self.text)


class Session:
    """A browser-like client: keeps cookies, signs in through the real login form."""

    def __init__(self, k):
        self.k = k
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        r = self.k.request(method, path, body=body, headers=headers, cookies=self.cookies)
        for name, value in r.cookies().items():
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)
        return r

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def csrf(self, path, action=None):
        """The CSRF token of the form posting to action (default: the first form) on the
        page at path."""
        r = self.get(path)
        start = r.text.find('action="%s"' % action) if action else 0
        m = re.search(r'name="csrf" value="([^"]+)"', r.text[max(start, 0):])
        if not m:
            raise AssertionError("no CSRF field on %s (status %d)" % (path, r.status))
        return m.group(1)

    def login(self, login, password=PASSWORD):
        token = self.csrf("/login", action="/login")
        return self.request("POST", "/login", body={"csrf": token, "login": login,
                                                    "password": password, "next": "/"})


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def run(tests):
    """Runs (name, function) pairs as TAP; exits 1 when any failed."""
    print("1..%d" % len(tests))
    failed = 0
    for i, (name, fn) in enumerate(tests, 1):
        try:
            fn()
            print("ok %d - %s" % (i, name))
        except Exception:  # a failing test is reported, and the others still run
            failed += 1
            print("not ok %d - %s" % (i, name))
            for line in traceback.format_exc().splitlines():
                print("# " + line)
        sys.stdout.flush()
    sys.exit(1 if failed else 0)
