"""The admin site's sign-in page ("admin_login", public like every sign-in page).

The admin site sends anyone it refuses here. Someone not signed in goes to the service's own sign-in (password,
second factor, lockout) and comes back; a platform administrator who is already signed in goes on to the admin
site; anyone else signed in is told plainly that the admin site is not for them. (Before, this page sent everyone to
the service's sign-in, which sends a signed-in account straight back: a member without staff status looped for ever.)
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe


@require_safe
def admin_login(request):
    next_url = request.GET.get("next", "")
    if not request.user.is_authenticated:
        return redirect(reverse("account_login") + ("?" + urlencode({"next": next_url}) if next_url else ""))
    if admin.site.has_permission(request):
        safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure())
        return redirect(next_url if safe and next_url else reverse("admin:index"))
    return render(request, "organisations/admin_refused.html", status=403)
