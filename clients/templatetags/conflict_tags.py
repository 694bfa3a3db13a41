"""Template helpers of the conflict check: what its hits do, counted, for the heading and the colours.

A hit either blocks intake (the firm would act against its own client: the danger colour) or is a
similar name for the partner to review (the warning colour); a check without hits is neutral. The
colour follows that consequence, never the score: an exact match that blocks nothing is not "good".
"""

from django import template

register = template.Library()

BLOCK, REVIEW, NONE = "block", "review", "none"


def consequence(hit) -> str:
    return BLOCK if hit.blocking else REVIEW


@register.filter(name="hit_consequence")
def hit_consequence(hit) -> str:
    """ "block" or "review": the suffix of the row's, the bar's and the label's classes."""
    return consequence(hit)


@register.simple_tag
def hit_counts(hits) -> dict:
    """{"block": n, "review": m, "total": n + m, "consequence": the check's, for its badge}."""
    hits = list(hits or ())
    block = sum(1 for hit in hits if consequence(hit) == BLOCK)
    review = len(hits) - block
    overall = BLOCK if block else REVIEW if review else NONE
    return {"block": block, "review": review, "total": len(hits), "consequence": overall}
