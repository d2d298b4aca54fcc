"""The footer pages (About, Contact, Privacy, Terms) as flatpages that editors can change."""

from django.conf import settings
from django.core.management.color import no_style
from django.db import migrations

from tracker.groups import grant

PAGES = [
    (
        "/about/",
        "About the tracker",
        "The tracker follows Russia's full-scale war against Ukraine day by day: the frontline, "
        "diplomacy, the humanitarian toll and the economy.\n\n"
        "# How we work\n\n"
        "Every article names its sources. We separate what is confirmed from what is claimed, "
        "and we mark substantive changes with an *Updated* time.",
    ),
    (
        "/contact/",
        "Contact us",
        "Write to the newsroom at [newsroom@example.org](mailto:newsroom@example.org).\n\n"
        "# Corrections\n\n"
        "If you think we got something wrong, tell us which article and what the error is. "
        "We correct mistakes promptly and say so on the article.",
    ),
    (
        "/privacy/",
        "Privacy",
        "Reading the tracker needs no account. We set no advertising or tracking cookies and "
        "load nothing from other sites.\n\n"
        "# What we keep\n\n"
        "Our servers keep ordinary access logs (address, time, page) for up to 30 days, to keep "
        "the site running and secure. If you write to us, we keep your message only as long as "
        "we need it to answer.",
    ),
    (
        "/terms/",
        "Terms of use",
        "You may quote and link to our articles, with a credit and a link to the original.\n\n"
        "# No warranty\n\n"
        "We check what we publish, but events move fast: do not rely on the tracker alone for "
        "decisions about your safety. Follow the instructions of local authorities.",
    ),
]


def create_footer_pages(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    FlatPage = apps.get_model("flatpages", "FlatPage")
    db = schema_editor.connection.alias
    # The sites app only creates its default site after all migrations; the pages need it now.
    site, created = Site.objects.using(db).get_or_create(
        pk=settings.SITE_ID, defaults={"domain": "example.com", "name": "example.com"}
    )
    if created:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [Site]):
            schema_editor.execute(sql)
    for url, title, content in PAGES:
        page, _ = FlatPage.objects.using(db).get_or_create(
            url=url, defaults={"title": title, "content": content}
        )
        page.sites.add(site)


def let_editors_edit_them(apps, schema_editor):
    grant(apps, "Editors", "flatpages", ["add_flatpage", "change_flatpage", "view_flatpage"])


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0006_search_text"),
        ("newsroom", "0002_editors_group"),
        ("flatpages", "0001_initial"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        migrations.RunPython(create_footer_pages, migrations.RunPython.noop),
        migrations.RunPython(let_editors_edit_them, migrations.RunPython.noop),
    ]
