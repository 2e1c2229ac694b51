"""The five policy directions (arah kebijakan) of PPSP.

The wording comes from the news reports of PPSP events (Lebong 2024; domain brief 0.1) and is
not yet confirmed against the programme manual [unconfirmed].

>>> PolicyDirection.from_number(3)
<PolicyDirection.INFRASTRUKTUR_LAYANAN: 'infrastruktur-layanan'>
>>> PolicyDirection.parse("Peningkatan perubahan perilaku masyarakat").number
4
>>> PolicyDirection.parse("AK 5")
<PolicyDirection.KERJASAMA_PENDANAAN: 'kerjasama-pendanaan'>

A region states its directions in its own words; the longest phrase a text contains decides:

>>> [PolicyDirection.parse(t).number for t in ("Peningkatan akses layanan",
...     "Penguatan kelembagaan & regulasi", "Pengurangan genangan", "Behaviour change")]
[3, 1, 3, 4]
"""

from __future__ import annotations

import re
from typing import Self

from ppsp.domain.labels import LabelledEnum, labelled
from ppsp.errors import UnknownCode
from ppsp.i18n import N_

__all__ = ["PolicyDirection"]


@labelled(
    "policy-direction",
    {
        "kapasitas institusi": "kapasitas-institusi",
        "kapasitas kelembagaan": "kapasitas-institusi",
        "peningkatan kapasitas institusi": "kapasitas-institusi",
        "komitmen kepala daerah": "komitmen-kepala-daerah",
        "komitmen": "komitmen-kepala-daerah",
        "pengembangan infrastruktur": "infrastruktur-layanan",
        "infrastruktur dan layanan": "infrastruktur-layanan",
        "infrastruktur": "infrastruktur-layanan",
        "perubahan perilaku": "perubahan-perilaku",
        "perilaku masyarakat": "perubahan-perilaku",
        "kerjasama": "kerjasama-pendanaan",
        "kerja sama": "kerjasama-pendanaan",
        "pola pendanaan": "kerjasama-pendanaan",
        "pendanaan": "kerjasama-pendanaan",
        # the words a region's own statements of its directions use (planning usage,
        # [unconfirmed]); the longest phrase a text contains decides
        "kelembagaan": "kapasitas-institusi",
        "regulasi": "kapasitas-institusi",
        "kapasitas": "kapasitas-institusi",
        "institutional": "kapasitas-institusi",
        "capacity": "kapasitas-institusi",
        "advokasi": "komitmen-kepala-daerah",
        "commitment": "komitmen-kepala-daerah",
        "akses": "infrastruktur-layanan",
        "layanan": "infrastruktur-layanan",
        "sarana dan prasarana": "infrastruktur-layanan",
        "prasarana": "infrastruktur-layanan",
        "genangan": "infrastruktur-layanan",
        "infrastructure": "infrastruktur-layanan",
        "access": "infrastruktur-layanan",
        "service": "infrastruktur-layanan",
        "perilaku": "perubahan-perilaku",
        "behaviour": "perubahan-perilaku",
        "behavior": "perubahan-perilaku",
        "kesadaran": "perubahan-perilaku",
        "stbm": "perubahan-perilaku",
        "phbs": "perubahan-perilaku",
        "pembiayaan": "kerjasama-pendanaan",
        "kemitraan": "kerjasama-pendanaan",
        "financing": "kerjasama-pendanaan",
        "funding": "kerjasama-pendanaan",
        "partnership": "kerjasama-pendanaan",
    },
)
class PolicyDirection(LabelledEnum):
    """One of the five arah kebijakan, numbered 1-5 in the order the sources give them."""

    KAPASITAS_INSTITUSI = "kapasitas-institusi"
    KOMITMEN_KEPALA_DAERAH = "komitmen-kepala-daerah"
    INFRASTRUKTUR_LAYANAN = "infrastruktur-layanan"
    PERUBAHAN_PERILAKU = "perubahan-perilaku"
    KERJASAMA_PENDANAAN = "kerjasama-pendanaan"

    @property
    def number(self) -> int:
        """1-5."""
        return list(type(self)).index(self) + 1

    @classmethod
    def from_number(cls, number: int) -> PolicyDirection:
        """The direction numbered ``number`` (1-5)."""
        members = list(cls)
        if not 1 <= number <= len(members):
            raise UnknownCode(N_("policy-direction.number"), value=number)
        return members[number - 1]

    @classmethod
    def _parse_special(cls, raw: str) -> Self | None:
        """A direction from its number: ``3``, ``AK 3``, ``Arah Kebijakan 3``."""
        match = re.fullmatch(
            r"\s*(?:arah\s+kebijakan|ak|kebijakan)?\s*(?:ke\s*-?\s*)?([1-5])\s*\.?\s*", raw, re.I
        )
        return list(cls)[int(match.group(1)) - 1] if match else None
