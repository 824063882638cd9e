import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { unneutralise } from '../common/export/neutralise.js';
import { entryHash, GENESIS_HASH } from '../common/history/history-hash.js';
import { CATALOGUES, LANGUAGES } from '../common/i18n/i18n.js';

/** A column's key from its header, in whichever language the trail was exported. */
const keyOfHeader = (header: string): string =>
  LANGUAGES.flatMap((language) => Object.entries(CATALOGUES[language].columns)).find(([, title]) => title === header)?.[0] ?? header;

const USAGE = `Usage: npm run audit:verify -- <audit-trail.csv> [--head SEQ:HASH]
Checks an audit trail exported from GET /exports/audit-trail?format=csv, offline: every entry's hash against its
content, every link to the entry before, no gap; with --head, that the kept head (from auditHead) is in the file.
Exit code 0 when it holds, 1 naming the first bad row, 2 for a usage error.`;

type Row = Record<string, string | null>;

/** Text as exported: text cells lose the apostrophe that neutralised formulas. */
const text = (v: string | null | undefined) => (v === null || v === undefined ? null : unneutralise(v));
const json = (v: string | null | undefined) => (v === null || v === undefined ? null : (JSON.parse(unneutralise(v)) as unknown));

async function verify(file: string, head?: { seq: number; hash: string }): Promise<{ ok: boolean; message: string }> {
  const rows = createReadStream(file).pipe(
    // An empty cell is no value: no text the history keeps is empty (reasons have at least 3 characters).
    parse({ bom: true, columns: (headers: string[]) => headers.map(keyOfHeader), cast: (value) => (value === '' ? null : value) }),
  );
  let line = 1;
  let previous: { seq: number; hash: string } | null = null;
  let headSeen = false;
  for await (const row of rows as AsyncIterable<Row>) {
    line += 1;
    const seq = Number(row.seq);
    const where = `row ${line} (seq ${seq})`;
    const prevHash = text(row.prevHash)!;
    if (previous && seq !== previous.seq + 1) return { ok: false, message: `GAP at ${where}: seq ${previous.seq + 1} is missing` };
    const expectedPrev = previous ? previous.hash : seq === 1 ? GENESIS_HASH : prevHash;
    if (prevHash !== expectedPrev) return { ok: false, message: `BROKEN_LINK at ${where}: it does not point at the entry before` };
    const hash = entryHash(prevHash, {
      seq,
      occurredAt: new Date(text(row.occurredAt)!),
      actorUserId: text(row.actorUserId),
      actorRole: text(row.actorRole)!,
      actorOrganisationId: text(row.actorOrganisationId),
      actorName: text(row.actorName)!,
      action: text(row.action)!,
      entityType: text(row.entityType)!,
      entityId: text(row.entityId)!,
      organisationIds: json(row.organisationIds) as string[],
      changes: json(row.changes) as Record<string, { before: unknown; after: unknown }>,
      reason: text(row.reason),
      requestId: text(row.requestId),
      state: json(row.state) as Record<string, unknown> | null,
    });
    if (hash !== text(row.hash)) return { ok: false, message: `CONTENT_CHANGED at ${where}: its content no longer matches its hash` };
    if (head?.seq === seq) {
      if (head.hash !== hash) return { ok: false, message: `HEAD_MISMATCH at ${where}: the kept head's hash is not this entry's` };
      headSeen = true;
    }
    previous = { seq, hash };
  }
  if (!previous) return { ok: false, message: 'The file holds no entries' };
  if (head && !headSeen) return { ok: false, message: `HEAD_MISMATCH: the kept head (seq ${head.seq}) is not in the file` };
  const first = previous.seq - (line - 2);
  return { ok: true, message: `Valid: ${line - 1} entries, seq ${first} to ${previous.seq}, each matching its hash and linked to the one before${head ? '; the kept head is in the chain' : ''}` };
}

const [file, flag, headArg] = process.argv.slice(2);
const headMatch = /^(\d+):([0-9a-f]{64})$/.exec(headArg ?? '');
if (!file || (flag !== undefined && (flag !== '--head' || !headMatch))) {
  console.error(USAGE);
  process.exitCode = 2;
} else {
  const head = headMatch ? { seq: Number(headMatch[1]), hash: headMatch[2]! } : undefined;
  verify(file, head).then(
    (result) => {
      (result.ok ? console.log : console.error)(result.message);
      process.exitCode = result.ok ? 0 : 1;
    },
    (err: unknown) => {
      console.error(`Could not read ${file}: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 2;
    },
  );
}
