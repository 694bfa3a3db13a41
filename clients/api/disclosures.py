"""REST API of the disclosure questionnaire (rule 4): read, fill in, earlier revisions, follow-up questions.

Everything is scoped by matters.access.confidential_matters (through clients.services.disclosures):
a matter outside it is a 404. Every read by the firm is written to the access log.
"""

from django.urls import path, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NewestFirstPagination, PortalAPIView
from core.api_refs import MatterRefSerializer, PersonSerializer
from core.errors import NotFound

from ..forms.disclosures import DISCLOSURE_HINTS
from ..models import Disclosure
from ..ports import matter_get
from ..services import disclosures as services
from ..services.disclosures import ANSWER_MAX, QUESTION_MAX


def _answer_field(name: str, **kwargs) -> serializers.CharField:
    label = Disclosure._meta.get_field(name).verbose_name
    return serializers.CharField(
        label=label, help_text=DISCLOSURE_HINTS[name], allow_blank=True, max_length=ANSWER_MAX, **kwargs
    )


class DisclosureAnswersSerializer(serializers.Serializer):
    doubts = _answer_field("doubts")
    risk_points = _answer_field("risk_points")
    opponent_status = _answer_field("opponent_status")
    opponent_means = _answer_field("opponent_means")
    opponent_qualities = _answer_field("opponent_qualities")
    opponent_image = _answer_field("opponent_image")
    missing_documents = _answer_field("missing_documents")
    other = _answer_field("other")


class DisclosureOutput(serializers.Serializer):
    matter = MatterRefSerializer()
    answers = DisclosureAnswersSerializer()
    revision = serializers.IntegerField(help_text="0 while the client has not filled the questionnaire in.")
    updated_at = serializers.DateTimeField(allow_null=True)
    updated_by = PersonSerializer(allow_null=True)
    unanswered_questions = serializers.IntegerField()
    revisions_url = serializers.CharField()
    questions_url = serializers.CharField()


class DisclosureRevisionOutput(serializers.Serializer):
    revision = serializers.IntegerField()
    saved_at = serializers.DateTimeField()
    saved_by = PersonSerializer()
    answers = DisclosureAnswersSerializer()


class DisclosureQuestionOutput(serializers.Serializer):
    id = serializers.IntegerField()
    matter = serializers.IntegerField(source="matter_id")
    question = serializers.CharField()
    asked_by = PersonSerializer()
    asked_at = serializers.DateTimeField()
    answer = serializers.CharField()
    answered_by = PersonSerializer(allow_null=True)
    answered_at = serializers.DateTimeField(allow_null=True)
    answer_url = serializers.SerializerMethodField()

    def get_answer_url(self, question) -> str:
        return reverse("api:disclosure_question_answer", kwargs={"pk": question.pk})


def _disclosure_body(matter, disclosure, questions) -> dict:
    return {
        "matter": matter,
        "answers": {n: getattr(disclosure, n) if disclosure else "" for n in Disclosure.ANSWER_FIELDS},
        "revision": disclosure.revision if disclosure else 0,
        "updated_at": disclosure.updated_at if disclosure else None,
        "updated_by": disclosure.updated_by if disclosure else None,
        "unanswered_questions": sum(1 for q in questions if q.answered_at is None),
        "revisions_url": reverse("api:disclosure_revisions", kwargs={"pk": matter.pk}),
        "questions_url": reverse("api:disclosure_questions", kwargs={"pk": matter.pk}),
    }


class DisclosureApi(PortalAPIView):
    class DisclosurePutInput(serializers.Serializer):
        doubts = _answer_field("doubts", required=False, default="")
        risk_points = _answer_field("risk_points", required=False, default="")
        opponent_status = _answer_field("opponent_status", required=False, default="")
        opponent_means = _answer_field("opponent_means", required=False, default="")
        opponent_qualities = _answer_field("opponent_qualities", required=False, default="")
        opponent_image = _answer_field("opponent_image", required=False, default="")
        missing_documents = _answer_field("missing_documents", required=False, default="")
        other = _answer_field("other", required=False, default="")

    class DisclosurePatchInput(serializers.Serializer):
        doubts = _answer_field("doubts", required=False)
        risk_points = _answer_field("risk_points", required=False)
        opponent_status = _answer_field("opponent_status", required=False)
        opponent_means = _answer_field("opponent_means", required=False)
        opponent_qualities = _answer_field("opponent_qualities", required=False)
        opponent_image = _answer_field("opponent_image", required=False)
        missing_documents = _answer_field("missing_documents", required=False)
        other = _answer_field("other", required=False)

    def _respond(self, request, matter, disclosure=None, *, log=True):
        if log:
            disclosure = services.disclosure_read(user=request.user, matter=matter, request=request)
        questions = list(services.disclosure_questions(user=request.user, matter=matter))
        return Response(DisclosureOutput(_disclosure_body(matter, disclosure, questions)).data)

    @extend_schema(operation_id="disclosure_retrieve", responses={200: DisclosureOutput, **ERROR_RESPONSES})
    def get(self, request, pk):
        """The matter's disclosure questionnaire. A read by the firm is written to the client's access log."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        return self._respond(request, matter)

    @extend_schema(
        operation_id="disclosure_update",
        request=DisclosurePutInput,
        responses={200: DisclosureOutput, **ERROR_RESPONSES},
    )
    def put(self, request, pk):
        """Client users: write the whole questionnaire (an answer left out is saved empty); the earlier text
        is kept as a revision. Saving the same answers again changes nothing."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        data = self.validated(self.DisclosurePutInput, request.data)
        disclosure = services.disclosure_save(matter=matter, by=request.user, answers=data)
        return self._respond(request, matter, disclosure, log=False)

    @extend_schema(
        operation_id="disclosure_partial_update",
        request=DisclosurePatchInput,
        responses={200: DisclosureOutput, **ERROR_RESPONSES},
    )
    def patch(self, request, pk):
        """Client users: change some answers and keep the others."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        data = self.validated(self.DisclosurePatchInput, request.data)
        disclosure = services.disclosure_save(matter=matter, by=request.user, answers=data, partial=True)
        return self._respond(request, matter, disclosure, log=False)


class DisclosureRevisionListApi(PortalAPIView):
    class Pagination(NewestFirstPagination):
        page_size = 20
        ordering = ("-revision", "-id")

    pagination_class = Pagination

    @extend_schema(
        operation_id="disclosure_revisions_list",
        responses={200: DisclosureRevisionOutput(many=True), **ERROR_RESPONSES},
    )
    def get(self, request, pk):
        """The earlier texts of the questionnaire, newest first (a read by the firm is access-logged)."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        qs = services.disclosure_revisions(user=request.user, matter=matter, request=request)
        return self.paginated(request, qs, DisclosureRevisionOutput)


