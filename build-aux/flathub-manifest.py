#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the manifest for Flathub from the in-tree one (flatpak/io.github.skytally.Skytally.json):
the same runtime, permissions and build options, Skytally built from a release tag of its git
repository (tag and commit both, so the source cannot change under the tag), and every module
the runtime lacks from its upstream git repository, pinned by tag and commit.

    build-aux/flathub-manifest.py TAG COMMIT [OUTPUT]

With --check OUTPUT it writes nothing and exits 1 when OUTPUT differs from what it would write
for the tag and commit OUTPUT names (the in-tree manifest changed without it)."""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IN_TREE = os.path.join(ROOT, "flatpak", "io.github.skytally.Skytally.json")
REPOSITORY = "https://github.com/skytally/skytally.git"

# What the GNOME runtime lacks, each from its upstream repository at a release.
EXTRA_MODULES = {
    "libxlsxwriter": {
        "name": "libxlsxwriter",
        "buildsystem": "simple",
        "build-commands": [
            "make -j${FLATPAK_BUILDER_N_JOBS} USE_DTOA_LIBRARY=1",
            "make install PREFIX=${FLATPAK_DEST}",
        ],
        "sources": [{
            "type": "git",
            "url": "https://github.com/jmcnamara/libxlsxwriter.git",
            "tag": "RELEASE_1.1.4",
            "commit": "a699c57ba0db2abb361e362697d75b76b8a8ad66",
        }],
    },
    "libyaml": {
        "name": "libyaml",
        "buildsystem": "autotools",
        "config-opts": ["--disable-static"],
        "sources": [{
            "type": "git",
            "url": "https://github.com/yaml/libyaml.git",
            "tag": "0.2.5",
            "commit": "2c891fc7a770e8ba2fec34fc6b545c672beb37e6",
        }],
    },
    "libcsv": {
        "name": "libcsv",
        "buildsystem": "autotools",
        "config-opts": ["--disable-static"],
        "sources": [{
            "type": "git",
            "url": "https://github.com/rgamble/libcsv.git",
            "commit": "b1d5212831842ee5869d99bc208a21837e4037d5",
        }],
    },
}


def flathub_manifest(tag, commit):
    with open(IN_TREE, encoding="utf-8") as f:
        manifest = json.load(f)
    modules = []
    for module in manifest["modules"]:
        if module["name"] in EXTRA_MODULES:
            continue
        if module["name"] == "skytally":
            module = dict(module)
            # The tests ran where the release was made; Flathub's builders have no display.
            module.pop("run-tests", None)
            module["config-opts"] = module.get("config-opts", []) + [
                "-Dyaml=enabled", "-Dcsv=enabled", "-Dxlsx=enabled", "-Ddownload=enabled"]
            module["sources"] = [{"type": "git", "url": REPOSITORY, "tag": tag,
                                  "commit": commit}]
        modules.append(module)
    manifest["modules"] = list(EXTRA_MODULES.values()) + modules
    return json.dumps(manifest, indent=2) + "\n"


def main(argv):
    if len(argv) == 3 and argv[1] == "--check":
        with open(argv[2], encoding="utf-8") as f:
            committed = f.read()
        source = next(m for m in json.loads(committed)["modules"]
                      if m["name"] == "skytally")["sources"][0]
        wanted = flathub_manifest(source["tag"], source["commit"])
        if wanted != committed:
            print(f"{argv[2]} is not what build-aux/flathub-manifest.py writes from "
                  f"{os.path.relpath(IN_TREE, ROOT)} for {source['tag']}: run it again",
                  file=sys.stderr)
            return 1
        print(f"{argv[2]}: builds {source['tag']} ({source['commit'][:12]}), up to date")
        return 0
    if len(argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    text = flathub_manifest(argv[1], argv[2])
    if len(argv) == 4:
        with open(argv[3], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
