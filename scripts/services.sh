# Sourced by run-tests: makes sure the services the tests need are running, starting them if
# they are installed but stopped, and says clearly what is missing otherwise.
# Storage is embedded SQLite; the benchmark harness tests its XMPP driver against a real
# ejabberd node it starts itself, so the ejabberd package must be installed. The PostgreSQL
# and NATS checks are used once the cluster mode's tests need them (CHAPAR_TEST_SERVICES).

chapar_require_services() {
  local missing=0
  if [ ! -x /usr/sbin/ejabberdctl ] || ! command -v sqlite3 >/dev/null 2>&1; then
    echo "run-tests: ejabberd (with erlang-p1-sqlite3 and sqlite3) is not installed; the benchmark" >&2
    echo "run-tests: harness tests need it. Install it with: scripts/install-ejabberd.sh (as root)" >&2
    missing=1
  fi
  for need in ${CHAPAR_TEST_SERVICES:-}; do
    case "$need" in
      postgres)
        if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
          if command -v pg_ctlcluster >/dev/null 2>&1; then
            pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
          fi
          pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null || { echo "run-tests: PostgreSQL is not running on 127.0.0.1:5432 and could not be started (apt-get install postgresql)" >&2; missing=1; }
        fi ;;
      nats)
        if ! (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null; then
          if [ -x /usr/sbin/nats-server ]; then
            start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log || true
            sleep 1
          fi
          (exec 3<>/dev/tcp/127.0.0.1/4222) 2>/dev/null || { echo "run-tests: NATS is not running on 127.0.0.1:4222 and could not be started (apt-get install nats-server)" >&2; missing=1; }
        fi ;;
    esac
  done
  return $missing
}
