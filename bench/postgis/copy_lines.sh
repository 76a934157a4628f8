#!/usr/bin/env bash
# Loads a JSON Lines file into a new table (line text) with COPY from standard input; the control
# characters \x01 and \x02 as quote and delimiter keep every line whole, backslashes included.
# Usage: bench/postgis/copy_lines.sh PSQL_URI TABLE FILE
set -euo pipefail
uri=$1 table=$2 file=$3
psql "$uri" -qAt -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS $table; CREATE UNLOGGED TABLE $table (line text)"
psql "$uri" -qAt -v ON_ERROR_STOP=1 \
  -c "COPY $table (line) FROM STDIN WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')" < "$file"
