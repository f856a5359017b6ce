#!/usr/bin/env python3
"""The page-form fuzzer: logs in through the login page as a few demo users, crawls the pages reachable
from the menu (GET only, same host, bounded), finds every <form method=post> and posts bounded edge values
for each field: empty, very long, negative, huge, bad dates and times, unicode, missing and extra fields.
A form sent with a wrong CSRF token must get 403. Nothing may answer 5xx, and /health must answer at the end.

Only a loopback Samsyn is ever a target. Standard library only.

  forms.py --base http://127.0.0.1:PORT --password PW [--users a,b] [--seconds 180] [--max-posts 1500] [--seed N]
"""
import argparse
import html.parser
import http.client
import ipaddress
import json
import random
import re
import sys
import time
import urllib.parse

DEMO_USERS = ["socialsekreterare", "coach", "mottagning", "enhetschef", "jobbtorgschef", "analytiker", "admin", "aspirant"]

# Forms that would end the crawl or the session: never posted.
SKIP_ACTIONS = [re.compile(p) for p in (r"^/logout$", r"/heartbeat$")]
# Links never followed (they end the session or are not pages).
SKIP_LINKS = [re.compile(p) for p in (r"^/logout", r"^/static/", r"^/api/", r"^/login")]

EDGE_VALUES = [
    "", " ", "a", "ab", "x" * 1001, "å" * 5000, "-1", "0", "1", "2", "999999999999", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "1e309", "-0", "NaN", "3.5", "0x10", "2026-13-45", "2026-02-30", "0000-00-00", "1899-12-31",
    "2100-12-31", "2101-01-01", "9999-12-31", "2026-1-1", "24:00", ":09:30", "09:30:", "+1:30", "9:5", "٣٤", "12:60",
    "ÅÄÖ åäö", "🙂👩‍👩‍👧", "\u202e\u0000", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "\r\n\r\n", "null", "true",
    "00000000-0000-0000-0000-000000000000", "../../etc/passwd", "19121212-1212", "121212+1212", "201701112399",
    "2026-05", "2026-13", "yes", "no", "on",
]

QUERY_EDGES = ["-1", "0", "1", "999999999999", "99999999999999999999999", "abc", "", "1.5", "٣", "%00", "-9223372036854775808"]


class LinksAndForms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms = [], []
        self._form, self._select, self._textarea = None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "", "fields": []}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "button") and a.get("name"):
            kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
            self._form["fields"].append({"name": a["name"], "type": kind, "value": a.get("value") or "", "checked": "checked" in a,
                                         "min": a.get("min"), "max": a.get("max"), "maxlength": a.get("maxlength")})
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = {"name": a["name"], "type": "select", "value": "", "options": [], "multiple": "multiple" in a}
            self._form["fields"].append(self._select)
        elif self._select is not None and tag == "option":
            self._select["options"].append(a.get("value", ""))
            if "selected" in a or not self._select["value"]:
                self._select["value"] = a.get("value", "")
        elif self._form is not None and tag == "textarea" and a.get("name"):
            self._textarea = {"name": a["name"], "type": "textarea", "value": ""}
            self._form["fields"].append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


