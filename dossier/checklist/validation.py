"""Dropdowns, date checks and conditional formats of the checklist."""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from dossier.checklist.labels import word

STATUS_FILLS = ("E7E6E6", "FCE4D6", "FFF2CC", "C6EFCE", "D9D9D9")  # in the order of STATUSES
SEVERITY_FILLS = ("FFC7CE", "FFEB9C", "DDEBF7")  # error, warning, info


def dropdown(ws: Worksheet, cells: str, choices: Sequence[str], title: str, lang: str) -> None:
    """A list to choose from; anything else typed is refused."""
    check = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=False,
        showErrorMessage=True,
        errorTitle=title,
        error=word("choose", lang),
    )
    check.add(cells)
    ws.add_data_validation(check)


def dates_only(ws: Worksheet, cells: str, lang: str) -> None:
    """Only dates (or nothing) may be entered."""
    check = DataValidation(
        type="date",
        operator="greaterThan",
        formula1="DATE(2000,1,1)",
        allow_blank=True,
        showErrorMessage=True,
        error=word("date", lang),
    )
    check.add(cells)
    ws.add_data_validation(check)


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour, bgColor=colour)


def value_colours(
    ws: Worksheet, column: str, first: int, last: int, values: Sequence[str], fills: Sequence[str]
) -> None:
    """Colour a column's cells by their value (a status, a severity)."""
    for value, colour in zip(values, fills, strict=True):
        ws.conditional_formatting.add(
            f"{column}{first}:{column}{last}",
            FormulaRule(formula=[f'${column}{first}="{value}"'], fill=_fill(colour)),
        )


def overdue_red(ws: Worksheet, due: str, status: str, first: int, last: int, done: Sequence[str]) -> None:
    """A due date in the past, on a row not yet done, in bold red."""
    open_row = ",".join(f'${status}{first}<>"{value}"' for value in done)
    formula = f'AND(${due}{first}<>"",${due}{first}<TODAY(),{open_row})'
    ws.conditional_formatting.add(
        f"{due}{first}:{due}{last}", FormulaRule(formula=[formula], font=Font(color="C00000", bold=True))
    )
