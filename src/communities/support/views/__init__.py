"""Support room pages: plans (plans.py), carers and emergency plans (carers.py), the contact's one-time page
(public.py)."""
