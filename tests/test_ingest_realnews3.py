"""Rules added after scoring on a third set of real reporting (kept outside the repository):
each on a made-up text of one shape."""

from __future__ import annotations

from ingest_helpers import run, speakers, speaking


def test_a_knighthood_stays_in_the_name_and_the_plain_name_is_an_alias() -> None:
    result = run(
        "Sir Martin Holloway has denied a league charge over remarks about a referee.\n\n"
        '"He waved every call their way," Holloway said.\n\n'
        "Dame Celia Rourke said the charge was fair."
    )
    people = speaking(result)
    assert "Sir Martin Holloway" in people
    assert "Martin Holloway" in people["Sir Martin Holloway"]
    assert "Dame Celia Rourke" in people
    assert speakers(result)[0] == "Sir Martin Holloway"


def test_the_first_part_of_a_surname_with_a_particle_names_the_same_person() -> None:
    result = run(
        "Prosecutors said the player took part in a robbery.\n\n"
        "His lawyer, Tomas Ferreira del Campo, said the player was at home that night.\n\n"
        'Ferreira said the footage would "clear him completely."'
    )
    people = speaking(result)
    assert "Ferreira" not in people
    assert "Ferreira" in people["Tomas Ferreira del Campo"]
    assert speakers(result).count("Tomas Ferreira del Campo") == 2
