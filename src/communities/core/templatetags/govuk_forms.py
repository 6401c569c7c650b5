"""GOV.UK form rendering in one place: ``{% govuk_error_summary form %}`` and ``{% govuk_field form.name %}``."""

from __future__ import annotations

from django import forms, template
from django.template.loader import render_to_string

register = template.Library()


def _kind(widget) -> str:
    # CheckboxSelectMultiple is a subclass of RadioSelect: ask about it first, or a choice of several becomes one.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


@register.simple_tag
def govuk_field(bound_field, classes: str = "", label_size: str = "s", autocomplete: str = "", page_heading=False):
    """One field in GOV.UK markup. ``page_heading=True`` makes its label (or legend) the page's h1, as the design
    system's one-question pages do; a GOV.UK date field (core.forms.dates) gets the date input."""
    widget = bound_field.field.widget
    if getattr(bound_field.field, "govuk_kind", "") == "date":
        return render_to_string("includes/govuk_date_input.html",
                                {"f": bound_field, "label_size": label_size, "page_heading": page_heading})
    kind = _kind(widget)
    input_type = getattr(widget, "input_type", "text")
    return render_to_string(
        "includes/govuk_field.html",
        {
            "field": bound_field,
            "kind": kind,
            "input_type": input_type,
            "classes": classes,
            "label_size": label_size,
            "page_heading": page_heading,
            "autocomplete": autocomplete or widget.attrs.get("autocomplete", ""),
            "value": bound_field.value() if input_type != "password" else "",
            "error_id": f"{bound_field.auto_id}-error",
            "hint_id": f"{bound_field.auto_id}-hint",
        },
    )


@register.simple_tag
def govuk_error_summary(form):
    if not form.is_bound or not form.errors:
        return ""
    items = []
    for name, errors in form.errors.items():
        anchor = f"#{form[name].auto_id}" if name in form.fields else "#main-content"
        if getattr(form.fields.get(name), "govuk_kind", "") == "date":
            anchor += "_0"  # the day box, the first of the date input's three boxes (core.forms.dates)
        for error in errors:
            items.append({"href": anchor, "text": error})
    return render_to_string("includes/govuk_error_summary.html", {"items": items})
