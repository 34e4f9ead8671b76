from django.contrib import admin

from dataentry.models import Document, DocumentType, Entry, FieldDefinition, HistoryEvent, MachineRun, Result


class WorkflowRecordAdmin(admin.ModelAdmin):
    """What the workflow recorded (keyings, runs, results, history, reviews, audits): shown, never
    added, edited or deleted here, where no history row would explain the change."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
    # Only the priority is the admin's to change (and that writes history); the stored original, its
    # type, status and claims belong to the workflow. Documents arrive by upload only.
    readonly_fields = [f.name for f in Document._meta.fields if f.name != "priority"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Entry)
class EntryAdmin(WorkflowRecordAdmin):
    list_display = ("id", "document", "source", "operator", "state", "submitted_at")
    list_filter = ("source", "state")
    readonly_fields = [f.name for f in Entry._meta.fields]


@admin.register(MachineRun)
class MachineRunAdmin(WorkflowRecordAdmin):
    list_display = ("document", "attempt", "keyer", "outcome", "failure_kind", "started_at")
    list_filter = ("outcome", "failure_kind")
    readonly_fields = [f.name for f in MachineRun._meta.fields]


@admin.register(Result)
class ResultAdmin(WorkflowRecordAdmin):
    list_display = ("document", "path", "created_at")
    readonly_fields = [f.name for f in Result._meta.fields]


@admin.register(HistoryEvent)
class HistoryEventAdmin(WorkflowRecordAdmin):
    list_display = ("at", "document", "actor", "kind", "from_status", "to_status", "note")
    list_filter = ("kind",)
