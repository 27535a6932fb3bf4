#!/usr/bin/env python3
"""test_auth.py - signing in and out over real HTTP: session cookies, CSRF, session
fixation, expiry, throttling, API tokens, the single sign-on proxy header, and the audit
log's scoping."""
import re
import sys
import time

from harness import PASSWORD, Klynge, Session, check, run

k = Klynge(sys.argv[1])
for login in ("anna", "bo", "tina", "dorte"):
    k.add_user(login)
k.add_user("root", admin=True)
FORUM_A = k.add_forum("Klyngestyregruppe A")
FORUM_B = k.add_forum("Klyngestyregruppe B")
k.grant("anna", FORUM_A, "secretary")
k.grant("bo", FORUM_A, "member")
k.grant("tina", FORUM_B, "secretary")


def me(session_or_k, headers=None):
    return session_or_k.request("GET", "/api/v1/me", headers=headers)


def test_login_sets_a_safe_cookie():
    s = Session(k)
    r = s.login("anna")
    check(r.status == 303 and r.header("Location") == "/", "redirect: %d %r" % (r.status, r.header("Location")))
    raw = [v for n, v in r.headers if n.lower() == "set-cookie" and v.startswith("klynge_session=")]
    check(raw and "HttpOnly" in raw[0] and "SameSite=Lax" in raw[0], "cookie flags: %r" % raw)
    check("Secure" not in raw[0], "Secure without TLS configured")
    check(len(s.cookies["klynge_session"]) == 43, "256-bit token")
    body = me(s).json()
    check(body["login"] == "anna" and body["auth"] == "session", "me: %r" % body)
    check("Anna Testesen" in s.get("/").text, "name in the header")


def test_wrong_password_and_unknown_login_look_the_same():
    a = Session(k).login("bo", "wrong password here")
    b = Session(k).login("nobody-at-all", "wrong password here")
    check(a.status == 403 and b.status == 403, "status %d %d" % (a.status, b.status))
    msg = "Forkert brugernavn eller adgangskode"
    check(msg in a.text and msg in b.text, "message")
    strip = lambda t: re.sub(r'value="[^"]*"', "", t)
    check(strip(a.text) == strip(b.text), "the pages differ")


def test_login_form_needs_its_own_csrf_token():
    r = k.request("POST", "/login", body={"login": "anna", "password": PASSWORD, "csrf": "x" * 43})
    check(r.status == 403 and "klynge_session" not in r.cookies(), "login without the form's cookie")


def test_no_open_redirect_after_login():
    s = Session(k)
    token = s.csrf("/login", action="/login")
    r = s.request("POST", "/login", body={"csrf": token, "login": "bo", "password": PASSWORD,
                                          "next": "//evil.example/"})
    check(r.status == 303 and r.header("Location") == "/", "Location %r" % r.header("Location"))
    r = Session(k)
    token = r.csrf("/login?next=/regions", action="/login")
    got = r.request("POST", "/login", body={"csrf": token, "login": "bo", "password": PASSWORD,
                                            "next": "/regions"})
    check(got.header("Location") == "/regions", "back to the page asked for")


def test_anonymous_is_sent_to_login():
    r = k.get("/account")
    check(r.status == 303 and r.header("Location") == "/login?next=/account", "redirect %r" % r.header("Location"))
    r = k.get("/api/v1/me")
    check(r.status == 401 and r.json()["error"]["status"] == 401, "API says 401")


def test_session_fixation_impossible():
    s = Session(k)
    s.cookies["klynge_session"] = "A" * 43          # planted by an attacker
    s.login("bo")
    check(s.cookies["klynge_session"] != "A" * 43, "planted token kept")
    first = s.cookies["klynge_session"]
    s.login("bo")                                   # a second login gets a new token ...
    check(s.cookies["klynge_session"] != first, "token reused")
    stale = k.request("GET", "/api/v1/me", cookies={"klynge_session": first})
    check(stale.status == 401, "... and the old one is ended: %d" % stale.status)


def test_logout_needs_csrf_and_really_ends_the_session():
    s = Session(k)
    s.login("bo")
    token = s.cookies["klynge_session"]
    r = s.request("POST", "/logout", body={})
    check(r.status == 403, "logout without CSRF token: %d" % r.status)
    check(me(s).status == 200, "session ended by a forged request")
    csrf = s.csrf("/account")
    r = s.request("POST", "/logout", body={"csrf": csrf})
    check(r.status == 303, "logout: %d" % r.status)
    r = k.request("GET", "/api/v1/me", cookies={"klynge_session": token})
    check(r.status == 401, "token still works after logout")


def test_csrf_on_forms_and_cookie_api_calls():
    s = Session(k)
    s.login("dorte")
    r = s.request("POST", "/account/tokens", body={"name": "no csrf"})
    check(r.status == 403, "form without CSRF: %d" % r.status)
    r = s.request("POST", "/account/tokens", body={"name": "wrong", "csrf": "x" * 43})
    check(r.status == 403, "wrong CSRF: %d" % r.status)
    csrf = s.csrf("/account")
    r = s.request("POST", "/account/tokens", body={"name": "by header"},
                  headers={"X-CSRF-Token": csrf})
    check(r.status == 201, "CSRF header accepted: %d" % r.status)


