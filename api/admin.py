"""Admin for API clients (tokens shown once), their submissions, and callback deliveries.

Managers with staff access see failed callbacks under "Callback deliveries" (filter by
status) and can send one again; the permissions are granted by api/migrations/0002.
"""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.models import ApiClient, ApiSubmission, CallbackDelivery

SECRETS_TEMPLATE = "admin/api/apiclient/secrets.html"


class ApiClientForm(forms.ModelForm):
    with_callback_secret = forms.BooleanField(
        required=False, initial=True, label=_("Create a callback signing secret"),
        help_text=_("Callbacks are signed with it (X-TwoMatch-Signature). Recommended."),
    )

    class Meta:
        model = ApiClient
        fields = ("name", "default_document_type", "active", "callback_hosts", "rate_limit_per_minute", "daily_quota")


def _show_secrets(request, clients: list[tuple[ApiClient, str | None, str | None]], title: str):
    """A page, not a message: messages may be kept in a cookie, a token must not be."""
    response = TemplateResponse(request, SECRETS_TEMPLATE, {
        **admin.site.each_context(request), "title": title, "clients": clients,
    })
    response["Cache-Control"] = "no-store"
    return response


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    form = ApiClientForm
    list_display = ("name", "token_hint", "active", "signs_callbacks", "default_document_type", "last_used_at",
                    "documents", "failed_callbacks")
    list_filter = ("active",)
    search_fields = ("name", "token_hint")
    readonly_fields = ("token_hint", "signs_callbacks", "created_at", "last_used_at")
    actions = ["rotate_token", "rotate_callback_secret", "remove_callback_secret"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("name", "default_document_type", "active", "callback_hosts", "rate_limit_per_minute", "daily_quota",
                    "with_callback_secret")
        return ("name", "default_document_type", "active", "callback_hosts", "rate_limit_per_minute", "daily_quota", "token_hint",
                "signs_callbacks", "created_at", "last_used_at")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            n_documents=Count("submissions", distinct=True),
            n_failed=Count("submissions__deliveries", filter=Q(submissions__deliveries__status=CallbackDelivery.Status.FAILED),
                           distinct=True),
        )

    @admin.display(description=_("documents"), ordering="n_documents")
    def documents(self, obj):
        return obj.n_documents

    @admin.display(description=_("failed callbacks"), ordering="n_failed")
    def failed_callbacks(self, obj):
        return obj.n_failed

    @admin.display(boolean=True, description=_("signs callbacks"))
    def signs_callbacks(self, obj):
        return bool(obj.callback_secret)

    def save_model(self, request, obj, form, change):
        if not change:
            obj._new_token = obj.set_new_token()
            obj._new_secret = obj.set_new_callback_secret() if form.cleaned_data.get("with_callback_secret") else None
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        token = getattr(obj, "_new_token", None)
        if token is None:
            return super().response_add(request, obj, post_url_continue)
        return _show_secrets(request, [(obj, token, obj._new_secret)], _("API client created: copy the token now"))

    @admin.action(description=_("Issue a new token (the old one stops working)"))
    def rotate_token(self, request, queryset):
        shown = []
        for client in queryset:
            token = client.set_new_token()
            client.save(update_fields=["token_hash", "token_hint"])
            self.log_change(request, client, "Issued a new token.")
            shown.append((client, token, None))
        return _show_secrets(request, shown, _("New tokens: copy them now"))

    @admin.action(description=_("Issue a new callback signing secret"))
    def rotate_callback_secret(self, request, queryset):
        shown = []
        for client in queryset:
            secret = client.set_new_callback_secret()
            client.save(update_fields=["callback_secret"])
            self.log_change(request, client, "Issued a new callback signing secret.")
            shown.append((client, None, secret))
        return _show_secrets(request, shown, _("New callback secrets: copy them now"))

    @admin.action(description=_("Stop signing callbacks (remove the secret)"))
    def remove_callback_secret(self, request, queryset):
        clients = list(queryset)
        for client in clients:
            client.callback_secret = ""
            client.save(update_fields=["callback_secret"])
            self.log_change(request, client, "Removed the callback signing secret.")
        messages.warning(request, _("%(n)d client(s) now receive unsigned callbacks.") % {"n": len(clients)})


@admin.register(ApiSubmission)
class ApiSubmissionAdmin(admin.ModelAdmin):
    list_display = ("document", "client", "external_ref", "status", "callback_url", "created_at")
    list_filter = ("client", "document__status")
    search_fields = ("external_ref", "document__filename")
    list_select_related = ("document", "client")
    readonly_fields = ("document", "client", "external_ref", "callback_url", "created_at")

    @admin.display(description=_("status"), ordering="document__status")
    def status(self, obj):
        return obj.document.get_status_display()

    def has_add_permission(self, request):
        return False


@admin.register(CallbackDelivery)
class CallbackDeliveryAdmin(admin.ModelAdmin):
    list_display = ("id", "document", "client", "status", "attempts", "last_status_code", "short_error",
                    "next_attempt_at", "delivered_at")
    list_filter = ("status", "submission__client")
    search_fields = ("url", "submission__external_ref")
    list_select_related = ("submission__client",)
    readonly_fields = [f.name for f in CallbackDelivery._meta.fields]
    actions = ["send_again"]

    @admin.display(description=_("document"), ordering="submission__document")
    def document(self, obj):
        return obj.submission.document_id

    @admin.display(description=_("client"))
    def client(self, obj):
        return obj.submission.client

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.last_error[:80]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again now (one more attempt)"))
    def send_again(self, request, queryset):
        from api.tasks import enqueue_callback

        ids = list(queryset.exclude(status=CallbackDelivery.Status.DELIVERED).values_list("pk", flat=True))
        CallbackDelivery.objects.filter(pk__in=ids).update(
            status=CallbackDelivery.Status.PENDING, next_attempt_at=timezone.now(), locked_until=None,
        )
        for delivery in CallbackDelivery.objects.filter(pk__in=ids).select_related("submission"):
            self.log_change(request, delivery, "Queued to be sent again.")
            enqueue_callback(delivery.pk)
        messages.info(request, _("%(n)d callback(s) queued.") % {"n": len(ids)})
