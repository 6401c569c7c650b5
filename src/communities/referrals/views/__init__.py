"""Referral pages: making one (``refer``), receiving and answering them (``inbox``), the commissioners' funnel
(``report``)."""
