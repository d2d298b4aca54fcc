"""Submit the article change form as a browser would, starting from what the page shows."""

from django.urls import reverse

from .html import form_data


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


def open_change_form(client, article):
    """The change form's current values, as the editor's browser holds them."""
    response = client.get(change_url(article))
    assert response.status_code == 200
    return form_data(response.content.decode(), "article_form")


def save(client, article, data, **changes):
    return client.post(change_url(article), {**data, **changes})
