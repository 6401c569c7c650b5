"""Server-rendered SVG charts: each has a <title> and <desc> and is paired with a data table on its page."""

from .bars import Bar, decile_bars, ward_bars
from .map import class_of, ward_map
from .series import Benchmark, Point, spc_chart, time_series

__all__ = ["Bar", "Benchmark", "Point", "class_of", "decile_bars", "spc_chart", "time_series", "ward_bars", "ward_map"]
