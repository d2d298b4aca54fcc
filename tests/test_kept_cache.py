"""The "kept" cache: each process serves versioned values from its own memory."""

from django.core.cache import caches


def test_a_kept_value_is_served_from_this_process_memory():
    kept, shared = caches["kept"], caches["default"]
    kept.set("fragment:v1", "<p>kept</p>", 60)
    shared.delete("fragment:v1")  # had it gone to the shared cache, it would be gone now
    assert kept.get("fragment:v1") == "<p>kept</p>"


def test_another_process_finds_a_kept_value_in_the_shared_cache():
    kept = caches["kept"]
    kept.set("fragment:v2", "<p>rendered once</p>", 60)
    kept.local.clear()  # a process that never rendered it
    assert kept.get("fragment:v2") == "<p>rendered once</p>"
    caches["default"].delete("fragment:v2")
    assert kept.get("fragment:v2") == "<p>rendered once</p>"  # now kept here too


def test_a_miss_everywhere_gives_the_default_and_add_keeps_the_first_value():
    kept = caches["kept"]
    assert kept.get("fragment:missing", "default") == "default"
    assert kept.add("fragment:v3", "first", 60) is True
    assert kept.add("fragment:v3", "second", 60) is False
    assert kept.get("fragment:v3") == "first"
