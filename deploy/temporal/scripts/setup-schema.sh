#!/bin/sh
# Creates or upgrades Temporal's persistence and visibility schemas on PostgreSQL.
set -eu
tool() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$DB_PORT" -u "$POSTGRES_USER" "$@"; }
for db in temporal temporal_visibility; do
  dir=temporal
  [ "$db" = temporal_visibility ] && dir=visibility
  # `create` fails when the database exists; on a restart that is expected.
  tool --db "$db" create || echo "database $db exists"
  # A fresh database gets the base version; an existing one keeps its version and is upgraded below.
  tool --db "$db" setup-schema -v 0.0 || echo "schema of $db already set up"
  tool --db "$db" update-schema -d "/etc/temporal/schema/postgresql/v12/$dir/versioned"
done
