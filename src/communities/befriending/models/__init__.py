"""Befriending: befrienders (volunteers who befriend), cases from referral to match and meetings, loneliness
measures at 0, 3 and 6 months, and the check-in rota."""

from .befrienders import Befriender, Communication
from .cases import BefriendingCase, CheckIn, LonelinessMeasure, MeasurePoint, Stage

__all__ = ["Befriender", "BefriendingCase", "CheckIn", "Communication", "LonelinessMeasure", "MeasurePoint", "Stage"]
