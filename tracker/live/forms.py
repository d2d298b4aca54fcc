from django import forms

from tracker.newsroom.models import Article

from .models import HEADLINE_MAX, Banner


class BannerForm(forms.ModelForm):
    """One form for the desk and the admin, so both give the same messages."""

    class Meta:
        model = Banner
        fields = ("headline", "article", "url", "kind", "published_at", "expires_at")
        error_messages = {
            "headline": {
                "required": "Write a headline for the banner.",
                "max_length": f"Keep the headline to {HEADLINE_MAX} characters or fewer "
                "(this one has %(show_value)d).",
            },
            "url": {"invalid": "Enter a full web address that starts with http:// or https://."},
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("article") and cleaned.get("url"):
            self.add_error("url", "Link to an article or to a web address, not both.")
        published_at = cleaned.get("published_at") or self.instance.published_at
        expires_at = cleaned.get("expires_at")
        if expires_at and published_at and expires_at <= published_at:
            self.add_error("expires_at", "The expiry must be later than the publish time.")
        return cleaned


class DeskBannerForm(BannerForm):
    """The desk's short form: published now, by whoever is at the desk."""

    article = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="No article",
        help_text="Optional: the article the banner leads to.",
    )

    class Meta(BannerForm.Meta):
        fields = ("headline", "article", "url", "kind", "expires_at")
        widgets = {
            "headline": forms.TextInput(attrs={"maxlength": HEADLINE_MAX, "autocomplete": "off"}),
            "expires_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
        }
        labels = {"url": "or a web address", "expires_at": "Expiry, Kyiv time (optional)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        recent = Article.objects.published().values("pk")[:50]
        self.fields["article"].queryset = Article.objects.filter(pk__in=recent)
        self.fields["expires_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
