"""Fine-tuning data from accepted results: the vLLM keyer's own request, answered with the accepted JSON.

One JSONL line per accepted document (format "qwen-vl", the `messages` + `images` layout that
LLaMA-Factory's `sharegpt` formatting and ms-swift both read):

    {"messages": [{"role": "system", "content": <the keyer's system prompt>},
                  {"role": "user", "content": "<image><image>" + <the keyer's instruction text>},
                  {"role": "assistant", "content": "{\"records\": [...]}"}],
     "images": ["images/<doc>-1.png", "images/<doc>-2.png"],
     "meta": {"document_id", "model", "prompt_version", "machine_correct", "keyer", "machine"}}

* The system and user messages are exactly what `inference.vllm_keyer.build_messages` sends
  for the document today; the only change is that each image part (a base64 PNG data URL)
  becomes an `<image>` placeholder, in order, and its PNG bytes are written unchanged to
  `images/`. So the pictures are the keyer's resized pages (at most VLLM_MAX_IMAGE_TOKENS
  tokens, sides multiples of 28) and `to_keyer_messages` turns a line back into the request.
  Qwen2.5-VL's chat template renders an image part as <|vision_start|><|image_pad|><|vision_end|>
  with nothing between parts; LLaMA-Factory and ms-swift expand `<image>` to the same tokens.
* The assistant message is the accepted result as the JSON the response schema describes,
  `{"records": [{every field of the type, in order}]}`, `ensure_ascii=False`.
* `meta.model` / `meta.prompt_version` are those of the document's machine entry (what the
  machine ran with then; the messages use the type's *current* prompt, whose version is in the
  manifest). `meta.machine` is "right" when the machine entry equals the accepted result under
  the comparison rules (`dataentry.comparison.compare_entries`), "wrong" when it differs, and
  "none" when the machine gave no answer (failure: two humans keyed it); `machine_correct` is
  `machine == "right"`.
* Split by document, never by page: a document is in validation when
  sha256("<seed>:<document id>") read as a fraction of 2**64 is below `val_fraction`, so a
  document keeps its split when the export grows. When that leaves validation empty (small
  exports) and there are two or more documents, the one with the smallest hash goes there.
* Validation documents are also written as `val_eval/<doc>.pdf` + `<doc>.json` (ground-truth
  format of samples/README.md) for `manage.py evaluate_keyer --dataset DIR/val_eval`.
* Documents with more pages than VLLM_MAX_PAGES are skipped (the keyer refuses them), and
  listed with the reason in the manifest.
"""
from __future__ import annotations

import base64
import hashlib
import json
import shutil
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Callable, Iterable

from dataentry.comparison import compare_entries
from dataentry.spec import DocumentTypeSpec

FORMATS = ("qwen-vl",)
IMAGE_TOKEN = "<image>"
PNG_DATA_URL = "data:image/png;base64,"
MACHINE_RIGHT, MACHINE_WRONG, MACHINE_NONE = "right", "wrong", "none"


class ExportError(Exception):
    """The export cannot be written (bad options, output folder in use); the message says why."""


class SkipDocument(Exception):
    """This document cannot become a training example; the reason goes to the manifest."""


# --- pure parts ---------------------------------------------------------------------------

