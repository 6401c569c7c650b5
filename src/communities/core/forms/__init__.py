"""Form pieces every room shares: the GOV.UK date input (``dates``), 24-hour times (``times``) and GOV.UK error
messages (``errors``)."""

from .dates import GovukDateField
from .errors import GovukForm, GovukFormMixin, GovukModelForm, add_service_errors, required_message
from .times import TIME_HELP, time_field

__all__ = ["TIME_HELP", "GovukDateField", "GovukForm", "GovukFormMixin", "GovukModelForm", "add_service_errors",
           "required_message", "time_field"]
