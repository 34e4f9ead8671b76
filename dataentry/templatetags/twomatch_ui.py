"""Template tags of the keying and review pages: field labels in the UI language, the keying
grid, the reviewer's character diff, ages and the messages the page scripts show.

Tags format what the view passed; they never read the database (tests/test_architecture.py
renders the pages and checks it). What a page needs from the database comes from selectors,
through the view: today's figures (`ui.today_stats`), the page configurations
(`ui.keying_config`, `ui.viewer_config`, `review.selectors.review_config`) and the reviewer's
persons (`review.selectors.review_people`)."""
from __future__ import annotations

import html
from functools import lru_cache

from django import template
from django.conf import settings
from django.utils import formats, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from dataentry import ui

register = template.Library()


@register.simple_tag
def field_label(field) -> str:
    return ui.field_label(field, translation.get_language())


@register.simple_tag
def field_label_other(field) -> str:
    """The label in the other language, shown small (an English UI still names 発令日)."""
    return _label_other(field, translation.get_language())


def _label_other(field, language: str | None) -> str:
    if ui.is_japanese(language):
        return field.label_en or ""
    return field.label if field.label_en else ""


@register.filter
def state_label(code: str, kind: str = "") -> str:
    """A status code of the history (`in_review`) in the page language: machine events carry the
    machine's states, review and audit events their task's (named here, as the core app does not
    import review or learning), the others the document's. Unknown codes stay as recorded."""
    from django.utils.translation import gettext

    from dataentry.models import Document, HistoryEvent

    if kind == HistoryEvent.Kind.MACHINE:
        labels = dict(Document.MachineState.choices)
    elif kind == HistoryEvent.Kind.REVIEW:
        labels = {"open": gettext("Open"), "done": gettext("Done"), "closed": gettext("Closed: document withdrawn")}
    elif kind == HistoryEvent.Kind.AUDIT:
        labels = {"open": gettext("To key (blind)"), "checking": gettext("Findings to confirm"), "done": gettext("Done")}
    else:
        labels = dict(Document.Status.choices)
    return str(labels.get(code, code)) if code else ""


@register.filter
def num(value) -> str:
    """A count with the page language's thousands separator: 12,345."""
    return formats.number_format(value, force_grouping=True)


@register.filter
def field_span(field) -> int:
    return ui.field_span(field)


# Stand-ins for the person's index and the value in a field's kept markup (no label or rule holds a NUL).
_INDEX, _VALUE = "\x00i\x00", "\x00v\x00"


@register.simple_tag
def keying_field(field, value, index) -> str:
    """One labelled input of the keying grid (keying and audit pages).

    Built here rather than by including a template per field: the grid has 9 fields per person
    and a spare person for "Add person", and the include rendered ~25 variables each, half of a
    keying page's CPU under `make bench-web`. The markup is the keying scripts' contract (ids
    r<i>-<key>, data-kind, data-key, data-label, data-rule, the error slot).
    """
    markup = _field_markup(field, translation.get_language())
    value = conditional_escape("" if value is None else value)
    return mark_safe(markup.replace(_INDEX, conditional_escape(index)).replace(_VALUE, value))


@lru_cache(maxsize=1024)
def _field_markup(field, language: str) -> str:
    """A field's markup with stand-ins for the index and the value: the same for every person and
    every page in one language, so built once per process (issue 16: 370 Python calls a field)."""
    label = ui.field_label(field, language)
    other = _label_other(field, language)
    both = f"{label} · {other}" if other else label
    name = mark_safe(f"r{_INDEX}-{conditional_escape(field.key)}")
    return format_html(
        '<div class="field field-{kind} span-{span}" data-key="{key}">'
        '<label for="{name}"{title}><span class="label">{label}</span>{req}</label>'
        '<input type="text" id="{name}" name="{name}" value="{value}" maxlength="{max_length}"'
        ' data-kind="{kind}" data-key="{key}" data-label="{both}" data-rule="{rule}"'
        ' autocomplete="off" spellcheck="false" lang="ja" aria-describedby="err-{name}"{aria_required}{placeholder}>'
        '{rule_note}<small class="field-error" id="err-{name}"></small></div>\n',
        kind=field.kind, span=ui.field_span(field), key=field.key, name=name, label=label, both=both,
        title=format_html(' title="{}"', both) if other else "",
        req=mark_safe('<span class="req" aria-hidden="true">*</span>') if field.required else "",
        value=mark_safe(_VALUE), max_length=field.max_length, rule=field.keying_rule,
        aria_required=mark_safe(' aria-required="true"') if field.required else "",
        placeholder=mark_safe(' placeholder="YYYY-MM-DD"') if field.kind == "date" else "",
        rule_note=format_html('<small class="rule" lang="ja">{}</small>', field.keying_rule) if field.keying_rule else "",
    )


