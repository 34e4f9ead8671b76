from django.apps import AppConfig


class SingleEntryConfig(AppConfig):
    name = "singleentry"
    verbose_name = "Single entry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Results are accepted in several modules (comparison, review, fallback); the one point
        # every accepted result passes is its creation, so the audit bookkeeping listens there.
        from singleentry import signals  # noqa: F401
