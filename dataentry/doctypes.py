"""Built-in document types. `personnel_change` is seeded by a data migration; further
types are created in the Django admin without code.

The keying rules are the data-entry manual (入力ルール): the operator sees each rule
beside its field, and the same text goes into the model's prompt.
"""
from __future__ import annotations

from dataentry.spec import DocumentTypeSpec, FieldKind, FieldSpec

PERSONNEL_CHANGE_FIELDS = (
    FieldSpec(
        key="effective_date", label="発令日", label_en="Effective date", kind=FieldKind.DATE, required=True,
        keying_rule=(
            "変更が効力を持つ日（…付）を、その人の節・表・行・文に書かれたとおり YYYY-MM-DD で入力。"
            "和暦は西暦に直す（令和7年4月1日 = 2025-04-01、令和元年 = 2019）。"
            "発表日・取締役会の日付・組織変更の日付は発令日ではない。"
        ),
        max_length=20,
    ),
    FieldSpec(
        key="family_name", label="姓", label_en="Family name", kind=FieldKind.NAME, required=True,
        keying_rule="印刷どおりの姓。空白は入れない。異体字はそのまま（髙 は 高 ではない、﨑 は 崎 ではない）。"
                    "姓名の間に空白がない場合は、ふりがなの空白で分ける。",
        max_length=40,
    ),
    FieldSpec(
        key="given_name", label="名", label_en="Given name", kind=FieldKind.NAME, required=True,
        keying_rule="印刷どおりの名。空白は入れない。異体字はそのまま。",
        max_length=40,
    ),
    FieldSpec(
        key="company", label="会社名", label_en="Company", kind=FieldKind.TEXT, required=True,
        keying_rule="その人が所属する会社。通常は発表した会社（ヘッダー・フッター・会社名の行）。"
                    "人ごとに会社が書かれていればそれを使い、当社は発表会社。"
                    "社外取締役候補の（）内の現勤務先は会社名ではない。",
        max_length=100,
    ),
    FieldSpec(
        key="family_name_kana", label="姓(ふりがな)", label_en="Family name (kana)", kind=FieldKind.KANA,
        keying_rule="印刷された読みをひらがなで、空白なし。カタカナ・半角カナはひらがなに直す。読みがなければ空欄。",
        max_length=40,
    ),
    FieldSpec(
        key="given_name_kana", label="名(ふりがな)", label_en="Given name (kana)", kind=FieldKind.KANA,
        keying_rule="印刷された読みをひらがなで、空白なし。読みがなければ空欄。",
        max_length=40,
    ),
    FieldSpec(
        key="new_post", label="新役職", label_en="New post", kind=FieldKind.TEXT, required=True,
        keying_rule="変更後の役職を印刷どおりに（兼務は「A 兼 B」）。見出しが役職を示す場合（新任取締役候補）は"
                    "新任・候補・予定を除いた見出しの役職（監査役）。退任・退職で新役職がなければ「退任」。",
        max_length=120,
    ),
    FieldSpec(
        key="old_post", label="旧役職", label_en="Old post", kind=FieldKind.TEXT,
        keying_rule="変更前の役職を印刷どおりに。接頭の 現・現職・当社 は除く。"
                    "他社から来る人は勤務先の社名も除く（（Yonyonシステムズ株式会社 取締役）→ 取締役）。"
                    "前職がなければ空欄。",
        max_length=120,
    ),
)

PERSONNEL_CHANGE_PROMPT = """あなたは人事異動のお知らせ（PDF のページ画像）からデータを入力する担当者です。
異動する人ごとに 1 件のレコードを、読む順（上から下、ページ順、2段組は左の列から）で出力してください。
代表者・問合せ先・※注記で再掲された人・フッターの人はレコードにしません。
変更箇所に下線がある一覧表では、下線のある行だけがレコードです。
各項目は次の入力ルールに従います:
{rules}
JSON だけを出力してください。"""

PERSONNEL_CHANGE = DocumentTypeSpec(
    slug="personnel_change",
    name="人事異動のお知らせ",
    fields=PERSONNEL_CHANGE_FIELDS,
    prompt=PERSONNEL_CHANGE_PROMPT,
    prompt_version="1",
    max_records=50,
)

BUILTIN = {PERSONNEL_CHANGE.slug: PERSONNEL_CHANGE}


def get_spec(slug: str) -> DocumentTypeSpec:
    """The spec of a document type: from the database when it has one, else the built-in."""
    try:
        from dataentry.models import DocumentType

        return DocumentType.objects.get(slug=slug).spec()
    except Exception:  # no database configured/migrated (e.g. evaluation on a laptop) or unknown slug
        if slug in BUILTIN:
            return BUILTIN[slug]
        raise


def ensure_builtin(*, document_type_model=None, field_model=None, group_model=None) -> None:
    """Create the role groups and the built-in document types when missing (idempotent).

    The data migration calls it with historical models; tests call it after a flush.
    """
    if document_type_model is None:
        from django.contrib.auth.models import Group

        from dataentry.models import DocumentType, FieldDefinition

        document_type_model, field_model, group_model = DocumentType, FieldDefinition, Group
    for name in ("operator", "reviewer", "manager"):
        group_model.objects.get_or_create(name=name)
    for spec in BUILTIN.values():
        dt, created = document_type_model.objects.get_or_create(
            slug=spec.slug,
            defaults={"name": spec.name, "prompt": spec.prompt, "prompt_version": spec.prompt_version,
                      "max_records": spec.max_records},
        )
        if created:
            for position, f in enumerate(spec.fields):
                field_model.objects.create(
                    document_type=dt, position=position, key=f.key, label=f.label, label_en=f.label_en, kind=f.kind,
                    required=f.required, keying_rule=f.keying_rule, variant_kanji=f.variant_kanji, max_length=f.max_length,
                )
