"""Sanitation subsectors (subsektor sanitasi).

The core subsectors of PPSP documents are air limbah domestik, persampahan and drainase
lingkungan, with PHBS/promosi higiene beside them (domain brief 2.4, confirmed from BPS chapters);
some SSKs also set air minum targets. ``LINTAS_SEKTOR`` holds cross-cutting work (institutions,
regulation, permukiman).

>>> Subsector.parse("A. AIR LIMBAH DOMESTIK")
<Subsector.AIR_LIMBAH_DOMESTIK: 'air-limbah-domestik'>
>>> Subsector.parse("Persampahan").label("en")
'Solid waste'
>>> Subsector.parse("PHBS")
<Subsector.PHBS_HIGIENE: 'phbs-higiene'>
>>> sorted(s.value for s in CORE_SUBSECTORS)
['air-limbah-domestik', 'drainase-lingkungan', 'persampahan']
"""

from __future__ import annotations

from typing import Final

from ppsp.domain.labels import LabelledEnum, labelled

__all__ = ["CORE_SUBSECTORS", "Subsector"]


@labelled(
    "subsector",
    {
        "air limbah": "air-limbah-domestik",
        "air limbah domestik": "air-limbah-domestik",
        "pengelolaan air limbah": "air-limbah-domestik",
        "al": "air-limbah-domestik",
        "spald": "air-limbah-domestik",
        "wastewater": "air-limbah-domestik",
        "sampah": "persampahan",
        "persampahan": "persampahan",
        "ps": "persampahan",
        "solid waste": "persampahan",
        "drainase": "drainase-lingkungan",
        "drainase lingkungan": "drainase-lingkungan",
        "drainase perkotaan": "drainase-lingkungan",
        "dr": "drainase-lingkungan",
        "drainage": "drainase-lingkungan",
        "phbs": "phbs-higiene",
        "higiene": "phbs-higiene",
        "hygiene": "phbs-higiene",
        "promosi higiene": "phbs-higiene",
        "phbs dan promosi higiene": "phbs-higiene",
        "perilaku hidup bersih dan sehat": "phbs-higiene",
        "stbm": "phbs-higiene",
        "air minum": "air-minum",
        "am": "air-minum",
        "drinking water": "air-minum",
        "lintas sektor": "lintas-sektor",
        "kelembagaan": "lintas-sektor",
        "cross cutting": "lintas-sektor",
    },
)
class Subsector(LabelledEnum):
    """A sanitation subsector."""

    AIR_LIMBAH_DOMESTIK = "air-limbah-domestik"
    PERSAMPAHAN = "persampahan"
    DRAINASE_LINGKUNGAN = "drainase-lingkungan"
    PHBS_HIGIENE = "phbs-higiene"
    AIR_MINUM = "air-minum"
    LINTAS_SEKTOR = "lintas-sektor"

    @property
    def is_core(self) -> bool:
        """Air limbah domestik, persampahan or drainase lingkungan."""
        return self in CORE_SUBSECTORS


#: The three core subsectors every SSK is expected to cover (rule STR002).
CORE_SUBSECTORS: Final = frozenset(
    {Subsector.AIR_LIMBAH_DOMESTIK, Subsector.PERSAMPAHAN, Subsector.DRAINASE_LINGKUNGAN}
)
