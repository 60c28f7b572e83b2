# SPDX-License-Identifier: GPL-3.0-or-later
"""Ctrl+? opens the shortcuts window, which shows Undo and Redo with their keys."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import skya11y as a11y  # noqa: E402


def labels(root):
    return [a11y.name(n) for n in a11y.walk(root) if a11y.role(n) == "label"]


def shortcut_row(window, title):
    """The smallest part of the shortcuts window holding the title and some keys."""
    node = next((n for n in a11y.walk(window)
                 if a11y.role(n) == "label" and a11y.name(n) == title), None)
    while node is not None and len(labels(node)) < 2:
        node = node.parent
    return node


def main():
    tap = a11y.Tap()
    app = a11y.App(os.environ["SKYTALLY_SCENARIO"])
    try:
        window = app.window
        a11y.wait_for(lambda: a11y.find(window, "tree table"), 30)

        def shortcuts_window():
            """the shortcuts window"""
            app.app.clear_cache()
            for other in a11y.children(app.app):
                if other != window and "Undo" in labels(other):
                    return other
            return None

        a11y.press("question", a11y.CONTROL | a11y.SHIFT)
        try:
            shown = a11y.wait_for(shortcuts_window, 10)
        except TimeoutError:
            shown = None
        tap.check(shown is not None, "Ctrl+? opens the shortcuts window")
        if shown is not None:
            for title, keys in (("Undo", ["Ctrl", "Z"]), ("Redo", ["Ctrl", "Shift", "Z"]),
                                ("Move Line Up", ["Alt", "↑"]),
                                ("Move Line Down", ["Alt", "↓"])):
                row = shortcut_row(shown, title)
                shown_keys = labels(row) if row is not None else []
                tap.check(row is not None and all(k in shown_keys for k in keys),
                          f"it lists {title} with its keys {'+'.join(keys)}",
                          f"shown: {shown_keys}")
    finally:
        app.close()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
