from django.apps import AppConfig


class DataentryConfig(AppConfig):
    name = "dataentry"
    verbose_name = "Data entry"
    default_auto_field = "django.db.models.BigAutoField"
