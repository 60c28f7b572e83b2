# SPDX-License-Identifier: GPL-3.0-or-later
"""Every drop-down of the window (on every page, the cells of the scenario's lines among them)
has a name for a screen reader, and so has the button inside it that takes the focus; so has
every text field, every button (said once, without its mnemonic's mark), every table and
chart, and every choice of the line editor."""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import skya11y as a11y  # noqa: E402

# What GTK 4.8 gives as the name of an accessible that has none.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Sky)[A-Z]\w*$")


def has_name(node):
    text = a11y.name(node).strip()
    return text != "" and not TYPE_NAME.match(text)


def said_once(text):
    """Not “_Export… Export…”: no mnemonic mark, and not the same words twice over."""
    words = text.split()
    half = len(words) // 2
    return "_" not in text and not (half > 0 and len(words) % 2 == 0 and
                                    words[:half] == words[half:])


def main():
    tap = a11y.Tap()
    app = a11y.App(os.environ["SKYTALLY_SCENARIO"])
    try:
        window = app.window
        # The pages but the catalog's are built when first shown: each is shown once, as a user
        # going through them does, and then the Scenario page again.
        for title in ("Compare", "Trade-offs", "Budget", "Scenario"):
            tap.check(a11y.show_page(window, title), f"the {title} page is shown")
        # The lines of the scenario are shown, each with a drop-down of its purchase option
        # (the catalog has one such drop-down among its filters).
        def lines_shown():
            """the lines' drop-downs"""
            nodes = list(a11y.walk(window))
            return nodes if len([n for n in nodes if a11y.role(n) == "combo box" and
                                 a11y.name(n) == "Purchase option"]) > 1 else None

        nodes = a11y.wait_for(lines_shown, 60, 1)
        combos = [n for n in nodes if a11y.role(n) == "combo box"]
        tap.check(len(combos) >= 12, f"the window has drop-downs on its pages ({len(combos)})")
        for combo in combos:
            tap.check(has_name(combo), f"drop-down {a11y.describe(combo)} has a name")
            for node in a11y.walk(combo):
                if node != combo and a11y.role(node) in ("push button", "toggle button"):
                    tap.check(has_name(node),
                              f"the button of drop-down “{a11y.name(combo)}” has a name "
                              f"({a11y.describe(node)})")
        buttons = [n for n in nodes if a11y.role(n) in ("push button", "toggle button",
                                                        "check box")]
        tap.check(len(buttons) >= 20, f"the window has buttons ({len(buttons)})")
        for button in buttons:
            tap.check(has_name(button) and said_once(a11y.name(button)),
                      f"button {a11y.describe(button)} has a name, said once")
        for table in [n for n in nodes if a11y.role(n) in ("tree table", "table")]:
            tap.check(has_name(table), f"table {a11y.describe(table)} has a name")
        # (The Trade-offs chart is shown only with candidates, which this scenario has none of.)
        tap.check(any(a11y.name(n) == "Projection chart" for n in nodes),
                  "the Budget page's chart is named")
        fields = [n for n in nodes if a11y.role(n) in ("entry", "text", "spin button")]
        tap.check(len(fields) >= 5, f"the window has text fields ({len(fields)})")
        for field in fields:
            tap.check(has_name(field), f"text field {a11y.describe(field)} has a name")

        # The line editor's choices are combo rows.
        add = a11y.find(window, "push button", "Add a Line")
        tap.check(add is not None, "the Scenario page has Add a Line")
        if add is not None:
            add.queryAction().doAction(0)

            def editor():
                """the line editor"""
                app.app.clear_cache()
                return next((w for w in a11y.children(app.app)
                             if w != window and a11y.name(w) == "New Line"), None)

            dialog = a11y.wait_for(editor, 30)
            rows = [n for n in a11y.walk(dialog) if a11y.role(n) == "combo box"]
            tap.check(len(rows) >= 4, f"the line editor has its choices ({len(rows)})")
            for row in rows:
                tap.check(has_name(row), f"line editor choice {a11y.describe(row)} has a name")
    finally:
        app.close()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
