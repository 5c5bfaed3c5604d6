#!/usr/bin/env bash
# Rebuilds the stand-in package .ci/stand-in/packages/patched.distributedlock.postgres.1.3.3.nupkg
# from its .nuspec. A .nupkg is a zip; NuGet's local-folder feeds need only the .nuspec and the files.
# Needs: zip (apt-get install zip) or python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/packages"
mkdir -p "$out"
pkg="$out/patched.distributedlock.postgres.1.3.3.nupkg"
rm -f "$pkg"
python3 - "$here" "$pkg" <<'PY'
import sys, zipfile, os
here, pkg = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(pkg, "w", zipfile.ZIP_DEFLATED) as z:
    def add(name, data):
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # deterministic
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
    add("Patched.DistributedLock.Postgres.nuspec", open(os.path.join(here, "Patched.DistributedLock.Postgres.nuspec"), "rb").read())
    add("lib/net8.0/_._", b"")
    add("lib/netstandard2.0/_._", b"")
    add("[Content_Types].xml", b'<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="nuspec" ContentType="application/octet" /><Default Extension="_" ContentType="application/octet" /></Types>')
PY
echo "wrote $pkg"
