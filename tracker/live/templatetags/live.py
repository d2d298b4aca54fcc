from django import template

register = template.Library()


@register.filter
def war_day(moment, counter):
    """'Day 1462' for a datetime, by the bar's counter; empty without a counter or a time."""
    if not moment or not counter:
        return ""
    day = counter.day_on(moment)
    return f"Day {day}" if day else ""  # nothing before Day 1, as on the bar
