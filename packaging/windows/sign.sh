#!/usr/bin/env bash
# sign.sh FILE.exe — Authenticode-signs FILE.exe in place with osslsigncode (SHA-256), using the PKCS#12
# certificate SIGN_CERT (.pfx/.p12) and its password SIGN_PASS, and a timestamp from SIGN_TS when given
# (an RFC 3161 server URL; without one the signature is valid only while the certificate is) and the
# publisher's web address from SIGN_URL when given.
# The password reaches osslsigncode through a private temporary file, never its command line.
set -euo pipefail
file=${1:?usage: sign.sh FILE.exe}
: "${SIGN_CERT:?SIGN_CERT (a .pfx or .p12 file) is not set}"
[ -r "$SIGN_CERT" ] || { echo "sign.sh: cannot read the certificate $SIGN_CERT" >&2; exit 2; }
passfile=$(mktemp)
signed="$file.signed"
trap 'rm -f "$passfile" "$signed"' EXIT
chmod 600 "$passfile"
printf '%s' "${SIGN_PASS:-}" > "$passfile"
extra=()
[ -n "${SIGN_TS:-}" ] && extra+=(-ts "$SIGN_TS")
[ -n "${SIGN_URL:-}" ] && extra+=(-i "$SIGN_URL")
osslsigncode sign -pkcs12 "$SIGN_CERT" -readpass "$passfile" -h sha256 \
  -n "旅顺口区科技服务平台" "${extra[@]}" \
  -in "$file" -out "$signed" >/dev/null
mv "$signed" "$file"
echo "signed $file"
