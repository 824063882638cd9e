import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Role } from '../common/auth/role.js';
import { RequestContext } from '../common/context/request-context.js';
import { UsersService } from '../modules/users/users.service.js';
import { parseArgs, runCli } from './cli-context.js';

const USAGE = `Usage: npm run user:create -- --email <email> --role ADMIN|COORDINATOR|PARTNER|AUDITOR
         [--name "Display Name"] [--organisation <organisation id, required for PARTNER>]
The password is read from MITRA_USER_PASSWORD when set (for scripts), otherwise asked for without echo.`;

/** Asks for the password on the terminal without showing it. */
async function askPassword(prompt: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: process.stdin.isTTY });
  const answer = new Promise<string>((resolve) => rl.question(prompt, resolve));
  muted = true;
  const password = await answer;
  rl.close();
  process.stdout.write('\n');
  return password;
}

const args = parseArgs(process.argv.slice(2));
const role = args.role?.toUpperCase() as Role | undefined;
if (!args.email || !role || !Object.values(Role).includes(role)) {
  console.error(USAGE);
  process.exitCode = 2;
} else {
  const password = process.env.MITRA_USER_PASSWORD ?? (await askPassword('Password: '));
  await runCli(async (app) => {
    // Written like any other change: through the service, with a history entry naming the command line as actor.
    const user = await app.get(UsersService).create(RequestContext.system('npm run user:create'), {
      email: args.email!,
      displayName: args.name ?? args.email!,
      role,
      organisationId: args.organisation ?? null,
      password,
    });
    console.log(`Created ${user.role} ${user.email} (id ${user.id})`);
  });
}