def _hash_fraction(document_id: int, seed: int) -> float:
    digest = hashlib.sha256(f"{seed}:{document_id}".encode("ascii")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def assign_splits(document_ids: Iterable[int], *, seed: int, val_fraction: float) -> dict[int, str]:
    """document id -> "train" | "val", deterministic for (ids, seed, val_fraction)."""
    if not 0 <= val_fraction < 1:
        raise ExportError(f"--val-fraction must be in [0, 1), not {val_fraction}")
    fractions = {doc_id: _hash_fraction(doc_id, seed) for doc_id in document_ids}
    splits = {doc_id: ("val" if f < val_fraction else "train") for doc_id, f in fractions.items()}
    if val_fraction > 0 and len(splits) >= 2 and "val" not in splits.values():
        splits[min(fractions, key=lambda d: (fractions[d], d))] = "val"
    return splits


def answer_json(records: list[dict], spec: DocumentTypeSpec) -> str:
    """The assistant turn: what the keyer's response schema asks for, fields in the type's order."""
    rows = [{key: str(record.get(key, "")) for key in spec.keys} for record in records]
    return json.dumps({"records": rows}, ensure_ascii=False)


def machine_verdict(machine_records: list[dict] | None, accepted: list[dict], spec: DocumentTypeSpec) -> str:
    if machine_records is None:
        return MACHINE_NONE
    return MACHINE_RIGHT if compare_entries(machine_records, accepted, spec).agreed else MACHINE_WRONG


def to_training_example(keyer_messages: list[dict], *, image_names: list[str], answer: str,
                        meta: dict) -> tuple[dict, list[bytes]]:
    """One JSONL line from the keyer's messages, and the PNG bytes to write under `image_names`."""
    if [m["role"] for m in keyer_messages] != ["system", "user"]:
        raise SkipDocument(f"unexpected keyer messages: roles {[m['role'] for m in keyer_messages]}")
    system, user = keyer_messages
    text, images = "", []
    for part in user["content"]:
        if part["type"] == "image_url":
            url = part["image_url"]["url"]
            if not url.startswith(PNG_DATA_URL):
                raise SkipDocument("the keyer sent an image that is not a PNG data URL")
            images.append(base64.b64decode(url[len(PNG_DATA_URL):], validate=True))
            text += IMAGE_TOKEN
        elif part["type"] == "text":
            if IMAGE_TOKEN in part["text"]:
                raise SkipDocument(f"the instruction text contains {IMAGE_TOKEN}, which training tools read as an image")
            text += part["text"]
        else:
            raise SkipDocument(f"unexpected content part {part['type']!r}")
    if IMAGE_TOKEN in system["content"]:
        raise SkipDocument(f"the system prompt contains {IMAGE_TOKEN}, which training tools read as an image")
    if len(images) != len(image_names):
        raise SkipDocument(f"{len(images)} images for {len(image_names)} names")
    line = {
        "messages": [
            {"role": "system", "content": system["content"]},
            {"role": "user", "content": text},
            {"role": "assistant", "content": answer},
        ],
        "images": list(image_names),
        "meta": meta,
    }
    return line, images


def to_keyer_messages(line: dict, root: Path) -> list[dict]:
    """The request messages again (images as data URLs read from `root`): the inverse of the export."""
    system, user = line["messages"][0], line["messages"][1]
    pieces = user["content"].split(IMAGE_TOKEN)
    content: list[dict] = []
    for name in line["images"]:
        data = (Path(root) / name).read_bytes()
        content.append({"type": "image_url", "image_url": {"url": PNG_DATA_URL + base64.b64encode(data).decode("ascii")}})
    # Images come first in the keyer's request, so every piece but the last is empty.
    if any(pieces[:-1]):
        raise ValueError("text between images: this line was not written by the export")
    content.append({"type": "text", "text": pieces[-1]})
    return [{"role": "system", "content": system["content"]}, {"role": "user", "content": content}]


# --- the export ---------------------------------------------------------------------------

def validate_options(options: "ExportOptions") -> None:
    """Raise ExportError for options the export would refuse, before any job is queued."""
    if options.fmt not in FORMATS:
        raise ExportError(f"unknown format {options.fmt!r} (choose {', '.join(FORMATS)})")
    if not 0 <= options.val_fraction < 1:
        raise ExportError(f"the validation fraction must be in [0, 1), not {options.val_fraction}")


@dataclass
class ExportOptions:
    since: date | None = None
    type_slug: str | None = None
    val_fraction: float = 0.1
    seed: int = 0
    fmt: str = "qwen-vl"
    max_image_tokens: int | None = None  # None: settings.VLLM_MAX_IMAGE_TOKENS, as the keyer
    max_pages: int | None = None         # None: settings.VLLM_MAX_PAGES

    def as_params(self) -> dict[str, Any]:
        return {"since": self.since.isoformat() if self.since else None, "type": self.type_slug,
                "val_fraction": self.val_fraction, "seed": self.seed, "format": self.fmt}

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> "ExportOptions":
        since = params.get("since")
        return cls(since=date.fromisoformat(since) if since else None, type_slug=params.get("type") or None,
                   val_fraction=float(params.get("val_fraction", 0.1)), seed=int(params.get("seed", 0)),
                   fmt=params.get("format", "qwen-vl"))


@dataclass
class _Tally:
    documents: int = 0
    machine: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict[str, int]:
        return {"documents": self.documents, "machine_right": self.machine[MACHINE_RIGHT],
                "machine_wrong": self.machine[MACHINE_WRONG], "machine_none": self.machine[MACHINE_NONE]}


def training_results(options: ExportOptions):
    """Accepted results to export, oldest first (stable line order)."""
    from dataentry.models import Document, Result

    # A machine-only result (single entry) is the model's own unchecked answer: never training data.
    qs = (Result.objects.filter(document__status=Document.Status.ACCEPTED).exclude(path=Result.Path.MACHINE_ONLY)
          .select_related("document", "document__document_type").order_by("created_at", "id"))
    if options.since is not None:
        from django.utils import timezone

        qs = qs.filter(created_at__gte=timezone.make_aware(datetime.combine(options.since, time.min)))
    if options.type_slug:
        qs = qs.filter(document__document_type__slug=options.type_slug)
    return qs


def _prepare_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and any(out_dir.iterdir()):
        raise ExportError(f"{out_dir} is not empty: choose a new folder, so that no stale image or line is mixed in")
    (out_dir / "images").mkdir(parents=True, exist_ok=True)
    (out_dir / "val_eval").mkdir(exist_ok=True)


def write_export(out_dir: Path, options: ExportOptions,
                 progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Write images/, train.jsonl, val.jsonl, val_eval/ and manifest.json; return the manifest."""
    from django.conf import settings

    from dataentry.models import Entry
    from inference.selectors import keyer_input_for
    from inference.vllm_keyer import REQUEST_FORMAT_VERSION, build_messages, document_pages

    validate_options(options)
    max_image_tokens = options.max_image_tokens or settings.VLLM_MAX_IMAGE_TOKENS
    max_pages = options.max_pages or settings.VLLM_MAX_PAGES
    out_dir = Path(out_dir)
    results = list(training_results(options))
    splits = assign_splits([r.document_id for r in results], seed=options.seed, val_fraction=options.val_fraction)
    _prepare_out_dir(out_dir)

    tallies = {"train": _Tally(), "val": _Tally()}
    models: Counter = Counter()
    prompt_versions: Counter = Counter()
    current_prompts: dict[str, str] = {}
    skipped: list[dict] = []
    specs: dict[int, DocumentTypeSpec] = {}
    with open(out_dir / "train.jsonl", "w", encoding="utf-8") as train, \
            open(out_dir / "val.jsonl", "w", encoding="utf-8") as val:
        files = {"train": train, "val": val}
        for done, result in enumerate(results, start=1):
            doc = result.document
            spec = specs.setdefault(doc.document_type_id, doc.document_type.spec())
            try:
                if doc.page_count > max_pages:
                    raise SkipDocument(f"{doc.page_count} pages; the vLLM keyer takes at most {max_pages}")
                machine = Entry.objects.filter(document=doc, source=Entry.Source.MACHINE,
                                               state=Entry.State.SUBMITTED).first()
                verdict = machine_verdict(machine.records if machine else None, result.records, spec)
                keyer_input = keyer_input_for(doc.pk)
                messages = build_messages(keyer_input, max_image_tokens=max_image_tokens)
                names = [f"images/{doc.pk}-{page.number}.png" for page in document_pages(keyer_input)]
                meta = {
                    "document_id": doc.pk, "document_type": spec.slug, "model": machine.model_name if machine else "",
                    "prompt_version": machine.prompt_version if machine else "", "machine_correct": verdict == MACHINE_RIGHT,
                    "machine": verdict, "keyer": machine.keyer if machine else "", "result_path": result.path,
                }
                line, images = to_training_example(messages, image_names=names,
                                                   answer=answer_json(result.records, spec), meta=meta)
            except SkipDocument as exc:
                skipped.append({"document_id": doc.pk, "reason": str(exc)})
            except Exception as exc:  # an unreadable page (KeyerFailure) or a missing file: skip, say why
                skipped.append({"document_id": doc.pk, "reason": f"{type(exc).__name__}: {exc}"})
            else:
                for name, data in zip(names, images):
                    (out_dir / name).write_bytes(data)
                split = splits[doc.pk]
                files[split].write(json.dumps(line, ensure_ascii=False) + "\n")
                if split == "val":
                    _write_eval_pair(out_dir / "val_eval", doc, result.records, spec)
                tallies[split].documents += 1
                tallies[split].machine[verdict] += 1
                if machine:
                    models[machine.model_name or machine.keyer] += 1
                    prompt_versions[f"{spec.slug}:{machine.prompt_version}"] += 1
                current_prompts[spec.slug] = spec.prompt_version
            if progress is not None:
                progress(done, len(results))

    total = _Tally(documents=tallies["train"].documents + tallies["val"].documents,
                   machine=tallies["train"].machine + tallies["val"].machine)
    manifest = {
        "format": options.fmt,
        "layout": "messages + images (LLaMA-Factory sharegpt / ms-swift); see docs/learning.md",
        "options": options.as_params(),
        "max_image_tokens": max_image_tokens,
        "max_pages": max_pages,
        "request_format": REQUEST_FORMAT_VERSION,
        "current_prompt_versions": current_prompts,
        "counts": {**total.as_dict(), "train": tallies["train"].documents, "val": tallies["val"].documents,
                   "skipped": len(skipped)},
        "splits": {name: tally.as_dict() for name, tally in tallies.items()},
        "machine_models": dict(sorted(models.items())),
        "machine_prompt_versions": dict(sorted(prompt_versions.items())),
        "skipped": skipped,
        "files": {"train": "train.jsonl", "val": "val.jsonl", "images": "images/", "val_eval": "val_eval/"},
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def _write_eval_pair(folder: Path, doc, records: list[dict], spec: DocumentTypeSpec) -> None:
    """The original PDF and its accepted records in the ground-truth format evaluate_keyer reads."""
    with doc.original.open("rb") as source, open(folder / f"{doc.pk}.pdf", "wb") as target:
        shutil.copyfileobj(source, target)
    truth = {"document_type": spec.slug,
             "records": [{key: str(record.get(key, "")) for key in spec.keys} for record in records]}
    (folder / f"{doc.pk}.json").write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
