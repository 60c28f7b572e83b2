# SPDX-License-Identifier: GPL-3.0-or-later
"""What the accessibility tests share: starting Skytally with a scenario on a private session
bus, finding its window through AT-SPI, pressing keys and following the keyboard focus, and
reporting in TAP."""

import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77

try:
    import gi
    gi.require_version("Atspi", "2.0")
    import pyatspi
    from gi.repository import Atspi
except (ImportError, ValueError) as error:
    print(f"1..0 # SKIP pyatspi is not installed ({error})")
    sys.exit(SKIP)


class Tap:
    """Numbered TAP results; a failed check is reported and the script goes on."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        self.count += 1
        if not ok:
            self.failed += 1
        print(f"{'ok' if ok else 'not ok'} {self.count} {what}")
        if detail and not ok:
            for line in str(detail).splitlines():
                print(f"# {line}")
        sys.stdout.flush()
        return ok

    def done(self):
        print(f"1..{self.count}")
        return 1 if self.failed or self.count == 0 else 0


def wait_for(what, timeout=30.0, step=0.1):
    """Polls what() until it returns something true, or raises after timeout seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = what()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what.__doc__ or what}")
        time.sleep(step)


def children(node):
    try:
        return [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:
        return []


def walk(node, showing_only=True):
    """Every accessible under node (node included), depth first, skipping what is hidden
    (GTK 4.8 marks only windows showing, so visible is what is asked)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current is None:
            continue
        try:
            states = current.getState()
            if showing_only and current is not node and not states.contains(pyatspi.STATE_VISIBLE):
                continue
        except Exception:
            continue
        yield current
        stack.extend(reversed(children(current)))


def role(node):
    try:
        return node.getRoleName()
    except Exception:
        return "?"


def name(node):
    try:
        return node.name or ""
    except Exception:
        return ""


def describe(node):
    return f"{role(node)} “{name(node)}”" if node is not None else "nothing"


def lineage(node):
    """The node and its ancestors, described, for a failure's detail."""
    parts = []
    while node is not None and len(parts) < 12:
        parts.append(describe(node))
        try:
            node = node.parent
        except Exception:
            break
    return " ← ".join(parts)


def is_within(node, ancestor):
    while node is not None:
        if node == ancestor:
            return True
        try:
            node = node.parent
        except Exception:
            return False
    return False


def focused(root):
    """The accessible under root that has the keyboard focus, or None."""
    for node in walk(root):
        try:
            if node.getState().contains(pyatspi.STATE_FOCUSED):
                return node
        except Exception:
            continue
    return None


# X modifier masks, for locking modifiers around a key.
SHIFT = 1 << 0
CONTROL = 1 << 2
ALT = 1 << 3

# The keysyms the tests press.
KEYSYMS = {"Tab": 0xff09, "ISO_Left_Tab": 0xfe20, "Escape": 0xff1b, "question": 0x3f,
           "f": 0x66, "Up": 0xff52, "Down": 0xff54, "Left": 0xff51, "Right": 0xff53,
           "Menu": 0xff67, "F10": 0xffc7, "Return": 0xff0d}


def press(keysym, modifiers=0):
    """Presses and releases a key (a name of KEYSYMS) with the modifiers (a mask) held."""
    if modifiers:
        Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.LOCKMODIFIERS)
    Atspi.generate_keyboard_event(KEYSYMS[keysym], None, Atspi.KeySynthType.SYM)
    if modifiers:
        Atspi.generate_keyboard_event(modifiers, None, Atspi.KeySynthType.UNLOCKMODIFIERS)
    time.sleep(0.3)


class App:
    """Skytally run on a scenario, with its own data folders, found through AT-SPI."""

    def __init__(self, scenario):
        self.binary = os.environ["SKYTALLY_GUI"]
        self.home = tempfile.mkdtemp(prefix="skytally-a11y-")
        env = dict(os.environ)
        for var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            env[var] = os.path.join(self.home, var.lower())
            os.makedirs(env[var])
        self.process = subprocess.Popen([self.binary, scenario], env=env)
        self.app = wait_for(self.find_app, 60)
        self.window = wait_for(self.find_window, 60)

    def find_app(self):
        """the application on the accessibility bus"""
        if self.process.poll() is not None:
            raise RuntimeError(f"{self.binary} ended with status {self.process.returncode}")
        desktop = pyatspi.Registry.getDesktop(0)
        for app in children(desktop):
            try:
                if app is not None and app.get_process_id() == self.process.pid:
                    return app
            except Exception:
                continue
        return None

    def find_window(self):
        """the main window, showing"""
        # Asked afresh: the application's children seen before its window was mapped are
        # cached.
        self.app.clear_cache()
        for window in children(self.app):
            if role(window) == "frame" and window.getState().contains(pyatspi.STATE_SHOWING):
                if find(window, "page tab list") is not None:
                    return window
        return None

    def close(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.home, ignore_errors=True)


def find(root, role_name, named=None):
    """The first shown accessible under root with that role (and name, if given)."""
    for node in walk(root):
        if role(node) == role_name and (named is None or name(node) == named):
            return node
    return None


def find_all(root, role_name):
    return [node for node in walk(root) if role(node) == role_name]


def show_page(window, title):
    """Shows the page of the window's view switcher with that title, as a click on it does."""
    tabs = find(window, "page tab list")
    for node in walk(tabs):
        if name(node).replace("_", "") == title:
            try:
                node.queryAction().doAction(0)
                return True
            except Exception:
                continue
    return False


def common_ancestor(node, other):
    """The smallest accessible that holds both."""
    while node is not None and not is_within(other, node):
        node = node.parent
    return node


class FocusTracker:
    """Follows the keyboard focus through the focus events the application sends, which is
    quicker than looking for the focused accessible among all of them."""

    def __init__(self):
        from gi.repository import GLib
        self.context = GLib.MainContext.default()
        self.focus = None
        self.listener = Atspi.EventListener.new(self._on_event)
        self.listener.register("object:state-changed:focused")

    def _on_event(self, event):
        if event.detail1 == 1:
            self.focus = event.source

    def pump(self, seconds):
        """Takes in the events that come within seconds."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            while self.context.pending():
                self.context.iteration(False)
            time.sleep(0.05)

    def press(self, key, modifiers=0, timeout=5.0):
        """Presses a key and waits (a while) for the focus to move; returns where it is."""
        before = self.focus
        press(key, modifiers)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump(0.1)
            if self.focus is not None and self.focus != before:
                break
        # Focus events can come in pairs (a row, then its cell): take them all.
        self.pump(0.3)
        return self.focus

    def close(self):
        self.listener.deregister("object:state-changed:focused")
