import { randomBytes } from 'node:crypto';
import { seedDemo } from '../database/seeds/seed-demo.js';
import { runCli } from './cli-context.js';

const USAGE = `npm run seed:demo loads sample organisations, agreements, reports and users (one per role).
It refuses to run when NODE_ENV=production: demo accounts do not belong in a real database. Forced there with
--force, it gives each new sample user a random password, printed once below.`;

/** `npm run seed:demo`: the organisations, agreements and commitments of the five articles, and sample users. */
const production = process.env.NODE_ENV === 'production';
if (production && !process.argv.includes('--force')) {
  console.error(`Refused: NODE_ENV=production.\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  await runCli(async (app) => {
    const result = await seedDemo(app, production ? { password: () => randomBytes(18).toString('base64url') } : {});
    console.log(`Demo data: created ${Object.entries(result.created).map(([what, n]) => `${n} ${what}`).join(', ')} (existing records left as they were).`);
    if (result.users.length === 0) return;
    console.log(production ? '\nSample users, with random passwords shown only now:' : '\nSample users:');
    for (const u of result.users) console.log(`  ${u.role.padEnd(11)} ${u.email}  password: ${u.password}`);
  });
}
