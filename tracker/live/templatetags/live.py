from django import template

register = template.Library()


@register.filter
def war_day(moment, counter):
    """'Day 1462' for a datetime, by the bar's counter; empty without a counter or a time."""
    if not moment or not counter:
        return ""
    return f"Day {counter.day_on(moment)}"
