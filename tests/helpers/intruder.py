"""An intruder who reads every participant figure the app publishes and works out what it can about
the counts it hides (each meeting with fewer than 5 participants, shown as "<5").

Each figure becomes bounds on the true total of the meetings it covers (`reading`): a count as
written, "<5" as 0 to 4, "about 60" as 57.5 to 62.5, "54 + <5" as 54 to 58. `Intruder.bounds`
then narrows every meeting's count by interval arithmetic over all the figures at once (each sum's
bounds, less the others' bounds, bound each part), the way differencing totals over moving
windows works out a hidden part. A figure it cannot read fails the test: a new way of writing a
count must be taught here before it can pass unread.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from data_model.queries.common import SMALL_NUMBER

UNKNOWN = 10**9
"""The upper bound of a count nothing has bounded yet."""
NUMBER = r"(\d[\d,]*)"
HIDDEN = re.escape(f"<{SMALL_NUMBER}")
MOST_HIDDEN = SMALL_NUMBER - 1


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def reading(shown: object) -> tuple[float, float]:
    """The lowest and highest true total consistent with a participant figure as shown."""
    if isinstance(shown, int | float) and not isinstance(shown, bool):
        return shown, shown
    text = str(shown).strip()
    if text == "–":
        return 0, 0
    if match := re.fullmatch(NUMBER, text):
        return _number(match[1]), _number(match[1])
    if re.fullmatch(HIDDEN, text):
        return 0, MOST_HIDDEN
    if match := re.fullmatch(rf"about {NUMBER}", text):
        return _number(match[1]) - 2.5, _number(match[1]) + 2.5
    if match := re.fullmatch(rf"(?:{NUMBER} \+ )?(?:(\d+) × )?{HIDDEN}", text):
        known = _number(match[1]) if match[1] else 0
        hidden = int(match[2]) if match[2] else 1
        return known, known + hidden * MOST_HIDDEN
    raise ValueError(f"the intruder cannot read the participant figure {text!r}: teach `reading` how it is written")


@dataclass
class Intruder:
    """What a viewer has seen: for each set of meetings, the bounds on their total (and where seen)."""

    sums: dict[frozenset[str], tuple[float, float, str]] = field(default_factory=dict)

    def sees(self, meetings: Iterable[str], shown: object, where: str) -> None:
        """A figure `shown` (as written on screen, in the pack or a download) for the total of `meetings`."""
        covered = frozenset(meetings)
        low, high = reading(shown)
        if covered in self.sums:
            before_low, before_high, before_where = self.sums[covered]
            if (max(low, before_low), min(high, before_high)) != (before_low, before_high):
                where = f"{before_where}; {where}"
            low, high = max(low, before_low), min(high, before_high)
        self.sums[covered] = (low, high, where)

    def bounds(self) -> dict[str, tuple[int, int]]:
        """Each meeting's count as narrowed by every figure seen (lowest, highest possible)."""
        domains = {meeting: [0, UNKNOWN] for covered in self.sums for meeting in covered}
        changed = True
        while changed:
            changed = False
            for covered, (low, high, where) in self.sums.items():
                least = sum(domains[meeting][0] for meeting in covered)
                most = sum(domains[meeting][1] for meeting in covered)
                for meeting in covered:
                    own_low, own_high = domains[meeting]
                    new_low = max(own_low, math.ceil(low - (most - own_high)))
                    new_high = min(own_high, math.floor(high - (least - own_low)))
                    if new_low > new_high:
                        raise AssertionError(f"the figures contradict each other at {meeting} ({where})")
                    if (new_low, new_high) != (own_low, own_high):
                        domains[meeting] = [new_low, new_high]
                        least += new_low - own_low
                        most += new_high - own_high
                        changed = True
        return {meeting: (low, high) for meeting, (low, high) in domains.items()}

    def worked_out(self, hidden: dict[str, int]) -> dict[str, str]:
        """The hidden meetings (id -> true count) whose count the figures narrow below "1 to 4", each
        with what the intruder learnt."""
        bounds = self.bounds()
        return {
            meeting: f"{count} participants, worked out as {bounds[meeting][0]} to {bounds[meeting][1]}"
            for meeting, count in hidden.items()
            if meeting in bounds and (bounds[meeting][0] > 1 or bounds[meeting][1] < MOST_HIDDEN)
        }
