from __future__ import annotations

from uuid import UUID

from domain.base import Stamp
from domain.ledger import Done, LedgerCore, Request
from domain.program import PROGRAM_ID, Program


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
