#!/usr/bin/env bash
# Installs what the ejabberd side of the benchmarks (and its tests) needs, from Debian, when
# missing: ejabberd, erlang-p1-sqlite3 (its SQLite message archive) and sqlite3. Needs root.
# The package's postinst must not start the system-wide ejabberd service: service starts are
# denied for the duration of the install (Debian's policy-rc.d), unless a policy exists.
set -euo pipefail
missing=()
[[ -x /usr/sbin/ejabberdctl ]] || missing+=(ejabberd)
dpkg-query -W -f='${Status}' erlang-p1-sqlite3 2>/dev/null | grep -q "ok installed" || missing+=(erlang-p1-sqlite3)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
(( ${#missing[@]} )) || exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "install-ejabberd: needs ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]}" >&2
apt-get update -q >&2
own_policy=""
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
fi
status=0
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 || status=$?
[[ -n "$own_policy" ]] && rm -f /usr/sbin/policy-rc.d
exit "$status"
