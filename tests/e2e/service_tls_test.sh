#!/usr/bin/env bash
# `guarantor serve` over HTTPS with a self-signed certificate: /healthz and an authenticated
# /v1/whoami answer over TLS with the certificate as the CA, ingest_client
# posts the example's observations over TLS, plain HTTP to the same port gets no
# answer, and a key that does not match the certificate, a missing certificate file or a missing
# scenario directory stop serve at start with an error that names the cause.
# Usage: service_tls_test.sh GUARANTOR INGEST_CLIENT SOURCE_DIR WORK_DIR
set -euo pipefail
bin=$1 client=$2 src=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
cd "$src"
ex=examples/paris-2026
server_pid=""
cleanup() { if [[ -n $server_pid ]]; then kill -KILL "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  [[ -s $work/serve.err ]] && { echo "--- serve's errors"; tail -5 "$work/serve.err"; }
  exit 1
}

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>"$work/openssl.err" || fail "openssl: $(cat "$work/openssl.err")"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
  -keyout "$work/other-key.pem" -out "$work/other-cert.pem" 2>"$work/openssl.err" || fail "openssl: $(cat "$work/openssl.err")"

source scripts/lib/serve.sh
serve_start "$bin" "$work/serve" --scenario $ex --data "$work/data" --port 0 --token-for-demo hq:hq \
  --tls-cert "$work/cert.pem" --tls-key "$work/key.pem" || { server_pid=$serve_pid; fail "with TLS: $serve_error"; }
