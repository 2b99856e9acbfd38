"""Deadline reminders go to units that have not sent the form, exactly N days before their own deadline."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from evaluations.cycle import services
from evaluations.models import Stage

from ..conftest import REGISTRATION_DUE, TODAY, fill_registration


def _run(*args):
    out = StringIO()
    call_command("send_deadline_reminders", *args, stdout=out)
    return out.getvalue()


def _with_mail(world):
    for user, address in ((world.secretary, "eaphe@example.org"), (world.bmt_secretary, "tanloi@example.org")):
        user.email = address
        user.save()


def test_units_without_a_sent_registration_are_reminded(world, campaign):
    _with_mail(world)
    on = (REGISTRATION_DUE - datetime.timedelta(days=7)).strftime("%d/%m/%Y")
    output = _run("--days", "7", "--today", on)
    assert "DL-KP-EAPHE" in output and "DL-BMT-TANLOI" in output and "DL-KP-EAKENH" in output
    assert sorted(m.to[0] for m in mail.outbox) == ["eaphe@example.org", "tanloi@example.org"]
    assert "Nhắc hạn nộp bản đăng ký" in mail.outbox[0].subject


def test_a_sent_registration_is_not_reminded(world, campaign):
    _with_mail(world)
    record = services.start_registration(campaign=campaign, unit=world.units.eaphe, by=world.secretary)
    fill_registration(record, world.secretary)
    services.submit_registration(registration=record, by=world.secretary, today=TODAY)
    on = (REGISTRATION_DUE - datetime.timedelta(days=7)).strftime("%d/%m/%Y")
    output = _run("--days", "7", "--today", on)
    assert "DL-KP-EAPHE" not in output and [m.to for m in mail.outbox] == [["tanloi@example.org"]]


def test_an_extended_unit_is_reminded_on_its_own_deadline(world, campaign):
    later = REGISTRATION_DUE + datetime.timedelta(days=10)
    services.extend_deadline(
        campaign=campaign,
        unit=world.units.eaphe,
        stage=Stage.REGISTRATION,
        due_date=later,
        reason="Bầu lại BCH",
        by=world.kp_officer,
    )
    common = _run("--days", "7", "--today", (REGISTRATION_DUE - datetime.timedelta(days=7)).strftime("%d/%m/%Y"))
    own = _run("--days", "7", "--dry-run", "--today", (later - datetime.timedelta(days=7)).strftime("%d/%m/%Y"))
    assert "DL-KP-EAPHE" not in common and "DL-KP-EAPHE" in own


def test_bad_arguments_are_refused_in_vietnamese(world, campaign):
    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        _run("--today", "2026-12-01")
