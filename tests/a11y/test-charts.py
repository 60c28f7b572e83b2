# SPDX-License-Identifier: GPL-3.0-or-later
"""The Budget page's chart tells a screen reader what it draws: its description names the view
(monthly or cumulative, cash or amortised) and changes with each toggle."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import skya11y as a11y  # noqa: E402


def description(node):
    try:
        node.clear_cache()
    except Exception:
        pass
    try:
        return node.description or ""
    except Exception:
        return ""


def main():
    tap = a11y.Tap()
    app = a11y.App(os.environ["SKYTALLY_SCENARIO"])
    try:
        window = app.window
        tap.check(a11y.show_page(window, "Budget"), "the Budget page is shown")

        def chart():
            """the projection chart, described"""
            for node in a11y.walk(window):
                if a11y.name(node) == "Projection chart" and description(node):
                    return node
            return None

        node = a11y.wait_for(chart, 60, 1)
        page = a11y.common_ancestor(node, a11y.find(window, "push button", "Export…")) or window
        # The bundled price sheets may still be loading when the page is first drawn: the
        # chart then tells each provider as unpriced until they are in the catalog.
        try:
            text = a11y.wait_for(lambda: (lambda t: t if "(incomplete)" not in t else None)(
                description(node)), 60, 0.5)
        except TimeoutError:
            text = description(node)
        tap.check(text.startswith("Monthly cash cost over 36 months: "),
                  "the chart's description tells the monthly cash view", text)
        tap.check("Amazon Web Services " in text and " in month 1" in text,
                  "it gives each provider's figures", text)

        for toggle, prefix in (("Cumulative", "Cumulative cash cost over 36 months: "),
                               ("Amortised", "Cumulative amortised cost over 36 months: "),
                               ("Monthly", "Monthly amortised cost over 36 months: "),
                               ("Cash", "Monthly cash cost over 36 months: ")):
            button = a11y.find(page, "toggle button", toggle) or \
                a11y.find(page, "push button", toggle)
            if not tap.check(button is not None, f"the page has the {toggle} toggle"):
                continue
            button.queryAction().doAction(0)
            try:
                text = a11y.wait_for(lambda: (lambda t: t if t.startswith(prefix) else None)(
                    description(node)), 10, 0.3)
            except TimeoutError:
                text = description(node)
            view = prefix.split(" over")[0]
            tap.check(text.startswith(prefix), f"after {toggle}, the description tells “{view}”",
                      text)
    finally:
        app.close()
    return tap.done()


if __name__ == "__main__":
    sys.exit(main())
