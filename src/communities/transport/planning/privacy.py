"""Daily plans in the data-protection registry.

What a plan holds about a passenger is only links to their trip (``transport.Trip``, registered by the transport
room): run stops, the confirmation and reminder sent, and an unserved trip's reason. Each row is deleted with the
trip (on_delete CASCADE), so the trip's retention governs them; a subject access copy shows the messages sent.
"""

from __future__ import annotations

from communities.dataprotection.registry import not_personal

not_personal("transport_planning.UnservedTrip",
             "Why a trip could not be planned (a reason code and the compliance reasons of drivers, which are "
             "about the volunteers' checks, not the passenger); deleted with the trip")
