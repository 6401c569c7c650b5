"""Activities (OpenActive): the feeds followed, what they publish and when it happens."""

from .feeds import Feed, FeedRun
from .sessions import Activity, Session

__all__ = ["Activity", "Feed", "FeedRun", "Session"]
