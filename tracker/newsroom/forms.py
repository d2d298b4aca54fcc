from django import forms

from .models import Topic
from .search import CONTROL_CHARACTERS

MAX_QUERY_LENGTH = 200


class QueryField(forms.CharField):
    def to_python(self, value):
        # Control characters (NUL included) mean nothing in a search: drop them, keep the rest.
        return CONTROL_CHARACTERS.sub("", super().to_python(value))


class SearchForm(forms.Form):
    q = QueryField(
        label="Search for",
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={
            "max_length": "A search can be up to %(limit_value)d characters long "
            "(this one has %(show_value)d). Try a few distinctive words."
        },
    )
    topic = forms.ModelChoiceField(
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="All topics",
        error_messages={"invalid_choice": "We have no such topic. Choose one from the list."},
    )
