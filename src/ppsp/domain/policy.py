"""The five policy directions (arah kebijakan) of PPSP.

The wording comes from the news reports of PPSP events (Lebong 2024; domain brief 0.1) and is
not yet confirmed against the programme manual [unconfirmed].

>>> PolicyDirection.from_number(3)
<PolicyDirection.INFRASTRUKTUR_LAYANAN: 'infrastruktur-layanan'>
>>> PolicyDirection.parse("Peningkatan perubahan perilaku masyarakat").number
4
>>> PolicyDirection.parse("AK 5")
<PolicyDirection.KERJASAMA_PENDANAAN: 'kerjasama-pendanaan'>
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
