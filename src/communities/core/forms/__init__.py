"""Form pieces every room shares: the GOV.UK date input (``dates``) and GOV.UK error messages (``errors``)."""

from .dates import GovukDateField
from .errors import GovukForm, GovukFormMixin, GovukModelForm, add_service_errors, required_message

__all__ = ["GovukDateField", "GovukForm", "GovukFormMixin", "GovukModelForm", "add_service_errors", "required_message"]
