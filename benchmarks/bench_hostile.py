"""Benchmark: time and peak memory of ``ppsp`` on every row of the hostile-input table of issue
15 that can be generated, against a baseline (the check of a small valid bundle) measured in the
same run.

    python benchmarks/bench_hostile.py [--full] [--only NAME,NAME] [--fuzz SECONDS]

Each input is made by :mod:`ppsp.testing.hostile` (the RKPD sheet here) and each command runs
through the command line in a child process of its own, under a timeout (120 s; 900 s for the
RKPD import; 1,800 s for the 500 MB bundle, whose check is the audit of 4.4 million activities);
the peak memory is the child's maximum resident set size (``wait4``). Sizes are those of the attack report with ``--full`` (a 1 GB zip bomb, 1 GB of
unclosed rows, a 1,048,571-line RKPD, a 300 MB CSV line, a 500 MB bundle) and a tenth of them by
default. A run is a crash when its exit code is not 0, 1 or 2 (or it timed out). The table ends
with the number of generated inputs, of runs, of crashes and of distinct messages (stderr lines
with paths and numbers taken out). ``--fuzz SECONDS`` also runs the coverage-guided target
(``tests/fuzz_ppsp.py``) from ``tests/fuzz_corpus`` for that long and prints its executions.
A benchmark, not a test: it prints, it does not judge.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from peak import PEAK_PRELUDE  # benchmarks/peak.py (this folder is on the path when run)

from ppsp.testing.hostile import HOSTILE, bundle_json, write_xlsx_parts

_MB = 1 << 20
FULL = {
    "xlsx-zip-bomb": 1024 * _MB,
    "xlsx-unclosed-rows": 1024 * _MB,
    "rkpd-lines": 1_048_571,
    "csv-long-line": 300 * _MB,
    "csv-unbalanced-quote": 1_200_000,
    "json-deep": 100_000,
    "json-long-text": 100_000,
    "json-large": 500 * _MB,
}
#: the timeouts (seconds) of the inputs that take longer than 120 s at the attack report's size
_TIMEOUTS = {"rkpd-lines": 900.0, "json-large": 1800.0}
_TODAY = ["--today", "2025-06-01", "--generated-at", "2025-06-01T00:00:00Z"]


#: the child: ppsp's command line, writing its own peak resident memory on exit (see peak.py)
_CHILD = (
    PEAK_PRELUDE
    + """
sys.argv = ["ppsp", *sys.argv[2:]]
from ppsp.cli import main
raise SystemExit(main())
"""
)


def _child(args: list[str], timeout: float = 120.0) -> tuple[int | str, float, int, str]:
    """Run ``ppsp ARGS`` in a child; its exit code, seconds, peak RSS (bytes), stderr."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as peak:
        process = subprocess.Popen(
            [sys.executable, "-c", _CHILD, peak.name, *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, "PPSP_LANG": "en"},
        )
        pid, status, usage = _wait(process, started + timeout)
        seconds = time.perf_counter() - started
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        written = Path(peak.name).read_text() or "0"
    code: int | str = os.waitstatus_to_exitcode(status) if pid else "timeout"
    rss = int(written) if written.strip() != "0" else usage.ru_maxrss * 1024  # killed: no exit
    return code, seconds, rss, text


def _wait(process: subprocess.Popen[bytes], deadline: float) -> tuple[int, int, Any]:
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            return pid, status, usage
        if time.perf_counter() > deadline:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            return 0, status, usage
        time.sleep(0.02)


def _messages(text: str, folder: Path) -> list[str]:
    """The messages of a run, with the paths and numbers taken out."""
    lines = []
    for line in text.splitlines():
        line = line.replace(str(folder) + "/", "").replace(str(folder), "")
        if line.startswith(("recognised", "Wrote", "/")) or not line.strip():
            continue
        lines.append(re.sub(r"\d+", "N", line)[:160])
    return lines


