"""The typed domain of PPSP: values, documents and the bundle of one region.

Everything here is a frozen, slotted attrs class, validated on construction, without I/O.
Import what you need from this package:

>>> from ppsp.domain import RegionCode, NomenclatureCode, Rupiah, PlanPeriod
>>> RegionCode.parse("6210"), NomenclatureCode.parse("1.03.05.02.01.0036")
(RegionCode('62.10'), NomenclatureCode('1.03.05.2.01.0036'))
"""

from ppsp.domain.access import AccessLevel, AccessProfile
from ppsp.domain.agency import Agency, WorkingGroup, WorkingGroupKind, agency_key
from ppsp.domain.bundle import RegionBundle
from ppsp.domain.diagnostics import Diagnostic, DiagnosticCode, ImportFinding, Severity
from ppsp.domain.documents import (
    DPA,
    RKPD,
    RPJMD,
    AccessMeasure,
    Adoption,
    BudgetLine,
    BukuPutihSanitasi,
    Commitment,
    CostShare,
    Document,
    DocumentKind,
    Funding,
    Indicator,
    Line,
    MemorandumProgram,
    PlanLine,
    Record,
    RenjaPD,
    RenstraLine,
    RenstraPD,
    RiskArea,
    RPJMDProgram,
    SSKActivity,
    StatedTotal,
    StrategiSanitasi,
    Strategy,
    Target,
    YearAmount,
    YearTarget,
)
from ppsp.domain.extras import Extras
from ppsp.domain.funding import FundingSource, from_sipd_code
from ppsp.domain.implementation import (
    Event,
    EventKind,
    ImplementationRecord,
    MilestoneCode,
    MilestoneState,
    MilestoneStatus,
    ReadinessCriteria,
    ReportRecipient,
    ReportSent,
    parse_event_title,
)
from ppsp.domain.kinds import KINDS, KindSpec, kind_spec
from ppsp.domain.lazy import LazySequence
from ppsp.domain.location import SourceLocation
from ppsp.domain.money import Rupiah, Scale
from ppsp.domain.nomenclature import (
    CodeLevel,
    CodeList,
    CodeListEntry,
    CodeLists,
    Decree,
    GovernmentLevel,
    NomenclatureCode,
    sanitation_code_lists,
)
from ppsp.domain.period import FiscalYear, PlanPeriod, parse_date
from ppsp.domain.policy import PolicyDirection
from ppsp.domain.region import (
    Region,
    RegionCode,
    RegionKind,
    RegionRegister,
    TimeZone,
    default_register,
)
from ppsp.domain.subsector import Subsector

__all__ = [
    "DPA",
    "KINDS",
    "RKPD",
    "RPJMD",
    "AccessLevel",
    "AccessMeasure",
    "AccessProfile",
    "Adoption",
    "Agency",
    "BudgetLine",
    "BukuPutihSanitasi",
    "CodeLevel",
    "CodeList",
    "CodeListEntry",
    "CodeLists",
    "Commitment",
    "CostShare",
    "Decree",
    "Diagnostic",
    "DiagnosticCode",
    "Document",
    "DocumentKind",
    "Event",
    "EventKind",
    "Extras",
    "FiscalYear",
    "Funding",
    "FundingSource",
    "GovernmentLevel",
    "ImplementationRecord",
    "ImportFinding",
    "Indicator",
    "KindSpec",
    "LazySequence",
    "Line",
    "MemorandumProgram",
    "MilestoneCode",
    "MilestoneState",
    "MilestoneStatus",
    "NomenclatureCode",
    "PlanLine",
    "PlanPeriod",
    "PolicyDirection",
    "RPJMDProgram",
    "ReadinessCriteria",
    "Record",
    "Region",
    "RegionBundle",
    "RegionCode",
    "RegionKind",
    "RegionRegister",
    "RenjaPD",
    "RenstraLine",
    "RenstraPD",
    "ReportRecipient",
    "ReportSent",
    "RiskArea",
    "Rupiah",
    "SSKActivity",
    "Scale",
    "Severity",
    "SourceLocation",
    "StatedTotal",
    "StrategiSanitasi",
    "Strategy",
    "Subsector",
    "Target",
    "TimeZone",
    "WorkingGroup",
    "WorkingGroupKind",
    "YearAmount",
    "YearTarget",
    "agency_key",
    "default_register",
    "from_sipd_code",
    "kind_spec",
    "parse_date",
    "parse_event_title",
    "sanitation_code_lists",
]
