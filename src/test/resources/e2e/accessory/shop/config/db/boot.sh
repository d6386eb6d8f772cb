# Starts PostgreSQL as PID 1, creating the cluster (and the app's user and table) on the first boot only: the data
# directory is a dhow accessory directory on the host, so it outlives the container.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  chown postgres:postgres "$PGDATA"
  su postgres -s /bin/sh -c "initdb -D '$PGDATA' --locale=C -U postgres --auth-local=trust --auth-host=md5" >/dev/null
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  echo "host all all 0.0.0.0/0 md5" >> "$PGDATA/pg_hba.conf"
  su postgres -s /bin/sh -c "pg_ctl -D '$PGDATA' -o '-k /tmp -c listen_addresses=' -w start"
  su postgres -s /bin/sh -c "psql -h /tmp -U postgres -v ON_ERROR_STOP=1 -f /etc/dhow/init.sql"
  su postgres -s /bin/sh -c "pg_ctl -D '$PGDATA' -w stop"
fi
exec su postgres -s /bin/sh -c "exec postgres -D '$PGDATA' -k /tmp"
