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
# Filesystems (here and with --usage): the disk-backed types in /proc/mounts (not overlay, a container's
# view of a filesystem already listed), each device once, at its first mount point in sorted order
# (df's first column: bind mounts and btrfs subvolumes report their whole filesystem again).
#
# For testing, these environment variables point the script at a fake tree (defaults in brackets):
#   SPECDESK_PROC=<dir>    read cpuinfo, meminfo, loadavg, uptime, net/dev, mounts, mdstat there [/proc]
#   SPECDESK_SYS=<dir>     read block/* (disks) and class/net/* (NIC speed) there [/sys]
#   SPECDESK_MDSTAT=<file> read RAID state from another file [$SPECDESK_PROC/mdstat]
# hostname, uname, df, smartctl and fio are found on PATH.
#
#   sh specdesk-check.sh --usage > usage.json   # current usage, for a capacity review (paste it on your account)
#
# With --usage it prints instead one JSON document of what this server uses now (run it on each server
# of the service and paste every output). It reads /proc/loadavg, /proc/meminfo, /proc/net/dev,
# /proc/uptime, df and, when smartctl is installed (and allowed to read the disks), smartctl -A.
# Fields: kind "usage", hostname, measuredAt (UTC), uptimeDays,
# cpu {threads, load1, load5, load15, busyCores} (busyCores: the 15-minute load average as cores busy,
# at most threads), memory {totalGb, usedGb} (used = MemTotal - MemAvailable),
# filesystems [{mount, sizeGb, usedGb}] and disk {usedGb} (their sum, /boot and the like left out),
# traffic {rxTb, txTb, sinceBootDays, monthTb}: bytes received and sent by every interface but lo
# since boot (TB = 10^12 bytes), and monthTb, the sent bytes (outgoing: what hosting bills) scaled to
# 30 days from the time since boot (an estimate: the longer the server has run, the better),
# smart [{disk, raw {"5", "187", "188", "197", "198"}}]: the raw values of the watched SMART
# attributes (reallocated, reported uncorrectable, command timeouts, pending, offline uncorrectable
# sectors) per disk; empty without smartctl.
set -u
LC_ALL=C
export LC_ALL
PROC=${SPECDESK_PROC:-/proc}
SYS=${SPECDESK_SYS:-/sys}

json_string() {
  # Escapes backslashes, quotes and control characters for a JSON string.
  printf '%s' "$1" | tr -d '\000-\010\013\014\016-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr '\n\t\r' '   '
}

data_filesystems() {
  # One line "mount sizeKb usedKb availableKb" per disk-backed filesystem, from df -P -k; overlay is
  # left out and a device (df's first column) counts once, at its first mount point in sorted order.
  [ -r "$PROC/mounts" ] || return 0
  seen=" "
  for mount in $(awk '$3 ~ /^(ext2|ext3|ext4|xfs|btrfs|zfs|f2fs|jfs|reiserfs|vfat)$/ { print $2 }' "$PROC/mounts" 2>/dev/null | sort -u); do
    line=$(df -P -k "$mount" 2>/dev/null | awk 'NR == 2 && NF >= 6 { print $1, $2, $3, $4 }')
    [ -n "$line" ] || continue
    device=${line%% *}
    case "$device" in none|-) device="$device:$mount" ;; esac
    case "$seen" in *" $device "*) continue ;; esac
    seen="$seen$device "
    echo "$mount ${line#* }"
  done
}

hostname_value=$(hostname 2>/dev/null || cat "$PROC/sys/kernel/hostname" 2>/dev/null || echo "")

