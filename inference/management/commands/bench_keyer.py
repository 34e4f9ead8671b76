"""``manage.py bench_keyer --keyer vllm --dataset DIR --concurrency N [--json OUT]``

Throughput of a machine keyer over a folder of PDFs: documents/second, latency p50/p95 and
prompt/completion tokens per document, first sequentially (one request at a time), then with N
threads so that N requests are in flight and vLLM can batch them.

Pages are rendered once, before timing. vLLM caches image encodings and prompt prefixes, so a
document sent twice is answered faster the second time; each pass therefore gets its own copy of
the pages with a small pass-specific grey patch in a corner (--same-images turns that off). One
untimed warm-up request goes first: the first request after start-up pays for compilation.
"""
from __future__ import annotations

import json
import logging
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from PIL import Image

from dataentry.doctypes import get_spec
from dataentry.spec import DocumentTypeSpec
from inference.base import Keyer, KeyerFailure, KeyerInput, PageInput
from inference.evaluation import percentile, render_pages_for_eval
from inference.keyers import get_keyer


@dataclass
class Outcome:
    latency_ms: float
    prompt_tokens: int = 0
    completion_tokens: int = 0
    failure: str = ""  # "kind: message" when the keyer failed


def stamp_pages(pages: tuple[PageInput, ...], out_dir: Path, level: int) -> tuple[PageInput, ...]:
    """Copies of the page images with a 24 px grey patch (grey level `level`) in the bottom-right corner."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stamped = []
    for page in pages:
        with Image.open(page.image_path) as image:
            image = image.convert("RGB")
            w, h = image.size
            image.paste((level, level, level), (w - 24, h - 24, w, h))
            path = out_dir / Path(page.image_path).name
            image.save(path)
        stamped.append(PageInput(number=page.number, image_path=path, width=page.width, height=page.height,
                                 text=page.text))
    return tuple(stamped)


def key_one(keyer: Keyer, doc: KeyerInput) -> Outcome:
    started = time.perf_counter()
    try:
        output = keyer.key(doc)
    except KeyerFailure as exc:
        return Outcome(latency_ms=(time.perf_counter() - started) * 1000, failure=f"{exc.kind.value}: {exc.message}")
    return Outcome(latency_ms=(time.perf_counter() - started) * 1000, prompt_tokens=output.prompt_tokens,
                   completion_tokens=output.completion_tokens)


def run_pass(keyer: Keyer, docs: list[KeyerInput], concurrency: int) -> dict:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        outcomes = list(pool.map(lambda d: key_one(keyer, d), docs))
    wall_s = time.perf_counter() - started
    ok = [o for o in outcomes if not o.failure]
    latencies = [o.latency_ms for o in ok]
    failures = Counter(o.failure.split(":", 1)[0] for o in outcomes if o.failure)
    return {
        "concurrency": concurrency,
        "documents": len(docs),
        "succeeded": len(ok),
        "wall_s": round(wall_s, 3),
        "docs_per_s": round(len(docs) / wall_s, 3) if wall_s else None,
        "latency_ms": {"p50": _round(percentile(latencies, 50)), "p95": _round(percentile(latencies, 95)),
                       "mean": _round(sum(latencies) / len(latencies)) if latencies else None},
        "prompt_tokens_per_doc": _round(sum(o.prompt_tokens for o in ok) / len(ok)) if ok else None,
        "completion_tokens_per_doc": _round(sum(o.completion_tokens for o in ok) / len(ok)) if ok else None,
        "failures": dict(failures),
        "first_errors": [o.failure for o in outcomes if o.failure][:3],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def make_keyer(name: str, concurrency: int) -> Keyer:
    if name == "vllm":
        from inference.vllm_keyer import VllmKeyer

        # The process-wide bound must let N requests through, whatever VLLM_MAX_CONCURRENCY says.
        return VllmKeyer.from_settings(max_concurrency=max(concurrency, settings.VLLM_MAX_CONCURRENCY))
    return get_keyer(name)


class Command(BaseCommand):
    help = "Measure a machine keyer's throughput and latency, sequential vs concurrent."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--keyer", required=True, help="keyer name: vllm, local, ocr or textlayer")
        parser.add_argument("--dataset", required=True, type=Path, help="folder of PDFs (ground truth is not needed)")
        parser.add_argument("--concurrency", type=int, default=None,
                            help="requests in flight in the concurrent pass (default VLLM_MAX_CONCURRENCY)")
        parser.add_argument("--json", type=Path, help="write the figures as JSON to this file")
        parser.add_argument("--type", default="personnel_change", help="document type slug")
        parser.add_argument("--dpi", type=int, default=None, help="render resolution (default RENDER_DPI)")
        parser.add_argument("--same-images", action="store_true",
                            help="send identical images in every pass (measures vLLM's cache hits too)")

    def handle(self, *args, **options):
        logging.getLogger("httpx").setLevel(logging.WARNING)  # one INFO line per request drowns the table
        concurrency = options["concurrency"] or settings.VLLM_MAX_CONCURRENCY
        if concurrency < 1:
            raise CommandError("--concurrency must be at least 1")
        dataset = Path(options["dataset"])  # call_command passes strings through untouched
        pdfs = sorted(dataset.glob("*.pdf")) if dataset.is_dir() else []
        if not pdfs:
            raise CommandError(f"no PDFs in {dataset}")
        try:
            spec = get_spec(options["type"])
        except Exception:
            raise CommandError(f"unknown document type {options['type']!r}") from None
        try:
            keyer = make_keyer(options["keyer"], concurrency)
        except (ValueError, ImportError) as exc:
            raise CommandError(str(exc)) from None
        dpi = options["dpi"] or settings.RENDER_DPI

        with tempfile.TemporaryDirectory(prefix="twomatch-bench-") as tmp:
            report = self.bench(keyer, options["keyer"], spec, pdfs, Path(tmp), dpi, concurrency,
                                vary=not options["same_images"])
        report["dataset"] = str(dataset)
        self.stdout.write(format_bench(report))
        if options["json"]:
            out = Path(options["json"])
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            self.stdout.write(f"JSON written to {out}")

    def bench(self, keyer: Keyer, name: str, spec: DocumentTypeSpec, pdfs: list[Path], tmp: Path, dpi: int,
              concurrency: int, *, vary: bool) -> dict:
        rendered = {pdf: render_pages_for_eval(pdf, tmp / "render" / pdf.stem, dpi) for pdf in pdfs}

        def docs_for(pass_no: int) -> list[KeyerInput]:
            docs = []
            for pdf, pages in rendered.items():
                if vary:
                    pages = stamp_pages(pages, tmp / f"pass{pass_no}" / pdf.stem, level=100 + 40 * pass_no)
                docs.append(KeyerInput(pdf_path=pdf, spec=spec, pages=pages))
            return docs

        self.stderr.write(f"warming up {name} ...")
        warm = key_one(keyer, docs_for(0)[0])
        if warm.failure:
            self.stderr.write(f"warm-up request failed: {warm.failure}")
        runs = []
        for pass_no, level in ((1, 1), (2, concurrency)):
            docs = docs_for(pass_no)
            self.stderr.write(f"keying {len(docs)} documents with concurrency {level} ...")
            runs.append(run_pass(keyer, docs, level))
        seq, conc = runs
        return {
            "keyer": name,
            "model": getattr(keyer, "model", ""),
            "base_url": getattr(getattr(keyer, "client", None), "base_url", ""),
            "max_image_tokens": getattr(keyer, "max_image_tokens", None),
            "documents": len(pdfs),
            "pages": sum(len(p) for p in rendered.values()),
            "warmup_ms": _round(warm.latency_ms),
            "runs": runs,
            "speedup": round(conc["docs_per_s"] / seq["docs_per_s"], 2) if seq["docs_per_s"] and conc["docs_per_s"] else None,
        }


def format_bench(report: dict) -> str:
    lines = [
        f"keyer: {report['keyer']}  model: {report['model'] or '-'}  server: {report['base_url'] or '-'}",
        f"documents: {report['documents']}  pages: {report['pages']}  image tokens/page cap: "
        f"{report['max_image_tokens'] or '-'}  warm-up: {report['warmup_ms']} ms",
        "",
        f"{'run':<14}{'docs/s':>8}{'p50 ms':>10}{'p95 ms':>10}{'prompt tok/doc':>16}{'compl. tok/doc':>16}  failures",
    ]
    for run in report["runs"]:
        label = "sequential" if run["concurrency"] == 1 else f"concurrent {run['concurrency']}"
        failures = ", ".join(f"{k} {v}" for k, v in run["failures"].items()) or "0"
        lines.append(
            f"{label:<14}{_fmt(run['docs_per_s'], 2):>8}{_fmt(run['latency_ms']['p50']):>10}"
            f"{_fmt(run['latency_ms']['p95']):>10}{_fmt(run['prompt_tokens_per_doc']):>16}"
            f"{_fmt(run['completion_tokens_per_doc']):>16}  {failures}"
        )
        for error in run["first_errors"]:
            lines.append(f"    {error[:200]}")
    if report["speedup"]:
        lines.append(f"\nthroughput concurrent / sequential: x{report['speedup']}")
    return "\n".join(lines) + "\n"


def _fmt(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:.{digits}f}"
