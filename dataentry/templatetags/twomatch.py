from django import template

register = template.Library()


@register.filter
def dictget(mapping, key):
    if isinstance(mapping, dict):
        return mapping.get(key, "")
    return ""
