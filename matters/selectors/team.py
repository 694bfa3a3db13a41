"""What the matter page shows about people: the team with their profiles and powers of attorney,
the client's requests for a specialist, and outside lawyers proposed (rules 5, 11, 12).

A fixed number of queries whatever the size of the team: profiles (1), valid powers (1, firm only),
requests (1), proposals (1), the lead check (0–1).
"""

from clients.selectors.powers import valid_powers_for_team

from ..access import allowed
from ..models import Matter, Subcontract
from ..selectors.specialists import listed_specialist_ids, specialist_request_list
from ..selectors.subcontracting import subcontract_list
from ..services.subcontracting import consent_text


def matter_page_extras(*, user, matter: Matter, team) -> dict:
    """Context for the matter page; `team` is matters.selectors.matter_team (already scoped)."""
    people = [a.user for a in team]
    listed = listed_specialist_ids(p.pk for p in people)
    firm = user.is_firm
    powers = valid_powers_for_team(matter=matter, people=[p for p in people if p.is_lawyer]) if firm else {}
    rows = [
        {
            "assignment": a,
            "person": a.user,
            "listed": a.user_id in listed,
            "check_power": firm and a.user.is_lawyer,
            "power": powers.get(a.user_id),
        }
        for a in team
    ]
    subcontracts = list(subcontract_list(user=user, matter=matter))
    for item in subcontracts:
        if item.status == Subcontract.Status.PROPOSED:
            item.consent_preview = consent_text(item)
    return {
        "team_rows": rows,
        "specialist_requests": list(specialist_request_list(user=user, matter=matter)[:20]),
        "subcontracts": subcontracts,
        "may_request_specialist": user.is_client_user and matter.status != Matter.Status.CLOSED,
        "may_subcontract": firm
        and matter.status != Matter.Status.CLOSED
        and allowed(user, matter, "manage_subcontracting"),
    }
