#!/usr/bin/env python3
"""Packs a built loa binary into a release archive, byte for byte the same
for the same inputs: files in name order, every timestamp SOURCE_DATE_EPOCH,
fixed permissions and owners, no host names or user names.

    pack.py zip|tar.gz ARCHIVE FOLDER_NAME SRC=DEST...

SRC is a file or a folder (taken whole); DEST is its path in the archive,
under FOLDER_NAME/. Called by scripts/release.sh.
"""
import gzip
import io
import os
import sys
import tarfile
import time
import zipfile

EPOCH = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
# zip stores local time without a zone; 1980 is its earliest year.
ZIP_TIME = time.gmtime(max(EPOCH, 315532800))[:6]


def entries(pairs):
    """(archive path, source file, executable) for every file, sorted."""
    found = []
    for pair in pairs:
        src, dest = pair.split("=", 1)
        if os.path.isdir(src):
            for folder, dirs, files in os.walk(src):
                dirs.sort()
                for name in sorted(files):
                    path = os.path.join(folder, name)
                    rel = os.path.relpath(path, src).replace(os.sep, "/")
                    found.append((dest.rstrip("/") + "/" + rel, path, False))
        else:
            found.append((dest, src, os.access(src, os.X_OK) and not src.endswith((".txt", ".md", ".yaml"))))
    return sorted(found)


def write_zip(archive, top, files):
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, path, executable in files:
            info = zipfile.ZipInfo(top + "/" + name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if executable else 0o644) << 16
            info.create_system = 3  # Unix, so the modes above are kept
            with open(path, "rb") as f:
                z.writestr(info, f.read())


def write_tar_gz(archive, top, files):
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name, path, executable in files:
            info = tarfile.TarInfo(top + "/" + name)
            info.size = os.path.getsize(path)
            info.mtime = EPOCH
            info.mode = 0o755 if executable else 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            with open(path, "rb") as f:
                tar.addfile(info, f)
    with open(archive, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=EPOCH, compresslevel=9) as gz:
            gz.write(raw.getvalue())


def main():
    kind, archive, top, *pairs = sys.argv[1:]
    files = entries(pairs)
    if kind == "zip":
        write_zip(archive, top, files)
    elif kind == "tar.gz":
        write_tar_gz(archive, top, files)
    else:
        sys.exit("pack.py: zip or tar.gz, not " + kind)


if __name__ == "__main__":
    main()
