"""HSDS 3.0 / ORUK 3.0 entities (ids are UUIDs, as the standard requires) and the editors' workflow records."""

from .core import (  # noqa: F401
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    DirectoryOrganisation,
    Funding,
    Language,
    Location,
    OrganisationIdentifier,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceStatus,
)
from .search import SearchSynonym  # noqa: F401
from .taxonomy import Taxonomy, TaxonomyTerm  # noqa: F401
from .workflow import ChangeRequest, Chase, Feedback, PublicRevision, ServiceVersion  # noqa: F401
