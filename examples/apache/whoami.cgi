#!/bin/sh
# Prints what Apache handed the application: the OIDC claims (OIDC_CLAIM_* environment) under
# /oidc/, the CAS user and attributes (CAS-* request headers, HTTP_CAS_* in CGI) under /cas/.
esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; }
printf 'Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n\r\n'
printf '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>whoami</title></head><body>\n'
printf '<h1>%s</h1>\n' "$(printf '%s' "$REQUEST_URI" | esc)"
printf '<p id="remote-user">REMOTE_USER=%s</p>\n<ul>\n' "$(printf '%s' "$REMOTE_USER" | esc)"
env | grep -E '^(OIDC_CLAIM_|HTTP_CAS_)' | sort | while IFS= read -r line; do
  printf '<li>%s</li>\n' "$(printf '%s' "$line" | esc)"
done
printf '</ul></body></html>\n'
