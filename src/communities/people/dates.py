"""The GOV.UK date input now lives in ``communities.core.forms.dates`` (shared by every room); kept here for imports."""

from communities.core.forms.dates import PARTS, DateInputWidget, GovukDateField

__all__ = ["PARTS", "DateInputWidget", "GovukDateField"]