def test_api_tokens_work_and_can_be_revoked():
    s = Session(k)
    s.login("anna")
    csrf = s.csrf("/account")
    r = s.request("POST", "/account/tokens", body={"name": "rapport-script", "csrf": csrf})
    check(r.status == 201, "create: %d" % r.status)
    token = re.search(r'<code class="token">([A-Za-z0-9_-]{43})</code>', r.text).group(1)
    bearer = {"Authorization": "Bearer " + token}
    body = k.request("GET", "/api/v1/me", headers=bearer).json()
    check(body["login"] == "anna" and body["auth"] == "token", "bearer: %r" % body)
    page = s.get("/account").text
    check("rapport-script" in page and token not in page, "listed, and never shown again")
    rid = re.search(r'action="/account/tokens/(\d+)/revoke"', page).group(1)
    r = s.request("POST", "/account/tokens/%s/revoke" % rid, body={"csrf": csrf})
    check(r.status == 303, "revoke: %d" % r.status)
    r = k.request("GET", "/api/v1/me", headers=bearer)
    check(r.status == 401 and r.header("WWW-Authenticate") == "Bearer", "revoked token: %d" % r.status)
    other = Session(k)
    other.login("bo")
    r = other.request("POST", "/account/tokens/%s/revoke" % rid, body={"csrf": other.csrf("/account")})
    check(r.status == 404, "revoking someone else's token: %d" % r.status)


def test_expired_sessions_are_refused():
    s = Session(k)
    s.login("tina")
    now = int(time.time())
    k.sql("UPDATE session SET last_seen_at = ? WHERE user_id = "
          "(SELECT id FROM app_user WHERE login = 'tina')", (now - 3 * 3600,))
    r = me(s)
    check(r.status == 401, "idle session accepted: %d" % r.status)
    s.login("tina")
    k.sql("UPDATE session SET created_at = ?, last_seen_at = ? WHERE user_id = "
          "(SELECT id FROM app_user WHERE login = 'tina')", (now - 13 * 3600, now))
    check(me(s).status == 401, "session past its absolute lifetime accepted")


def test_disabling_a_user_ends_the_session():
    k.add_user("ulla")
    s = Session(k)
    s.login("ulla")
    check(me(s).status == 200, "signed in")
    k.run("user", "disable", "ulla", "--db", k.db)
    check(me(s).status == 401, "disabled user still signed in")


def test_throttling_refuses_even_the_right_password():
    k.add_user("tove")
    # delays double with each counted failure (1, 2, 4, 8 s ...), so after eight attempts
    # the wait outlasts the right password's check even in a slow sanitizer build
    for _ in range(8):
        Session(k).login("tove", "not the password")
    r = Session(k).login("tove")
    check(r.status == 403, "right password accepted while delayed: %d" % r.status)


def test_audit_log_is_scoped():
    admin = Session(k)
    admin.login("root")
    rows = admin.get("/api/v1/audit").json()["entries"]
    check(any(e["entity"] == "user" and e["action"] == "create" for e in rows), "admin sees all")
    sec = Session(k)
    sec.login("anna")
    check(sec.get("/audit").status == 200, "secretary sees the page")
    rows = sec.get("/api/v1/audit").json()["entries"]
    check(all(e["forum_id"] == FORUM_A for e in rows), "secretary sees other forums' rows")
    member = Session(k)
    member.login("bo")
    r = member.get("/audit")
    check(r.status == 403 and "Adgang nægtet" in r.text, "member: %d" % r.status)
    check(admin.get("/api/v1/audit?since=2026-13-01").status == 400, "bad date")


def test_proxy_header_only_when_configured_and_from_the_proxy():
    check(k.get("/api/v1/me", headers={"X-Remote-User": "root"}).status == 401,
          "header trusted without configuration")
    p = Klynge(sys.argv[1], serve_args=["--proxy-header", "X-Remote-User",
                                        "--proxy-from", "127.0.0.1"])
    q = Klynge(sys.argv[1], serve_args=["--proxy-header", "X-Remote-User",
                                        "--proxy-from", "10.9.9.9"])
    try:
        p.add_user("sso-user")
        p.start()
        r = p.get("/api/v1/me", headers={"X-Remote-User": "sso-user"})
        check(r.status == 200 and r.json()["auth"] == "proxy", "proxy user: %d" % r.status)
        check("klynge_session" in r.cookies(), "proxy user gets a session for CSRF")
        r = p.get("/", headers={"X-Remote-User": "unknown-person"})
        check(r.status == 403, "unknown proxy user: %d" % r.status)
        q.add_user("sso-user")
        q.start()
        r = q.get("/api/v1/me", headers={"X-Remote-User": "sso-user"})
        check(r.status == 401, "header trusted from another address: %d" % r.status)
    finally:
        p.close()
        q.close()


if __name__ == "__main__":
    try:
        k.start()
        run([(n, f) for n, f in list(globals().items()) if n.startswith("test_")])
    finally:
        k.close()