if [ "${1:-}" = "--usage" ]; then
  threads=$(grep -c '^processor' "$PROC/cpuinfo" 2>/dev/null || echo 0)
  [ "$threads" -gt 0 ] 2>/dev/null || threads=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 0)
  load=$(awk -v t="$threads" '{ b = $3; if (t > 0 && b > t) b = t; printf "%.2f %.2f %.2f %.2f", $1, $2, $3, b; exit }' "$PROC/loadavg" 2>/dev/null)
  [ -n "$load" ] || load="0 0 0 0"
  set -- $load
  load1=$1 load5=$2 load15=$3 busy=$4
  memory=$(awk '/^MemTotal:/ { t = $2 } /^MemAvailable:/ { a = $2; h = 1 } /^MemFree:/ { f = $2 }
    END { if (!h) a = f; u = t - a; if (u < 0) u = 0; printf "%.2f %.2f", t / 1048576, u / 1048576 }' "$PROC/meminfo" 2>/dev/null)
  [ -n "$memory" ] || memory="0 0"
  mem_total=${memory% *}
  mem_used=${memory#* }
  uptime_seconds=$(awk '{ printf "%d", $1; exit }' "$PROC/uptime" 2>/dev/null)
  [ -n "$uptime_seconds" ] || uptime_seconds=0
  uptime_days=$(awk -v s="$uptime_seconds" 'BEGIN { printf "%.2f", s / 86400 }')

  usage_filesystems=""
  disk_used=0
  fs_lines=$(data_filesystems)
  while read -r mount size_kb used_kb available_kb; do
    [ -n "$mount" ] || continue
    case "$mount" in /boot|/boot/*|/proc|/proc/*|/sys|/sys/*|/dev|/dev/*|/run|/run/*) continue ;; esac
    size=$(awk -v k="$size_kb" 'BEGIN { printf "%.2f", k / 1048576 }')
    used=$(awk -v k="$used_kb" 'BEGIN { printf "%.2f", k / 1048576 }')
    disk_used=$(awk -v a="$disk_used" -v b="$used" 'BEGIN { printf "%.2f", a + b }')
    entry="{\"mount\":\"$(json_string "$mount")\",\"sizeGb\":$size,\"usedGb\":$used}"
    usage_filesystems="${usage_filesystems:+$usage_filesystems,}$entry"
  done <<EOF_FS
$fs_lines
EOF_FS

  traffic=$(awk -v up="$uptime_seconds" '
    NR > 2 { sub(/^ +/, ""); split($0, f, /[: ]+/); if (f[1] == "lo") next; rx += f[2]; tx += f[10] }
    END {
      month = (up > 0) ? tx / up * 30 * 86400 : 0
      up = up / 86400
      printf "{\"rxTb\":%.4f,\"txTb\":%.4f,\"sinceBootDays\":%.2f,\"monthTb\":%.4f}", rx / 1e12, tx / 1e12, up, month / 1e12
    }' "$PROC/net/dev" 2>/dev/null)
  [ -n "$traffic" ] || traffic='{"rxTb":0,"txTb":0,"sinceBootDays":0,"monthTb":0}'

  smart=""
  if command -v smartctl >/dev/null 2>&1; then
    for dev in "$SYS"/block/*; do
      [ -e "$dev" ] || continue
      name=${dev##*/}
      case "$name" in loop*|ram*|zram*|dm-*|md*|sr*|fd*|nbd*) continue ;; esac
      raw=$(smartctl -A "/dev/$name" 2>/dev/null | awk '
        $1 ~ /^(5|187|188|197|198)$/ && NF >= 10 {
          v = $10; sub(/[^0-9].*$/, "", v); if (v == "") v = 0
          printf "%s\"%s\":%s", sep, $1, v + 0; sep = ","
        }')
      [ -n "$raw" ] || continue
      smart="${smart:+$smart,}{\"disk\":\"$(json_string "$name")\",\"raw\":{$raw}}"
    done
  fi

  measured_at=$(date -u +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || echo "")
  printf '{"kind":"usage","hostname":"%s","measuredAt":"%s","uptimeDays":%s,' \
    "$(json_string "$hostname_value")" "$measured_at" "$uptime_days"
  printf '"cpu":{"threads":%s,"load1":%s,"load5":%s,"load15":%s,"busyCores":%s},' "$threads" "$load1" "$load5" "$load15" "$busy"
  printf '"memory":{"totalGb":%s,"usedGb":%s},"filesystems":[%s],"disk":{"usedGb":%s},' \
    "$mem_total" "$mem_used" "$usage_filesystems" "$disk_used"
  printf '"traffic":%s,"smart":[%s]}\n' "$traffic" "$smart"
  exit 0
fi

kernel_value=$(uname -r 2>/dev/null || echo "")
cpu_model=$(grep -m1 'model name' "$PROC/cpuinfo" 2>/dev/null | sed 's/^[^:]*: *//')
[ -n "$cpu_model" ] || cpu_model=$(grep -m1 -i '^cpu model\|^Hardware\|^Processor' "$PROC/cpuinfo" 2>/dev/null | sed 's/^[^:]*: *//')
threads=$(grep -c '^processor' "$PROC/cpuinfo" 2>/dev/null || echo 0)
[ "$threads" -gt 0 ] 2>/dev/null || threads=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 0)
mem_gb=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' "$PROC/meminfo" 2>/dev/null)
[ -n "$mem_gb" ] || mem_gb=0

disks=""
for dev in "$SYS"/block/*; do
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
mdstat=${SPECDESK_MDSTAT:-$PROC/mdstat}
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
fs_lines=$(data_filesystems)
while read -r mount size_kb used_kb available_kb; do
  [ -n "$mount" ] || continue
  size=$(awk -v k="$size_kb" 'BEGIN { printf "%.1f", k / 1048576 }')
  free=$(awk -v k="$available_kb" 'BEGIN { printf "%.1f", k / 1048576 }')
  entry="{\"mount\":\"$(json_string "$mount")\",\"sizeGb\":$size,\"freeGb\":$free}"
  filesystems="${filesystems:+$filesystems,}$entry"
done <<EOF_FS
$fs_lines
EOF_FS

nic="null"
for iface in "$SYS"/class/net/*; do
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
