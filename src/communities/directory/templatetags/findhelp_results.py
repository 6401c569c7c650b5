"""Find help's list of results, rendered in one pass in Python (ADR 0012, "Misses").

An ``{% include %}`` per result with its ``{% url %}``, filters and ``{% csrf_token %}`` cost about half a
millisecond of CPU per result (20 per page) on every page nobody has asked for before; the same markup written here
with ``format_html`` costs a few hundredths. What varies per page (the service address pattern, the form's target,
the CSRF field, where to come back to) is worked out once per page, not once per result. Everything from a listing
is escaped (``format_html``/``escape``); tests compare the markup with what a resident must see.
"""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

register = template.Library()
_ANY_ID = "00000000-0000-0000-0000-000000000000"
DESCRIPTION_WORDS = 40
NO_CSRF = "NOTPROVIDED"  # noqa: S105 - Django's marker for a view exempt from CSRF, not a secret


class _Page:
    """What every result on one page shares."""

    def __init__(self, context):
        request = context.get("request")
        self.service_href = reverse("findhelp:service", args=[_ANY_ID])
        self.list_href = reverse("findhelp:my_list")
        self.add_href = reverse("findhelp:list_add")
        self.back = request.get_full_path() if request is not None else ""
        token = context.get("csrf_token")
        self.csrf = (format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
                     if token and token != NO_CSRF else "")
        self.saved = context.get("saved") or ()


def _save_form(page: _Page, service) -> SafeString:
    if str(service.pk) in page.saved:
        return format_html('<p class="govuk-body-s">Saved to <a class="govuk-link" href="{}">your list</a></p>',
                           page.list_href)
    return format_html(
        '<form method="post" action="{}">{}\n    <input type="hidden" name="service_id" value="{}">'
        '<input type="hidden" name="next" value="{}">\n    <button type="submit" class="govuk-button '
        'govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button">Save to my list'
        '<span class="govuk-visually-hidden">: {}</span></button>\n  </form>',
        page.add_href, page.csrf, service.pk, page.back, service.name)


def result_item(summary, page: _Page) -> str:
    s = summary.service
    parts = [
        format_html('<li class="app-result govuk-!-margin-bottom-6">\n  <h3 class="govuk-heading-m '
                    'govuk-!-margin-bottom-1"><a class="govuk-link" href="{}">{}</a></h3>\n',
                    page.service_href.replace(_ANY_ID, str(s.pk)), s.name),
        format_html('  <p class="govuk-body-s govuk-!-margin-bottom-1">{}{}</p>\n', s.organization.name,
                    format_html(" · <strong>{}</strong>", summary.distance) if summary.distance else ""),
    ]
    if s.status == "temporarily closed":
        parts.append('  <strong class="govuk-tag govuk-tag--red">Temporarily closed</strong>\n')
    if s.is_free:
        parts.append('  <strong class="govuk-tag govuk-tag--green">Free</strong>\n')
    if s.alert:
        parts.append(format_html('  <p class="govuk-body-s"><strong>Notice:</strong> {}</p>\n', s.alert))
    parts.append(format_html('  <p class="govuk-body">{}</p>\n',
                             Truncator(s.description).words(DESCRIPTION_WORDS, truncate=" …")))
    if summary.times:
        parts.append(format_html('  <p class="govuk-body-s govuk-!-margin-bottom-1"><strong>When:</strong> {}</p>\n',
                                 "; ".join(summary.times)))
    parts.append(format_html(
        '  <p class="govuk-body-s govuk-!-margin-bottom-1"><strong>Cost:</strong> {} · <strong>Ages:</strong> {}'
        ' · {}</p>\n', summary.cost, summary.ages, summary.checked))
    parts.append(format_html("  {}\n</li>\n", _save_form(page, s)))
    return "".join(parts)


@register.simple_tag(takes_context=True)
def findhelp_results(context, summaries) -> SafeString:
    page = _Page(context)
    return mark_safe("".join(result_item(summary, page) for summary in summaries))  # noqa: S308 - escaped above
