import { DEMO_PASSWORD, DEMO_USERS } from '../database/seeds/demo-data.js';
import { seedDemo } from '../database/seeds/seed-demo.js';
import { runCli } from './cli-context.js';

/** `npm run seed:demo`: the organisations, agreements and commitments of the five articles, and sample users. */
await runCli(async (app) => {
  const { created } = await seedDemo(app);
  console.log(`Demo data: created ${Object.entries(created).map(([what, n]) => `${n} ${what}`).join(', ')} (existing records left as they were).`);
  console.log(`\nSample users (password for all: "${DEMO_PASSWORD}"):`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(11)} ${u.email}`);
});
