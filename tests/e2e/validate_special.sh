#!/usr/bin/env bash
# Inputs that cannot be committed as files: missing, a directory, a huge file, a FIFO, a device.
# Each must be refused with exit 2 and a line naming it, never a crash or a hang.
#   validate_special.sh REESIM KIND
set -u
reesim=$1 kind=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
case "$kind" in
  missing) target=$dir/absent.textproto; expect="absent.textproto: cannot open: No such file" ;;
  directory) target=$dir; expect="is a directory" ;;
  huge)
    target=$dir/huge.textproto
    { echo '# proto-message: reesim.Scenario'; head -c 17000000 /dev/zero | tr '\0' ' '; } >"$target"
    expect="huge.textproto: is [0-9]+ bytes, over the 16 MiB input limit" ;;
  fifo) target=$dir/pipe.textproto; mkfifo "$target"; expect="pipe.textproto: is not a regular file" ;;
  device) target=/dev/zero; expect="/dev/zero: is not a regular file" ;;
  *) echo "unknown kind $kind"; exit 1 ;;
esac
stderr=$(timeout 20 "$reesim" validate "$target" 2>&1 >/dev/null)
rc=$?
[ "$rc" -eq 2 ] || { echo "FAIL: $kind: exit $rc, expected 2"; echo "$stderr"; exit 1; }
grep -Eq -- "$expect" <<<"$stderr" || { echo "FAIL: $kind: no line matches /$expect/:"; echo "$stderr"; exit 1; }
echo "ok: $stderr"