class DisclosureRevisionDetailApi(PortalAPIView):
    @extend_schema(
        operation_id="disclosure_revisions_retrieve", responses={200: DisclosureRevisionOutput, **ERROR_RESPONSES}
    )
    def get(self, request, pk, revision):
        """One earlier text of the questionnaire by its number (a read by the firm is access-logged)."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        found = services.disclosure_revisions(user=request.user, matter=matter, request=request).filter(
            revision=revision
        )
        item = found.first()
        if item is None:
            raise NotFound()
        return Response(DisclosureRevisionOutput(item).data)


class DisclosureQuestionListCreateApi(PortalAPIView):
    class Pagination(NewestFirstPagination):
        ordering = ("-asked_at", "-id")

    pagination_class = Pagination

    class DisclosureQuestionInput(serializers.Serializer):
        question = serializers.CharField(max_length=QUESTION_MAX)

    @extend_schema(
        operation_id="disclosure_questions_list",
        responses={200: DisclosureQuestionOutput(many=True), **ERROR_RESPONSES},
    )
    def get(self, request, pk):
        """The firm's follow-up questions on the matter and the client's answers, newest first.

        A read by the firm is written to the client's access log."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        qs = services.disclosure_questions(user=request.user, matter=matter, request=request, log=True)
        return self.paginated(request, qs, DisclosureQuestionOutput)

    @extend_schema(
        operation_id="disclosure_questions_create",
        request=DisclosureQuestionInput,
        responses={201: DisclosureQuestionOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """The matter's lawyers (and partners) ask the client a follow-up question; the client's people are told."""
        matter = matter_get(user=request.user, pk=pk, action="read")
        data = self.validated(self.DisclosureQuestionInput, request.data)
        asked = services.disclosure_question_ask(matter=matter, by=request.user, question=data["question"])
        return Response(DisclosureQuestionOutput(asked).data, status=status.HTTP_201_CREATED)


class DisclosureQuestionDetailApi(PortalAPIView):
    @extend_schema(
        operation_id="disclosure_questions_retrieve", responses={200: DisclosureQuestionOutput, **ERROR_RESPONSES}
    )
    def get(self, request, pk):
        """One follow-up question with the client's answer (a read by the firm is access-logged)."""
        question = services.disclosure_question_read(user=request.user, pk=pk, request=request)
        return Response(DisclosureQuestionOutput(question).data)


class DisclosureQuestionAnswerApi(PortalAPIView):
    class DisclosureAnswerInput(serializers.Serializer):
        answer = serializers.CharField(max_length=ANSWER_MAX)

    @extend_schema(
        operation_id="disclosure_questions_answer",
        request=DisclosureAnswerInput,
        responses={200: DisclosureQuestionOutput, **ERROR_RESPONSES},
    )
    def post(self, request, pk):
        """Client users answer a follow-up question, once (a second answer is a 409)."""
        question = services.disclosure_question_get(user=request.user, pk=pk)
        data = self.validated(self.DisclosureAnswerInput, request.data)
        answered = services.disclosure_question_answer(question=question, by=request.user, answer=data["answer"])
        return Response(DisclosureQuestionOutput(answered).data)


urlpatterns = [
    path("matters/<int:pk>/disclosure/", DisclosureApi.as_view(), name="disclosure"),
    path("matters/<int:pk>/disclosure/revisions/", DisclosureRevisionListApi.as_view(), name="disclosure_revisions"),
    path(
        "matters/<int:pk>/disclosure/revisions/<int:revision>/",
        DisclosureRevisionDetailApi.as_view(),
        name="disclosure_revision_detail",
    ),
    path(
        "matters/<int:pk>/disclosure/questions/",
        DisclosureQuestionListCreateApi.as_view(),
        name="disclosure_questions",
    ),
    path("disclosure-questions/<int:pk>/", DisclosureQuestionDetailApi.as_view(), name="disclosure_question_detail"),
    path(
        "disclosure-questions/<int:pk>/answer/",
        DisclosureQuestionAnswerApi.as_view(),
        name="disclosure_question_answer",
    ),
]
