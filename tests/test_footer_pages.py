"""About, Contact, Privacy and Terms: flatpages that editors change in the admin."""

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site

from .html import active_content

pytestmark = pytest.mark.django_db

FOOTER_PAGES = ["/about/", "/contact/", "/privacy/", "/terms/"]


@pytest.mark.parametrize("url", FOOTER_PAGES)
def test_the_footer_pages_exist_and_are_linked_from_every_page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1>") == 1 and 'class="site-footer"' in page
    assert f'href="{url}"' in client.get("/").content.decode()


def test_an_editor_changes_a_footer_page_in_the_admin(client, staff_client):
    page = FlatPage.objects.get(url="/about/")
    response = staff_client.post(
        f"/admin/flatpages/flatpage/{page.pk}/change/",
        {
            "url": "/about/",
            "title": "About us",
            "content": "# Who we are\n\nA *small* team.",
            "sites": [Site.objects.get_current().pk],
        },
    )
    assert response.status_code == 302
    html = client.get("/about/").content.decode()
    assert "<h1>About us</h1>" in html
    assert "<h2>Who we are</h2>" in html and "A <em>small</em> team." in html


def test_footer_page_text_is_escaped_and_sanitized(client):
    FlatPage.objects.filter(url="/terms/").update(
        title="<script>alert(1)</script>",
        content='<script>alert(2)</script> [x](javascript:alert(3)) <img src=x onerror="alert(4)">',
    )
    html = client.get("/terms/").content.decode()
    assert active_content(html) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_page_editors_add_elsewhere_is_served_too(client):
    page = FlatPage.objects.create(url="/pages/methodology/", title="Methodology", content="How.")
    page.sites.add(Site.objects.get_current())
    assert client.get("/pages/methodology/").status_code == 200


def test_the_editors_group_may_edit_footer_pages(django_user_model):
    from django.contrib.auth.models import Group
    from django.test import Client

    editor = django_user_model.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    page = FlatPage.objects.get(url="/privacy/")
    assert client.get(f"/admin/flatpages/flatpage/{page.pk}/change/").status_code == 200
