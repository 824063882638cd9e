import pg from 'pg';

/** The role that owns the schema and runs migrations, and the role the service connects as. */
export const OWNER_ROLE = 'mitra_owner';
export const APP_ROLE = 'mitra_app';

export interface RoleCredentials {
  owner: string;
  app: string;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates (or sets the passwords of) the owner and service roles, as a superuser on the maintenance database.
 * Neither is a superuser; the service role owns nothing, so it cannot alter tables or disable their triggers.
 */
export async function ensureRoles(adminUrl: string, passwords: RoleCredentials): Promise<void> {
  await withClient(adminUrl, async (client) => {
    for (const [role, password] of [
      [OWNER_ROLE, passwords.owner],
      [APP_ROLE, passwords.app],
    ] as const) {
      const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const verb = rowCount ? 'ALTER' : 'CREATE';
      await client.query(`${verb} ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${quoteLiteral(password)}`);
    }
  });
}

/** Creates the database, owned by the owner role, when missing; a database from before the roles is handed over. */
export async function ensureOwnedDatabase(adminUrl: string, database: string): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ owner: string }>(
      'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
      [database],
    );
    if (rows.length === 0) {
      await client.query(`CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(OWNER_ROLE)}`);
      return;
    }
    if (rows[0]!.owner !== OWNER_ROLE) await handOver(withDatabase(adminUrl, database));
  });
}

/** A database made before the roles existed: its schema, tables, types and functions pass to the owner role. */
async function handOver(url: string): Promise<void> {
  await withClient(url, (client) =>
    client.query(`
      DO $$ DECLARE r record; BEGIN
        EXECUTE format('ALTER DATABASE %I OWNER TO ${OWNER_ROLE}', current_database());
        ALTER SCHEMA public OWNER TO ${OWNER_ROLE};
        FOR r IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v', 'p') LOOP
          EXECUTE format('ALTER %s %I OWNER TO ${OWNER_ROLE}', CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, r.relname);
        END LOOP;
        FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                  WHERE n.nspname = 'public' AND t.typtype = 'e' LOOP
          EXECUTE format('ALTER TYPE %I OWNER TO ${OWNER_ROLE}', r.typname);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' LOOP
          EXECUTE format('ALTER FUNCTION %s OWNER TO ${OWNER_ROLE}', r.fn);
        END LOOP;
      END $$;`),
  );
}

/**
 * What the service's role may do, granted by the owner after every migration run: read and write the domain
 * tables, read the official places, and only read and append the history (no UPDATE, DELETE or TRUNCATE; and,
 * owning nothing, it cannot disable the append-only trigger). Nothing on the migrations table.
 */
export async function grantServiceRole(ownerUrl: string, appRole: string): Promise<void> {
  const app = quoteIdent(appRole);
  await withClient(ownerUrl, (client) =>
    client.query(`
      GRANT USAGE ON SCHEMA public TO ${app};
      REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app};
      REVOKE INSERT, UPDATE, DELETE ON place FROM ${app};
      REVOKE UPDATE, DELETE ON history_entry FROM ${app};
      REVOKE ALL ON migrations FROM ${app};`),
  );
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function withUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}
