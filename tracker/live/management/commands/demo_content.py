from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from tracker.comments.demo_content import create_demo_comments
from tracker.live import demo_content as live_demo
from tracker.live.models import Banner, Counter, DayDigest, Revision
from tracker.newsroom import demo_content as demo
from tracker.newsroom import demo_pictures
from tracker.newsroom.maps import read_geojson
from tracker.newsroom.models import (
    FAQ,
    Article,
    Author,
    Byline,
    Citation,
    Image,
    Section,
    Source,
    Tag,
    Topic,
)
from tracker.newsroom.pictures import sanitise
from tracker.newsroom.search import index_articles

User = get_user_model()


class Command(BaseCommand):
    help = "Fill the site with demo tracker content. Only adds what is missing, so it is safe to rerun."

    @transaction.atomic
    def handle(self, *args, **options):
        topics = {
            item["slug"]: Topic.objects.get_or_create(
                slug=item["slug"],
                defaults={"name": item["name"], "description": item["description"], "position": i},
            )[0]
            for i, item in enumerate(demo.TOPICS)
        }
        authors = {
            item["slug"]: Author.objects.get_or_create(
                slug=item["slug"], defaults={"name": item["name"], "bio": item["bio"]}
            )[0]
            for item in demo.AUTHORS
        }
        for slug, background in demo_pictures.PORTRAITS.items():
            author = authors.get(slug)
            if author and author.photo_id is None:
                author.photo = self.portrait(author.name, background)
                author.save(update_fields=["photo"])
        sources = {
            item["key"]: Source.objects.get_or_create(
                publisher=item["publisher"], title=item["title"], url=item["url"]
            )[0]
            for item in demo.SOURCES
        }
        created = 0
        for item in demo.ARTICLES:
            if Article.objects.filter(slug=item["slug"]).exists():
                continue  # Never overwrite what an editor may have changed since.
            article = self.create_article(item, topics, authors, sources)
            index_articles(Article.objects.filter(pk=article.pk))
            created += 1
        self.stdout.write(
            f"Demo content: {created} article(s) added, {Article.objects.count()} in all."
        )
        self.create_live_bar()
        if comments := create_demo_comments():
            self.stdout.write(f"Demo content: {comments} comment(s) added on one article.")

    def create_live_bar(self):
        if not Counter.objects.exists():
            # Day 1 of the full-scale invasion, counted in Kyiv.
            Counter.objects.create(start_date=date(2022, 2, 24), time_zone="Europe/Kyiv")
        articles = dict(Article.objects.values_list("slug", "pk"))
        desk = self.desk_members()
        items = [*demo.BANNERS, *live_demo.UPDATES, live_demo.PINNED]
        for i, item in enumerate(items):
            key_event = item.get("key_event") or item["headline"].startswith(live_demo.KEY_EVENTS)
            banner, _ = Banner.objects.get_or_create(
                headline=item["headline"],
                published_at=datetime.fromisoformat(item["published_at"]),
                defaults={
                    "kind": item.get("kind", Banner.Kind.UPDATE),
                    "body": item.get("body", ""),
                    "key_event": key_event,
                    "article_id": articles.get(item.get("article")),
                    "published_by": desk[i % len(desk)],
                },
            )
            if banner.published_by_id is None:  # made by an earlier run, before bylines
                Banner.objects.filter(pk=banner.pk).update(published_by=desk[i % len(desk)])
        if not Banner.objects.filter(pinned=True).exists():
            Banner.objects.filter(headline=live_demo.PINNED["headline"]).update(pinned=True)
        self.create_edited_update(desk[0])
        for item in live_demo.DIGESTS:
            if not DayDigest.objects.filter(date=item["date"]).exists():
                DayDigest.objects.create(date=item["date"], text=item["text"])

    def desk_members(self):
        """The demo's desk members, in the Desk group, who cannot sign in."""
        desk_group = Group.objects.get_or_create(name="Desk")[0]
        members = []
        for fields in live_demo.DESK_MEMBERS:
            user, created = User.objects.get_or_create(
                username=fields["username"],
                defaults={"first_name": fields["first_name"], "last_name": fields["last_name"]},
            )
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
                user.groups.add(desk_group)
            members.append(user)
        return members

    def create_edited_update(self, author):
        item = live_demo.EDITED
        published_at = datetime.fromisoformat(item["published_at"])
        found = Banner.objects.filter(
            published_at=published_at, headline__in=[item["headline"], item["earlier"]]
        )
        if found.exists():
            found.filter(published_by__isnull=True).update(published_by=author)
            return
        update = Banner.objects.create(
            headline=item["headline"],
            body=item["body"],
            published_at=published_at,
            published_by=author,
        )
        edited_at = datetime.fromisoformat(item["edited_at"])
        Banner.objects.filter(pk=update.pk).update(edited_at=edited_at)  # as it was, not now
        Revision.objects.create(
            banner=update,
            headline=item["earlier"],
            body=item["body"],
            kind=update.kind,
            replaced_at=edited_at,
            replaced_by=author,
        )

    def picture(self, drawing, alt_text, caption):
        """A demo picture, drawn once and reused by its description."""
        image = Image.objects.filter(alt_text=alt_text, credit=demo_pictures.CREDIT).first()
        if image is None:
            clean = sanitise(ContentFile(demo_pictures.illustration(drawing), name="demo.png"))
            image = Image.objects.create(
                file=clean.content,
                width=clean.width,
                height=clean.height,
                alt_text=alt_text,
                caption=caption,
                credit=demo_pictures.CREDIT,
            )
        return image

    def portrait(self, name, background):
        """A stand-in portrait for a demo author, drawn once."""
        alt_text = demo_pictures.portrait_alt_text(name)
        image = Image.objects.filter(alt_text=alt_text, credit=demo_pictures.CREDIT).first()
        if image is None:
            drawn = demo_pictures.png(demo_pictures.portrait(background))
            clean = sanitise(ContentFile(drawn, name="portrait.png"))
            image = Image.objects.create(
                file=clean.content,
                width=clean.width,
                height=clean.height,
                alt_text=alt_text,
                credit=demo_pictures.CREDIT,
            )
        return image

    def map(self, item):
        """A demo map, drawn from the GeoJSON the project ships, reused by its description."""
        image = Image.objects.filter(alt_text=item["alt_text"], credit=item["credit"]).first()
        if image is None:
            _, clean = read_geojson(ContentFile(item["geojson"](), name="demo.geojson"))
            image = Image(
                geojson=clean,
                map_style=item["style"],
                shows_date=date.fromisoformat(item["shows_date"]),
                alt_text=item["alt_text"],
                description=item["description"],
                caption=item["caption"],
                credit=item["credit"],
            )
            image.full_clean()
            image.save()
        return image

    def create_article(self, item, topics, authors, sources):
        article = Article.objects.create(
            slug=item["slug"],
            title=item["title"],
            standfirst=item["standfirst"],
            topic=topics[item["topic"]],
            status=item["status"],
            published_at=datetime.fromisoformat(item["published_at"]),
            updated_at=item["updated_at"] and datetime.fromisoformat(item["updated_at"]),
        )
        article.tags.set(
            Tag.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
            for name in item["tags"]
        )
        Byline.objects.bulk_create(
            Byline(article=article, author=authors[slug], position=i)
            for i, slug in enumerate(item["authors"])
        )
        pictures = demo_pictures.PICTURES.get(item["slug"], {})
        if "lead" in pictures:
            article.lead_image = self.picture(*pictures["lead"])
            article.save(update_fields=["lead_image"])
        figures = pictures.get("figures", {})
        maps = demo_pictures.MAPS.get(item["slug"], {})
        for i, section in enumerate(item["sections"]):
            figure = self.picture(*figures[i]) if i in figures else None
            if i in maps:
                figure = self.map(maps[i])
            Section.objects.create(article=article, position=i, figure=figure, **section)
        for i, faq in enumerate(item["faqs"]):
            FAQ.objects.create(article=article, position=i, **faq)
        Citation.objects.bulk_create(
            Citation(article=article, source=sources[key], position=i)
            for i, key in enumerate(item["sources"])
        )
        return article
