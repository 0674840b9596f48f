#!/usr/bin/env bash
# Runs envoi's interop suite: starts nginx (HTTP and HTTPS) and httpbin (gunicorn) on 127.0.0.1 with
# everything in a temp dir, waits until both answer, checks the README's quick start against nginx, runs
# the *InteropTest classes (Maven profile `interop`), and stops the servers on exit, whatever happens.
#   bash scripts/interop/run.sh            # needs scripts/interop/setup.sh to have run once
#   MVN_ARGS=-o KEEP_INTEROP_DIR=1 bash scripts/interop/run.sh
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/scripts/interop"
nginx_bin="${NGINX:-/usr/sbin/nginx}"
gunicorn_bin="${GUNICORN:-/usr/bin/gunicorn}"
# Debian's interpreter, which has Debian's packages; a pyenv python3 on PATH would not.
python_bin=/usr/bin/python3
for tool in "$nginx_bin" "$gunicorn_bin" "$python_bin" openssl; do
  if ! command -v "$tool" >/dev/null; then
    echo "interop: $tool not found; run scripts/interop/setup.sh first" >&2
    exit 2
  fi
done

dir="$(mktemp -d "${TMPDIR:-/tmp}/envoi-interop.XXXXXX")"
# nginx started by root runs its worker as nobody, which must read the document root.
chmod 755 "$dir"
mkdir -p "$dir/logs" "$dir/nginx-tmp" "$dir/tls" "$dir/www/static" "$dir/www/ssi"
pids=()

cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    # bounded: a server that ignores TERM for 10 s is killed
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$status" != 0 ]; then
    for log in "$dir"/logs/*; do
      [ -f "$log" ] || continue
      echo "----- last lines of $log" >&2
      tail -n 30 "$log" >&2
    done
  fi
  if [ -n "${KEEP_INTEROP_DIR:-}" ]; then
    echo "interop: kept $dir" >&2
  else
    rm -rf "$dir"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Four free ports on 127.0.0.1, held open together so they differ.
read -r http_port https_port wrong_host_port httpbin_port < <("$python_bin" - <<'PY'
import socket
socks = []
for _ in range(4):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
)

# Files nginx serves; the tests compare bodies with these bytes.
www="$dir/www"
printf '<!doctype html>\n<title>envoi interop</title>\n<p>envoi interop index</p>\n' > "$www/index.html"
printf 'hello from nginx\n' > "$www/static/hello.txt"
printf 'a name outside ASCII\n' > "$www/static/café crème.txt"
head -c 102400 /dev/urandom > "$www/static/data.bin"
for i in $(seq 1 4000); do
  printf 'line %05d: the quick brown fox jumps over the lazy dog\n' "$i"
done > "$www/static/text.txt"
printf 'part one\n' > "$www/ssi/one.txt"
printf 'part two\n' > "$www/ssi/two.txt"
printf 'begin\n<!--#include virtual="/ssi/one.txt" -->middle\n<!--#include virtual="/ssi/two.txt" -->end\n' \
  > "$www/ssi/page.txt"
chmod -R go+rX "$www"

# A CA made now, and a certificate for 127.0.0.1 (IP and DNS subjectAltNames) that it signs.
tls="$dir/tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -subj "/CN=envoi interop CA" -keyout "$tls/ca.key" -out "$tls/ca.pem" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj "/CN=127.0.0.1" -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
  > "$tls/server.ext"
openssl x509 -req -days 2 -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
  -extfile "$tls/server.ext" -out "$tls/server.pem" 2>/dev/null
# The same CA signs a certificate whose only subjectAltName is other.invalid; its CN says 127.0.0.1, which a
# client must ignore (RFC 9110 §4.3.4, RFC 6125): asked for 127.0.0.1, it must refuse the certificate.
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj "/CN=127.0.0.1" -keyout "$tls/other.key" -out "$tls/other.csr" 2>/dev/null
printf 'subjectAltName=DNS:other.invalid\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > "$tls/other.ext"
openssl x509 -req -days 2 -in "$tls/other.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial \
  -extfile "$tls/other.ext" -out "$tls/other.pem" 2>/dev/null

sed -e "s#@DIR@#$dir#g" -e "s#@HTTP_PORT@#$http_port#g" -e "s#@HTTPS_PORT@#$https_port#g" \
  -e "s#@WRONG_HOST_PORT@#$wrong_host_port#g" \
  "$here/nginx.conf.template" > "$dir/nginx.conf"
"$nginx_bin" -t -q -p "$dir" -e "$dir/logs/nginx-error.log" -c "$dir/nginx.conf"
"$nginx_bin" -p "$dir" -e "$dir/logs/nginx-error.log" -c "$dir/nginx.conf" &
pids+=("$!")

(cd "$dir" && exec "$gunicorn_bin" --bind "127.0.0.1:$httpbin_port" --workers 2 --threads 4 --timeout 30 \
  --access-logfile "$dir/logs/httpbin-access.log" --error-logfile "$dir/logs/httpbin-error.log" httpbin:app) &
pids+=("$!")

# Wait (at most 30 s) until each server answers an HTTP request.
wait_for() {
  "$python_bin" - "$1" <<'PY'
import sys, time, urllib.request, urllib.error
url = sys.argv[1]
deadline = time.monotonic() + 30
while True:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            r.read()
        sys.exit(0)
    except urllib.error.HTTPError:
        sys.exit(0)
    except Exception as e:
        if time.monotonic() > deadline:
            print(f"interop: {url} did not answer within 30 s: {e}", file=sys.stderr)
            sys.exit(1)
        time.sleep(0.2)
PY
}
wait_for "http://127.0.0.1:$http_port/"
wait_for "http://127.0.0.1:$httpbin_port/get"
echo "interop: nginx on 127.0.0.1:$http_port (https $https_port, wrong-host https $wrong_host_port), httpbin on 127.0.0.1:$httpbin_port, files in $dir"

# The README's first quick-start command, pointed at nginx instead of example.org.
(cd "$root" && ./envoi "http://127.0.0.1:$http_port/") > "$dir/logs/quick-start.out"
first_line="$(head -n 1 "$dir/logs/quick-start.out" | tr -d '\r')"
if [ "$first_line" != "HTTP/1.1 200 OK" ]; then
  echo "interop: ./envoi http://127.0.0.1:$http_port/ printed '$first_line', expected 'HTTP/1.1 200 OK'" >&2
  exit 1
fi
echo "interop: ./envoi quick start OK ($first_line)"

# Only the interop classes run: -Dtest picks them in every module of the reactor, the profile lifts
# the client POM's exclusion of the `interop` tag.
(cd "$root" && mvn -B ${MVN_ARGS:-} -Pinterop -pl client -am verify \
  -Dtest='*InteropTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Denvoi.interop.nginx="http://127.0.0.1:$http_port" \
  -Denvoi.interop.nginxTls="https://127.0.0.1:$https_port" \
  -Denvoi.interop.nginxWrongHost="https://127.0.0.1:$wrong_host_port" \
  -Denvoi.interop.ca="$tls/ca.pem" \
  -Denvoi.interop.docroot="$www" \
  -Denvoi.interop.httpbin="http://127.0.0.1:$httpbin_port")
