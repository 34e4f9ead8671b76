from django.apps import AppConfig


class SingleEntryConfig(AppConfig):
    name = "singleentry"
    verbose_name = "Single entry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Results are accepted in several modules (comparison, review, fallback); the one point
        # every accepted result passes is its creation, so the audit bookkeeping listens there.
        from dataentry import hooks
        from singleentry import services, signals  # noqa: F401

        hooks.machine_entry_stored.register(services.single_entry_consider)
        hooks.keying_hold.register(services.single_entry_keying_hold)
