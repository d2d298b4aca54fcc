from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tracker.newsroom.importer import ImportFailed, import_article
from tracker.newsroom.models import Author, Topic


class Command(BaseCommand):
    help = "Create a draft article from a Markdown file (format: see README, “Markdown import”)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The Markdown file, UTF-8.")
        parser.add_argument("--topic", required=True, help="The topic's slug.")
        parser.add_argument("--author", action="append", default=[], help="An author's slug.")

    def handle(self, *args, path, topic, author, **options):
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            topic = Topic.objects.get(slug=topic)
        except Topic.DoesNotExist:
            raise CommandError(f"No topic has the slug “{topic}”.") from None
        authors = []
        for slug in author:
            try:
                authors.append(Author.objects.get(slug=slug))
            except Author.DoesNotExist:
                raise CommandError(f"No author has the slug “{slug}”.") from None
        try:
            article = import_article(text, topic=topic, authors=authors)
        except ImportFailed as failure:
            raise CommandError(
                f"Nothing was imported from {path}:\n" + "\n".join(failure.errors)
            ) from None
        self.stdout.write(
            self.style.SUCCESS(f"Imported “{article.title}” as a draft (id {article.pk}).")
        )
