# SPDX-License-Identifier: GPL-3.0-or-later
"""The Budget page's table of months from the keyboard: Tab reaches it, one Tab leaves it for
the next control, one Shift+Tab goes back in and one more leaves it backwards. (GTK 4.8 reports
no focus through AT-SPI inside the tables whose cells hold controls or whose rows are made
after the page is shown, the Scenario's lines and the Compare matrix: test-window-scenario
presses Tab there; the Trade-offs page has no table, its ranking is a list of rows.)"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import skya11y as a11y  # noqa: E402


def where(tracker, table):
    """The focus: in the table, looked for there (GTK 4.8 sends no focus event for a cell of a
    table), else where the last focus event put it."""
    return a11y.focused(table) or tracker.focus


def press(tracker, table, key):
    tracker.press(key, timeout=2.0)
    return where(tracker, table)


def check_table(tap, tracker, page_title, table):
    """Tabs into table from wherever the focus is, then out of it and back."""
    focus = tracker.focus
    for _ in range(40):
        focus = press(tracker, table, "Tab")
        if a11y.is_within(focus, table):
            break
    if not tap.check(a11y.is_within(focus, table), f"{page_title}: Tab reaches the table",
                     a11y.lineage(focus)):
        return
    focus = press(tracker, table, "Tab")
    tap.check(focus is not None and not a11y.is_within(focus, table),
              f"{page_title}: one Tab leaves the table", f"the focus is on {a11y.describe(focus)}")
    focus = press(tracker, table, "ISO_Left_Tab")
    tap.check(a11y.is_within(focus, table), f"{page_title}: Shift+Tab goes back into the table",
              a11y.describe(focus))
    focus = press(tracker, table, "ISO_Left_Tab")
    tap.check(focus is not None and not a11y.is_within(focus, table),
              f"{page_title}: one Shift+Tab leaves the table backwards",
              f"the focus is on {a11y.describe(focus)}")


def named_table(window, table_name):
    """The table of that name, once it has rows."""

    def table():
        """the table, with rows"""
        node = a11y.find(window, "tree table", table_name)
        return node if node is not None and a11y.find(node, "table row") is not None else None

    return a11y.wait_for(table, 60, 1)


def main():
    tap = a11y.Tap()
    app = a11y.App(os.environ["SKYTALLY_SCENARIO"])
    tracker = a11y.FocusTracker()
    try:
        window = app.window
        tap.check(a11y.show_page(window, "Budget"), "the Budget page is shown")
        check_table(tap, tracker, "Budget", named_table(window, "Months"))
    finally:
        tracker.close()
        app.close()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
