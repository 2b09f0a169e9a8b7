"""Connect to PostgreSQL with the libpq connection string in $PG_CONNINFO (never on argv).

Prints one JSON line: whether it connected, the error if not, else the user and whether TLS is on.
Runs with any python that has psycopg2.
"""

import json
import os

import psycopg2

try:
    connection = psycopg2.connect(os.environ["PG_CONNINFO"], connect_timeout=10)
except psycopg2.Error as error:
    print(json.dumps({"connected": False, "error": str(error).strip()}))
else:
    with connection, connection.cursor() as cursor:
        cursor.execute("SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        user, ssl = cursor.fetchone()
    print(json.dumps({"connected": True, "user": user, "ssl": ssl}))
