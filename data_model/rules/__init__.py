"""The rulebook: every rule about a row of the board's data, stated once for every door data comes in by.

`values` says what one value may be (money as plain pounds, dates within range, a status from its
list ...); the table models in `data_model.tables` attach those rules to their columns. `rows` says
how a row holds together: with itself, with the day of the change, with the row it names. Each door
applies both and adds nothing of its own: the file reader (``python -m seed validate`` and ``load``,
the app's upload) and every edit in the app, so a row is accepted, or refused in the same words,
whichever way it comes in. Who may remove rows is the other rule, kept with the roles
(`data_model.writes.roles`).
"""
