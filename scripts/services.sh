# Sourced by run-tests: makes sure what the tests need is there. As root it installs what is
# missing with apt-get (Debian's packages) and starts services that are installed but stopped;
# otherwise, or when that fails, it says exactly what is missing and how to get it.
# The benchmark harness tests its XMPP driver against a real ejabberd node it starts itself, so the
# ejabberd package must be installed. PostgreSQL (127.0.0.1:5432, user postgres without a password)
# is always needed: the store's contract suite runs on it too, each test class in a database of
# its own. NATS is checked (and started) once the cluster mode's tests name it in
# CHAPAR_TEST_SERVICES.
# CHAPAR_EJABBERDCTL names where ejabberdctl is looked for (scripts/SetUpScriptTest points it at
# a missing file to see what a machine without ejabberd is told).

_chapar_apt_updated=""
_chapar_can_install() { [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; }

# Installs Debian packages when this is root; returns non-zero (and installs nothing) otherwise.
chapar_apt_install() { # package...
  _chapar_can_install || return 1
  if [ -z "$_chapar_apt_updated" ]; then
    echo "run-tests: apt-get update" >&2
    apt-get update -qq >&2 || return 1
    _chapar_apt_updated=1
  fi
  echo "run-tests: installing $*" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# A JDK 21 or newer (java-home.sh finds it); installed from Debian when it has one.
chapar_require_jdk() {
  ( source "$root/scripts/java-home.sh" ) >/dev/null 2>&1 && return 0
  local pkg
  for pkg in openjdk-25-jdk-headless openjdk-21-jdk-headless; do
    if _chapar_can_install && apt-cache show "$pkg" >/dev/null 2>&1; then
      chapar_apt_install "$pkg" && return 0
    fi
  done
  # java-home.sh says what it looked at and what to install
  ( source "$root/scripts/java-home.sh" ) || exit 1
}

chapar_require_services() {
  local missing=0
  if [ ! -x "${CHAPAR_EJABBERDCTL:-/usr/sbin/ejabberdctl}" ] || ! command -v sqlite3 >/dev/null 2>&1 \
      || ! dpkg-query -W -f='${Status}' erlang-p1-sqlite3 2>/dev/null | grep -q "ok installed"; then
    if [ "$(id -u)" -eq 0 ]; then
      "$root/scripts/install-ejabberd.sh" || missing=1
    else
      missing=1
    fi
    if [ "$missing" = 1 ]; then
      echo "run-tests: ejabberd (with erlang-p1-sqlite3 and sqlite3) is missing; the benchmark harness" >&2
      echo "run-tests: tests need it. As root: scripts/install-ejabberd.sh (or: sudo scripts/install-ejabberd.sh)" >&2
    fi
  fi
  # The web client (web/) builds with the machine's node and npm, and its browser tests drive
  # Debian's chromium (web/e2e).
  if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    chapar_apt_install nodejs npm || true
    if ! command -v npm >/dev/null 2>&1; then
      echo "run-tests: node and npm are missing; the web client builds with them, TusJsClientIT runs tus-js-client and BotLibrariesIT grammY and Telegraf. As root: apt-get install nodejs npm (Node.js 20 or newer)" >&2
      missing=1
    fi
  fi
  if [ ! -x "${CHAPAR_CHROMIUM:-/usr/bin/chromium}" ]; then
    chapar_apt_install chromium || true
    if [ ! -x "${CHAPAR_CHROMIUM:-/usr/bin/chromium}" ]; then
      echo "run-tests: chromium is missing; the web client's browser tests (web/e2e) drive it. As root: apt-get install chromium" >&2
      missing=1
    fi
  fi
  # pebble, Let's Encrypt's test ACME server (RFC 8555), for the ACME tests (AcmeIT, AcmeTlsAlpnIT,
  # AcmeRenewalInfoIT: ADR 0019, 0029); they start their own pebble on free loopback ports.
  if [ ! -x "${CHAPAR_PEBBLE:-/usr/bin/pebble}" ]; then
    chapar_apt_install pebble || true
    if [ ! -x "${CHAPAR_PEBBLE:-/usr/bin/pebble}" ]; then
      echo "run-tests: pebble is missing; the ACME tests start it. As root: apt-get install pebble" >&2
      missing=1
    fi
  fi
  # TusJsClientIT runs the standard tus client (tus-js-client, pinned by its package-lock.json),
  # BotLibrariesIT the bot libraries grammY and Telegraf (it/bots/package-lock.json)
  if command -v npm >/dev/null 2>&1; then
    [ -d "$root/it/src/test/node/tus/node_modules/tus-js-client" ] \
      || (cd "$root/it/src/test/node/tus" && npm ci --no-audit --no-fund >&2) || missing=1
    { [ -d "$root/it/bots/node_modules/grammy" ] && [ -d "$root/it/bots/node_modules/telegraf" ]; } \
      || (cd "$root/it/bots" && npm ci --prefer-offline --no-audit --no-fund >&2) || missing=1
  fi
  # the bus tests (CrossNodeNatsIT, BusOutageIT, ClusterIT...) start their own nats-server
  # processes on free ports: the binary must be installed, the shared service need not run
  _chapar_has_nats() { [ -x /usr/sbin/nats-server ] || [ -x /usr/bin/nats-server ] || command -v nats-server >/dev/null 2>&1; }
  if ! _chapar_has_nats; then
    chapar_apt_install nats-server || true
    _chapar_has_nats || { echo "run-tests: nats-server is missing; the cluster tests start their own. As root: apt-get install nats-server" >&2; missing=1; }
  fi
  local services="postgres"
  case " ${CHAPAR_TEST_SERVICES:-} " in *" postgres "*) services="" ;; esac
  for need in $services ${CHAPAR_TEST_SERVICES:-}; do
    case "$need" in
      postgres)
        if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
          command -v pg_ctlcluster >/dev/null 2>&1 || chapar_apt_install postgresql || true
          if command -v pg_ctlcluster >/dev/null 2>&1; then
            pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
          fi
          local i
          for i in $(seq 1 40); do pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && break; sleep 0.25; done
          pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || { echo "run-tests: PostgreSQL is not running on 127.0.0.1:5432 and could not be started; as root: apt-get install postgresql" >&2; missing=1; }
        fi
        if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && command -v psql >/dev/null 2>&1 \
            && ! psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -w -tAc 'SELECT 1' >/dev/null 2>&1; then
          echo "run-tests: PostgreSQL on 127.0.0.1:5432 refuses user postgres without a password; the tests" >&2
          echo "run-tests: create and drop databases of their own as postgres: add 'host all postgres 127.0.0.1/32 trust'" >&2
          echo "run-tests: to pg_hba.conf (before the other host lines) and reload PostgreSQL" >&2
          missing=1
        fi ;;
      nats)
        if ! (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null; then
          [ -x /usr/sbin/nats-server ] || [ -x /usr/bin/nats-server ] || chapar_apt_install nats-server || true
          local nats
          nats=$(command -v nats-server || ls /usr/sbin/nats-server 2>/dev/null || true)
          if [ -n "$nats" ]; then
            mkdir -p /var/lib/nats-server 2>/dev/null || true
            start-stop-daemon --start --oknodo --background --exec "$nats" -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log || true
            local i
            for i in $(seq 1 40); do (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null && break; sleep 0.25; done
          fi
          (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null || { echo "run-tests: NATS is not running on 127.0.0.1:4222 and could not be started; as root: apt-get install nats-server" >&2; missing=1; }
        fi ;;
      *) echo "run-tests: unknown service '$need' in CHAPAR_TEST_SERVICES (known: postgres nats)" >&2; missing=1 ;;
    esac
  done
  return $missing
}
