#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The translation checks the tests run.

  check-translations.py potfiles SOURCE_ROOT
      po/POTFILES.in names every file with marked strings, and only files that exist; no
      marked string is spliced with a macro (G_GUINT64_FORMAT…), which xgettext cannot see.
  check-translations.py complete SOURCE_ROOT LANGUAGE
      po/LANGUAGE.po, merged with the template the sources make now, passes msgfmt --check
      with every message translated and none fuzzy.
"""

import os
import re
import subprocess
import sys
import tempfile

# Where the marked strings of the program are; tests and build folders are not translated.
SOURCE_DIRS = ['app', 'ui', 'data']

# What marks a string in C: glib's gettext macros and functions (the keywords of the template).
C_MARK = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2|'
                    r'g_dcgettext|g_dgettext|dgettext)\s*\(')
# In a GtkBuilder file: a translatable property or item.
UI_MARK = re.compile(r'translatable\s*=\s*"(yes|true|1)"')
# A marked string continued by a macro: xgettext takes the literal before the macro alone, so
# the message looked up at run time is never in the template.
SPLICED = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext)\s*\(\s*'
                     r'(?:GETTEXT_PACKAGE\s*,\s*)?(?:"[^"]*"\s*,\s*)?(?:"(?:[^"\\]|\\.)*"\s*)+'
                     r'([A-Z_][A-Z0-9_]*)')
# A GSettings schema's summaries and descriptions, and the files read whole by xgettext's
# rules (desktop entry, AppStream metainfo, shared-mime-info) are translatable as they are.
SCHEMA_MARK = re.compile(r'<(summary|description)\b')

# The same keywords as meson's "glib" preset (po/meson.build), so the template is the same.
XGETTEXT_ARGS = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
]


def listed_files(root):
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        lines = [line.strip() for line in f]
    return [line for line in lines if line and not line.startswith('#')]


def has_marks(path):
    name = os.path.basename(path)
    if (name.endswith('.desktop.in') or name.endswith('.metainfo.xml.in') or
            name.endswith('.mime.xml.in')):
        return True
    try:
        with open(path, encoding='utf-8') as f:
            text = f.read()
    except (UnicodeDecodeError, OSError):
        return False
    if name.endswith('.c') or name.endswith('.h'):
        # Comments mention the macros by name without marking anything.
        text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
        text = re.sub(r'//[^\n]*', '', text)
        return C_MARK.search(text) is not None
    if name.endswith('.ui'):
        return UI_MARK.search(text) is not None
    if name.endswith('.gschema.xml'):
        return SCHEMA_MARK.search(text) is not None
    return False


def spliced_strings(path):
    with open(path, encoding='utf-8') as f:
        text = re.sub(r'/\*.*?\*/', lambda m: '\n' * m.group(0).count('\n'), f.read(),
                      flags=re.S)
    for m in SPLICED.finditer(text):
        if m.group(1) != 'GETTEXT_PACKAGE':
            yield text.count('\n', 0, m.start()) + 1, m.group(1)


def check_potfiles(root):
    listed = listed_files(root)
    failures = []
    for path in listed:
        if path.endswith('.c') and os.path.isfile(os.path.join(root, path)):
            for line, macro in spliced_strings(os.path.join(root, path)):
                failures.append(f'{path}:{line}: a marked string is spliced with {macro}, which '
                                'xgettext cannot see: write the whole message (%llu with a cast)')
    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            failures.append(f'po/POTFILES.in lists {path}, which does not exist')
    seen = set(listed)
    for top in SOURCE_DIRS:
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                path = os.path.relpath(os.path.join(folder, name), root)
                if path not in seen and has_marks(os.path.join(root, path)):
                    failures.append(f'{path} has strings marked for translation but is not '
                                    'in po/POTFILES.in')
    for failure in failures:
        print(failure, file=sys.stderr)
    if not failures:
        print(f'po/POTFILES.in: {len(listed)} files, every file with marked strings')
    return 1 if failures else 0


def check_complete(root, language):
    po = os.path.join(root, 'po', f'{language}.po')
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'skytally.pot')
        merged = os.path.join(tmp, f'{language}.po')
        subprocess.run(['xgettext', '--package-name=skytally', '-D', root,
                        '-f', os.path.join(root, 'po', 'POTFILES.in'), '-o', pot]
                       + XGETTEXT_ARGS, check=True)
        subprocess.run(['msgmerge', '--quiet', '--no-fuzzy-matching', '-o', merged, po, pot],
                       check=True)
        result = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, merged],
                                capture_output=True, text=True,
                                env=dict(os.environ, LC_ALL='C'))
    statistics = result.stderr.strip()
    print(f'po/{language}.po against the sources\' template: {statistics}')
    if result.returncode != 0:
        return 1
    if 'untranslated' in statistics or 'fuzzy' in statistics:
        print(f'po/{language}.po is not complete: every message needs a translation '
              '(msgmerge it with the template, then translate)', file=sys.stderr)
        return 1
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == 'potfiles':
        return check_potfiles(argv[2])
    if len(argv) >= 4 and argv[1] == 'complete':
        return check_complete(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
