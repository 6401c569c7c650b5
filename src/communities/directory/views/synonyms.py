"""Directory editors: the words Find help treats as meaning the same ("foodbank", "food bank", "food parcel")."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.core.access import requires
from communities.core.forms import GovukForm

from ..services import synonyms
from ..services.search_index import words

MAX_PHRASES = 20


class SynonymForm(GovukForm):
    """Kept here rather than in forms.py: used by this page only."""

    phrases = forms.CharField(
        label="Words or phrases that mean the same", max_length=1000,
        help_text="Separate them with commas, for example: foodbank, food bank, food parcel",
        error_messages={"required": "Enter at least two words or phrases, separated by commas"})
    rationale = forms.CharField(label="Why they mean the same (optional)", required=False, max_length=1000,
                                widget=forms.Textarea(attrs={"rows": 3}))

    def clean_phrases(self) -> list[str]:
        phrases = []
        for part in self.cleaned_data["phrases"].split(","):
            phrase = " ".join(words(part))
            if phrase and phrase not in phrases:
                phrases.append(phrase)
        if len(phrases) < 2:
            raise forms.ValidationError("Enter at least two words or phrases, separated by commas")
        if len(phrases) > MAX_PHRASES:
            raise forms.ValidationError(f"Enter at most {MAX_PHRASES} words or phrases in one group")
        return phrases


@requires("directory.approve_change")
@require_http_methods(["GET", "POST"])
def search_words(request):
    groups = synonyms.groups_for_council()
    editing = None
    wanted = request.POST.get("group") or request.GET.get("edit")
    if wanted:
        editing = groups.filter(pk=wanted).first() if _is_uuid(wanted) else None
        if editing is None:
            raise Http404
    if request.method == "POST" and request.POST.get("action") == "delete" and editing is not None:
        synonyms.delete_group(actor=request.user, group=editing, request=request)
        messages.success(request, f"Removed: {editing.phrases}")
        return redirect("directory:search_words")
    initial = {"phrases": editing.phrases, "rationale": editing.rationale} if editing else None
    form = SynonymForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        group = synonyms.save_group(actor=request.user, group=editing, phrases=form.cleaned_data["phrases"],
                                    rationale=form.cleaned_data["rationale"], request=request)
        messages.success(request, f"Saved: {group.phrases}. Find help uses it from now on.")
        return redirect("directory:search_words")
    return render(request, "directory/editor/search_words.html", {"groups": groups, "form": form, "editing": editing})


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
