"""Promise extraction from English agent messages."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.promises import extract_promises

NY = "America/New_York"
LDN = "Europe/London"
MON_10 = "2026-03-02T10:00:00-05:00"  # a Monday morning in New York
MON_1730 = "2026-03-02T17:30:00-05:00"
MON_1830 = "2026-03-02T18:30:00-05:00"


def found(text: str, now: str = MON_10, tz: str = NY) -> list[tuple[str, str | None]]:
    promises = extract_promises(text, datetime.fromisoformat(now), ZoneInfo(tz))
    return [(p.kind, p.due.isoformat() if p.due else None) for p in promises]


PROMISES = [
    # durations in digits and words
    (
        "Let me check with the warehouse and I'll get back to you within 20 minutes.",
        [("callback", "2026-03-02T10:20:00-05:00")],
    ),
    ("I'll give you a call back within the next 15 minutes.", [("callback", "2026-03-02T10:15:00-05:00")]),
    ("I'll call you back in 15 mins.", [("callback", "2026-03-02T10:15:00-05:00")]),
    ("I'll call you back in 10.", [("callback", "2026-03-02T10:10:00-05:00")]),
    ("I can call you back in half an hour.", [("callback", "2026-03-02T10:30:00-05:00")]),
    ("I'll send you the invoice in an hour.", [("callback", "2026-03-02T11:00:00-05:00")]),
    ("An engineer will call you within the hour.", [("callback", "2026-03-02T11:00:00-05:00")]),
    ("I'm going to call you back in about forty-five minutes.", [("callback", "2026-03-02T10:45:00-05:00")]),
    (
        "Someone from our team will be in touch in the next 48 hours.",
        [("callback", "2026-03-04T10:00:00-05:00")],
    ),
    ("I'll reply to your email within 2 hours.", [("callback", "2026-03-02T12:00:00-05:00")]),
    ("I'll get back to you in an hour and a half.", [("callback", "2026-03-02T11:30:00-05:00")]),
    ("You'll get a call from us within a quarter of an hour.", [("callback", "2026-03-02T10:15:00-05:00")]),
    ("You can expect a callback within 2 hrs.", [("callback", "2026-03-02T12:00:00-05:00")]),
    ("We will contact you within 2 business days.", [("callback", "2026-03-04T18:00:00-05:00")]),
    ("I'll be back with an update in 20 minutes.", [("callback", "2026-03-02T10:20:00-05:00")]),
    # ranges at their upper end
    ("I'll call you back in a couple of minutes.", [("callback", "2026-03-02T10:02:00-05:00")]),
    ("I'll ring you back in 5-10 minutes, OK?", [("callback", "2026-03-02T10:10:00-05:00")]),
    ("I'll call you back in 5–10 minutes.", [("callback", "2026-03-02T10:10:00-05:00")]),
    (
        "I should have an answer for you in ten to fifteen minutes.",
        [("callback", "2026-03-02T10:15:00-05:00")],
    ),
    ("We'll get back to you in an hour or two.", [("callback", "2026-03-02T12:00:00-05:00")]),
    ("Our specialist will contact you within 1-2 hours.", [("callback", "2026-03-02T12:00:00-05:00")]),
    # holds
    ("Please hold for two minutes while I look this up.", [("hold", "2026-03-02T10:02:00-05:00")]),
    ("Give me 15 mins and I will get back to you.", [("hold", "2026-03-02T10:15:00-05:00")]),
    ("Give me two minutes to check that for you.", [("hold", "2026-03-02T10:02:00-05:00")]),
    ("Bear with me for 3 minutes.", [("hold", "2026-03-02T10:03:00-05:00")]),
    ("Hang on a couple of minutes.", [("hold", "2026-03-02T10:02:00-05:00")]),
    ("Could you hold for about five minutes?", [("hold", "2026-03-02T10:05:00-05:00")]),
    ("Do you mind waiting 2 minutes while I check?", [("hold", "2026-03-02T10:02:00-05:00")]),
    ("Please allow me 10 minutes to look into this.", [("hold", "2026-03-02T10:10:00-05:00")]),
    ("I'll be with you in 2 minutes.", [("hold", "2026-03-02T10:02:00-05:00")]),
    ("I'll be back in 5 minutes.", [("hold", "2026-03-02T10:05:00-05:00")]),
    ("Give me a sec.", [("hold", None)]),
    ("Just a moment please, I'm checking your account.", [("hold", None)]),
    ("One moment while I pull up your order.", [("hold", None)]),
    ("I'll be right back.", [("hold", None)]),
    # day words and business hours
    ("Our billing team will email you by end of day.", [("callback", "2026-03-02T18:00:00-05:00")]),
    ("I'll get back to you later today.", [("callback", "2026-03-02T18:00:00-05:00")]),
    ("I'll email you the details this afternoon.", [("callback", "2026-03-02T18:00:00-05:00")]),
    ("I'll call you before we close today.", [("callback", "2026-03-02T18:00:00-05:00")]),
    ("I'll call you tomorrow morning.", [("callback", "2026-03-03T12:00:00-05:00")]),
    ("I'll call you first thing in the morning.", [("callback", "2026-03-03T12:00:00-05:00")]),
    ("I'll get back to you tomorrow.", [("callback", "2026-03-03T18:00:00-05:00")]),
    ("I'll update you the day after tomorrow.", [("callback", "2026-03-04T18:00:00-05:00")]),
    # clock times
    ("You'll hear from us by 3 p.m.", [("callback", "2026-03-02T15:00:00-05:00")]),
    ("I will call you back by 3pm tomorrow.", [("callback", "2026-03-03T15:00:00-05:00")]),
    ("I'll get back to you before 10 tomorrow.", [("callback", "2026-03-03T10:00:00-05:00")]),
    ("I'll have an answer for you by noon.", [("callback", "2026-03-02T12:00:00-05:00")]),
    ("I'll call you at 4.", [("callback", "2026-03-02T16:00:00-05:00")]),
    ("I'll call you back at 9.", [("callback", "2026-03-03T09:00:00-05:00")]),
    ("I'll make sure someone calls you back before 5.", [("callback", "2026-03-02T17:00:00-05:00")]),
    ("I'll text you at 14:30.", [("callback", "2026-03-02T14:30:00-05:00")]),
    ("Expect a call from our technician between 2 and 4 pm.", [("callback", "2026-03-02T16:00:00-05:00")]),
    ("I'll call you at half past three.", [("callback", "2026-03-02T15:30:00-05:00")]),
    # follow-ups
    (
        "I'll follow up tomorrow to make sure the replacement arrived.",
        [("follow_up", "2026-03-03T18:00:00-05:00")],
    ),
    ("I'll check back in an hour to see if the reset worked.", [("follow_up", "2026-03-02T11:00:00-05:00")]),
    ("I'll touch base with you tomorrow.", [("follow_up", "2026-03-03T18:00:00-05:00")]),
    (
        "I'll check again today that the update has taken effect.",
        [("follow_up", "2026-03-02T18:00:00-05:00")],
    ),
    ("I'll check in with you next week to see how it's going.", [("follow_up", None)]),
    (
        "I'll call you back in 10 minutes, and I'll follow up on Thursday at 11am to make sure it's working.",
        [("callback", "2026-03-02T10:10:00-05:00"), ("follow_up", "2026-03-05T11:00:00-05:00")],
    ),
    # vague: no due
    ("I'll get back to you in a few minutes.", [("callback", None)]),
    ("I'll get back to you as soon as I can.", [("callback", None)]),
    ("I will reach out on Monday.", [("callback", None)]),
    ("I'll text you tonight.", [("callback", None)]),
    ("We'll get back to you with an answer by Thursday.", [("callback", None)]),
    ("I'll let you know once I hear from the warehouse.", [("callback", None)]),
    # arranged on the team's behalf
    (
        "I've asked the engineer to call you back within the hour.",
        [("callback", "2026-03-02T11:00:00-05:00")],
    ),
    ("I'll have my supervisor phone you in 30 minutes.", [("callback", "2026-03-02T10:30:00-05:00")]),
    ("I can't fix it now, but I'll email you tomorrow.", [("callback", "2026-03-03T18:00:00-05:00")]),
    (
        "I've escalated this and they will reach out to you within 4 hours.",
        [("callback", "2026-03-02T14:00:00-05:00")],
    ),
    ("I'm putting you on a brief hold - back in 3 minutes.", [("hold", "2026-03-02T10:03:00-05:00")]),
    ("Please stay on the line, this will take about two minutes.", [("hold", "2026-03-02T10:02:00-05:00")]),
    (
        "We'll review your case and respond within 3 working days.",
        [("callback", "2026-03-05T18:00:00-05:00")],
    ),
    ("I'll send over the tracking link in 15 minutes.", [("callback", "2026-03-02T10:15:00-05:00")]),
    (
        "Sorry, I couldn't reach you earlier. I'll try you again at 2pm.",
        [("callback", "2026-03-02T14:00:00-05:00")],
    ),
    ("Talk to you in 20 minutes!", [("callback", "2026-03-02T10:20:00-05:00")]),
    ("I'll ring you back in twenty.", [("callback", "2026-03-02T10:20:00-05:00")]),
    ("I'll call you this time tomorrow.", [("callback", "2026-03-03T10:00:00-05:00")]),
    ("The technician will call you 30 minutes before arrival.", [("callback", None)]),
    (
        "Our engineer will call you between 9 and 11 tomorrow morning.",
        [("callback", "2026-03-03T11:00:00-05:00")],
    ),
    ("We'll call you between 11am and 1.", [("callback", "2026-03-02T13:00:00-05:00")]),
    ("I'll drop you an email by COB.", [("callback", "2026-03-02T18:00:00-05:00")]),
    ("I promise I'll call you back before 6.", [("callback", "2026-03-02T18:00:00-05:00")]),
    ("We will call you back within 24-48 hours.", [("callback", "2026-03-04T10:00:00-05:00")]),
    (
        "I'll reach out again tomorrow afternoon to check the connection is stable.",
        [("follow_up", "2026-03-03T18:00:00-05:00")],
    ),
    (
        "I'll message you back in twenty minutes with the tracking link.",
        [("callback", "2026-03-02T10:20:00-05:00")],
    ),
    ("I'll get back to you in two and a half hours.", [("callback", "2026-03-02T12:30:00-05:00")]),
    ("I'll get back to you in 2.5 hours.", [("callback", "2026-03-02T12:30:00-05:00")]),
    ("I'll call you back in a half hour.", [("callback", "2026-03-02T10:30:00-05:00")]),
    ("I'll get back to you within 48 hrs.", [("callback", "2026-03-04T10:00:00-05:00")]),
    ("Give me 5.", [("hold", "2026-03-02T10:05:00-05:00")]),
    ("Give me a minute or two.", [("hold", "2026-03-02T10:02:00-05:00")]),
    ("I need about 5 minutes to pull up your records.", [("hold", "2026-03-02T10:05:00-05:00")]),
    ("We'll get back to you in under an hour.", [("callback", "2026-03-02T11:00:00-05:00")]),
    ("I'll get back to you sometime today.", [("callback", "2026-03-02T18:00:00-05:00")]),
    ("I'll call you before 6 today.", [("callback", "2026-03-02T18:00:00-05:00")]),
    ("I'll send it by tomorrow noon.", [("callback", "2026-03-03T12:00:00-05:00")]),
    ("I'll call you no later than tomorrow 10am.", [("callback", "2026-03-03T10:00:00-05:00")]),
    ("I'll call you on March 5 at 3pm.", [("callback", "2026-03-05T15:00:00-05:00")]),
    ("Expect my call around 4:30 this afternoon.", [("callback", "2026-03-02T16:30:00-05:00")]),
    ("I'll come back to you before lunch.", [("callback", "2026-03-02T12:00:00-05:00")]),
    ("I'll follow up in 48h.", [("follow_up", "2026-03-04T10:00:00-05:00")]),
    ("If you could hold for 2 minutes, I'll check.", [("hold", "2026-03-02T10:02:00-05:00")]),
    ("I'd be happy to call you back in 10 minutes.", [("callback", "2026-03-02T10:10:00-05:00")]),
    ("Hold tight, I'll be 2 minutes.", [("hold", "2026-03-02T10:02:00-05:00")]),
    ("I'll email the order confirmation within 10 minutes.", [("callback", "2026-03-02T10:10:00-05:00")]),
    ("Leave it with me, I'll confirm by 4pm.", [("callback", "2026-03-02T16:00:00-05:00")]),
    ("I'll revert within the day.", [("callback", "2026-03-02T18:00:00-05:00")]),
    ("The invoice will be emailed to you by 5pm.", [("callback", "2026-03-02T17:00:00-05:00")]),
    ("I'll send the engineer's report in an hour.", [("callback", "2026-03-02T11:00:00-05:00")]),
    ("I'll send you the order confirmation in 5 minutes.", [("callback", "2026-03-02T10:05:00-05:00")]),
    ("I'll be out of office tomorrow; my colleague will contact you.", [("callback", None)]),
    ("We'll call you tomorrow between 9 and 12.", [("callback", "2026-03-03T12:00:00-05:00")]),
    ("We'll have an answer by tomorrow.", [("callback", "2026-03-03T18:00:00-05:00")]),
    (
        "I'll send the receipt in 5 minutes, and I'll check on Wednesday at 9 that the refund shows on your statement.",
        [("callback", "2026-03-02T10:05:00-05:00"), ("follow_up", "2026-03-04T09:00:00-05:00")],
    ),
    (
        "I'll chase the warehouse this afternoon and let you know what they say.",
        [("callback", "2026-03-02T18:00:00-05:00")],
    ),
    ("Let me just check that for you - two minutes.", [("hold", "2026-03-02T10:02:00-05:00")]),
    ("Let me check, it should take about 3 minutes.", [("hold", "2026-03-02T10:03:00-05:00")]),
    ("I'll get right back to you.", [("callback", None)]),
    ("Someone will get back to you by tomorrow lunchtime.", [("callback", "2026-03-03T12:00:00-05:00")]),
    (
        "The lab will have results by 4pm, and I'll call you by then.",
        [("callback", "2026-03-02T16:00:00-05:00")],
    ),
    (
        "Our engineer will run the diagnostics within 2 hours and call you with the results.",
        [("callback", "2026-03-02T12:00:00-05:00")],
    ),
]

NOT_PROMISES = [
    # the customer's own actions
    "Please reply within 24 hours or the ticket will close.",
    "You need to complete the payment within 30 minutes.",
    "Please call us back within 24 hours.",
    "You will need to reply to this email by 5pm.",
    "Let us know by tomorrow if you'd like to keep the order.",
    # delivery estimates and policy periods
    "Your refund will appear in 5-7 business days.",
    "Delivery usually takes 3-5 days.",
    "We'll ship the replacement tomorrow.",
    "I'll send a replacement unit within 2 days.",
    "Our courier will call you before delivery.",
    "You will receive a confirmation email shortly.",
    "The system will automatically email you within 10 minutes.",
    # conditionals
    "If it's out of stock, I'll call you.",
    "I'll call you back if the warehouse finds it.",
    "We will let you know if anything changes.",
    "In case the part arrives early, we'll contact you tomorrow.",
    # offers put as questions
    "Would you like me to call you back?",
    "Can I call you back in 10 minutes?",
    "Shall I email you the form tomorrow?",
    "Do you want me to follow up with you next week?",
    "If you'd like, I can call you back tomorrow.",
    # the past
    "I called you an hour ago but there was no answer.",
    "I tried calling you this morning.",
    "I said I would call you back by noon, sorry.",
    "I was going to call you at 3pm.",
    "We emailed you yesterday about the refund.",
    # negations and no commitment at all
    "I won't be able to call you today.",
    "Thanks for waiting.",
    "Let me look into it.",
    "Our opening hours are 9 to 6.",
    "Feel free to contact us anytime.",
    "Please try restarting the router and wait 5 minutes.",
    "Please wait 24 hours before trying again.",
    "Kindly allow 3-5 business days for the refund to be processed.",
    "Your order will be dispatched within 24 hours.",
    "You will get an SMS once the courier is nearby.",
    "The payment link expires in 15 minutes.",
    "The technician is on his way and should arrive in 30 minutes.",
    "I'll get the replacement out to you by Thursday.",
    "Would it help if I called you back in 10 minutes?",
    "You can call us anytime between 9 and 5.",
    "Should the issue persist, we'll call you tomorrow.",
    "Is it okay if I call you back in 10 minutes?",
    "How about I call you back at 3?",
    "We had arranged to call you at 3pm.",
    "Could you call us back within the hour?",
    "Please get back to us by Friday.",
    "You will have 24 hours to respond.",
    "Your replacement card will reach you within 5 days.",
    "You'll receive your replacement within 48 hours.",
    "We'll send a courier to pick it up tomorrow.",
    "If we don't hear back from you in 48 hours, we'll close the ticket.",
    "The engineer will be there between 1 and 3pm.",
    "Your refund will be sent to you in 3 days.",
    "The replacement will be sent to you tomorrow.",
    "I'll send you a replacement tomorrow.",
    "We will process your refund within 5 business days.",
    "I'm escalating this now; they usually respond within 24 hours.",
]


@pytest.mark.parametrize(("text", "expected"), PROMISES)
def test_promises(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", NOT_PROMISES)
def test_not_promises(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("I'll get back to you today.", MON_1730, [("callback", "2026-03-02T18:00:00-05:00")]),
        ("I'll get back to you today.", MON_1830, [("callback", None)]),
        ("I'll email you by end of day.", MON_1830, [("callback", None)]),
        ("I'll call you tomorrow.", MON_1830, [("callback", "2026-03-03T18:00:00-05:00")]),
        ("I'll call you back by 3pm.", MON_1730, [("callback", "2026-03-03T15:00:00-05:00")]),
        ("I'll call you at 9:30.", MON_10, [("callback", "2026-03-03T09:30:00-05:00")]),
    ],
)
def test_business_hours_and_rolling_clock(
    text: str, now: str, expected: list[tuple[str, str | None]]
) -> None:
    assert found(text, now=now) == expected


def test_london() -> None:
    now = "2026-02-10T11:00:00+00:00"
    assert found("I'll ring you back in 20 minutes.", now, LDN) == [("callback", "2026-02-10T11:20:00+00:00")]
    assert found("I'll email you first thing tomorrow.", now, LDN) == [
        ("callback", "2026-02-11T12:00:00+00:00")
    ]
