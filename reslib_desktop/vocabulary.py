"""Canonical resource types: the library's own facet values and the older labels mapped to them."""

from __future__ import annotations

from reslib_desktop.textnorm import fold

# Display labels of the canonical types, in the order the sidebar lists them.
TYPE_LABELS: dict[str, str] = {
    "report": "Report",
    "fact_sheet": "Fact sheet",
    "policy_and_guidance": "Policy and guidance",
    "brief": "Brief",
    "toolkit": "Toolkit",
    "campaign_materials": "Campaign materials",
    "state_letter": "State letter",
    "training": "Training",
    "webinar": "Webinar",
    "infographic": "Infographic",
}

# Spellings seen in real inputs (folded) -> canonical type.
_ALIASES: dict[str, str] = {
    "reports": "report",
    "fact sheet": "fact_sheet",
    "fact sheets": "fact_sheet",
    "factsheet": "fact_sheet",
    "fact_sheet": "fact_sheet",
    "policy and guidance": "policy_and_guidance",
    "policy guidance": "policy_and_guidance",
    "policy_and_guidance": "policy_and_guidance",
    "briefs": "brief",
    "toolkits": "toolkit",
    "campaign material": "campaign_materials",
    "campaign materials": "campaign_materials",
    "state letters": "state_letter",
    "trainings": "training",
    "webinars": "webinar",
    "infographics": "infographic",
}


def canonical_type(raw: str | None) -> str | None:
    """Map a type as written to a canonical value; the first of a comma list wins.

    Unknown labels become a snake_case value of their own rather than being dropped.
    """
    if not raw:
        return None
    first = raw.split(",")[0]
    key = fold(first.replace("_", " "))
    if not key:
        return None
    if key in _ALIASES:
        return _ALIASES[key]
    snake = key.replace(" ", "_")
    return snake if snake in TYPE_LABELS else _ALIASES.get(snake, snake)


def type_label(value: str | None) -> str:
    """The display label of a canonical type."""
    if not value:
        return "Unspecified"
    return TYPE_LABELS.get(value, value.replace("_", " ").capitalize())
