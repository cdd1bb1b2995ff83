import { loadConfig, ConfigError } from '../platform/config';
import { commands } from './commands';

const USAGE = `Pilar — sistem informasi PSM, IPSM dan Dinas Sosial

Usage:
  pilar start            start PostgreSQL (embedded unless DATABASE_URL), migrate, serve API + web app
  pilar db migrate       apply pending migrations
  pilar db status        show applied and pending migrations
  pilar audit verify     check the audit hash chains; exit 1 at the first broken link
  pilar backup [DIR]     copy the database, uploaded files and keys into a new directory
  pilar restore DIR      restore a backup into an empty database / fresh data directory
`;

async function main(argv: string[]): Promise<number> {
  const key = argv.slice(0, 2).join(' ');
  const cmd = commands[key] ?? commands[argv[0] ?? ''];
  if (!cmd) {
    process.stdout.write(USAGE);
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  const config = loadConfig();
  return cmd(config, argv.slice(key in commands ? 2 : 1));
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`pilar: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
