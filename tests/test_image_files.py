"""Files a picture no longer uses leave storage: a replaced original and its renditions,
crops for an old focal point, a deleted picture's files; files another picture shares stay."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tracker.newsroom.models import Image
from tracker.newsroom.pictures import sanitise

from .factories import make_image, make_map, picture_bytes

pytestmark = pytest.mark.django_db


def on_storage(names):
    return {name for name in names if default_storage.exists(name)}


def test_replacing_the_file_removes_the_old_original_and_its_renditions(
    django_capture_on_commit_callbacks,
):
    image = make_image(picture_bytes(color=(10, 20, 30)))
    old = image.stored_names()
    assert len(old) > 10 and on_storage(old) == old
    clean = sanitise(SimpleUploadedFile("new.jpg", picture_bytes(color=(200, 20, 30))))
    with django_capture_on_commit_callbacks(execute=True):
        image.file, image.width, image.height = clean.content, clean.width, clean.height
        image.save()
    new = image.stored_names()
    assert new.isdisjoint(old)
    assert on_storage(old) == set() and on_storage(new) == new


def test_a_new_focal_point_removes_only_the_old_crops(django_capture_on_commit_callbacks):
    image = make_image()
    old_crops = {crop["name"] for crop in image.renditions["crops"].values()}
    with django_capture_on_commit_callbacks(execute=True):
        image.focal_x = 20
        image.save()
    assert on_storage(old_crops) == set()
    assert on_storage(image.stored_names()) == image.stored_names()


def test_a_deleted_picture_takes_its_files_but_not_those_another_shares(
    django_capture_on_commit_callbacks,
):
    first = make_image(picture_bytes(color=(90, 90, 30)))
    # A row naming the same stored file (as a copied or restored row may): the same files.
    twin = Image.objects.create(
        file=first.file.name, width=first.width, height=first.height, alt_text="A twin",
        credit="Tracker",
    )  # fmt: skip
    other = make_image(picture_bytes(color=(5, 90, 200)))
    assert twin.stored_names() == first.stored_names()
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert on_storage(twin.stored_names()) == twin.stored_names()
    with django_capture_on_commit_callbacks(execute=True):
        Image.objects.filter(pk__in=[twin.pk, other.pk]).delete()  # as the admin's action
    assert on_storage(twin.stored_names() | other.stored_names()) == set()


def test_a_map_drawn_again_removes_its_old_drawing(django_capture_on_commit_callbacks):
    image = make_map()
    old = image.stored_names()
    with django_capture_on_commit_callbacks(execute=True):
        image.credit = "Another desk"
        image.save()
    gone = old - image.stored_names()
    assert image.renditions["map"]["svg"] not in old and gone
    assert on_storage(gone) == set() and image.geojson.name not in gone
    assert on_storage(image.stored_names()) == image.stored_names()


def test_nothing_is_removed_if_the_save_is_rolled_back(django_capture_on_commit_callbacks):
    from django.db import transaction

    image = make_image()
    old = image.stored_names()
    clean = sanitise(SimpleUploadedFile("new.jpg", picture_bytes(color=(1, 200, 30))))
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        image.file = clean.content
        image.save()
        transaction.set_rollback(True)
    assert not callbacks and on_storage(old) == old
