#!/usr/bin/env bash
# One malformed-input case of `reesim validate`: exit code 2, an error line naming the file and
# matching REGEX, and no hang.
#   validate_case.sh REESIM FILE REGEX
set -u
reesim=$1 file=$2 regex=$3
stderr=$(timeout 20 "$reesim" validate "$file" 2>&1 >/dev/null)
rc=$?
if [ "$rc" -ne 2 ]; then
  echo "FAIL: exit code $rc, expected 2, for $file"; echo "$stderr"; exit 1
fi
if ! grep -Eq -- "$regex" <<<"$stderr"; then
  echo "FAIL: no error line matches /$regex/ for $file:"; echo "$stderr"; exit 1
fi
if ! grep -Fq -- "$(basename "$file")" <<<"$stderr"; then
  echo "FAIL: no error line names $file:"; echo "$stderr"; exit 1
fi
echo "ok: $stderr" | head -3
