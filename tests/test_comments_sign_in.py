"""Readers sign in with a one-time link by email; sign-in never tells who has an account."""

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from tracker.comments.models import Reader

from .comments_helpers import commented_article, make_reader, reader_client, sign_in_link

pytestmark = pytest.mark.django_db


def test_a_new_address_gets_an_account_only_when_its_link_is_used(client):
    response = client.post("/readers/sign-in/", {"email": "Olha@Example.net", "website": ""})
    assert response.status_code == 302 and response["Location"] == "/readers/sign-in/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["olha@example.net"]
    assert not Reader.objects.exists()  # nothing kept of an address nobody confirmed
    assert client.post(sign_in_link(mail.outbox[0])).status_code == 302
    reader = Reader.objects.get(email="olha@example.net")
    assert client.session["_auth_user_id"] == str(reader.user_id)
    assert not reader.user.is_staff and not reader.user.is_superuser
    assert not reader.user.has_usable_password()


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(client):
    make_reader("known@example.net")
    known = client.post("/readers/sign-in/", {"email": "known@example.net", "website": ""})
    unknown = client.post("/readers/sign-in/", {"email": "new@example.net", "website": ""})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    page = client.get("/readers/sign-in/sent/")
    assert b"If that address can comment here" in page.content
    assert len(mail.outbox) == 2  # both get a link: nothing tells them apart


def test_the_link_shows_a_button_and_signs_in_only_when_pressed(client):
    article = commented_article()
    client.post(
        "/readers/sign-in/",
        {"email": "a@example.net", "website": "", "next": f"/comments/{article.pk}/"},
    )
    link = sign_in_link(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200 and b'type="submit"' in page.content
    assert "_auth_user_id" not in client.session  # a mail scanner opening it signs nobody in
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == f"/comments/{article.pk}/"
    assert client.session["_auth_user_id"] == str(Reader.objects.get().user_id)


@pytest.mark.parametrize("known", [True, False], ids=["reader", "new address"])
def test_a_link_works_once(client, known):
    if known:
        make_reader("once@example.net")
    client.post("/readers/sign-in/", {"email": "once@example.net", "website": ""})
    link = sign_in_link(mail.outbox[0])
    assert client.post(link).status_code == 302
    other = type(client)()
    response = other.post(link)
    assert response.status_code == 400
    assert b"has expired or has already been used" in response.content
    assert "_auth_user_id" not in other.session
    assert Reader.objects.count() == 1


@pytest.mark.parametrize("known", [True, False], ids=["reader", "new address"])
def test_a_link_expires_after_fifteen_minutes(client, known):
    if known:
        make_reader("late@example.net")
    client.post("/readers/sign-in/", {"email": "late@example.net", "website": ""})
    link = sign_in_link(mail.outbox[0])
    with time_machine.travel(timezone.now() + timezone.timedelta(minutes=16)):
        response = client.post(link)
    assert response.status_code == 400 and b"has expired" in response.content
    assert "_auth_user_id" not in client.session
    assert Reader.objects.count() == (1 if known else 0)


def test_two_links_to_a_new_address_make_one_account(client):
    for _ in range(2):
        client.post("/readers/sign-in/", {"email": "twice@example.net", "website": ""})
    first, second = (sign_in_link(message) for message in mail.outbox)
    assert client.post(first).status_code == 302
    assert type(client)().post(second).status_code == 400
    assert Reader.objects.count() == 1


def test_a_tampered_link_signs_nobody_in(client):
    make_reader("known@example.net")
    client.post("/readers/sign-in/", {"email": "known@example.net", "website": ""})
    client.post("/readers/sign-in/", {"email": "unknown@example.net", "website": ""})
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        link = sign_in_link(message)
        tampered = link.replace("sesame=", "sesame=x").replace("new=", "new=x")
        assert client.post(tampered).status_code == 400
    assert Reader.objects.count() == 1


def test_staff_never_sign_in_by_link(client, django_user_model):
    """A reader's link cannot open a staff account, even one made staff after it was sent."""
    reader = make_reader("editor@example.net")
    client.post("/readers/sign-in/", {"email": "editor@example.net", "website": ""})
    reader.user.is_staff = True
    reader.user.save()
    assert client.post(sign_in_link(mail.outbox[0])).status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_reader_never_enters_the_admin():
    reader = make_reader()
    response = reader_client(reader).get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_sign_in_is_limited_per_address_and_says_so(client):
    for _ in range(3):
        client.post("/readers/sign-in/", {"email": "flood@example.net", "website": ""})
    response = client.post("/readers/sign-in/", {"email": "flood@example.net", "website": ""})
    assert response.status_code == 200
    assert b"Several sign-in links were sent to this address" in response.content
    assert b'value="flood@example.net"' in response.content  # the address is kept
    assert len(mail.outbox) == 3
    # Another address from the same client still gets through.
    client.post("/readers/sign-in/", {"email": "other@example.net", "website": ""})
    assert len(mail.outbox) == 4


def test_sign_in_is_limited_per_client(client):
    for n in range(10):
        client.post("/readers/sign-in/", {"email": f"r{n}@example.net", "website": ""})
    response = client.post("/readers/sign-in/", {"email": "r10@example.net", "website": ""})
    assert b"from your network" in response.content
    assert len(mail.outbox) == 10
    other = type(client)(REMOTE_ADDR="192.0.2.9")
    other.post("/readers/sign-in/", {"email": "r11@example.net", "website": ""})
    assert len(mail.outbox) == 11


@pytest.mark.parametrize(
    "email, message",
    [("", b"Enter your email address"), ("not-an-address", b"does not look like an email")],
)
def test_a_bad_address_is_explained(client, email, message):
    response = client.post("/readers/sign-in/", {"email": email, "website": ""})
    assert response.status_code == 200 and message in response.content
    assert not mail.outbox


def test_the_honeypot_refuses_and_says_why(client):
    response = client.post("/readers/sign-in/", {"email": "bot@example.net", "website": "x"})
    assert b"looked like an automatic submission" in response.content
    assert not mail.outbox


def test_signing_out_ends_the_session():
    reader = make_reader()
    client = reader_client(reader)
    assert client.get("/readers/account/").status_code == 200
    client.post("/readers/sign-out/")
    assert client.get("/readers/account/").status_code == 302


def test_the_sign_in_link_refuses_to_send_the_reader_elsewhere(client):
    client.post(
        "/readers/sign-in/",
        {"email": "n@example.net", "website": "", "next": "https://evil.example/"},
    )
    response = client.post(sign_in_link(mail.outbox[0]))
    assert response["Location"] == "/readers/account/"


def test_a_mail_server_that_fails_is_explained_and_the_address_kept(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no SMTP server")

    monkeypatch.setattr("tracker.comments.views.send_mail", refuse)
    response = client.post("/readers/sign-in/", {"email": "down@example.net", "website": ""})
    assert response.status_code == 200
    assert b"could not send the email just now" in response.content
    assert b'value="down@example.net"' in response.content


def test_failed_links_count_against_their_client_only(client):
    """Guessing links is limited per client address, and locks nobody else out."""
    make_reader("mine@example.net")
    guesser = type(client)(REMOTE_ADDR="198.51.100.7")
    for n in range(10):
        assert guesser.post(f"/readers/sign-in/link/?sesame=guess{n}").status_code == 400
    client.post("/readers/sign-in/", {"email": "mine@example.net", "website": ""})
    link = sign_in_link(mail.outbox[0])
    assert guesser.post(link).status_code == 400  # over its limit: even a good link fails
    assert client.post(link).status_code == 302
