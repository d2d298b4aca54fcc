"""Readers' pages: signing in by email, the comment page and its htmx panel, replies,
edits, deletions, reports, and the reader's account. None of them is ever cached."""

import logging
from datetime import timedelta
from smtplib import SMTPException
from urllib.parse import urlencode
from uuid import uuid4

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.core import signing
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from sesame.backends import ModelBackend as SesameBackend
from sesame.utils import get_token

from tracker import pagecache
from tracker.newsroom.models import Article
from tracker.security import client_ip

from . import limits
from .forms import CommentForm, DisplayNameForm, ReportForm, SignInForm
from .models import EDIT_MINUTES, SCOPE, Comment, Discussion, Reader
from .threads import thread_page

logger = logging.getLogger(__name__)

# Tokens made for readers' sign-in work for nothing else.
SIGN_IN_SCOPE = "comments:sign-in"
NEW_READER_SALT = "comments:new-reader"


def reader_of(request):
    """The signed-in reader, or None (anonymous visitors and staff are not readers)."""
    user = request.user
    if not user.is_authenticated or user.is_staff or user.is_superuser:
        return None
    return Reader.objects.filter(user=user).first()


def safe_next(request, default):
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


def sign_in_address(request):
    """The sign-in page, coming back to this page afterwards."""
    return f"{reverse('comments:sign-in')}?{urlencode({'next': request.get_full_path()})}"


def open_discussions():
    """The comment settings of published articles whose comments are on."""
    return Discussion.objects.filter(enabled=True, article__in=Article.objects.published())


def open_discussion(pk):
    """The comment settings of a published article whose comments are on; 404 otherwise."""
    return get_object_or_404(open_discussions().select_related("article"), pk=pk)


def not_posted(request, reason, status, sign_in=False):
    """A refused post without its form: say why, and give the text back to copy."""
    context = {"reason": reason, "text": request.POST.get("body", ""), "sign_in": sign_in}
    return render(request, "comments/not_posted.html", context, status=status)


def refuse_post(request, pk):
    """Why a post to this article's comments cannot be taken at all, or None."""
    if not open_discussions().filter(pk=pk).exists():
        return not_posted(request, "Comments are off for this story, so yours was not posted.", 404)
    if reader_of(request) is None:
        return not_posted(
            request, "You are not signed in (a sign-in lasts a working day), so your comment "
            "was not posted.", 403, sign_in=True,
        )  # fmt: skip
    return None


# One URL for the comment page and its panel: the article page loads the panel with htmx
# (data-hx-get), and links here for readers without JavaScript.
@never_cache
@vary_on_headers("HX-Request")
@require_http_methods(["GET", "HEAD", "POST"])
def article_comments(request, pk):
    """An article's comments, with the reader's own and the form to add one."""
    if request.method == "POST" and (refused := refuse_post(request, pk)):
        return refused
    discussion = open_discussion(pk)
    article = discussion.article
    reader = reader_of(request)
    is_open = discussion.is_open(article.published_at)
    form = None
    if reader is not None and is_open:
        form = CommentForm(request.POST or None, reader=reader, client=client_ip(request))
    if request.method == "POST":
        if not is_open:
            messages.error(request, "Comments on this story are closed, so yours was not posted.")
            form = CommentForm(request.POST, reader=reader, client=None, check_limits=False)
            form.is_valid()
        elif form.is_valid():
            Comment.objects.create(article=article, reader=reader, body=form.cleaned_data["body"])
            messages.success(
                request, "Thank you. Your comment will appear once a moderator approves it."
            )
            if not request.htmx:
                return redirect(reverse("comments:article", kwargs={"pk": pk}) + "#your-comments")
            form = CommentForm(reader=reader, client=None)  # an empty form for the next one
    context = {
        "discussion": discussion,
        "article": article,
        "article_pk": article.pk,
        "open": is_open,
        "reader": reader,
        "form": form,
        "own": own_comments(article.pk, reader),
        "edit_minutes": EDIT_MINUTES,
    }
    template = "comments/article_comments.html"
    if request.htmx:  # the panel alone, loaded or posted from the article page
        return render(request, template + "#reader-panel", context)
    context["page"], context["threads"] = thread_page(article.pk, request.GET.get("page"))
    return render(request, template, context)


