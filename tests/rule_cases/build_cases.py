"""Write the rule test cases of this folder from tests/rulekit.py: one case per rule that makes
it fire, and one that keeps every rule silent on the clean bundle.

    python tests/rule_cases/build_cases.py

The cases are data: an auditor can copy a folder, edit its bundle.json and case.json, and the
test suite runs it (tests/test_rule_cases.py). Their format: ppsp.io.cases.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from ppsp.io.cases import load_case, run_case  # noqa: E402
from ppsp.io.json import dumps  # noqa: E402
from ppsp.rules import builtin_rules  # noqa: E402
from rulekit import MUTATIONS, SITUATIONS, TODAY, YEAR, clean_bundle  # noqa: E402


def _write(folder: Path, spec: dict[str, object], bundle_json: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "case.json").write_text(
        json.dumps(spec, ensure_ascii=False, indent=2) + "\n", "utf-8"
    )
    (folder / "bundle.json").write_text(bundle_json, "utf-8")


def main() -> None:
    for old in HERE.iterdir():
        if old.is_dir() and (old / "case.json").exists():
            shutil.rmtree(old)
    clean = clean_bundle()
    _write(
        HERE / "clean-bundle-is-silent",
        {
            "description": "a complete, consistent bundle: every rule passes",
            "year": YEAR,
            "today": TODAY,
            "expect": {r.id: {"status": "passed"} for r in builtin_rules()},
        },
        dumps(clean, indent=2),
    )
    for name, (description, change, rule_id, status) in SITUATIONS.items():
        _write(
            HERE / name,
            {
                "description": description,
                "year": YEAR,
                "today": TODAY,
                "select": [rule_id],
                "expect": {rule_id: {"status": status}},
            },
            dumps(change(clean), indent=2),
        )
    for rule_id, (description, mutate) in MUTATIONS.items():
        folder = HERE / f"{rule_id}-fires"
        _write(
            folder,
            {
                "description": description,
                "year": YEAR,
                "today": TODAY,
                "select": [rule_id],
                "expect": {rule_id: {"status": "issues"}},
            },
            dumps(mutate(clean), indent=2),
        )
        # record what the rule found, so that a change of behaviour shows in review
        result = run_case(load_case(folder))
        found = [
            {
                "severity": f.severity.value,
                "key": f.key,
                **({"subject": f.subject.key} if f.subject else {}),
            }
            for f in result.report.findings
        ]
        spec = json.loads((folder / "case.json").read_text("utf-8"))
        spec["expect"][rule_id]["findings"] = found
        (folder / "case.json").write_text(
            json.dumps(spec, ensure_ascii=False, indent=2) + "\n", "utf-8"
        )
        print(folder.name, len(found))


if __name__ == "__main__":
    main()
