from tests.factories_hearings import AttendeeFactory


def test_factories_make_a_hearing_with_a_client_user(db):
    attendee = AttendeeFactory()
    assert attendee.user.client_id == attendee.hearing.matter.client_id
    assert attendee.hearing.representative is not None
    outside = AttendeeFactory(hearing=attendee.hearing, kind="witness", user=None, email="w@example.test")
    assert outside.user is None
