#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for Sonae's server tests and demo: listens on loopback only,
# accepts TLS connections only (a CA and a server certificate for 127.0.0.1 and localhost are made
# here), with password (SCRAM) sign-in; runs as the unprivileged user `postgres` that Debian's
# package creates, never as root.
#
#   scripts/postgres.sh start DIR   makes and starts a cluster in DIR (which must not exist) and
#                                   prints as its last line the superuser's connection URL
#   scripts/postgres.sh stop DIR    stops it and removes DIR
set -euo pipefail

usage() {
	echo "usage: $0 start|stop DIR" >&2
	exit 2
}
[ $# -eq 2 ] || usage
action=$1
dir=$2
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || {
	echo "PostgreSQL is not installed (Debian package postgresql); make deps-postgres installs it" >&2
	exit 1
}
as_postgres() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $action in
start)
	[ ! -e "$dir" ] || {
		echo "$dir already exists; stop that cluster first ($0 stop $dir)" >&2
		exit 1
	}
	mkdir -p "$dir"
	dir=$(realpath "$dir")
	password=$(openssl rand -hex 16)
	port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	# The certificates: a CA the clients are given, and the server's certificate signed by it.
	openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=Sonae test CA" \
		-keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" \
		-out "$dir/server.csr" 2>/dev/null
	printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$dir/san.ext"
	openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
		-days 30 -extfile "$dir/san.ext" -out "$dir/server.crt" 2>/dev/null
	printf '%s\n' "$password" >"$dir/password"
	chmod 600 "$dir"/*.key "$dir/password"
	[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$dir"
	as_postgres "$bin/initdb" -D "$dir/data" -U sonae --pwfile="$dir/password" -A scram-sha-256 \
		-E UTF8 --locale=C.UTF-8 >/dev/null
	cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
ssl = on
ssl_cert_file = '$dir/server.crt'
ssl_key_file = '$dir/server.key'
CONF
	# TLS connections from loopback only; nothing else is accepted.
	printf 'hostssl all all 127.0.0.1/32 scram-sha-256\n' >"$dir/data/pg_hba.conf"
	as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
	echo "postgres://sonae:$password@127.0.0.1:$port/postgres?sslmode=verify-full&sslrootcert=$dir/ca.crt"
	;;
stop)
	if [ -d "$dir/data" ]; then
		as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
	fi
	rm -rf "$dir"
	;;
*) usage ;;
esac
