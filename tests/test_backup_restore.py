"""A JSON backup with natural keys restores the whole site into an empty database."""

import io
import json

import pytest
import reversion
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from reversion.models import Version

from tracker.live.models import Banner
from tracker.newsroom.models import Article, Author, Tag, Topic

# The README's backup command, word for word. Rows keep their ids (revision history refers
# to them); references go by natural key, so contenttypes and permissions, whose ids differ
# from one database to the next, are left out and matched by name.
BACKUP_OPTIONS = {
    "natural_foreign": True,
    "exclude": ["contenttypes", "auth.permission", "sessions", "axes"],
    "indent": 2,
}


def public_pages():
    """Every public page of the site, as a reader gets it."""
    paths = ["/", "/authors/", "/updates/", "/updates/feed/rss/", "/updates/feed/atom/"]
    paths += [a.get_absolute_url() for a in Article.objects.published()]
    for model in (Topic, Tag, Author):
        paths += [item.get_absolute_url() for item in model.objects.all()]
    for alias in settings.CACHES:  # nothing may come from before the restore
        caches[alias].clear()
    client = Client()
    pages = {}
    for path in sorted(paths):
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    return pages


@pytest.mark.django_db
def test_a_backup_of_the_demo_site_restores_identical_public_pages(tmp_path, django_user_model):
    migrated_groups = list(Group.objects.all())  # the data migrations' staff groups
    call_command("demo_content", stdout=io.StringIO())
    editor = django_user_model.objects.create_user("reporter", password="x" * 16)
    Banner.objects.update(published_by=editor)
    article = Article.objects.published().first()
    with reversion.create_revision():
        reversion.set_user(editor)
        article.save()
    before = public_pages()
    assert len(before) > 10 and Banner.objects.exists()

    backup = tmp_path / "backup.json"
    call_command("dumpdata", output=str(backup), **BACKUP_OPTIONS)
    rows = json.loads(backup.read_text())
    banners = [row for row in rows if row["model"] == "live.banner"]
    assert all(row["fields"]["published_by"] == ["reporter"] for row in banners)  # by name
    tagged = [row for row in rows if row["model"] == "newsroom.article" and row["fields"]["tags"]]
    assert tagged and all(isinstance(tag, list) for tag in tagged[0]["fields"]["tags"])  # slugs

    connection.check_constraints()  # PostgreSQL truncates only without pending FK checks
    call_command("flush", interactive=False)
    assert not Article.objects.exists() and not django_user_model.objects.exists()
    # As a freshly migrated database has them: the migrations made them, in the same order.
    Group.objects.bulk_create(migrated_groups)
    call_command("loaddata", str(backup), verbosity=0)

    assert public_pages() == before
    assert Banner.objects.filter(published_by__username="reporter").exists()
    assert Group.objects.get(name="Desk").permissions.filter(codename="add_banner").exists()
    history = Version.objects.get_for_object(Article.objects.get(slug=article.slug))
    assert history.count() == 1 and history.get().revision.user.username == "reporter"
