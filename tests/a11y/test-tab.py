# SPDX-License-Identifier: GPL-3.0-or-later
"""The catalog from the keyboard: each filter is one Tab stop, from the search to the last
filter, and one Tab (or Shift+Tab) leaves the table of offers."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import skya11y as a11y  # noqa: E402


def holder(node):
    """The control a focused accessible belongs to: a drop-down for the button inside it."""
    if node is not None and node.parent is not None and a11y.role(node.parent) == "combo box":
        return node.parent
    return node


def common_ancestor(node, other):
    while node is not None and not a11y.is_within(other, node):
        node = node.parent
    return node


def main():
    tap = a11y.Tap()
    app = a11y.App(os.environ["SKYTALLY_SCENARIO"])
    try:
        window = app.window
        table = a11y.wait_for(lambda: a11y.find(window, "tree table"), 30)
        a11y.wait_for(lambda: a11y.find(table, "table row"), 30)
        search = a11y.find(window, "entry")
        filters_box = a11y.find(window, "table")
        filters = [n for n in a11y.walk(filters_box)
                   if a11y.role(n) in ("combo box", "spin button")]
        tap.check(len(filters) >= 8, f"the catalog has its filters ({len(filters)})")
        # The focus is looked for in the catalog page first, which is quicker than the window.
        page = common_ancestor(search, table)

        def focused():
            return a11y.focused(page) or a11y.focused(window)

        def press(key, modifiers=0):
            """Presses a key and waits (a while) for the focus to move, then returns it."""
            before = focused()
            a11y.press(key, modifiers)
            try:
                return a11y.wait_for(lambda: (lambda now: now if now is not None and
                                              now != before else None)(focused()), 5, 0.2)
            except TimeoutError:
                return focused()

        focus = press("f", a11y.CONTROL)
        tap.check(focus == search, "Ctrl+F puts the focus in the search", a11y.describe(focus))
        for expected in filters:
            focus = holder(press("Tab"))
            tap.check(focus == expected,
                      f"Tab moves to the next filter, {a11y.describe(expected)}",
                      f"the focus is on {a11y.describe(focus)}")

        # On into the table, with as many presses as the buttons between take.
        for _ in range(10):
            if a11y.is_within(press("Tab"), table):
                break
        focus = focused()
        tap.check(a11y.is_within(focus, table), "Tab reaches the table of offers",
                  a11y.describe(focus))
        focus = press("Tab")
        tap.check(focus is not None and not a11y.is_within(focus, table),
                  "one Tab leaves the table", f"the focus is on {a11y.describe(focus)}")
        focus = press("ISO_Left_Tab")
        tap.check(a11y.is_within(focus, table), "Shift+Tab goes back into the table",
                  a11y.describe(focus))
        focus = press("ISO_Left_Tab")
        tap.check(focus is not None and not a11y.is_within(focus, table),
                  "one Shift+Tab leaves the table backwards",
                  f"the focus is on {a11y.describe(focus)}")
    finally:
        app.close()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
