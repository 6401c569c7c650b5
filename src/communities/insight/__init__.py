"""Insight: the Council Plan's outcomes framework ("What success looks like").

Indicators under the four key moves, values by area and period imported by CSV (or the demo's synthetic set),
confidence intervals and comparisons from :mod:`communities.stats`, server-rendered SVG charts with data tables and
CSV downloads, and the annual Cabinet report (HTML and PDF). Aggregate statistics only: no personal data.
"""
