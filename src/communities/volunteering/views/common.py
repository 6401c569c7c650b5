"""Helpers the views share: the signed-in resident's volunteer record, and marking pages open to residents."""

from __future__ import annotations

from django.shortcuts import redirect

from .. import queries


def open_to_residents(view):
    """A page a resident's account (no organisation membership) reaches without a second factor unless their
    volunteering touches personal data (accounts.middleware.RequireMFAMiddleware reads this mark)."""
    view.open_to_residents = True
    return view


def volunteer_of(user):
    return queries.volunteer_of(user)


def needs_volunteer_record(view):
    """Send a signed-in account without a volunteer record to the page that makes one."""

    def wrapped(request, *args, **kwargs):
        volunteer = volunteer_of(request.user)
        if volunteer is None:
            return redirect("volunteering:join")
        return view(request, volunteer, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped
