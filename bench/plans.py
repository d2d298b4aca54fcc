"""`make bench-plans`: PostgreSQL's plans for the public pages' queries.

Run with DATABASE_URL=postgres://... after `manage.py demo_content`. The demo tables are
tiny, so the planner would rightly scan them; sequential scans are switched off here to
show which index each query can use once the tables are large.
"""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from tracker.live.models import Banner  # noqa: E402
from tracker.newsroom.models import Article, Topic  # noqa: E402

if connection.vendor != "postgresql":
    sys.exit("Set DATABASE_URL=postgres://... : the plans are PostgreSQL's.")

with connection.cursor() as cursor:
    cursor.execute("SET enable_seqscan = off")
topic = Topic.objects.first()
queries = {
    "home: latest published": Article.objects.published()[:9],
    "topic page: its published articles": Article.objects.published().filter(topic=topic)[:12],
    "article page: by slug": Article.objects.published().filter(slug="peace-talks-status-2026"),
    "live bar: the newest live banner": Banner.objects.live(timezone.now())[:1],
    "updates page: banners that have been live": Banner.objects.have_been_live()[:50],
}
for title, queryset in queries.items():
    print(f"== {title}\n{queryset.explain()}\n")
