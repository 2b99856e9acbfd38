import pytest
from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
from django.core.exceptions import ValidationError
from django.utils import translation


@pytest.mark.parametrize("password", ["abc", "Ab1!", "1234567"])
def test_short_passwords_are_refused_in_vietnamese(password):
    with translation.override("vi"), pytest.raises(ValidationError) as error:
        validate_password(password)
    assert "Mật khẩu quá ngắn: cần ít nhất 8 ký tự." in error.value.messages


def test_every_rule_speaks_vietnamese():
    with translation.override("vi"):
        texts = password_validators_help_texts()
        with pytest.raises(ValidationError) as error:
            validate_password("12345678")
    for text in [*texts, *error.value.messages]:
        assert "password" not in text.lower(), text
