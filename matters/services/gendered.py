"""The Russian forms of the timeline's lines about a person, chosen by the person's gender.

A line such as "Task %(number)s was accepted by %(name)s" reads «Орлов принял задачу…» or «Белова
приняла задачу…» in Russian. `timeline.gendered` looks the form up under the context "male" or
"female" when the person has said their gender (users.User.gender), else takes the plain
translation, which is phrased to need none. Nothing calls this tuple: each entry marks one form for
makemessages, so that the catalogue keeps it.
"""

from django.utils.translation import pgettext_lazy

FORMS = (
    pgettext_lazy("male", "%(name)s asked the client a follow-up question on the disclosure"),
    pgettext_lazy("female", "%(name)s asked the client a follow-up question on the disclosure"),
    pgettext_lazy("male", "Power of attorney %(number)s was revoked by %(name)s"),
    pgettext_lazy("female", "Power of attorney %(number)s was revoked by %(name)s"),
    pgettext_lazy("male", "A draft result «%(title)s» was prepared by %(name)s"),
    pgettext_lazy("female", "A draft result «%(title)s» was prepared by %(name)s"),
    pgettext_lazy("male", "The draft result «%(title)s» was changed by %(name)s"),
    pgettext_lazy("female", "The draft result «%(title)s» was changed by %(name)s"),
    pgettext_lazy("male", "Result of work «%(title)s» was released to the client by %(name)s"),
    pgettext_lazy("female", "Result of work «%(title)s» was released to the client by %(name)s"),
    pgettext_lazy("male", "«%(title)s» was downloaded in the portal by %(name)s"),
    pgettext_lazy("female", "«%(title)s» was downloaded in the portal by %(name)s"),
    pgettext_lazy("male", "%(name)s confirmed receipt of «%(title)s»"),
    pgettext_lazy("female", "%(name)s confirmed receipt of «%(title)s»"),
    pgettext_lazy("male", "%(name)s wrote a message"),
    pgettext_lazy("female", "%(name)s wrote a message"),
    pgettext_lazy("male", "%(name)s wrote a material message"),
    pgettext_lazy("female", "%(name)s wrote a material message"),
    pgettext_lazy("male", "%(name)s edited a message; the earlier text is kept"),
    pgettext_lazy("female", "%(name)s edited a message; the earlier text is kept"),
    pgettext_lazy("male", "%(name)s made a recommendation on behalf of the firm"),
    pgettext_lazy("female", "%(name)s made a recommendation on behalf of the firm"),
    pgettext_lazy("male", "%(name)s made a recommendation on behalf of the client"),
    pgettext_lazy("female", "%(name)s made a recommendation on behalf of the client"),
    pgettext_lazy("male", "%(name)s accepted a recommendation"),
    pgettext_lazy("female", "%(name)s accepted a recommendation"),
    pgettext_lazy("male", "%(name)s did not accept a recommendation"),
    pgettext_lazy("female", "%(name)s did not accept a recommendation"),
    pgettext_lazy("male", "%(name)s warned that an instruction of the client is unlawful or harmful"),
    pgettext_lazy("female", "%(name)s warned that an instruction of the client is unlawful or harmful"),
    pgettext_lazy("male", "%(name)s reported acting on the matter without the firm"),
    pgettext_lazy("female", "%(name)s reported acting on the matter without the firm"),
    pgettext_lazy("male", "%(name)s recorded that the client acted on the matter without the firm"),
    pgettext_lazy("female", "%(name)s recorded that the client acted on the matter without the firm"),
    pgettext_lazy("male", "Risk acknowledged by %(name)s"),
    pgettext_lazy("female", "Risk acknowledged by %(name)s"),
    pgettext_lazy("male", "%(name)s withdrew the instruction the firm had warned about"),
    pgettext_lazy("female", "%(name)s withdrew the instruction the firm had warned about"),
    pgettext_lazy("male", "%(name)s published a corrected risk notice replacing an earlier one"),
    pgettext_lazy("female", "%(name)s published a corrected risk notice replacing an earlier one"),
    pgettext_lazy("male", "%(name)s proposed to involve %(contractor)s; the client's consent is needed"),
    pgettext_lazy("female", "%(name)s proposed to involve %(contractor)s; the client's consent is needed"),
    pgettext_lazy("male", "Task %(number)s was accepted by %(name)s"),
    pgettext_lazy("female", "Task %(number)s was accepted by %(name)s"),
    pgettext_lazy("male", "Task %(number)s was declined by %(name)s"),
    pgettext_lazy("female", "Task %(number)s was declined by %(name)s"),
    pgettext_lazy("male", "Task %(number)s was answered in writing by %(name)s"),
    pgettext_lazy("female", "Task %(number)s was answered in writing by %(name)s"),
)
