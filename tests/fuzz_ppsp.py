"""Coverage-guided fuzz target (atheris, libFuzzer) for the readers and parsers of hostile input.

The first byte of an input picks the target, the rest is its data: 0 an xlsx file, 1 a CSV file,
2 JSON text, 3 a nomenclature code, 4 an amount of money, 5 a region code and a date, 6 an ods
file, 7 an xlsb file, 8 an xls file. Anything but a :class:`ppsp.PpspError` is a crash.

Run for a while with ``make fuzz`` (``FUZZ_SECONDS=600 make fuzz``); the test suite runs it for a
bounded number of inputs (tests/test_fuzz.py). Every crasher found belongs in
``tests/fuzz_corpus/`` (``crash-*``), where tests/test_fuzz.py replays it on every run.

    python tests/fuzz_ppsp.py -max_total_time=60 CORPUS_DIR tests/fuzz_corpus
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

_FOLDER = Path(tempfile.mkdtemp(prefix="ppsp-fuzz-"))
TARGETS = ("xlsx", "csv", "json", "code", "money", "region", "ods", "xlsb", "xls")


def one_input(data: bytes) -> None:
    """Feed one input to its target; raises only what is not a PpspError."""
    from ppsp import PpspError
    from ppsp.domain.money import Rupiah
    from ppsp.domain.nomenclature import NomenclatureCode
    from ppsp.domain.numeric import parse_decimal
    from ppsp.domain.period import parse_date
    from ppsp.domain.region import RegionCode
    from ppsp.io.json import loads
    from ppsp.io.sheets.importer import read_file
    from ppsp.io.sheets.workbook import read_grids

    if not data:
        return
    target, payload = TARGETS[data[0] % len(TARGETS)], data[1:]
    text = payload.decode("utf-8", "replace")
    try:
        if target in ("xlsx", "ods", "xlsb", "xls"):
            path = _FOLDER / f"fuzz.{target}"
            path.write_bytes(payload)
            read_grids(path)
        elif target == "csv":
            path = _FOLDER / "fuzz.csv"
            path.write_bytes(payload)
            read_file(path, kind="ssk", region="62.10", period="2024-2028")
        elif target == "json":
            _json(payload, loads(payload))
        elif target == "code":
            NomenclatureCode.parse(text)
        elif target == "money":
            for decimal in (None, ",", "."):
                with contextlib.suppress(PpspError):
                    Rupiah.parse(text, decimal=decimal).format("id")
            parse_decimal(text)
        else:
            RegionCode.parse(text)
            parse_date(text)
    except PpspError as error:
        error.message("en")  # the message renders, whatever the parameters


def _json(payload: bytes, whole: object) -> None:
    """The streamed load of what the whole-tree load read (in batches of a few elements) gives
    the same object, or leaves it to the whole-tree way."""
    from ppsp.io.json import codec, streaming

    old = streaming.BATCH_BYTES, streaming._SEARCH_BYTES
    setattr(streaming, "BATCH_BYTES", 16)  # noqa: B010
    setattr(streaming, "_SEARCH_BYTES", 64)  # noqa: B010
    try:
        with codec._no_collection():
            streamed = streaming.load(payload, None, False, None)
    except streaming.Unstreamable:
        return
    finally:
        setattr(streaming, "BATCH_BYTES", old[0])  # noqa: B010
        setattr(streaming, "_SEARCH_BYTES", old[1])  # noqa: B010
    assert streamed == whole, "the streamed load differs from the whole-tree load"


def main() -> None:
    import atheris

    with atheris.instrument_imports(include=["ppsp"]):
        import ppsp.domain.money
        import ppsp.domain.nomenclature
        import ppsp.domain.period
        import ppsp.domain.region
        import ppsp.io.json
        import ppsp.io.limits
        import ppsp.io.sheets.importer
        import ppsp.io.sheets.sheet_scan
        import ppsp.io.sheets.workbook  # noqa: F401
    os.environ.setdefault("PPSP_LANG", "en")
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
