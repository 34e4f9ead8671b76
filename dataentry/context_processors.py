from dataentry.roles import MANAGER, OPERATOR, REVIEWER, user_roles


def roles(request):
    mine = user_roles(request.user) if hasattr(request, "user") else set()
    return {
        "is_operator": OPERATOR in mine,
        "is_reviewer": REVIEWER in mine,
        "is_manager": MANAGER in mine,
    }