@register.simple_tag
def agreed_fields(agreed: list[dict]) -> str:
    """One person's agreed fields on the review page (`review.selectors.review_people`), each with its
    collapsed "Change" form. Built here for the same reason as `keying_field`: an include rendered
    ~10 variables and 3 translations per field, most of a review page's CPU (issue 16). The markup is
    review_overrides.js's contract (o<i>-<key>-value/-reason, data-agreed, data-override-input)."""
    from django.utils.translation import gettext

    change = gettext("Change %(label)s")
    item = _agreed_item(translation.get_language())
    items = [
        item.format(
            label=_escape(a["label"]), value=_escape(a["value"] or "—"), open=" open" if a["changed"] else "",
            summary=change % {"label": _escape(a["label"])}, name=_escape(a["name"]), override=_escape(a["override"]),
            agreed=_escape(a["value"]), reason=_escape(a["reason"]))
        for a in agreed
    ]
    return mark_safe('\n<dl class="agreed-fields">' + "".join(items) + "</dl>\n")


def _escape(value) -> str:
    """conditional_escape's result as a plain string: safe strings as they are, anything else escaped
    by html.escape, which django.utils.html.escape calls; without Django's lazy and SafeString
    wrappers, whose cost for ten values a field was most of a review page (issue 16)."""
    return str(value.__html__()) if hasattr(value, "__html__") else html.escape(str(value))


@lru_cache(maxsize=8)
def _agreed_item(language: str) -> str:
    """An agreed field's markup in `language` with format fields for what varies per field."""
    from django.utils.translation import gettext

    with translation.override(language):
        correct, why = _escape(gettext("Correct value")), _escape(gettext("Why both keyers are wrong"))
    return (
        '<dt>{label}</dt><dd lang="ja">{value}\n  <details class="override"{open}>\n'
        '    <summary>{summary}</summary>\n'
        '    <label>' + correct.replace("{", "{{").replace("}", "}}") + '<input type="text" name="{name}-value" value="{override}" data-agreed="{agreed}" lang="ja"'
        ' autocomplete="off" spellcheck="false" data-override-input></label>\n'
        '    <label>' + why.replace("{", "{{").replace("}", "}}") + '<input type="text" name="{name}-reason" value="{reason}" maxlength="500" autocomplete="off"'
        ' data-override-input></label>\n  </details></dd>')


@register.simple_tag
def char_diff(a, b) -> dict:
    left, right = ui.char_diff(str(a or ""), str(b or ""))
    return {"first": left, "second": right}


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


_ROW = """
    <tr>
      <td><a href="{url}">{pk}</a></td>
      <td>{filename}{ref}</td>
      <td>{slug}</td>
      <td>{pages}</td>
      <td><span class="status status-{status}">{status_label}</span>{error}</td>
      <td><span class="status machine-{machine}">{machine_label}</span></td>
      <td>{submitted} / {needed}</td>
      <td class="num">{priority}</td>
      <td>{holder}</td>
      <td>{uploaded}</td>
    </tr>
  """
_PK = 2_147_000_001  # stands in for a document's id in its link, which is reversed once per table


@register.simple_tag
def document_rows(documents, now_ts) -> str:
    """The rows of the managers' document list, which the page polls every 5 s. One format string per
    row instead of a template loop: the loop's ~25 variables a row were most of the page's CPU (issue 16).
    Values are shown as the template showed them: localized, escaped, dates in the current time zone."""
    from django.urls import reverse
    from django.utils.timezone import template_localtime

    link = reverse("document_detail", args=[_PK])
    rows = []
    for doc in documents:
        holder = ""
        if doc.lease_holder_id and doc.lease_expires_at and doc.lease_expires_at > now_ts:
            holder = doc.lease_holder.username
        elif getattr(doc, "reviewer_name", ""):
            holder = doc.reviewer_name
        rows.append(_ROW.format(
            url=link.replace(str(_PK), str(doc.pk)), pk=_shown(doc.pk), filename=_shown(doc.filename),
            ref=f"<br><small>{_shown(doc.external_ref)}</small>" if doc.external_ref else "",
            slug=_shown(doc.document_type.slug), pages=_shown(doc.page_count), status=_shown(doc.status),
            status_label=_shown(doc.get_status_display()),
            error=f"<br><small>{_shown(doc.error)}</small>" if doc.error else "",
            machine=_shown(doc.machine_state), machine_label=_shown(doc.get_machine_state_display()),
            submitted=_shown(doc.human_submitted), needed=_shown(doc.humans_needed), priority=_shown(doc.priority),
            holder=_shown(holder), uploaded=_escape(formats.date_format(template_localtime(doc.created_at), "DATETIME_FORMAT")),
        ))
    return mark_safe("".join(rows))


def _shown(value) -> str:
    """A value as {{ value }} shows it: localized, then escaped."""
    return _escape(formats.localize(value))
