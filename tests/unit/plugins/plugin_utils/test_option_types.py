"""Values that pass Ansible's argument validation but are not the type the role uses them as."""

from ansible_collections.mlflowops.tracking.plugins.plugin_utils.option_types import option_type_errors

OPTIONS = {
    "mode": {"type": "str", "choices": ["acme", "internal", "off"]},
    "enabled": {"type": "bool"},
    "names": {"type": "list", "elements": "str"},
    "workers": {"type": "int"},
    "extra": {"type": "dict"},
    "password": {"type": "str", "no_log": True},
    "users": {"type": "list", "elements": "dict"},
}


def test_declared_types_pass():
    assert option_type_errors({"mode": "off", "enabled": False, "names": ["a"], "workers": 4, "extra": {},
                               "password": "x", "users": [], "unknown": True}, OPTIONS) == []


def test_numbers_written_as_strings_pass():
    assert option_type_errors({"workers": "4"}, OPTIONS) == []


def test_an_unquoted_off_is_named_with_the_fix():
    assert option_type_errors({"mode": False}, OPTIONS) == [
        'mode is the boolean False: YAML reads an unquoted off as a boolean; quote it (mode: "off").']


def test_a_quoted_boolean_is_named():
    [message] = option_type_errors({"enabled": "false"}, OPTIONS)
    assert message.startswith("enabled is the string 'false': write true or false without quotes")


def test_a_string_for_a_list_and_a_boolean_for_a_number():
    assert option_type_errors({"names": "a.example.com", "workers": True}, OPTIONS) == [
        "names is a string: it must be a list; put a single item in [ ].",
        "workers is the boolean True: set a whole number."]


def test_secret_and_collection_values_are_never_shown():
    messages = option_type_errors({"password": True, "users": {"username": "a", "password": "hunter2-hunter2"}},
                                  OPTIONS)
    assert messages == [
        'password is a boolean: YAML reads an unquoted yes, no, on or off as a boolean; quote it (password: "...").',
        "users is a mapping: it must be a list; put a single item in [ ]."]
    assert option_type_errors({"enabled": "hunter2"}, {"enabled": {"type": "bool", "no_log": True}}) == [
        "enabled is a string: write true or false without quotes (a quoted word is a string, and any "
        "non-empty string counts as true)."]
