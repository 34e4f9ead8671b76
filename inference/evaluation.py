"""Scoring a machine keyer against ground truth (design §5, "Evaluation").

A dataset is a folder of ``NN.pdf`` with ``NN.json`` beside each (format in
``../shared/samples/README.md``). Each PDF is keyed by the keyer under test and its records
are compared with the truth by `dataentry.comparison.compare_entries` — the very rules the
app uses to decide agreement — so a field counts as correct exactly when the app would
have auto-accepted it against a human who keyed the truth.

Scoring (`score_documents`):
* every field of every aligned record is one item: correct when it agrees with the truth;
* a person in the truth the keyer missed, or an extra person the keyer invented, counts
  every field of that person as wrong (extra persons add to the denominator);
* a document the keyer could not key (`KeyerFailure`) is `unavailable` and all its truth
  fields are wrong;
* ``record_exact_match`` = fully correct records / (truth records + extra keyed records);
* ``document_exact_match`` = documents whose records all agree, with nothing missing or extra;
* latency (p50 / p95, linear interpolation) is the wall time of successful keyings only;
* when a truth file names the form that printed it (``"form"``, as the generator's do), the same
  figures are given per form (``forms``), so a keyer's weak layouts show instead of averaging out.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from dataentry.comparison import compare_entries
from dataentry.spec import DocumentTypeSpec
from inference.base import Keyer, KeyerFailure, KeyerInput, PageInput

REPORT_KEYS = (
    "keyer", "documents", "field_accuracy", "overall_field_accuracy", "record_exact_match",
    "document_exact_match", "unavailable", "latency_ms", "forms",
)
NO_FORM = "(no form)"


class DatasetError(Exception):
    """The dataset folder cannot be evaluated; the message says why."""


@dataclass(frozen=True)
class Sample:
    stem: str
    pdf_path: Path
    truth: list[dict]
    form: str = ""  # the truth's "form", when it names one


def _fraction(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def score_documents(results: list[tuple[list[dict], list[dict] | None]], spec: DocumentTypeSpec) -> dict:
    """Score (truth records, keyed records or None when the keyer failed) per document.

    Returns ``documents`` (per document: truth_records, keyed_records, compared_records,
    correct_fields, total_fields, exact_records, exact), ``field_accuracy`` (field → fraction),
    ``overall_field_accuracy``, ``record_exact_match``, ``document_exact_match`` and
    ``unavailable`` (count). A fraction with nothing to count is None.
    """
    correct = {key: 0 for key in spec.keys}
    total = {key: 0 for key in spec.keys}
    records_total = records_exact = documents_exact = unavailable = 0
    documents = []
    for truth, keyed in results:
        if keyed is None:
            unavailable += 1
            for key in spec.keys:
                total[key] += len(truth)
            records_total += len(truth)
            documents.append({
                "truth_records": len(truth), "keyed_records": None, "compared_records": len(truth), "correct_fields": 0,
                "total_fields": len(truth) * len(spec.keys), "exact_records": 0, "exact": False,
            })
            continue
        result = compare_entries(truth, keyed, spec)
        doc_correct = doc_total = doc_exact_records = 0
        for pair in result.pairs:
            doc_exact_records += pair.agree
            for fc in pair.fields:
                total[fc.key] += 1
                correct[fc.key] += fc.agree
                doc_total += 1
                doc_correct += fc.agree
        records_total += len(result.pairs)
        records_exact += doc_exact_records
        documents_exact += result.agreed
        documents.append({
            "truth_records": len(truth), "keyed_records": len(keyed), "compared_records": len(result.pairs),
            "correct_fields": doc_correct,
            "total_fields": doc_total, "exact_records": doc_exact_records, "exact": result.agreed,
        })
    return {
        "documents": documents,
        "field_accuracy": {key: _fraction(correct[key], total[key]) for key in spec.keys},
        "overall_field_accuracy": _fraction(sum(correct.values()), sum(total.values())),
        "record_exact_match": _fraction(records_exact, records_total),
        "document_exact_match": _fraction(documents_exact, len(results)),
        "unavailable": unavailable,
    }


def score_forms(documents: list[dict]) -> dict[str, dict]:
    """Per form (the documents' ``form``; ``NO_FORM`` when the truth names none), from the scored
    documents: documents, overall_field_accuracy, record_exact_match, document_exact_match,
    unavailable; forms in the order they first appear. Empty when no document names a form."""
    if not any(d.get("form") for d in documents):
        return {}
    groups: dict[str, list[dict]] = {}
    for d in documents:
        groups.setdefault(d.get("form") or NO_FORM, []).append(d)
    return {
        form: {
            "documents": len(docs),
            "overall_field_accuracy": _fraction(sum(d["correct_fields"] for d in docs),
                                                sum(d["total_fields"] for d in docs)),
            "record_exact_match": _fraction(sum(d["exact_records"] for d in docs),
                                            sum(d["compared_records"] for d in docs)),
            "document_exact_match": _fraction(sum(d["exact"] for d in docs), len(docs)),
            "unavailable": sum(d["keyed_records"] is None for d in docs),
        }
        for form, docs in groups.items()
    }


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0..100) with linear interpolation between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


# --- running a keyer over a dataset ---------------------------------------------------------

def load_dataset(directory: Path, spec: DocumentTypeSpec) -> tuple[list[Sample], list[str]]:
    """The PDFs of `directory` with their ground truth, and notes on what was skipped."""
    directory = Path(directory)
    if not directory.is_dir():
        raise DatasetError(f"{directory} is not a directory")
    samples, skipped = [], []
    for pdf_path in sorted(directory.glob("*.pdf")):
        truth_path = pdf_path.with_suffix(".json")
        if not truth_path.is_file():
            raise DatasetError(f"{pdf_path.name} has no ground truth {truth_path.name}")
        try:
            data = json.loads(truth_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DatasetError(f"{truth_path.name} is not readable JSON ({exc})") from None
        doc_type = data.get("document_type", spec.slug) if isinstance(data, dict) else spec.slug
        if doc_type != spec.slug:
            skipped.append(f"{pdf_path.stem}: document_type {doc_type!r} is not {spec.slug!r}")
            continue
        records = data.get("records") if isinstance(data, dict) else data
        if not isinstance(records, list):
            raise DatasetError(f"{truth_path.name} has no list of records")
        form = data.get("form") if isinstance(data, dict) else None
        samples.append(Sample(stem=pdf_path.stem, pdf_path=pdf_path, truth=records,
                              form=form if isinstance(form, str) else ""))
    if not samples:
        raise DatasetError(f"no {spec.slug} PDFs with ground truth in {directory}")
    return samples, skipped


def render_pages_for_eval(pdf_path: Path, out_dir: Path, dpi: int) -> tuple[PageInput, ...]:
    """Render every page to ``out_dir/page-N.png`` and keep its text layer, as the app does
    on upload (same renderer and pixel limits, dataentry.pdf.render_pdf)."""
    from dataentry.pdf import render_pdf

    out_dir.mkdir(parents=True, exist_ok=True)
    pages = []
    for page in render_pdf(Path(pdf_path), dpi=dpi):
        image_path = out_dir / f"page-{page.number}.png"
        image_path.write_bytes(page.png)
        pages.append(PageInput(number=page.number, image_path=image_path, width=page.width,
                               height=page.height, text=page.text))
    return tuple(pages)


def evaluate(
    keyer: Keyer,
    keyer_name: str,
    samples: list[Sample],
    spec: DocumentTypeSpec,
    *,
    pages_for: Callable[[Sample], tuple[PageInput, ...]] | None = None,
) -> dict:
    """Key every sample and score the keyer; the report has exactly `REPORT_KEYS`."""
    results: list[tuple[list[dict], list[dict] | None]] = []
    runs = []
    for sample in samples:
        pages = pages_for(sample) if pages_for else ()
        started = time.perf_counter()
        try:
            output = keyer.key(KeyerInput(pdf_path=sample.pdf_path, spec=spec, pages=pages))
            keyed, error, model = output.records, None, output.model
        except KeyerFailure as exc:
            keyed, error, model = None, str(exc), ""
        runs.append({"stem": sample.stem, "form": sample.form, "latency_ms": (time.perf_counter() - started) * 1000,
                     "error": error, "model": model})
        results.append((sample.truth, keyed))
    scores = score_documents(results, spec)
    latencies = [run["latency_ms"] for run in runs if run["error"] is None]
    documents = [{**run, **scored} for run, scored in zip(runs, scores.pop("documents"))]
    return {
        "keyer": keyer_name,
        "documents": documents,
        **scores,
        "latency_ms": {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95)},
        "forms": score_forms(documents),
    }


# --- the readable table -------------------------------------------------------------------

def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:5.1f}%"


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def format_report(report: dict, spec: DocumentTypeSpec) -> str:
    docs = report["documents"]
    lines = [f"keyer: {report['keyer']}   documents: {len(docs)}   type: {spec.slug}", ""]
    with_forms = bool(report["forms"])
    form_head = f" {'form':<22}" if with_forms else ""
    lines.append(f"{'document':<12}{form_head} {'records truth/keyed':>20} {'correct fields':>15} {'exact':>6} "
                 f"{'latency ms':>11}  note")
    for d in docs:
        keyed = "—" if d["keyed_records"] is None else str(d["keyed_records"])
        form = f" {d.get('form') or NO_FORM:<22}" if with_forms else ""
        lines.append(
            f"{d['stem']:<12}{form} {str(d['truth_records']) + ' / ' + keyed:>20} "
            f"{str(d['correct_fields']) + ' / ' + str(d['total_fields']):>15} {'yes' if d['exact'] else 'no':>6} "
            f"{_ms(d['latency_ms']):>11}  {d['error'] or ''}"
        )
    lines += ["", f"{'field':<20} {'accuracy':>8}"]
    for key, value in report["field_accuracy"].items():
        lines.append(f"{key:<20} {_pct(value):>8}")
    if report["forms"]:
        lines += ["", f"{'form':<22} {'documents':>9} {'field accuracy':>15} {'record exact':>13} "
                      f"{'document exact':>15} {'unavailable':>12}"]
        for form, f in report["forms"].items():
            lines.append(f"{form:<22} {f['documents']:>9} {_pct(f['overall_field_accuracy']):>15} "
                         f"{_pct(f['record_exact_match']):>13} {_pct(f['document_exact_match']):>15} "
                         f"{f['unavailable']:>12}")
    latency = report["latency_ms"]
    lines += [
        "",
        f"overall field accuracy  {_pct(report['overall_field_accuracy'])}",
        f"record exact match      {_pct(report['record_exact_match'])}",
        f"document exact match    {_pct(report['document_exact_match'])}",
        f"unavailable             {report['unavailable']}",
        f"latency ms p50 / p95    {_ms(latency['p50'])} / {_ms(latency['p95'])}",
    ]
    return "\n".join(lines)