def rkpd_sheet(folder: Path, lines: int) -> Path:
    """An RKPD sheet of ``lines`` real-looking lines under a title and a header row (what
    ``ppsp import`` recognises), streamed into the zip."""
    head = [
        "Kode",
        "Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja",
        "Target",
        "Lokasi",
        "Pagu Indikatif (Rp)",
        "Sumber Dana",
        "Prakiraan Maju Pagu",
        "Perangkat Daerah",
        "Keterangan",
    ]
    codes = [f"1.03.05.2.01.{i:04d}" for i in range(18, 46)]

    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    def body() -> Iterator[bytes]:
        yield b"<sheetData>"
        yield f'<row r="1">{text("A1", "RKPD KABUPATEN GUNUNG MAS TAHUN 2025")}</row>'.encode()
        cells = "".join(text(f"{chr(65 + c)}3", h) for c, h in enumerate(head))
        yield f'<row r="3">{cells}</row>'.encode()
        block = []
        for i in range(lines):
            r = i + 4
            block.append(
                f'<row r="{r}">{text(f"A{r}", codes[i % 28])}'
                f"{text(f'B{r}', f'Sub kegiatan sanitasi nomor {i}')}"
                f"{text(f'C{r}', 'Kapasitas terpasang')}{text(f'D{r}', f'{i % 50} unit')}"
                f"{text(f'E{r}', f'Kecamatan {i % 12}')}"
                f'<c r="F{r}"><v>{1_000_000 + i * 1000}</v></c>{text(f"G{r}", "APBD Kab")}'
                f'<c r="H{r}"><v>{1_100_000 + i * 1000}</v></c>'
                f"{text(f'I{r}', 'Dinas Pekerjaan Umum dan Penataan Ruang')}</row>"
            )
            if len(block) == 10_000:
                yield "".join(block).encode()
                block = []
        yield "".join(block).encode()
        yield b"</sheetData>"

    return write_xlsx_parts(folder / "rkpd.xlsx", [("RKPD", "visible", body())])


Command = Callable[[Path, Path], list[str]]


def _import(path: Path, out: Path) -> list[str]:
    return ["import", str(path), "-o", str(out / "imported.json")]


def _check(*options: str) -> Command:
    def command(path: Path, out: Path) -> list[str]:
        fmt = options[1] if options[:1] == ("--format",) else None
        target = ["-o", str(out / f"report.{fmt}")] if fmt else []
        return ["check", str(path), *options, *target, *_TODAY]

    return command


def _export(to: str) -> Command:
    return lambda path, out: ["export", str(path), "--to", to, "-o", str(out / f"export-{to}")]


