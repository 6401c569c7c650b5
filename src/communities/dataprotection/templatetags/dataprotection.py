"""``{% retention_schedule as rows %}``: the schedule (with a council's overrides) for the public privacy notice."""

from django import template

from communities.dataprotection import schedule

register = template.Library()


@register.simple_tag
def retention_schedule():
    return list(schedule.record_types().values())
