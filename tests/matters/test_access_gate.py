"""The gate's two forms agree: allowed(user, obj, action) is restrict_<model>(user, action) for one object.

Pages draw their buttons with `allowed` and services check it; lists and dashboards use the
querysets. Every user of the world against every object it sees and every action, so a rule
changed in one form and not the other fails here. (`allowed` is asked about objects already
fetched through the gate: an object the user cannot see is a 404 before any action is asked.)
"""

import pytest
from django.utils import timezone

from matters import access
from matters.models import Matter, Recommendation, Task
from tests import factories as f
from tests.factories_deliverables import DeliverableFactory
from tests.factories_messages import RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    inactive = f.LeadFactory()
    f.MatterFactory(client=world.a.client, lead=inactive)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    return [
        world.a.user,
        world.a.lead,
        world.a.specialist,
        world.b.lead,
        world.b.user,
        world.partner,
        world.secretary,
        inactive,
        f.ClientUserFactory(client=world.a.client),
    ]


def _agree(people, objects, restrict, actions):
    for user in people:
        for obj in objects:
            if not restrict(user, "view").filter(pk=obj.pk).exists():
                continue
            for action in actions:
                expected = restrict(user, action).filter(pk=obj.pk).exists()
                assert access.allowed(user, obj, action) == expected, (user.role, obj, action)


def test_matter_actions_agree(world, people):
    closed = f.MatterFactory(client=world.a.client, lead=world.a.lead, specialists=[world.secretary])
    closed.status = Matter.Status.CLOSED
    closed.save(update_fields=["status"])
    _agree(people, [world.a.matter, world.b.matter, closed], access.restrict_matters, access.MATTER_ACTIONS)


def test_task_actions_agree(world):
    now = timezone.now()
    taken = {"accepted_by": world.a.specialist, "accepted_at": now}
    answered = f.TaskFactory(
        matter=world.a.matter, status=Task.Status.ANSWERED, answered_by=world.a.specialist, answered_at=now, **taken
    )
    accepted = f.TaskFactory(matter=world.a.matter, status=Task.Status.ACCEPTED, **taken)
    phone = f.TaskFactory(matter=world.a.matter, channel=Task.Channel.PHONE)
    loose = f.TaskFactory(matter=None, client=world.a.client)
    objects = [world.a.task, world.b.task, answered, accepted, phone, loose]
    users = [world.a.user, world.a.lead, world.a.specialist, world.b.lead, world.partner, world.secretary]
    _agree(users, objects, access.restrict_tasks, access.TASK_ACTIONS)


def test_deliverable_actions_agree(world, people):
    draft = DeliverableFactory(matter=world.a.matter, prepared_by=world.a.specialist)
    released = DeliverableFactory(
        matter=world.a.matter, status="released", released_by=world.a.lead, released_at=timezone.now()
    )
    other = DeliverableFactory(matter=world.b.matter)
    _agree(people, [draft, released, other], access.restrict_deliverables, access.DELIVERABLE_ACTIONS)


def test_recommendation_actions_agree(world, people):
    firm = RecommendationFactory(matter=world.a.matter, author=world.a.lead, side=Recommendation.Side.FIRM)
    client = RecommendationFactory(matter=world.a.matter, author=world.a.user, side=Recommendation.Side.CLIENT)
    _agree(people, [firm, client], access.restrict_recommendations, access.RECOMMENDATION_ACTIONS)


def test_an_unknown_action_is_a_programming_error(world):
    with pytest.raises(ValueError):
        access.restrict_matters(world.partner, "delete")
    with pytest.raises(ValueError):
        access.allowed(world.partner, world.a.task, "steer")


def test_visible_matter_ids_are_the_visible_matters(world, people):
    # hearings.access (and the calendar) filter `matter_id IN visible_matter_ids(user)`: the same rule, flatter SQL.
    f.MatterFactory(client=world.b.client, lead=world.b.lead)
    every = set(Matter.objects.values_list("pk", flat=True))
    for user in people:
        ids = access.visible_matter_ids(user)
        got = every if ids is None else set(Matter.objects.filter(pk__in=ids).values_list("pk", flat=True))
        assert got == set(access.visible_matters(user).values_list("pk", flat=True)), user.role
