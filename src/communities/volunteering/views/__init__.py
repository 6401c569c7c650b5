"""Views: public listing and feeds, the volunteer's own pages, organisers' pages, community action, impact."""
