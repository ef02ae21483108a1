"""knowledge/channels.yaml: every channel has sane H5 limits; a broken file is a named config error."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from copilot.errors import ConfigError
from copilot.models import Channel
from copilot.rules.channels import channel_limits, load_channel_limits


def test_every_channel_has_limits_with_style_within_hard() -> None:
    limits = load_channel_limits()
    assert set(get_args(Channel)) <= set(limits)
    for name, lim in limits.items():
        assert lim.style <= lim.hard, name
        assert lim.paragraph <= lim.hard, name


def test_the_known_platform_limits() -> None:
    assert (channel_limits("sms").hard, channel_limits("sms").style) == (320, 160)
    assert channel_limits("whatsapp").hard == channel_limits("telegram").hard == 4096
    assert channel_limits("instagram").hard == 1000 and channel_limits("messenger").hard == 2000


def test_sms_in_cyrillic_armenian_or_lao_gets_the_ucs2_limits() -> None:
    sms = channel_limits("sms")
    assert sms.for_text("Your order ships today") == (320, 160)
    assert sms.for_text("Ваш заказ отправлен") == (268, 70)
    assert sms.for_text("Պատվերը ճանապարհին է") == (268, 70)


def test_an_unknown_key_in_the_file_is_a_config_error_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "channels.yaml"
    bad.write_text("sms: {hard: 320, style: 160, paragraph: 160, soft: 10}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="channels.yaml"):
        load_channel_limits(bad)


def test_a_missing_channel_is_a_config_error(tmp_path: Path) -> None:
    partial = tmp_path / "channels.yaml"
    partial.write_text("sms: {hard: 320, style: 160, paragraph: 160}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="whatsapp"):
        load_channel_limits(partial)
