"""The moderation queue, readers, and each article's comment settings, in the admin."""

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone

from tracker import pagecache

from .models import SCOPE, Comment, Discussion, Reader, Report

REJECTION_REASONS = (
    "Abusive, hateful or threatening",
    "False or misleading",
    "Off topic",
    "Spam or advertising",
    "Personal information about someone",
)


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are they rejected?",
        choices=[(reason, reason) for reason in REJECTION_REASONS] + [("", "Another reason…")],
        required=False,
        widget=forms.RadioSelect,
    )
    other = forms.CharField(label="Another reason", max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        reason = cleaned.get("other", "").strip() or cleaned.get("reason", "")
        if not reason:
            raise forms.ValidationError("Give a reason: the reader sees it beside their comment.")
        cleaned["why"] = reason
        return cleaned


def moderate(queryset, user, status, reason=""):
    """Set these comments' status in one update, and retire cached pages once it is committed."""
    now = timezone.now()
    chosen = Comment.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
    with transaction.atomic():
        changed = chosen.exclude(status=Comment.Status.DELETED).update(
            status=status, rejection_reason=reason, moderated_at=now, moderated_by=user
        )
        pagecache.move(SCOPE)  # one move for the whole batch, once it is committed
    return changed


@admin.action(description="Approve the selected comments", permissions=["change"])
def approve(modeladmin, request, queryset):
    count = moderate(queryset, request.user, Comment.Status.APPROVED)
    modeladmin.message_user(request, f"{count} comment(s) approved; readers see them now.")


@admin.action(description="Reject the selected comments, with a reason…", permissions=["change"])
def reject(modeladmin, request, queryset):
    """Ask for a reason on a page of its own, then reject."""
    form = RejectForm(request.POST if "why" in request.POST else None)
    if form.is_valid():
        count = moderate(queryset, request.user, Comment.Status.REJECTED, form.cleaned_data["why"])
        modeladmin.message_user(
            request, f"{count} comment(s) rejected: {form.cleaned_data['why']}."
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Reject comments",
        "opts": modeladmin.model._meta,
        "comments": queryset.select_related("article", "reader"),
        "form": form,
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/comments/comment/reject.html", context)


def block(readers, user):
    """Block these readers: no new comments, and their pending ones rejected."""
    now = timezone.now()
    with transaction.atomic():
        count = Reader.objects.filter(pk__in=readers, blocked_at=None).update(blocked_at=now)
        Comment.objects.filter(reader__in=readers, status=Comment.Status.PENDING).update(
            status=Comment.Status.REJECTED,
            rejection_reason="The account was blocked",
            moderated_at=now,
            moderated_by=user,
        )
    return count


@admin.action(description="Block the authors of the selected comments", permissions=["change"])
def block_authors(modeladmin, request, queryset):
    readers = list(queryset.exclude(reader=None).values_list("reader", flat=True).distinct())
    count = block(readers, request.user)
    modeladmin.message_user(
        request, f"{count} reader(s) blocked; their waiting comments were rejected."
    )


class StatusFilter(admin.SimpleListFilter):
    """The queue opens on what waits for moderation."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Comment.Status.choices, ("all", "All")]

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": (self.value() or Comment.Status.PENDING) == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or Comment.Status.PENDING
        return queryset if value == "all" else queryset.filter(status=value)


class ReportedFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", "Reported")]

    def queryset(self, request, queryset):
        return queryset.filter(report_count__gt=0) if self.value() == "yes" else queryset


class ReportInline(admin.TabularInline):
    model = Report
    fields = ("created_at", "reason", "note", "reader")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ("status", "rejection_reason")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Comment.Status.REJECTED and not cleaned.get("rejection_reason"):
            self.add_error(
                "rejection_reason", "Give a reason: the reader sees it beside their comment."
            )
        return cleaned


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """The moderation queue: waiting comments, oldest first."""

    form = CommentForm
    list_display = ("created_at", "text", "article", "author", "reply", "reports", "status")
    list_display_links = ("text",)
    list_filter = (StatusFilter, ReportedFilter, "created_at")
    list_select_related = ("article", "reader")
    list_per_page = 100
    ordering = ("created_at", "pk")
    search_fields = ("body", "reader__email", "reader__display_name", "article__title")
    actions = (approve, reject, block_authors)
    fields = ("article", "author", "parent", "created_at", "edited_at", "body", "status",
              "rejection_reason", "moderated_at", "moderated_by")  # fmt: skip
    readonly_fields = ("article", "author", "parent", "created_at", "edited_at", "body",
                       "moderated_at", "moderated_by")  # fmt: skip
    inlines = (ReportInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(report_count=Count("reports"))

    def has_add_permission(self, request):
        return False  # comments come from readers

    @admin.display(description="comment")
    def text(self, comment):
        return str(comment) if comment.body else "(deleted)"

    @admin.display(description="reader", ordering="reader__email")
    def author(self, comment):
        if comment.reader is None:
            return "a former reader"
        blocked = " (blocked)" if comment.reader.is_blocked else ""
        return f"{comment.reader.name} <{comment.reader.email}>{blocked}"

    @admin.display(description="reply", boolean=True)
    def reply(self, comment):
        return comment.parent_id is not None

    @admin.display(description="reported", ordering="report_count")
    def reports(self, comment):
        return f"⚑ {comment.report_count}" if comment.report_count else ""

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            obj.moderated_at, obj.moderated_by = timezone.now(), request.user
        super().save_model(request, obj, form, change)


@admin.action(description="Block the selected readers", permissions=["change"])
def block_readers(modeladmin, request, queryset):
    count = block(list(queryset.values_list("pk", flat=True)), request.user)
    modeladmin.message_user(
        request, f"{count} reader(s) blocked; their waiting comments were rejected."
    )


@admin.action(description="Unblock the selected readers", permissions=["change"])
def unblock_readers(modeladmin, request, queryset):
    chosen = Reader.objects.filter(pk__in=list(queryset.values_list("pk", flat=True)))
    count = chosen.exclude(blocked_at=None).update(blocked_at=None)
    modeladmin.message_user(request, f"{count} reader(s) may comment again.", messages.SUCCESS)


@admin.register(Reader)
class ReaderAdmin(admin.ModelAdmin):
    list_display = ("email", "display_name", "created_at", "blocked_at", "comment_count")
    list_filter = (("blocked_at", admin.EmptyFieldListFilter),)
    search_fields = ("email", "display_name")
    fields = ("email", "display_name", "created_at", "blocked_at")
    readonly_fields = ("email", "created_at", "blocked_at")
    actions = (block_readers, unblock_readers)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(comment_count=Count("comments"))

    @admin.display(description="comments", ordering="comment_count")
    def comment_count(self, reader):
        return reader.comment_count

    def has_add_permission(self, request):
        return False  # readers sign up by email

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        pagecache.move(SCOPE)  # a moderator renamed a reader: pages show the name


@admin.register(Discussion)
class DiscussionAdmin(admin.ModelAdmin):
    """Each article's comments: off unless an editor turns them on here."""

    list_display = ("article", "enabled", "closed", "close_after_days", "waiting")
    list_filter = ("enabled", "closed")
    list_select_related = ("article",)
    search_fields = ("article__title",)
    autocomplete_fields = ("article",)
    fields = ("article", "enabled", "close_after_days", "closed")

    def get_readonly_fields(self, request, obj=None):
        return ("article",) if obj else ()

    def get_queryset(self, request):
        pending = Count(
            "article__comments", filter=Q(article__comments__status=Comment.Status.PENDING)
        )
        return super().get_queryset(request).annotate(waiting_count=pending)

    @admin.display(description="comments waiting", ordering="waiting_count")
    def waiting(self, discussion):
        return discussion.waiting_count