#: (the issue's row, the input's name, [(what is run, the command)]) in the issue's order
TABLE: list[tuple[str, str, list[tuple[str, Command]]]] = [
    ("xlsx whose sheet unpacks to 1 GB", "xlsx-zip-bomb", [("import", _import)]),
    ("xlsx of 1 GB of <row> never closed", "xlsx-unclosed-rows", [("import", _import)]),
    ("RKPD sheet of 1,048,571 real lines", "rkpd-lines", [("import", _import)]),
    (
        "500 MB bundle JSON",
        "json-large",
        [("check", _check()), ("export csv", _export("csv"))],
    ),
    (
        'money "1e999999999" in a bundle',
        "json-money-exponent",
        [
            ("export json", _export("json")),
            ("export csv", _export("csv")),
            ("export xlsx", _export("xlsx")),
            ("check html", _check("--format", "html")),
        ],
    ),
    (
        "money string of 4,001 digits",
        "json-money-digits",
        [("check " + f, _check("--format", f)) for f in ("text", "md", "html", "xlsx", "json")],
    ),
    ("JSON nested 100,000 levels", "json-deep", [("check", _check())]),
    ("CSV with one 300 MB line", "csv-long-line", [("import", _import)]),
    ("1.2 MB CSV, an unbalanced quote", "csv-unbalanced-quote", [("import", _import)]),
    ("small CSV, an unbalanced quote", "csv-swallowed", [("import", _import)]),
    ("JSON in UTF-16 (CLI)", "json-utf16", [("check", _check())]),
    ("JSON with an invalid UTF-8 byte", "json-bad-byte", [("check", _check())]),
    (
        "lone surrogate \\ud800 in a name",
        "json-surrogate",
        [("export json", _export("json")), ("export csv", _export("csv"))],
    ),
    (
        "ESC, BEL, CR, NUL in names",
        "json-control",
        [("check", _check()), ("check xlsx", _check("--format", "xlsx"))],
    ),
    (
        "<script>, <img onerror> in names",
        "json-markup",
        [("check md", _check("--format", "md")), ("check html", _check("--format", "html"))],
    ),
    ("-o equal to an input", "output-is-input", []),
    ("kill -9 during a write", "killed-write", []),
    ("two processes writing one output", "two-writers", []),
    ("symlinked -o", "symlinked-output", []),
    (
        "hidden and veryHidden sheets",
        "xlsx-hidden",
        [("import", _import)],
    ),
    ("  the same, ods", "ods-hidden", [("import", _import)]),
    ("  the same, xlsb", "xlsb-hidden", [("import", _import)]),
    ("  the same, xls", "xls-hidden", [("import", _import)]),
    ("a 100,000-character cell", "json-long-text", [("export xlsx", _export("xlsx"))]),
    ("HTML report run twice", "html-twice", []),
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "-"


class Bench:
    def __init__(self, folder: Path, full: bool) -> None:
        self.folder = folder
        self.full = full
        self.inputs = 0
        self.runs = 0
        self.crashes = 0
        self.messages: set[str] = set()
        self.base = folder / "baseline.json"
        self.base.write_text(json.dumps(bundle_json()), encoding="utf-8")
        _, self.base_seconds, self.base_rss, _ = _child(["check", str(self.base), *_TODAY])

    def size_of(self, name: str) -> int:
        size = FULL.get(name, 0)
        if name == "rkpd-lines":  # lines, not bytes
            return size if self.full else size // 10
        return size if self.full or size <= 10 * _MB else size // 10

    def make(self, name: str) -> Path:
        self.inputs += 1
        if name == "rkpd-lines":
            return rkpd_sheet(self.folder, self.size_of(name))
        return HOSTILE[name](self.folder, self.size_of(name))

    def row(
        self,
        label: str,
        name: str,
        what: str,
        size: float,
        result: tuple[int | str, float, int, str],
    ) -> None:
        code, seconds, rss, err = result
        self.runs += 1
        self.crashes += code not in (0, 1, 2)
        said = _messages(err, self.folder)
        self.messages |= set(said)
        first = said[0] if said else "-"
        print(
            f"{label:36.36} {what:12} {size / _MB:9.1f} {code!s:>7} {seconds:8.2f} "
            f"{seconds / self.base_seconds:6.1f} {rss / _MB:8.0f} {rss / self.base_rss:6.1f}  "
            f"{first[:90]}"
        )

    def outcome(
        self, label: str, what: str, code: int | str, seconds: float, rss: int, said: str
    ) -> None:
        self.row(label, "", what, 0, (code, seconds, rss, ""))
        print(f"{'':36} -> {said}")

    def special(self, label: str, name: str) -> None:
        out = self.folder / name
        out.mkdir()
        if name == "output-is-input":
            self.inputs += 2
            book = HOSTILE["xlsx-hidden"](out, 0)
            before = _digest(book)
            result = _child(["import", str(book), "-o", str(book)])
            self.row(label, name, "import", book.stat().st_size, result)
            print(f"{'':36} -> the input unchanged: {_digest(book) == before}")
            bundle = out / "b.json"
            shutil.copy(self.base, bundle)
            before = _digest(bundle)
            result = _child(["check", str(bundle), "--format", "json", "-o", str(bundle), *_TODAY])
            self.row(label, name, "check json", bundle.stat().st_size, result)
            print(f"{'':36} -> the input unchanged: {_digest(bundle) == before}")
        elif name == "symlinked-output":
            self.inputs += 1
            target = out / "target.json"
            target.write_text("{}", encoding="utf-8")
            link = out / "link.json"
            link.symlink_to(target)
            result = _child(["check", str(self.base), "--format", "json", "-o", str(link), *_TODAY])
            self.row(label, name, "check json", 0, result)
            print(f"{'':36} -> the link's target unchanged: {target.read_text() == '{}'}")
        elif name == "two-writers":
            self.inputs += 1
            target = out / "report.xlsx"
            args = ["check", str(self.base), "--format", "xlsx", "-o", str(target), *_TODAY]
            started = time.perf_counter()
            peaks = [out / f"peak{n}" for n in (1, 2)]
            processes = [
                subprocess.Popen(
                    [sys.executable, "-c", _CHILD, str(peak), *args],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for peak in peaks
            ]
            waited = [_wait(p, started + 120) for p in processes]
            seconds = time.perf_counter() - started
            codes = [os.waitstatus_to_exitcode(s) if pid else "timeout" for pid, s, _ in waited]
            rss = max(int(p.read_text() or 0) if p.exists() else 0 for p in peaks)
            try:
                with zipfile.ZipFile(target) as archive:
                    whole = archive.testzip() is None
            except (zipfile.BadZipFile, OSError):
                whole = False
            for code in codes:
                self.row(label, name, "check xlsx", 0, (code, seconds, rss, ""))
            print(f"{'':36} -> exits {codes}, the xlsx is whole: {whole}")
        elif name == "killed-write":
            self.inputs += 1
            source = HOSTILE["json-large"](out, self.size_of("json-large") // 5)
            target = out / "copy.json"
            shutil.copy(self.base, target)
            before = _digest(target)
            args = ["export", str(source), "--to", "json", "-o", str(target)]
            started = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-m", "ppsp.cli", *args],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(1.5)
            process.kill()  # SIGKILL: no handler runs
            _, _, usage = os.wait4(process.pid, 0)
            seconds = time.perf_counter() - started
            self.row(
                label,
                name,
                "export json",
                source.stat().st_size,
                ("killed", seconds, usage.ru_maxrss * 1024, ""),
            )
            self.crashes -= 1  # killed on purpose
            after = _digest(target)
            left = sorted(p.name for p in out.iterdir() if p.name not in ("copy.json", source.name))
            # (its peak is wait4's, which counts this process's memory at the fork too)
            print(
                f"{'':36} -> the earlier output intact: {after == before}; "
                f"left in the folder: {left or 'nothing'}"
            )
        elif name == "html-twice":
            reports = []
            for n in (1, 2):
                path = out / f"report{n}.html"
                result = _child(
                    ["check", str(self.base), "--format", "html", "-o", str(path), *_TODAY]
                )
                self.row(label, name, f"check html {n}", 0, result)
                reports.append(path.read_bytes() if path.exists() else b"")
            print(f"{'':36} -> byte-identical: {reports[0] == reports[1] and bool(reports[0])}")

    def run(self, only: set[str] | None) -> None:
        print(
            f"baseline: check of a one-activity bundle {self.base_seconds:.2f} s, "
            f"{self.base_rss / _MB:.0f} MiB"
        )
        print(
            f"{'the issue’s row':36} {'run':12} {'size MiB':>9} {'exit':>7} {'seconds':>8} "
            f"{'x base':>6} {'peak MiB':>8} {'x base':>6}  first message"
        )
        listed = {name for _, name, _ in TABLE}
        rows = list(TABLE) + [
            ("(also generated)", n, [("import", _import)]) for n in HOSTILE if n not in listed
        ]
        for label, name, commands in rows:
            if only and name not in only:
                continue
            if not commands:
                self.special(label, name)
                continue
            path = self.make(name)
            out = self.folder / f"out-{name}"
            out.mkdir()
            if path.suffix == ".json" and commands[0][0] == "import":
                commands = [("check", _check())]
            for what, command in commands:
                timeout = _TIMEOUTS.get(name, 120.0)
                result = _child(command(path, out), timeout=timeout)
                self.row(label, name, what, path.stat().st_size, result)
            path.unlink()
            shutil.rmtree(out)
        print(
            f"generated inputs: {self.inputs}, runs: {self.runs}, crashes (exit not 0/1/2, or "
            f"a timeout): {self.crashes}, distinct messages: {len(self.messages)}"
        )


def fuzz(seconds: int) -> None:
    """Run the coverage-guided target for ``seconds`` from a copy of the corpus."""
    here = Path(__file__).resolve().parent.parent / "tests"
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        shutil.copytree(here / "fuzz_corpus", corpus)
        done = subprocess.run(
            [
                sys.executable,
                str(here / "fuzz_ppsp.py"),
                f"-max_total_time={seconds}",
                "-timeout=20",
                "-rss_limit_mb=3000",
                f"-artifact_prefix={folder}/",
                str(corpus),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PPSP_LANG": "en"},
        )
        runs = re.findall(r"Done (\d+) runs in (\d+) second", done.stderr)
        crashes = [
            p.name
            for p in Path(folder).iterdir()
            if p.name.startswith(("crash-", "timeout-", "oom-"))
        ]
        executed = f"{runs[-1][0]} executions in {runs[-1][1]} s" if runs else "no summary"
        print(f"fuzz: {executed}, exit {done.returncode}, findings: {crashes or 'none'}")


def main() -> None:
    full = "--full" in sys.argv
    only = None
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
    folder = Path(tempfile.mkdtemp(prefix="ppsp-hostile-"))
    try:
        Bench(folder, full).run(only)
        if "--fuzz" in sys.argv:
            fuzz(int(sys.argv[sys.argv.index("--fuzz") + 1]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
