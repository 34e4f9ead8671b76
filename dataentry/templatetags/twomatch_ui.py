"""Template tags of the keying and review pages: field labels in the UI language, the keying
grid, the reviewer's character diff and per-person grouping, today's figures, and the JSON
configuration the page scripts read. They add context the views do not pass, so the views
stay as they are."""
from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from dataentry import ui
from dataentry.comparison import MATCHED

register = template.Library()


@register.simple_tag
def field_label(field) -> str:
    return ui.field_label(field, translation.get_language())


@register.simple_tag
def field_label_other(field) -> str:
    """The label in the other language, shown small (an English UI still names 発令日)."""
    if ui.is_japanese(translation.get_language()):
        return field.label_en or ""
    return field.label if field.label_en else ""


@register.filter
def field_span(field) -> int:
    return ui.field_span(field)


@register.simple_tag
def char_diff(a, b) -> dict:
    left, right = ui.char_diff(str(a or ""), str(b or ""))
    return {"first": left, "second": right}


@register.simple_tag(takes_context=True)
def today_stats(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return ui.today_stats(user)


@register.simple_tag
def review_claims():
    """Open review tasks someone holds right now (for the manager's queue page)."""
    from review.models import ReviewTask

    return (ReviewTask.objects.filter(status=ReviewTask.Status.OPEN, reviewer__isnull=False,
                                      lease_expires_at__gt=timezone.now())
            .select_related("reviewer", "document").order_by("lease_expires_at"))


@register.simple_tag
def review_people(task, spec, rows) -> list[dict]:
    """The review page's persons in reading order: each with its conflicts (the `rows` of
    `review.selectors.conflict_rows`, with the diff attached) and its agreed fields, which are
    shown collapsed and read-only."""
    comparison = task.comparison
    parsed = comparison.parsed()
    language = translation.get_language()
    by_pair: dict[int, list[dict]] = {}
    for row, conflict in zip(rows, parsed.conflicts):
        row = dict(row)
        row["label"] = ui.field_label(spec.field(row["field"]), language) if row.get("field") else ""
        if row["kind"] == "field":
            row["diff"] = char_diff(row["first"], row["second"])
        by_pair.setdefault(conflict.pair, []).append(row)
    from review.overrides import override_key

    people = []
    first_records, second_records = comparison.first_entry.records, comparison.second_entry.records
    for index, pair in enumerate(parsed.pairs):
        record = (second_records[pair.b_index] if pair.b_index is not None
                  else first_records[pair.a_index] if pair.a_index is not None else {})
        name = " ".join(str(record.get(f.key, "")) for f in spec.fields if f.kind == "name" and record.get(f.key))
        agreed = []
        if pair.kind == MATCHED:
            for f in pair.fields:
                if f.agree:
                    key = override_key(index, f.key)
                    override = task.decisions.get(key) or {}
                    agreed.append({"label": ui.field_label(spec.field(f.key), language), "value": f.b, "key": f.key,
                                   "name": f"o{index}-{f.key}", "override": override.get("value", f.b),
                                   "reason": override.get("reason", ""), "changed": bool(override)})
        people.append({
            "number": index + 1, "name": name, "kind": pair.kind, "conflicts": by_pair.get(index, []),
            "agreed": agreed, "name_parts": _name_parts(spec, record, by_pair.get(index, []), agreed),
        })
    return people


def _name_parts(spec, record: dict, conflicts: list[dict], agreed: list[dict]) -> list[dict]:
    """The person heading (issue 14): each name field shows the value the reviewer chose, a typed
    correction or an override; undecided conflicts show both candidates. review_heading.js keeps
    it current while the reviewer decides."""
    parts = []
    for f in spec.fields:
        if f.kind != "name":
            continue
        conflict = next((c for c in conflicts if c.get("field") == f.key), None)
        kept = next((a for a in agreed if a["key"] == f.key), None)
        if conflict is not None:
            chosen = {"first": conflict["first"], "second": conflict["second"], "typed": conflict["value"]}.get(conflict["choice"])
            parts.append({"field": f.key, "conflict": conflict["index"], "first": conflict["first"],
                          "second": conflict["second"], "text": chosen if chosen is not None else f"{conflict['first']}／{conflict['second']}",
                          "decided": chosen is not None})
        elif kept is not None:
            parts.append({"field": f.key, "override": kept["name"], "text": kept["override"], "decided": True})
        elif record.get(f.key):
            parts.append({"field": f.key, "text": record.get(f.key), "decided": True})
    return parts


@register.simple_tag
def keying_config(entry, spec, pages) -> dict:
    """Settings and addresses keying.js needs (rendered with json_script)."""
    return {
        "entry": entry.pk,
        "version": entry.version,
        "idleSeconds": settings.IDLE_THRESHOLD_SECONDS,
        "leaseSeconds": settings.LEASE_MINUTES * 60,
        "copyKeys": ui.copy_keys(spec),
        "keys": spec.keys,
        "maxRecords": spec.max_records,
        "validateUrl": reverse("ui_keying_validate", args=[entry.pk]),
        "leaseUrl": reverse("ui_keying_lease", args=[entry.pk]),
        "reclaimUrl": reverse("keying_reclaim", args=[entry.pk]),
        "prefetchUrl": reverse("ui_keying_prefetch", args=[entry.pk]) if ui.prefetch_enabled() else "",
        "releaseUrl": reverse("ui_keying_release_ahead", args=[entry.pk]),
        "homeUrl": reverse("keying_home"),
    }


@register.simple_tag
def viewer_config(doc, pages) -> dict:
    """Pages of the document viewer: base image, on-demand high-resolution image, pixel size."""
    body = ui.body_text_pixels(doc, pages)
    return {
        "document": doc.pk,
        "minTextPx": ui.MIN_TEXT_PX,
        "pages": [
            {"number": p.number, "width": p.width, "height": p.height,
             "src": reverse("page_image", args=[doc.pk, p.number]),
             "hd": reverse("ui_page_image_hd", args=[doc.pk, p.number, ui.HD_DPI]),
             "bodyPx": body.get(p.number)}
            for p in pages
        ],
    }


@register.simple_tag
def review_config(task) -> dict:
    return {
        "task": task.pk,
        "idleSeconds": settings.IDLE_THRESHOLD_SECONDS,
        "leaseSeconds": settings.LEASE_MINUTES * 60,
        "evidenceUrl": reverse("ui_review_evidence", args=[task.pk]),
        "autosaveUrl": reverse("ui_review_autosave", args=[task.pk]),
        "reclaimUrl": reverse("ui_review_reclaim", args=[task.pk]),
        "homeUrl": reverse("review_home"),
    }


@register.simple_tag
def idle_threshold() -> int:
    return settings.IDLE_THRESHOLD_SECONDS


@register.filter
def age(delta) -> str:
    """A timedelta as people say it: "3 min", "2 h 5 min", "4 days"."""
    from django.utils.translation import gettext, ngettext

    if delta is None:
        return ""
    seconds = int(delta.total_seconds())
    if seconds < 3600:
        minutes = max(0, seconds // 60)
        return ngettext("%(n)d min", "%(n)d min", minutes) % {"n": minutes}
    if seconds < 2 * 86400:
        hours, minutes = seconds // 3600, seconds % 3600 // 60
        return gettext("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    days = seconds // 86400
    return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}


@register.simple_tag
def ui_strings() -> dict:
    """Messages the page scripts show, in the UI language (rendered with json_script);
    %(name)s placeholders are filled in by the script."""
    from django.utils.translation import gettext as _

    return {
        "chip_ok": _("Claimed by you"), "chip_expired": _("Claim expired"),
        "chip_taken": _("Taken by another operator"), "chip_done": _("No longer needed"),
        "remove_confirm": _("Remove this person?"), "no_person_above": _("There is no person above this one."),
        "offline_keying": _("Offline: kept in this browser; it will be saved when the server answers."),
        "errors_pending": _("%(n)s field(s) look wrong. Press Ctrl+Enter again to submit anyway."),
        "decided": _("%(done)s of %(total)s decided"), "correction": _("Correction:"),
        "saved": _("Decisions saved"), "not_saved": _("Not saved:"),
        "offline_review": _("Offline: will save again shortly."),
        "on_page": _("on p.%(pages)s"), "not_found": _("not found"),
        "on_page_title": _("This value is printed on the page (boxed)."),
        "not_found_title": _("This value is not in the PDF's text."),
        "undecided_left": _("%(n)s conflict(s) still need a decision."),
    }
