from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

from tracker.live.models import Banner

register = template.Library()


@register.filter
def war_day(moment, counter):
    """'Day 1462' for a datetime, by the bar's counter; empty without a counter or a time."""
    if not moment or not counter:
        return ""
    day = counter.day_on(moment)
    return f"Day {day}" if day else ""  # nothing before Day 1, as on the bar


def zone_label(zone_name):
    """The label of a zone: "Kyiv time" for Europe/Kyiv."""
    return f"{zone_name.rsplit('/', 1)[-1].replace('_', ' ')} time"


@register.simple_tag(takes_context=True)
def local_time(context, moment, fmt="H:i"):
    """A <time> in the counter's zone that says which ("14:20 Kyiv time (EEST)"), with
    its offset in `datetime`: the abbreviation follows the date, across clock changes."""
    if not moment:
        return ""
    counter = context.get("day_counter")
    zone_name = counter.time_zone if counter else settings.TIME_ZONE
    local = timezone.localtime(moment, counter.zone if counter else None)
    return format_html(
        '<time datetime="{}">{} {} ({})</time>',
        local.isoformat(timespec="seconds"),
        date_format(local, fmt),
        zone_label(zone_name),
        local.tzname(),
    )


STRIP_SIZE = 5


@register.inclusion_tag("live/_latest_on_story.html", takes_context=True)
def latest_on_story(context, article_pk):
    """The strip "Latest on this story": an article's newest updates, one query. It sits outside the
    article's kept content, so an update shows at once without touching the article."""
    updates = Banner.objects.have_been_live().filter(article_id=article_pk)[:STRIP_SIZE]
    return {"updates": list(updates), "day_counter": context.get("day_counter")}
