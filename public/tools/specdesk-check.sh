#!/bin/sh
# SpecDesk server check: prints what this server has as one JSON document, for the acceptance
# test against what was sold (paste the output into the provisioning page, or upload it).
#
#   sh specdesk-check.sh > facts.json
#   sh specdesk-check.sh --fio /dev/nvme0n1 > facts.json   # also a 30-second random-read test (needs fio and root)
#
# It only reads: /proc, /sys, uname, hostname and df. It never writes, installs or connects to
# anything (the fio test opens the device read-only). POSIX sh; where a tool or file is missing the
# field is empty, zero or null, and the output is still valid JSON.
# Fields: hostname, kernel, cpu {model, threads}, memory {totalGb}, disks [{name, sizeGb, rotational}],
# raid [{name, level, state}] from /proc/mdstat, filesystems [{mount, sizeGb, freeGb}],
# nic {name, speedMbit} (the first interface that reports a speed), fio {randreadIops} or null.
# SPECDESK_MDSTAT=<file> reads RAID state from another file than /proc/mdstat (for testing the parser).
set -u
LC_ALL=C
export LC_ALL

json_string() {
  # Escapes backslashes, quotes and control characters for a JSON string.
  printf '%s' "$1" | tr -d '\000-\010\013\014\016-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr '\n\t\r' '   '
}

hostname_value=$(hostname 2>/dev/null || cat /proc/sys/kernel/hostname 2>/dev/null || echo "")
kernel_value=$(uname -r 2>/dev/null || echo "")
cpu_model=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//')
[ -n "$cpu_model" ] || cpu_model=$(grep -m1 -i '^cpu model\|^Hardware\|^Processor' /proc/cpuinfo 2>/dev/null | sed 's/^[^:]*: *//')
threads=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null || echo 0)
[ "$threads" -gt 0 ] 2>/dev/null || threads=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 0)
mem_gb=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
[ -n "$mem_gb" ] || mem_gb=0

disks=""
for dev in /sys/block/*; do
  [ -e "$dev/size" ] || continue
  name=${dev##*/}
  case "$name" in loop*|ram*|zram*|dm-*|md*|sr*|fd*|nbd*) continue ;; esac
  sectors=$(cat "$dev/size" 2>/dev/null || echo 0)
  size_gb=$(awk -v s="$sectors" 'BEGIN { printf "%.1f", s * 512 / 1000000000 }')
  rot=$(cat "$dev/queue/rotational" 2>/dev/null || echo 0)
  if [ "$rot" = "1" ]; then rotational=true; else rotational=false; fi
  entry="{\"name\":\"$(json_string "$name")\",\"sizeGb\":$size_gb,\"rotational\":$rotational}"
  disks="${disks:+$disks,}$entry"
done

raid=""
mdstat=${SPECDESK_MDSTAT:-/proc/mdstat}
if [ -r "$mdstat" ]; then
  raid=$(awk '
    /^md[0-9a-z_]* *:/ {
      if (name != "") { printf "%s{\"name\":\"%s\",\"level\":\"%s\",\"state\":\"%s\"}", sep, name, level, state; sep = "," }
      name = $1; level = ""; state = ($3 == "active") ? "clean" : $3
      for (i = 3; i <= NF; i++) if ($i ~ /^raid[0-9]+$/ || $i == "linear") { level = $i; break }
      next
    }
    name != "" && /\[[U_]+\]/ { if ($0 ~ /\[[U]*_[U_]*\]/) state = "degraded" }
    name != "" && /recovery|resync/ { state = "rebuilding" }
    END { if (name != "") printf "%s{\"name\":\"%s\",\"level\":\"%s\",\"state\":\"%s\"}", sep, name, level, state }
  ' "$mdstat" 2>/dev/null)
fi

filesystems=""
if [ -r /proc/mounts ]; then
  mounts=$(awk '$3 ~ /^(ext2|ext3|ext4|xfs|btrfs|zfs|f2fs|jfs|reiserfs|overlay|vfat)$/ { print $2 }' /proc/mounts 2>/dev/null | sort -u)
  for mount in $mounts; do
    line=$(df -P -k "$mount" 2>/dev/null | awk 'NR == 2 { printf "%.1f %.1f", $2 / 1048576, $4 / 1048576 }')
    [ -n "$line" ] || continue
    size=${line% *}
    free=${line#* }
    entry="{\"mount\":\"$(json_string "$mount")\",\"sizeGb\":$size,\"freeGb\":$free}"
    filesystems="${filesystems:+$filesystems,}$entry"
  done
fi

nic="null"
for iface in /sys/class/net/*; do
  name=${iface##*/}
  [ "$name" = "lo" ] && continue
  speed=$(cat "$iface/speed" 2>/dev/null) || continue
  case "$speed" in ''|-*|*[!0-9]*) continue ;; esac
  nic="{\"name\":\"$(json_string "$name")\",\"speedMbit\":$speed}"
  break
done

fio_result="null"
if [ "${1:-}" = "--fio" ] && [ -n "${2:-}" ] && command -v fio >/dev/null 2>&1; then
  iops=$(fio --name=specdesk --filename="$2" --readonly --rw=randread --bs=4k --iodepth=32 --ioengine=libaio \
    --direct=1 --runtime=30 --time_based --group_reporting --output-format=terse 2>/dev/null | awk -F';' '{ print $8; exit }')
  case "$iops" in ''|*[!0-9]*) ;; *) fio_result="{\"randreadIops\":$iops}" ;; esac
fi

printf '{"hostname":"%s","kernel":"%s","cpu":{"model":"%s","threads":%s},"memory":{"totalGb":%s},' \
  "$(json_string "$hostname_value")" "$(json_string "$kernel_value")" "$(json_string "$cpu_model")" "$threads" "$mem_gb"
printf '"disks":[%s],"raid":[%s],"filesystems":[%s],"nic":%s,"fio":%s}\n' \
  "$disks" "$raid" "$filesystems" "$nic" "$fio_result"
