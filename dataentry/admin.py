from django.contrib import admin

from dataentry.models import Document, DocumentType, Entry, FieldDefinition, HistoryEvent, MachineRun, Result


class FieldDefinitionInline(admin.TabularInline):
    model = FieldDefinition
    extra = 1
    fields = ("position", "key", "label", "label_en", "kind", "required", "variant_kanji", "max_length", "keying_rule")


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "prompt_version", "active")
    inlines = [FieldDefinitionInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("id", "filename", "document_type", "status", "machine_state", "human_submitted", "created_at")
    list_filter = ("status", "machine_state", "document_type")
    search_fields = ("filename", "sha256", "external_ref")
    # Status changes go through the workflow (and its history), never through the admin.
    readonly_fields = ("sha256", "status", "machine_state", "human_submitted", "lease_holder", "lease_expires_at",
                       "page_count", "render_attempts", "machine_attempts", "accepted_at")


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("id", "document", "source", "operator", "state", "submitted_at")
    list_filter = ("source", "state")
    readonly_fields = [f.name for f in Entry._meta.fields]


@admin.register(MachineRun)
class MachineRunAdmin(admin.ModelAdmin):
    list_display = ("document", "attempt", "keyer", "outcome", "failure_kind", "started_at")
    list_filter = ("outcome", "failure_kind")
    readonly_fields = [f.name for f in MachineRun._meta.fields]


@admin.register(Result)
class ResultAdmin(admin.ModelAdmin):
    list_display = ("document", "path", "created_at")
    readonly_fields = [f.name for f in Result._meta.fields]


@admin.register(HistoryEvent)
class HistoryEventAdmin(admin.ModelAdmin):
    list_display = ("at", "document", "actor", "kind", "from_status", "to_status", "note")
    list_filter = ("kind",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