def own_comments(article_pk, reader):
    """The reader's comments that others do not see yet, and those still editable."""
    if reader is None:
        return []
    recent = timezone.now() - timedelta(minutes=EDIT_MINUTES)
    comments = Comment.objects.filter(article_id=article_pk, reader=reader).exclude(
        status=Comment.Status.DELETED
    )
    own = [
        comment
        for comment in comments
        if comment.status != Comment.Status.APPROVED or comment.created_at >= recent
    ]
    for comment in own:
        comment.editable = comment.can_edit(reader)
    return own


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reply(request, pk):
    """Reply to an approved top-level comment (one level of replies)."""
    parent = Comment.objects.filter(pk=pk).select_related("reader").first()
    if parent is None:
        raise Http404("No such comment.")
    if request.method == "POST" and (refused := refuse_post(request, parent.article_id)):
        return refused
    discussion = open_discussion(parent.article_id)
    reader = reader_of(request)
    if reader is None:
        return redirect(sign_in_address(request))
    problem = None
    if parent.status != Comment.Status.APPROVED:
        problem = "This comment is not published, so it cannot be answered."
    elif parent.parent_id is not None:
        problem = "Replies cannot be answered; answer the comment they reply to instead."
    elif not discussion.is_open(discussion.article.published_at):
        problem = "Comments on this story are closed, so your reply was not posted."
    form = CommentForm(
        request.POST or None, reader=reader, client=client_ip(request), check_limits=not problem
    )
    if request.method == "POST" and problem is None and form.is_valid():
        Comment.objects.create(
            article_id=parent.article_id,
            reader=reader,
            parent=parent,
            body=form.cleaned_data["body"],
        )
        messages.success(request, "Thank you. Your reply will appear once a moderator approves it.")
        return redirect(
            reverse("comments:article", kwargs={"pk": parent.article_id}) + "#your-comments"
        )
    if request.method == "POST" and problem:
        form.is_valid()
    context = {"form": form, "parent": parent, "article": discussion.article, "problem": problem}
    return render(request, "comments/comment_reply.html", context, status=400 if problem else 200)


def own_comment(request, pk):
    reader = reader_of(request)
    if reader is None:
        return None, None
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=pk, reader=reader)
    return reader, comment


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, pk):
    """Change one's own comment within its first minutes; it waits for a moderator again."""
    reader, comment = own_comment(request, pk)
    if reader is None:
        return redirect(sign_in_address(request))
    back = reverse("comments:article", kwargs={"pk": comment.article_id})
    if not comment.can_edit(reader):
        problem = (
            f"A comment can be changed only in the {EDIT_MINUTES} minutes after it was posted."
        )
    else:
        problem = None
    form = CommentForm(
        request.POST or None,
        initial={"body": comment.body},
        reader=reader,
        client=client_ip(request),
        comment=comment,
        check_limits=False,
    )
    if request.method == "POST" and problem is None and form.is_valid():
        comment.body = form.cleaned_data["body"]
        comment.edited_at = timezone.now()
        comment.status = Comment.Status.PENDING
        comment.save()
        messages.success(request, "Your comment was changed and waits for a moderator again.")
        return redirect(back + "#your-comments")
    if request.method == "POST" and problem:
        form.is_valid()
    context = {"form": form, "comment": comment, "article": comment.article, "problem": problem}
    return render(request, "comments/comment_edit.html", context, status=400 if problem else 200)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, pk):
    """Delete one's own comment (a comment with replies leaves a marker in its place)."""
    reader, comment = own_comment(request, pk)
    if reader is None:
        return redirect(sign_in_address(request))
    if request.method == "POST":
        if comment.replies.exists():
            comment.body = ""
            comment.status = Comment.Status.DELETED
            comment.save()
        else:
            comment.delete()
        messages.success(request, "Your comment was deleted.")
        return redirect(reverse("comments:article", kwargs={"pk": comment.article_id}))
    return render(request, "comments/comment_delete.html", {"comment": comment})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, pk):
    """Tell the moderators what is wrong with a published comment."""
    comment = get_object_or_404(
        Comment.objects.select_related("article", "reader"), pk=pk, status=Comment.Status.APPROVED
    )
    reader = reader_of(request)
    if reader is None:
        return redirect(sign_in_address(request))
    form = ReportForm(request.POST or None)
    back = reverse("comments:article", kwargs={"pk": comment.article_id})
    if request.method == "POST" and form.is_valid():
        if reader.is_blocked:
            form.add_error(None, "Your account can no longer post comments or reports.")
        elif not limits.allow("report", reader.pk, limits.REPORTS_PER_READER):
            form.add_error(None, "You have sent many reports this hour. Please try again later.")
        else:
            try:
                with transaction.atomic():
                    form.instance.comment, form.instance.reader = comment, reader
                    form.save()
            except IntegrityError:
                messages.info(
                    request, "You had already reported this comment; the moderators have it."
                )
            else:
                messages.success(request, "Thank you. The moderators will look at this comment.")
            return redirect(back)
    return render(request, "comments/comment_report.html", {"form": form, "comment": comment})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request):
    """Ask for a sign-in link by email. The answer is the same whether or not the address
    has an account."""
    form = SignInForm(request.POST or None)
    next_url = safe_next(request, reverse("comments:account"))
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not limits.allow("sign-in-client", client_ip(request), limits.SIGN_IN_PER_CLIENT):
            form.add_error(
                None,
                "Many sign-in links were asked for from your network in the last few minutes. "
                "Please wait a quarter of an hour and try again.",
            )
        elif not limits.allow("sign-in-address", email, limits.SIGN_IN_PER_ADDRESS):
            form.add_error(
                None,
                "Several sign-in links were sent to this address in the last few minutes. "
                "Use the newest one, or wait a quarter of an hour and ask again.",
            )
        else:
            try:
                send_sign_in_link(request, email, next_url)
            except (OSError, SMTPException):
                logger.exception("Could not send a sign-in link")
                form.add_error(
                    None,
                    "We could not send the email just now. Please try again in a few minutes.",
                )
            else:
                return redirect("comments:sign-in-sent")
    context = {"form": form, "next": next_url, "minutes": sign_in_minutes()}
    return render(request, "comments/sign_in.html", context)