class Client:
    """One browser: a cookie jar, no redirects followed, loopback only."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        host = u.hostname or ""
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            raise SystemExit(f"forms.py: {host} is not a loopback address; refusing to fuzz it")
        self.host, self.port = host, u.port or 80
        self.cookies = {}
        self.requests = 0

    def request(self, method, path, fields=None, raw_body=None):
        body = raw_body if raw_body is not None else (urllib.parse.urlencode(fields, doseq=True).encode() if fields is not None else None)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
        finally:
            conn.close()
        self.requests += 1
        for h, v in r.getheaders():
            if h.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if "Max-Age=0" in v or "expires=Thu, 01 Jan 1970" in v:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return r.status, dict((k.lower(), v) for k, v in r.getheaders()), data.decode("utf-8", "replace")


def shape(path):
    """/persons/3f…/case?x=1 → /persons/{id}/case: pages of one kind are crawled a few times, not all."""
    p = urllib.parse.urlsplit(path).path
    p = re.sub(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "{id}", p)
    return re.sub(r"/\d+(?=/|$)", "/{n}", p)


class Fuzzer:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.deadline = time.monotonic() + args.seconds
        self.failures = []
        self.posts = 0
        self.csrf_checks = 0
        self.statuses = {}
        self.pages_seen = 0

    def note(self, status, what):
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status >= 500:
            self.failures.append(f"{status} {what}")
            print(f"  FAIL {status} {what}", flush=True)

    def time_left(self):
        return time.monotonic() < self.deadline

    def login(self, client, user):
        client.cookies.clear()
        status, _, body = client.request("GET", "/login")
        m = re.search(r'name="_csrf" value="([^"]+)"', body)
        if not m:
            raise RuntimeError(f"no CSRF token on the login page ({status})")
        status, headers, _ = client.request("POST", "/login", {"_csrf": m.group(1), "username": user, "password": self.args.password})
        if status not in (302, 303) or headers.get("location") != "/":
            raise RuntimeError(f"login as {user} failed: {status}")

    def logged_in(self, client):
        status, headers, _ = client.request("GET", "/")
        # The person's start page redirects to Mina sidor; only a redirect to /login means logged out.
        return status == 200 or (status in (302, 303) and not headers.get("location", "").startswith("/login"))

    def crawl(self, client, user):
        queue, seen, per_shape, forms, pages = ["/"], set(), {}, {}, []
        while queue and len(pages) < self.args.max_pages and self.time_left():
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            s = shape(path)
            if per_shape.get(s, 0) >= self.args.per_shape:
                continue
            per_shape[s] = per_shape.get(s, 0) + 1
            status, headers, body = client.request("GET", path)
            self.note(status, f"GET {path} as {user}")
            if status in (302, 303) and headers.get("location", "").startswith("/login"):
                self.login(client, user)
                continue
            if status in (302, 303) and headers.get("location", "").startswith("/"):
                # A page that sends the user elsewhere (the person's start page to /own): crawl where it leads.
                queue.append(headers["location"])
                continue
            if status != 200 or "text/html" not in headers.get("content-type", ""):
                continue
            pages.append(path)
            p = LinksAndForms()
            p.feed(body)
            for href in p.links:
                u = urllib.parse.urlsplit(urllib.parse.urljoin(path, href))
                if u.scheme or u.netloc or not u.path.startswith("/") or any(r.search(u.path) for r in SKIP_LINKS):
                    continue
                target = u.path + (f"?{u.query}" if u.query else "")
                if target not in seen:
                    queue.append(target)
            for f in p.forms:
                if f["method"] != "post":
                    continue
                action = urllib.parse.urlsplit(urllib.parse.urljoin(path, f["action"] or path)).path
                if any(r.search(action) for r in SKIP_ACTIONS):
                    continue
                key = (shape(action), tuple(sorted(x["name"] for x in f["fields"])))
                forms.setdefault(key, (action, f["fields"], path))
        self.pages_seen += len(pages)
        return pages, list(forms.values())

    def base_values(self, fields):
        values = []
        for f in fields:
            if f["type"] in ("checkbox", "radio") and not f["checked"]:
                continue
            if f["type"] == "submit" and not f["value"]:
                continue
            values.append((f["name"], f["value"]))
        return values

    def mutate(self, fields, csrf):
        """One variant of a form: default values with some fields set to edge values, some dropped, some added."""
        r = self.rng
        mode = r.choice(["edge_all", "edge_some", "empty", "missing", "extra", "defaults", "options"])
        out = []
        names = [f for f in fields if f["name"] != "_csrf"]
        for f in names:
            v = f["value"]
            if f["type"] == "submit" and not v:
                continue
            if f["type"] in ("checkbox", "radio") and not f["checked"] and mode not in ("edge_all", "options"):
                continue
            if mode == "edge_all" or (mode == "edge_some" and r.random() < 0.4):
                v = r.choice(EDGE_VALUES)
            elif mode == "empty":
                v = ""
            elif mode == "missing" and r.random() < 0.5:
                continue
            elif mode == "options" and f.get("options"):
                v = r.choice(f["options"] + ["zz_not_an_option", ""])
            out.append((f["name"], v))
        if mode == "extra":
            out += [("unexpected", r.choice(EDGE_VALUES)), (r.choice([f["name"] for f in names] or ["x"]), r.choice(EDGE_VALUES))]
            for _ in range(r.randint(0, 3)):
                out.append((f"extra{r.randint(0, 99)}", r.choice(EDGE_VALUES)))
        return [("_csrf", csrf)] + out, mode

    def csrf(self, client, page):
        _, _, body = client.request("GET", page)
        m = re.search(r'name="_csrf" value="([^"]+)"', body)
        return m.group(1) if m else ""

    def fuzz_forms(self, client, user, forms):
        token = None
        for action, fields, page in forms:
            for i in range(self.args.variants):
                if not self.time_left() or self.posts >= self.args.max_posts:
                    return
                if token is None:
                    token = self.csrf(client, page)
                if i == 0:
                    # A wrong token is refused before anything is read or changed.
                    status, _, _ = client.request("POST", action, [("_csrf", "wrong" + token[:8])] + [x for x in self.base_values(fields) if x[0] != "_csrf"])
                    self.posts += 1
                    self.csrf_checks += 1
                    self.note(status, f"POST {action} (wrong CSRF) as {user}")
                    if status != 403:
                        self.failures.append(f"{status} POST {action} with a wrong CSRF token as {user} (expected 403)")
                        print(f"  FAIL wrong CSRF on {action} gave {status}", flush=True)
                values, mode = self.mutate(fields, token)
                status, headers, _ = client.request("POST", action, values)
                self.posts += 1
                self.note(status, f"POST {action} [{mode}] as {user}: {json.dumps(values, ensure_ascii=False)[:300]}")
                if status in (302, 303) and headers.get("location", "").startswith("/login"):
                    self.login(client, user)
                    token = None
                elif status == 403 and not self.logged_in(client):
                    self.login(client, user)
                    token = None

    def fuzz_queries(self, client, user, pages):
        """Query parameters on the pages found (page=, area=, q=, kind=…) and the paged lists."""
        targets = set(pages) | {"/tasks?page=2", "/persons/search?q=an", "/need-assessment/fairness?from=2026-01-01&to=2026-12-31"}
        targets |= {p + "?page=2" for p in pages if p.endswith("/queue")}
        for page in sorted(targets):
            u = urllib.parse.urlsplit(page)
            params = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
            if not params:
                continue
            for name, _ in params:
                for v in self.rng.sample(QUERY_EDGES, k=min(len(QUERY_EDGES), self.args.query_variants)):
                    if not self.time_left():
                        return
                    q = urllib.parse.urlencode([(n, v if n == name else x) for n, x in params])
                    status, headers, _ = client.request("GET", f"{u.path}?{q}")
                    self.note(status, f"GET {u.path}?{q} as {user}")
                    if status in (302, 303) and headers.get("location", "").startswith("/login"):
                        self.login(client, user)

    def fuzz_login(self, client):
        """The login form with random names (never a demo user's, so nobody is throttled) and a wrong token."""
        for i in range(20):
            client.cookies.clear()
            _, _, body = client.request("GET", "/login")
            m = re.search(r'name="_csrf" value="([^"]+)"', body)
            token = m.group(1) if m else ""
            name = "fuzz-" + "".join(self.rng.choice("abcdefghåäö0123456789") for _ in range(self.rng.randint(1, 30)))
            fields = [("_csrf", token if i % 5 else "wrong"), ("username", name), ("password", self.rng.choice(EDGE_VALUES))]
            status, _, _ = client.request("POST", "/login", fields)
            self.posts += 1
            self.note(status, f"POST /login {fields[1:]}")
            if i % 5 == 0 and status != 403:
                self.failures.append(f"{status} POST /login with a wrong CSRF token (expected 403)")

    def run(self):
        users = [u for u in self.args.users.split(",") if u]
        per_user = max(30.0, self.args.seconds / max(1, len(users)))
        anon = Client(self.args.base)
        self.fuzz_login(anon)
        for user in users:
            if not self.time_left():
                break
            user_deadline = min(self.deadline, time.monotonic() + per_user)
            client = Client(self.args.base)
            try:
                self.login(client, user)
            except RuntimeError as e:
                # A demo user locked by too many failed logins (429) is not a fault of the pages.
                print(f"{user}: skipped, {e}", flush=True)
                continue
            saved, self.deadline = self.deadline, user_deadline
            try:
                pages, forms = self.crawl(client, user)
                print(f"{user}: {len(pages)} pages, {len(forms)} distinct forms", flush=True)
                self.fuzz_queries(client, user, pages)
                self.fuzz_forms(client, user, forms)
            except RuntimeError as e:
                # Logging in again failed: the session was ended by a form (that is allowed) and the user is now
                # locked out or disabled. The next user goes on.
                print(f"{user}: stopped early, {e}", flush=True)
            self.deadline = saved
        status, _, body = anon.request("GET", "/health")
        healthy = status == 200 and '"ok"' in body
        if not healthy:
            self.failures.append(f"/health answered {status} at the end")
        print(f"forms.py: {self.pages_seen} pages crawled, {self.posts} posts ({self.csrf_checks} with a wrong CSRF token), "
              f"statuses {dict(sorted(self.statuses.items()))}, /health {'ok' if healthy else 'FAILED'}, {len(self.failures)} failures")
        return 0 if not self.failures else 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--users", default=",".join(DEMO_USERS))
    ap.add_argument("--seconds", type=float, default=180)
    ap.add_argument("--max-posts", type=int, default=2000)
    ap.add_argument("--max-pages", type=int, default=60)
    ap.add_argument("--per-shape", type=int, default=3)
    ap.add_argument("--variants", type=int, default=8)
    ap.add_argument("--query-variants", type=int, default=5)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    args = ap.parse_args()
    print(f"forms.py: seed {args.seed}", flush=True)
    sys.exit(Fuzzer(args).run())


if __name__ == "__main__":
    main()
