"""The permission matrix as a Markdown table, generated from `PERMISSIONS` for the README."""

from __future__ import annotations

from domain.authority import PERMISSIONS, UNIT_SCOPED, Role

# Recorded by the system itself: the program at `socai init`, and each read of personal data.
NOT_MUTATIONS = ("adopt_program", "record_personal_read")

COLUMNS = (
    Role.PUBLIC,
    Role.REPORTER,
    Role.OFFICE,
    Role.INSPECTOR,
    Role.COMMITTEE,
    Role.AUDITOR,
    Role.ADMIN,
)


def mutation_name(command: str) -> str:
    head, *rest = command.split("_")
    return head + "".join(part.capitalize() for part in rest)


def permission_matrix() -> str:
    """One row per command a caller can send; ✓ allowed, "own unit" for a reporter's scope."""
    lines = [
        "| mutation | " + " | ".join(r.value for r in COLUMNS) + " |",
        "|---" * (len(COLUMNS) + 1) + "|",
    ]
    for command, roles in PERMISSIONS.items():
        if command in NOT_MUTATIONS:
            continue
        cells = [
            ("own unit" if role is Role.REPORTER and command in UNIT_SCOPED else "✓")
            if role in roles
            else ""
            for role in COLUMNS
        ]
        lines.append(f"| `{mutation_name(command)}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
