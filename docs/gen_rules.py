"""Write docs/rules.rst, the rule reference, from the registry (both languages, legal basis).

    python docs/gen_rules.py

tests/test_docs.py fails when the committed page differs from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from ppsp.rules import builtin_rules

HERE = Path(__file__).resolve().parent


def _title(text: str, under: str) -> list[str]:
    return [text, under * len(text), ""]


def reference() -> str:
    lines = _title("Rule reference", "=")
    lines += [
        "Every rule of the built-in catalogue, generated from the registry "
        "(``python docs/gen_rules.py``). Rule ids are a public contract: they are never "
        "renumbered or reused. Run ``ppsp rules`` for the same list in a terminal, or "
        "``ppsp rules --format json``.",
        "",
        "Each rule ends a check in one status: *passed*, *issues*, *skipped* (with the reason, "
        "e.g. the RKPD of the year is absent) or *errored* (with the exception's summary).",
        "",
    ]
    for rule in builtin_rules():
        lines += _title(f"{rule.id} — {rule.title_text('en')}", "-")
        lines += [
            f"*{rule.title_text('id')}*",
            "",
            f":Severity: {rule.severity.value}",
            f":Version: {rule.version}",
            f":Tags: {', '.join(sorted(rule.tags))}",
        ]
        if rule.requires:
            lines.append(f":Needs: {', '.join(k.value for k in rule.requires)}")
        if rule.valid_from or rule.valid_to:
            lines.append(f":Valid: {rule.valid_from or ''}-{rule.valid_to or ''}")
        lines.append("")
        lines += [rule.explanation_text("en"), "", f"*{rule.explanation_text('id')}*", ""]
        if rule.legal_basis:
            lines.append("Legal basis:")
            lines.append("")
            lines += [f"- {c.describe('en')}" for c in rule.legal_basis]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    (HERE / "rules.rst").write_text(reference(), encoding="utf-8")
    print("wrote", HERE / "rules.rst")
