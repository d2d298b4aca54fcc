from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from reversion.models import Revision, Version

from tracker.newsroom.models import Article


class Command(BaseCommand):
    help = (
        "Thin out old article revisions: keep the newest ones of each article and never the "
        "revision that is live or scheduled (the newest one saved as published)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep", type=int, default=20, help="Newest revisions kept per article."
        )
        parser.add_argument(
            "--days", type=int, default=30, help="Only remove revisions older than this."
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, keep, days, dry_run, **options):
        if keep < 1:
            raise CommandError("--keep must be at least 1: the newest revision is the current one.")
        cutoff = timezone.now() - timedelta(days=days)
        candidates, protected = set(), set()
        versions = (
            Version.objects.get_for_model(Article)
            .select_related("revision")
            .order_by("object_id", "-revision__date_created", "-pk")
        )
        seen, published_kept = {}, set()
        for version in versions.iterator():
            rank = seen[version.object_id] = seen.get(version.object_id, 0) + 1
            live_or_scheduled = (
                version.object_id not in published_kept
                and version.field_dict.get("status") == Article.Status.PUBLISHED
            )
            if live_or_scheduled:
                published_kept.add(version.object_id)
            if rank <= keep or live_or_scheduled or version.revision.date_created > cutoff:
                protected.add(version.revision_id)
            else:
                candidates.add(version.revision_id)
        # A revision shared by several articles (a bulk action) goes only if none needs it.
        doomed = candidates - protected
        if not dry_run:
            with transaction.atomic():
                Revision.objects.filter(pk__in=doomed).delete()
        verb = "Would remove" if dry_run else "Removed"
        self.stdout.write(f"{verb} {len(doomed)} old revision(s).")
