from django import forms
from django.utils import timezone

from tracker.newsroom.models import Article

from .models import HEADLINE_MAX, Banner, Counter

RETRACTED = "This update was retracted, so it can no longer be edited. Post a new update instead."
COVERAGE_ENDED = (
    "The live coverage has ended, so readers' pages no longer check for updates and this one "
    "would reach nobody. Reopen the coverage (below) first, or edit an earlier update."
)


def not_public_message(article):
    return (
        f"“{article.title}” is not published, so readers could not open it. "
        "Publish it first, or choose another article."
    )


def pinned_elsewhere_message(other):
    return f"“{other.headline}” is already the pinned summary. Unpin it first, then pin this one."


class BannerForm(forms.ModelForm):
    """One form for the desk and the admin, so both give the same messages."""

    class Meta:
        model = Banner
        fields = (
            "headline",
            "body",
            "kind",
            "key_event",
            "pinned",
            "article",
            "url",
            "published_at",
            "expires_at",
        )
        error_messages = {
            "headline": {
                "required": "Write a headline for the update.",
                "max_length": f"Keep the headline to {HEADLINE_MAX} characters or fewer "
                "(this one has %(show_value)d).",
            },
            "url": {"invalid": "Enter a full web address that starts with http:// or https://."},
        }

    def clean(self):
        cleaned = super().clean()
        if self.instance.retracted_at:
            raise forms.ValidationError(RETRACTED, code="retracted")
        if cleaned.get("article") and cleaned.get("url"):
            self.add_error("url", "Link to an article or to a web address, not both.")
        article = cleaned.get("article")
        # An update already attached keeps its article; a new choice must be public.
        if article and "article" in self.changed_data and not article.is_public:
            self.add_error("article", not_public_message(article))
        if cleaned.get("pinned"):
            other = Banner.objects.filter(pinned=True).exclude(pk=self.instance.pk).first()
            if other:
                self.add_error("pinned", pinned_elsewhere_message(other))
        published_at = cleaned.get("published_at") or self.instance.published_at
        expires_at = cleaned.get("expires_at")
        if expires_at and published_at and expires_at <= published_at:
            self.add_error("expires_at", "The expiry must be later than the publish time.")
        return cleaned


class DeskBannerForm(BannerForm):
    """The desk's form: published now, by whoever is at the desk."""

    article = forms.ModelChoiceField(
        queryset=Article.objects.all(),
        required=False,
        empty_label="No article",
        help_text="Optional: the article this update belongs to. It shows the update "
        "under “Latest on this story”.",
    )

    class Meta(BannerForm.Meta):
        fields = ("headline", "body", "kind", "key_event", "pinned", "article", "url", "expires_at")
        widgets = {
            "headline": forms.TextInput(attrs={"maxlength": HEADLINE_MAX, "autocomplete": "off"}),
            "body": forms.Textarea(attrs={"rows": 5}),
            "expires_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }
        labels = {
            "body": "Text (optional)",
            "key_event": "Key event",
            "pinned": "Pin as the summary (“What you need to know”)",
            "url": "or a web address",
            "expires_at": "Leaves the bar at, Kyiv time (optional)",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer recent public articles (and the one attached); any other id posted gets
        # a message that says why it cannot be used, rather than "not a valid choice".
        field = self.fields["article"]
        recent = Article.objects.published().values("pk")[:50]
        offered = Article.objects.filter(pk__in=recent)
        if self.instance.article_id:
            offered = offered | Article.objects.filter(pk=self.instance.article_id)
        field.widget.choices = [("", field.empty_label)] + [
            (article.pk, article.title) for article in offered.order_by("-published_at")
        ]
        self.fields["expires_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            counter = Counter.objects.first()
            if counter and counter.has_ended(timezone.now()):
                raise forms.ValidationError(COVERAGE_ENDED, code="coverage_ended")
        return cleaned
