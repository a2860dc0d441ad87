# Sourced by .ci/run: installs (when missing) and starts the servers the integration tests
# need, on loopback, in a throw-away directory, and exports where they are:
#   MARSAD_TEST_POSTGRES  a PostgreSQL URL (an empty database the tests may fill)
#   MARSAD_TEST_NATS      a nats-server URL with JetStream
#   MARSAD_CHROMIUM       the Chromium binary for the dashboard's browser test
# Tests skip with a message when a variable is unset, so `go test ./...` passes anywhere.

ci_services_dir=$(mktemp -d)
ci_apt_updated=
ci_apt() {
  if [ "$(id -u)" != 0 ]; then echo "== not root: cannot apt-get install $*"; return 1; fi
  if [ -z "$ci_apt_updated" ]; then apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null && ci_apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$@" >/dev/null
}
# ci_free_port prints the first port from $1 on that can be bound on loopback (a port a
# stopped server left in TIME_WAIT cannot, though nothing listens on it).
ci_free_port() {
  python3 - "$1" <<'PY'
import socket, sys
p = int(sys.argv[1])
while True:
    s = socket.socket()
    try:
        s.bind(("127.0.0.1", p))
        break
    except OSError:
        p += 1
    finally:
        s.close()
print(p)
PY
}
ci_as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# PostgreSQL (Debian's package).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then ci_apt postgresql || true; fi
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -n "$pgbin" ]; then
  pgport=$(ci_free_port "${MARSAD_CI_PGPORT:-55432}")
  mkdir -p "$ci_services_dir/pg" && { [ "$(id -u)" != 0 ] || chown postgres "$ci_services_dir" "$ci_services_dir/pg"; }
  if ci_as_postgres "$pgbin/initdb" -D "$ci_services_dir/pg/data" -A trust -U marsad >/dev/null &&
     ci_as_postgres "$pgbin/pg_ctl" -D "$ci_services_dir/pg/data" -l "$ci_services_dir/pg/log" -w \
       -o "-p $pgport -k $ci_services_dir/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null &&
     "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U marsad marsad_test; then
    export MARSAD_TEST_POSTGRES="postgres://marsad@127.0.0.1:$pgport/marsad_test?sslmode=disable"
    echo "== PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pgport"
  else
    echo "== PostgreSQL did not start: its tests will skip"; cat "$ci_services_dir/pg/log" 2>/dev/null | tail -5
  fi
fi

# nats-server with JetStream (Debian's package).
command -v nats-server >/dev/null 2>&1 || ci_apt nats-server || true
if command -v nats-server >/dev/null 2>&1; then
  natsport=$(ci_free_port "${MARSAD_CI_NATSPORT:-54222}")
  nats-server -js -a 127.0.0.1 -p "$natsport" -sd "$ci_services_dir/nats" >"$ci_services_dir/nats.log" 2>&1 &
  ci_nats_pid=$!
  ci_nats_up=
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$natsport") 2>/dev/null; then ci_nats_up=1; break; fi
    sleep 0.1
  done
  if [ -n "$ci_nats_up" ]; then
    export MARSAD_TEST_NATS="nats://127.0.0.1:$natsport"
    echo "== $(nats-server --version) on 127.0.0.1:$natsport"
  else
    echo "== nats-server did not start: its tests will skip"; tail -5 "$ci_services_dir/nats.log"
  fi
fi

# Chromium (Debian's package) for the dashboard's browser test.
command -v chromium >/dev/null 2>&1 || ci_apt chromium || true
if command -v chromium >/dev/null 2>&1; then
  export MARSAD_CHROMIUM=$(command -v chromium)
  echo "== $(chromium --version 2>/dev/null)"
fi

ci_services_stop() {
  [ -n "${ci_nats_pid:-}" ] && kill "$ci_nats_pid" 2>/dev/null
  [ -n "$pgbin" ] && [ -d "$ci_services_dir/pg/data" ] &&
    ci_as_postgres "$pgbin/pg_ctl" -D "$ci_services_dir/pg/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$ci_services_dir"
}
trap ci_services_stop EXIT