server_pid=$serve_pid url=$serve_url
[[ $url == https://* ]] || fail "serve with a certificate printed $url, not an https URL"
port=${url##*:}
token=$serve_token

health=$(curl -sS --fail-with-body --cacert "$work/cert.pem" "https://localhost:$port/healthz" 2>&1) ||
  fail "GET /healthz over TLS: $health"
[[ $health == *'"status":"ok"'* ]] || fail "GET /healthz over TLS answered $health"
code=$(curl -sS -o "$work/whoami.json" -w '%{http_code}' --cacert "$work/cert.pem" \
  -H "Authorization: Bearer $token" "https://localhost:$port/v1/whoami" 2>&1) ||
  fail "GET /v1/whoami over TLS: $code"
[[ $code == 200 ]] || fail "GET /v1/whoami over TLS answered $code: $(cat "$work/whoami.json")"
grep -q '"role":"hq"' "$work/whoami.json" || fail "whoami did not name the role: $(cat "$work/whoami.json")"
code=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$work/cert.pem" \
  "https://localhost:$port/v1/whoami" 2>&1) || true
[[ $code == 401 ]] || fail "GET /v1/whoami over TLS without a token answered $code, expected 401"
# Ingest over TLS: the example's observations through ingest_client, trusting the certificate.
"$client" "https://localhost:$port" $ex/observations.jsonl --token "$token" --cacert "$work/cert.pem" \
  --json >"$work/ingest.out" 2>"$work/ingest.err" || fail "ingest over TLS: $(cat "$work/ingest.err")"
grep -q "\"observations\":$(wc -l < $ex/observations.jsonl),"  "$work/ingest.out" || fail "ingest over TLS: $(cat "$work/ingest.out")"
# A delegation seals a pledge with its own key and submits it over TLS; the server, which holds
# only FR's public key, verifies and appends it, and the ledger verifies on disk.
"$bin" keys new --party FR --data "$work/fr" >/dev/null
cp "$work/fr/keys/FR.public" "$work/data/keys/"
fr_token=$("$bin" users add --data "$work/data" --id fr-1 --role delegation --organisation FR --json |
  sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
echo '{"id":"fr-isr-tls","party":"FR","capability":"air_isr","quantity":1}' >"$work/pledge.json"
"$bin" ledger submit --server "https://localhost:$port" --cacert "$work/cert.pem" --token "$fr_token" \
  --data "$work/fr" --party FR --kind pledge --payload "$work/pledge.json" --json >"$work/submit.out" \
  2>"$work/submit.err" || fail "ledger submit: $(cat "$work/submit.err")"
# (Its place follows the activations the example's observations fired, which the server appends.)
grep -Eq '"sequence":[0-9]+,' "$work/submit.out" || fail "ledger submit answered $(cat "$work/submit.out")"
[[ ! -e $work/data/keys/FR.secret ]] || fail "the server's data directory holds FR's secret key"
"$bin" ledger verify --data "$work/data" >"$work/verify.out" || fail "ledger verify after submit"
# The HQ may not submit an entry authored by FR, even sealed with FR's key.
if "$bin" ledger submit --server "https://localhost:$port" --cacert "$work/cert.pem" --token "$token" \
  --data "$work/fr" --party FR --kind pledge --payload "$work/pledge.json" 2>"$work/submit.err"; then
  fail "the HQ submitted an entry authored by FR"
fi
grep -q "403" "$work/submit.err" || fail "submit as the HQ: $(cat "$work/submit.err")"
# Revoking FR's user from another process: the running server refuses its token within 5 s.
"$bin" users revoke --data "$work/data" --id fr-1 --json | grep -q '"revoked":true' ||
  fail "users revoke did not confirm"
"$bin" users list --data "$work/data" --json | grep -q '"id":"fr-1"[^}]*"revoked_at":"20' ||
  fail "users list does not show the revocation: $("$bin" users list --data "$work/data" --json)"
refused=""
for _ in $(seq 70); do
  code=$(curl -sS -o /dev/null -w '%{http_code}' --cacert "$work/cert.pem" \
    -H "Authorization: Bearer $fr_token" "https://localhost:$port/v1/whoami")
  [[ $code == 401 ]] && { refused=yes; break; }
  sleep 0.1
done
[[ -n $refused ]] || fail "a revoked token was still accepted after 7 s (last answer $code)"
"$bin" users revoke --data "$work/data" --id nobody 2>"$work/revoke.err" &&
  fail "users revoke accepted an unknown user"
grep -q 'nobody' "$work/revoke.err" || fail "users revoke: $(cat "$work/revoke.err")"

# A client that does not trust the certificate refuses it.
if curl -sS -o /dev/null "https://localhost:$port/healthz" 2>/dev/null; then
  fail "curl accepted the self-signed certificate without --cacert"
fi
# Plain HTTP to the TLS port gets no HTTP answer.
if plain=$(curl -sS --max-time 5 "http://localhost:$port/healthz" 2>&1); then
  fail "plain HTTP to the TLS port was answered: $plain"
fi
kill -TERM "$server_pid"
wait "$server_pid" || fail "serve with TLS did not stop cleanly on SIGTERM"
server_pid=""

# Start errors: each stops serve with a non-zero status and a message naming the cause.
expect_start_error() {  # what, pattern, serve arguments...
  local what=$1 pattern=$2 rc=0
  shift 2
  timeout 30 "$bin" serve --data "$work/data-err" --port 0 "$@" >"$work/err.out" 2>"$work/err.err" || rc=$?
  [[ $rc -ne 0 && $rc -ne 124 ]] || fail "serve with $what: exit status $rc, expected an error at start"
  grep -q -- "$pattern" "$work/err.err" || fail "serve with $what: the error does not name $pattern: $(cat "$work/err.err")"
}
expect_start_error "a key that does not match the certificate" TLS \
  --scenario $ex --tls-cert "$work/cert.pem" --tls-key "$work/other-key.pem"
expect_start_error "a missing certificate file" TLS \
  --scenario $ex --tls-cert "$work/missing.pem" --tls-key "$work/key.pem"
expect_start_error "a certificate without a key" TLS --scenario $ex --tls-cert "$work/cert.pem"
expect_start_error "a missing scenario directory" "$work/no-such-scenario" \
  --scenario "$work/no-such-scenario"
echo "service tls: all checks passed"
