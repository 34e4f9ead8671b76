from django.apps import AppConfig


class DataentryConfig(AppConfig):
    name = "dataentry"
    verbose_name = "Data entry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Runs after django.contrib.admin (listed first) has imported every app's admin module.
        from dataentry.admin_audit import audit_every_admin

        audit_every_admin()
