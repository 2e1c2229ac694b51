"""The cross-document linker: where did each SSK activity go?

* :mod:`~ppsp.rules.linking.text`: names as the linker reads them (stemming, thesaurus);
* :mod:`~ppsp.rules.linking.agencies` and :mod:`~ppsp.rules.linking.places`: agencies and
  locations as planners compare them;
* :mod:`~ppsp.rules.linking.evidence`: the evidence of a link and its fitted weights;
* :mod:`~ppsp.rules.linking.linker`: candidates, evidence, outcome; code inference;
* :mod:`~ppsp.rules.linking.model`: what the linker answers.

Nothing here imports the rules engine.
"""

from __future__ import annotations

from ppsp.rules.linking.evidence import FEATURES, Evidence, Weights
from ppsp.rules.linking.inference import infer_codes, with_inferred_codes
from ppsp.rules.linking.linker import LinkOptions, link
from ppsp.rules.linking.model import (
    PLANNING_KINDS,
    Candidate,
    InferredCode,
    Link,
    Linkage,
    LinkMethod,
    Target,
    Trace,
    TraceStatus,
)
from ppsp.rules.linking.text import Reader, Thesaurus, ThesaurusEntry

__all__ = [
    "FEATURES",
    "PLANNING_KINDS",
    "Candidate",
    "Evidence",
    "InferredCode",
    "Link",
    "LinkMethod",
    "LinkOptions",
    "Linkage",
    "Reader",
    "Target",
    "Thesaurus",
    "ThesaurusEntry",
    "Trace",
    "TraceStatus",
    "Weights",
    "infer_codes",
    "link",
    "with_inferred_codes",
]
