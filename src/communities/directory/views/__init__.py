"""Views: public Find help pages (public.py) and the private editors' pages (editor.py, review.py, data.py)."""
