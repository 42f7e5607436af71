#!/bin/sh
# The secret files docker-compose.yml mounts (under /run/secrets in the containers), made once
# on the host before the first `docker compose up`:
#
#   sudo sh scripts/compose-secrets.sh [DIR]          (DIR: ./secrets by default)
#
# Generates what is missing and never overwrites a file that exists (a lost encryption or audit
# key loses the data it protects: copy DIR to your key store, apart from the backups):
#   postgres_password, db_owner_password, db_app_password   32 random bytes, hex
#   encryption_keys, audit_hmac_keys                         k1:/a1: and 32 random bytes, base64
#   smtp_password, s3_access_key_id, s3_secret_access_key    empty: fill in the ones you use and
#                                                            set SMTP_PASSWORD_FILE... (.env)
# Files are 0640, owned by root and the group WITNESS_SECRETS_GID (10001): the services that
# read them join that group (compose `group_add`); Witness refuses a secret file every user
# on the host can read.
set -eu
dir=${1:-secrets}
gid=${WITNESS_SECRETS_GID:-10001}
umask 077
mkdir -p "$dir"

random_hex() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }
random_key() { printf '%s:' "$1"; head -c 32 /dev/urandom | base64 | tr -d '\n'; }

made=""
secret() {
  # $1: file name; $2: the command printing its value (empty: an empty placeholder)
  path="$dir/$1"
  if [ ! -e "$path" ]; then
    if [ -n "$2" ]; then $2 >"$path"; else : >"$path"; fi
    made="$made $1"
  fi
  chmod 0640 "$path"
  chgrp "$gid" "$path" 2>/dev/null || echo "compose-secrets: could not give $path to group $gid (run as root)" >&2
}

secret postgres_password random_hex
secret db_owner_password random_hex
secret db_app_password random_hex
secret encryption_keys "random_key k1"
secret audit_hmac_keys "random_key a1"
secret smtp_password ""
secret s3_access_key_id ""
secret s3_secret_access_key ""
chmod 0750 "$dir"
chgrp "$gid" "$dir" 2>/dev/null || true
echo "compose-secrets: ${made:- nothing new} in $dir"
