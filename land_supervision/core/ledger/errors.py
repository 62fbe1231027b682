"""Errors of the quota ledger, each with a bilingual message."""

from __future__ import annotations

from ..messages import Message


class LedgerError(Exception):
    """A refused posting or an unusable ledger; ``message`` is bilingual, ``str()`` shows the chosen language."""

    def __init__(self, message: Message | str, code: str = "ledger"):
        self.message = message if isinstance(message, Message) else Message(str(message), str(message))
        self.code = code
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)  # in the language chosen when shown (core.messages.set_language)


class LedgerCanceled(LedgerError):  # noqa: N818 - a state, like Canceled in the algorithms
    """A batch posting canceled before its commit: nothing of it was written."""

    def __init__(self):
        super().__init__(Message("已取消,未写入任何分录", "canceled: no entry was written"), "canceled")


class LedgerChanged(LedgerError):  # noqa: N818 - a state, like LedgerCanceled
    """Another posting reached the ledger after the amounts of this one were worked out (nothing written)."""

    def __init__(self):
        super().__init__(Message("台账在计算期间已被他人修改,未写入任何分录,请重新运行",
                                 "the ledger changed while the amounts were worked out: nothing was written, run "
                                 "again"), "changed")


class DuplicateCreditError(LedgerError):
    """A reclamation credit for a project that already has one."""


class RuleViolation(LedgerError):  # noqa: N818 - reads as a noun, like the rule codes
    """A posting refused by a ledger rule (the rule's code is in ``code``)."""
