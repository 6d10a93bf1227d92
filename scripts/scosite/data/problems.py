"""Problems found in the data: values, collected in a list, printed once.

Every stage (load, validate, check references, render) returns problems instead of
raising, so one run reports everything an editor has to fix. A problem prints as

    data/events/vienna-2017.yml:12:5: date: not a real date (2017-02-30)
        hint: write the date as YYYY-MM-DD, e.g. 2017-03-13
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows."""

    path: str
    line: int = 0
    col: int = 0
    field: str = ""
    message: str = ""
    hint: str = ""
    warning: bool = False  # worth knowing, but nothing stops (e.g. a text not yet translated)

    def format(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        message = f"warning: {self.message}" if self.warning else self.message
        head = f"{where}: {self.field}: {message}" if self.field else f"{where}: {message}"
        return f"{head}\n    hint: {self.hint}" if self.hint else head


def summary(problems: list[Problem]) -> str:
    """The closing line of a report: how many problems in how many files."""
    files = len({p.path for p in problems})
    noun = "problem" if len(problems) == 1 else "problems"
    fnoun = "file" if files == 1 else "files"
    return f"{len(problems)} {noun} in {files} {fnoun}; nothing was written."
