#!/usr/bin/env python3
"""Writes the CSV of the `store import` benchmark (issue 18): ROWS actions of the
2024/25 bilan, one per row, as a Caf's spreadsheet saves them: « ; », CRLF, a
question's label or a field id as header, a quoted cell holding the separator
and a line break, Oui/Non, a decimal comma, facts about the action, empty cells.
Deterministic: the same ROWS give the same bytes.

Usage: make-import-csv.py [--rows N] OUT.csv     (N: 99,999 by default, the most a
CSV may hold with its header: docs/store.md)
"""
import argparse

HEADER = [
    "action", "form", "department", "Structure porteuse :", "Référent de l’action :", "Intitulé du projet :",
    "Coordonnées :", "Nombre d’enfants élémentaire", "enfants_college", "Nombre moyen d’enfants par accompagnateurs",
    "bonus_enfants", "action.rural", "action.collectifs_notifies",
]


def row(i):
    department = ("47", "33", "69", "2A")[i % 4]
    return [
        "CLAS-%s-%06d" % (department, i),
        "clas-2024-2025",
        department,
        '"Centre social n° %d ; quartier %s"' % (i, ("nord", "sud", "est", "ouest")[i % 4]),
        "Mme Dupré-%d" % (i % 997),
        "Accompagnement à la scolarité %d" % i,
        '"%d rue des Lilas\r\n47000 Agen"' % (1 + i % 200),
        str(i % 30),
        "" if i % 3 else str(i % 17),
        "%d,5" % (1 + i % 6),
        ("Oui", "Non")[i % 2],
        ("oui", "non", "")[i % 3],
        "" if i % 5 else str(1 + i % 4),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=99_999)
    parser.add_argument("out")
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        f.write(";".join(HEADER) + "\r\n")
        for i in range(args.rows):
            f.write(";".join(row(i)) + "\r\n")


if __name__ == "__main__":
    main()
