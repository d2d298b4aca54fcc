"""Readers' forms. Every refusal says why, in the reader's words, and keeps the text."""

import re
from datetime import timedelta

from django import forms
from django.utils import timezone

from . import limits
from .models import MAX_LENGTH, Comment, Report

MAX_LINKS = 2
LINK = re.compile(r"(?i)\bhttps?://|\bwww\.")
DUPLICATE_WINDOW = timedelta(days=1)


class HoneypotMixin(forms.Form):
    """A field people never see or fill in (hidden by CSS, skipped by the keyboard)."""

    website = forms.CharField(
        label="Leave this field empty", required=False, widget=forms.TextInput(
            attrs={"tabindex": "-1", "autocomplete": "off"}
        ),
    )  # fmt: skip

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise forms.ValidationError(
                "This looked like an automatic submission, so it was not sent. "
                "Please leave the last field empty and send it again."
            )
        return ""


class SignInForm(HoneypotMixin):
    email = forms.EmailField(
        label="Your email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address: we send the sign-in link there.",
            "invalid": "This does not look like an email address. Check it and try again.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ("email", "website")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class DisplayNameForm(forms.Form):
    display_name = forms.CharField(
        label="Your name as readers will see it",
        max_length=50,
        required=False,
        help_text="Leave it empty to appear as “A reader”. Up to 50 characters.",
        error_messages={
            "max_length": "A name can be up to 50 characters (this one has %(show_value)d)."
        },
    )


class CommentForm(HoneypotMixin):
    body = forms.CharField(
        label="Your comment",
        strip=True,
        # No maxlength: a browser would cut a pasted text short without a word; the server
        # says how long it is instead, and keeps all of it.
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=(
            f"Plain text, up to {MAX_LENGTH:,} characters and {MAX_LINKS} links. "
            "A moderator reads every comment before it appears."
        ),
        error_messages={"required": "Your comment is empty. Write something before sending it."},
    )

    field_order = ("body", "website")

    def __init__(self, *args, reader, client, comment=None, check_limits=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.reader, self.client, self.comment = reader, client, comment
        self.check_limits = check_limits

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n")
        if len(body) > MAX_LENGTH:
            raise forms.ValidationError(
                f"Your comment has {len(body):,} characters; the limit is {MAX_LENGTH:,}. "
                "Shorten it and send it again."
            )
        if (links := len(LINK.findall(body))) > MAX_LINKS:
            raise forms.ValidationError(
                f"Your comment has {links} links; at most {MAX_LINKS} are allowed. "
                "Remove some and send it again."
            )
        if self.is_duplicate(body):
            raise forms.ValidationError(
                "You have already posted this same text. Write something new, or leave it there."
            )
        return body

    def is_duplicate(self, body):
        others = Comment.objects.filter(
            reader=self.reader, created_at__gte=timezone.now() - DUPLICATE_WINDOW
        ).exclude(status=Comment.Status.DELETED)
        if self.comment is not None:
            others = others.exclude(pk=self.comment.pk)
        wanted = " ".join(body.split()).casefold()
        return any(" ".join(text.split()).casefold() == wanted
                   for text in others.values_list("body", flat=True))  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if self.reader.is_blocked:
            raise forms.ValidationError(
                "Your account can no longer post comments. Your text is below if you want to keep it."
            )
        if self.errors or not self.check_limits:
            return cleaned
        if not limits.allow("post-reader", self.reader.pk, limits.POSTS_PER_READER):
            raise forms.ValidationError(
                "You have posted several comments in the last few minutes. "
                "Please wait ten minutes and send this one again."
            )
        if not limits.allow("post-client", self.client, limits.POSTS_PER_CLIENT):
            raise forms.ValidationError(
                "Many comments came from your network in the last few minutes. "
                "Please wait ten minutes and send this one again."
            )
        return cleaned


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ("reason", "note")
        labels = {"reason": "What is wrong with it?", "note": "Anything the moderators should know"}
        widgets = {"reason": forms.RadioSelect}
        error_messages = {"reason": {"required": "Choose what is wrong with the comment."}}
