from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "review"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The core (dataentry) imports nothing from review: review plugs in here (dataentry/hooks.py).
        from dataentry import hooks
        from review import selectors, services

        hooks.store_comparison.register(services.comparison_store)
        hooks.may_view_document.register(selectors.reviewer_may_view)
        hooks.home_figures.register(selectors.home_figures)
        hooks.today_figures.register(selectors.today_figures)
        hooks.held_claims.register(selectors.held_claims)
        hooks.document_withdrawn.register(services.review_tasks_close)
        hooks.work_held_by.register(selectors.work_held_by)
        hooks.work_holders.register(selectors.work_holders)