def send_sign_in_link(request, email, next_url):
    """Mail a one-time link: a django-sesame token for a reader, or, for an address without
    an account, a signed token of the address, so no account is made for an address whose
    owner never signs in (anyone can type anyone's address)."""
    reader = Reader.objects.filter(email=email).select_related("user").first()
    if reader is not None:
        token = {"sesame": get_token(reader.user, scope=SIGN_IN_SCOPE)}
    else:
        token = {"new": signing.dumps(email, salt=NEW_READER_SALT)}
    query = urlencode({**token, "next": next_url})
    link = request.build_absolute_uri(reverse("comments:sign-in-link")) + "?" + query
    context = {"link": link, "minutes": sign_in_minutes()}
    send_mail(
        "Your sign-in link",
        render_to_string("comments/sign_in_email.txt", context, request=request),
        None,
        [email],
    )


def signed_in_user(request):
    """The user the link in this request signs in, or None if it expired or was used."""
    if "sesame" in request.GET:
        # django-sesame's backend itself, not django.contrib.auth.authenticate(): that would
        # count a failed link for django-axes under an empty user name, and five of them,
        # from anyone, would lock every reader out.
        user = SesameBackend().authenticate(
            request, sesame=request.GET["sesame"], scope=SIGN_IN_SCOPE
        )
        # Staff never sign in by link, even if made staff after it was sent.
        if user is None or user.is_staff or user.is_superuser or not hasattr(user, "reader"):
            return None
        return user
    try:
        email = signing.loads(
            request.GET.get("new", ""), salt=NEW_READER_SALT, max_age=settings.SESAME_MAX_AGE
        )
    except signing.BadSignature:  # expired ones too
        return None
    try:
        with transaction.atomic():
            # Once the address has an account, its link is used up.
            if Reader.objects.filter(email=email).exists():
                return None
            user = get_user_model().objects.create_user(f"reader-{uuid4().hex}")
            Reader.objects.create(user=user, email=email)
    except IntegrityError:  # the same link, used twice at once
        return None
    return user


def sign_in_minutes():
    return settings.SESAME_MAX_AGE // 60


@never_cache
@require_http_methods(["GET", "HEAD"])
def sign_in_sent(request):
    return render(request, "comments/sign_in_sent.html", {"minutes": sign_in_minutes()})


# The link in the email only shows a button: mail scanners that open links must not use up
# a one-time link. The button posts back to the same address, token included.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in_link(request):
    """Sign in with the one-time link from the email."""
    next_url = safe_next(request, reverse("comments:account"))
    if request.method == "POST":
        user = None
        if limits.allow("sign-in-link-client", client_ip(request), limits.LINKS_PER_CLIENT):
            user = signed_in_user(request)
        if user is not None:
            # Moves last_login, which uses a sesame link up.
            login(request, user, backend="sesame.backends.ModelBackend")
            messages.success(request, "You are signed in.")
            return redirect(next_url)
        context = {
            "form": SignInForm(),
            "next": next_url,
            "minutes": sign_in_minutes(),
            "problem": "This sign-in link has expired or has already been used. "
            "Enter your address to get a new one.",
        }
        return render(request, "comments/sign_in.html", context, status=400)
    return render(request, "comments/sign_in_link.html", {"next": next_url})


@never_cache
@require_POST
def sign_out(request):
    logout(request)
    return redirect(safe_next(request, "/"))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def account(request):
    """The reader's name, signing out, and deleting the account."""
    reader = reader_of(request)
    if reader is None:
        return redirect(sign_in_address(request))
    form = DisplayNameForm(request.POST or None, initial={"display_name": reader.display_name})
    if request.method == "POST" and form.is_valid():
        reader.display_name = form.cleaned_data["display_name"]
        reader.save(update_fields=["display_name"])
        if reader.comments.public().exists():
            pagecache.move(SCOPE)  # cached pages show the name
        messages.success(request, "Your name was saved.")
        return redirect("comments:account")
    return render(request, "comments/account.html", {"form": form, "reader": reader})


@never_cache
@require_POST
def delete_account(request):
    """Remove the reader's account and personal data; published comments stay, unsigned."""
    reader = reader_of(request)
    if reader is None:
        return redirect(sign_in_address(request))
    user = reader.user
    with transaction.atomic():
        reader.comments.exclude(status__in=Comment.PUBLIC).delete()
        had_public = reader.comments.exists()
        logout(request)
        user.delete()  # the reader goes with it; their public comments become a former reader's
        if had_public:
            pagecache.move(SCOPE)
    return render(request, "comments/account_deleted.html")
