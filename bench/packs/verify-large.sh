#!/usr/bin/env bash
# verify-pack on a tampered pack whose manifest lists a 4 GiB entry (big.bin, zeros, ~4 MiB compressed): before
# the fix the verifier buffered entries in memory and peaked at 2.15 GB while rejecting such a pack; it now
# streams every entry through SHA-256 and stops at the 1 GiB inflate budget. Prints the verdict, wall time and
# peak RSS (GNU time), beside verify-pack on the untouched pack as the reference.
# Needs: a built CLI (dotnet build src/Distill.Attribution.Cli -c Release), python3, /usr/bin/time.
# Usage: bench/packs/verify-large.sh [PACK.zip]   (default: a pack of a small generated data set, made here)
set -euo pipefail
cd "$(dirname "$0")/../.."
distill=(dotnet src/Distill.Attribution.Cli/bin/Release/net10.0/distill.dll)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pack=${1:-}
if [ -z "$pack" ]; then
  "${distill[@]}" generate --out "$work/data" --scale 0.01 --seed 3 >/dev/null
  "${distill[@]}" ingest "$work/data/input" --store "$work/s.db" >/dev/null 2>&1
  "${distill[@]}" detect --store "$work/s.db" >/dev/null 2>&1
  "${distill[@]}" export-clusters --store "$work/s.db" --out "$work/c.json" >/dev/null
  top=$(python3 -c 'import json,sys; c=[x for x in json.load(open(sys.argv[1]))["clusters"] if x["flagged"]]; print(c[0]["id"])' "$work/c.json")
  "${distill[@]}" pack "$top" --store "$work/s.db" --out "$work/pack.zip" --custodian bench >/dev/null
  pack="$work/pack.zip"
fi
python3 - "$pack" "$work/big.zip" <<'PY'
import hashlib, json, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
size, chunk = 4 << 30, b"\0" * (8 << 20)
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zout:
    for info in zin.infolist():
        data = zin.read(info.filename)
        if info.filename == "manifest.json":
            m = json.loads(data)
            m["files"].append({"path": "big.bin", "sha256": "0" * 64, "bytes": size})
            data = json.dumps(m, indent=2).encode()
        zout.writestr(info.filename, data)
    with zout.open("big.bin", "w", force_zip64=True) as out:
        for _ in range(size // len(chunk)):
            out.write(chunk)
PY
echo "tampered pack: $(du -h "$work/big.zip" | cut -f1) on disk, big.bin listed at 4 GiB; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for f in "$pack" "$work/big.zip"; do
  /usr/bin/time -f "  wall %e s, peak RSS %M KiB" "${distill[@]}" verify-pack "$f" 2>&1 | grep -E "^(OK|FAILED|ALTERED|MALFORMED|  wall)" | cut -c1-160 || true
done
