"""`make bench-comments`: the comment endpoint (an article's comments with the reader's own
part, /comments/<id>/, never cached) at 16 connections, as an anonymous visitor and as a
signed-in reader. Target: p99 under 50 ms.

Same set-up as `make bench`: gunicorn (one sync worker, production settings) pinned to
core 0, wrk to core 1, the demo site, whose first article with comments on has approved
comments, a reply and waiting ones. Each figure is the median of BENCH_ROUNDS runs of
BENCH_SECONDS. A JSON report goes to bench/results/.
"""

import statistics
import sys

from common import Site, free_port, save_report
from run import ROUNDS, wrk

CONNECTIONS = 16
P99_LIMIT_MS = 50

# The endpoint of the demo article with the most comments, and a signed-in reader's
# session cookie (a reader account with a session, as the sign-in link leaves it).
SET_UP = """
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from django.urls import reverse
from tracker.comments.models import Comment, Reader
top = Comment.objects.values("article").annotate(n=Count("pk")).order_by("-n").first()
user = get_user_model().objects.create_user("bench-reader", email="bench@example.org")
Reader.objects.create(user=user, email="bench@example.org", display_name="Bench reader")
session = SessionStore()
session["_auth_user_id"] = str(user.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = user.get_session_auth_hash()
session.create()
print(reverse("comments:article", kwargs={"pk": top["article"]}))
print(session.session_key)
"""


def main():
    site = Site()
    try:
        site.prepare()
        path, session_key = site.django(SET_UP).splitlines()[-2:]
        port = free_port()
        site.serve(port)
        url = f"http://127.0.0.1:{port}{path}"
        cookie = f"sessionid={session_key}"
        who = {"anonymous": None, "signed in": cookie}
        for headers in who.values():
            wrk(url, CONNECTIONS, seconds=2, cookie=headers)  # warm up
        runs = {
            name: [wrk(url, CONNECTIONS, cookie=headers) for _ in range(ROUNDS)]
            for name, headers in who.items()
        }
    finally:
        site.stop()
    results, failures = {}, []
    print(f"\n{path} at {CONNECTIONS} connections, median of {ROUNDS} runs:")
    for name, samples in runs.items():
        figures = {
            key: statistics.median(run[key] for run in samples)
            for key in ("rps", "p50_ms", "p99_ms")
        } | {"errors": sum(run["errors"] for run in samples), "runs": samples}
        results[name] = figures
        print(
            f"  {name:<10} {figures['rps']:7.0f} req/s  p50 {figures['p50_ms']:6.2f} ms  "
            f"p99 {figures['p99_ms']:6.2f} ms  errors {figures['errors']}"
        )
        if figures["p99_ms"] >= P99_LIMIT_MS or figures["errors"]:
            failures.append(f"{name}: p99 {figures['p99_ms']} ms, {figures['errors']} errors")
    save_report(
        "comments",
        {
            "endpoint": path,
            "connections": CONNECTIONS,
            "results": results,
            "target": {"p99_ms": P99_LIMIT_MS},
        },
        failures,
    )
    return failures


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
