from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from domain.base import Stamp
from domain.ledger import Done, LedgerCore, Request
from domain.program import PROGRAM_ID, Program

Amend = Callable[[Program, Stamp], object]


class ProgramService(LedgerCore):
    def program(self) -> Program:
        return self.load(Program, PROGRAM_ID, "program")

    def adopt_program(self, request: Request) -> Done | None:
        """Records the program from the catalog once; returns None when it is already adopted."""
        if self.exists(PROGRAM_ID):
            return None

        def work(stamp: Stamp) -> tuple[UUID, list[Program]]:
            program = Program.adopt(stamp)
            return program.id, [program]

        return self.execute(request, "adopt_program", {}, work)

    def _amend(self, request: Request, command: str, payload: dict[str, Any], amend: Amend) -> Done:
        """An amendment (II.2–II.4, IV.1): one change to the program's definition."""

        def work(stamp: Stamp) -> tuple[UUID, list[Program]]:
            program = self.program()
            amend(program, stamp)
            return program.id, [program]

        return self.execute(request, command, payload, work)

    def add_criterion(self, request: Request, *, group: str, text_vi: str, text_en: str) -> Done:
        payload = {"group": group, "text_vi": text_vi, "text_en": text_en}
        return self._amend(
            request,
            "add_criterion",
            payload,
            lambda p, s: p.add_criterion(s, group=group, text_vi=text_vi, text_en=text_en),
        )

    def revise_criterion(self, request: Request, *, code: str, text_vi: str, text_en: str) -> Done:
        payload = {"code": code, "text_vi": text_vi, "text_en": text_en}
        return self._amend(
            request,
            "revise_criterion",
            payload,
            lambda p, s: p.revise_criterion(s, code=code, text_vi=text_vi, text_en=text_en),
        )

    def retire_criterion(self, request: Request, *, code: str) -> Done:
        return self._amend(
            request,
            "retire_criterion",
            {"code": code},
            lambda p, s: p.retire_criterion(s, code=code),
        )

    def revise_target(
        self,
        request: Request,
        *,
        model_type: str,
        target_kind: str,
        target_count: int | None,
        target_text_vi: str,
        target_text_en: str,
    ) -> Done:
        target: dict[str, Any] = {
            "target_kind": target_kind,
            "target_count": target_count,
            "target_text_vi": target_text_vi,
            "target_text_en": target_text_en,
        }
        return self._amend(
            request,
            "revise_target",
            {"model_type": model_type, **target},
            lambda p, s: p.revise_target(s, model_type=model_type, **target),
        )

    def add_model_type(
        self,
        request: Request,
        *,
        code: str,
        name_vi: str,
        name_en: str,
        unit_kinds: Sequence[str],
        target_kind: str,
        target_count: int | None,
        target_text_vi: str,
        target_text_en: str,
    ) -> Done:
        definition: dict[str, Any] = {
            "code": code,
            "name_vi": name_vi,
            "name_en": name_en,
            "unit_kinds": list(unit_kinds),
            "target_kind": target_kind,
            "target_count": target_count,
            "target_text_vi": target_text_vi,
            "target_text_en": target_text_en,
        }
        return self._amend(
            request,
            "add_model_type",
            definition,
            lambda p, s: p.add_model_type(s, **definition),
        )
