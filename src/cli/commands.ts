import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, openDatabase } from '../server/db/client';
import { syncDirectoryTree } from '../server/db/durable-nodefs';
import { isDatabaseEmpty, seedDemo } from '../server/db/seed/demo';
import type { Env } from '../server/env';
import {
  type BackupContents,
  buildBackupArchive,
  readBackupArchive,
} from '../server/platform/backup-archive';
import { dumpPostgres, isEmptyPostgres, restorePostgres } from '../server/platform/postgres-backup';
import { requestOnlineBackup } from '../server/platform/control-socket';
import {
  acquireDataDirLock,
  type DataDirLock,
  ensureWritableDirectories,
  inUseMessage,
  isDataDirLocked,
} from '../server/platform/data-dir';
import { createPrefectureCommand } from './create-prefecture';
import { createUserCommand } from './create-user';
import { importMunicipalitiesCommand } from './import-municipalities';

/**
 * The kakehashi CLI: one entry per command. Each command gets its arguments
 * (after the command name) and returns the process exit code:
 * 0 done, 1 failed, 2 wrong usage or not possible with this database engine.
 */
export interface CliIo {
  env: Env;
  print: (line: string) => void;
  printError: (line: string) => void;
}

export interface Command {
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/**
 * With the embedded database: checks DATA_DIR and takes its exclusive lock for
 * the command's run, so a command never opens files a running server (or
 * another command) has open. Throws DataDirError with a one-line message.
 */
export async function withDataDirLock<T>(env: Env, use: () => Promise<T>): Promise<T> {
  if (env.DATABASE_URL) return use();
  ensureWritableDirectories(env.dataDir, [env.dbDir]);
  const lock: DataDirLock = await acquireDataDirLock(env.dataDir);
  try {
    return await use();
  } finally {
    await lock.release();
  }
}

/** Opens the configured database (PGlite in DATA_DIR or DATABASE_URL) for one command and closes it. */
export async function withDatabase<T>(env: Env, use: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  return withDataDirLock(env, async () => {
    const handle = await openDatabase({
      databaseUrl: env.DATABASE_URL,
      pgliteDir: env.dbDir,
      maxConnections: 2,
    });
    try {
      return await use(handle);
    } finally {
      await handle.close();
    }
  });
}

function describeDatabase(env: Env): string {
  return env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite (${env.dbDir})`;
}

function isEmptyDirectory(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/** String options only; parseArgs throws on unknown ones, which becomes a usage message and exit code 2. */
export function parseOptions(
  args: string[],
  names: readonly string[],
  io: CliIo,
  usage: string,
): Record<string, string | undefined> | null {
  const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values as Record<
      string,
      string | undefined
    >;
  } catch (err) {
    io.printError(`${(err as Error).message}\n使い方 / usage: kakehashi ${usage}`);
    return null;
  }
}

const migrate: Command = {
  usage: 'migrate',
  summary: 'データベースを最新のスキーマにする / apply pending database migrations',
  async run(_args, io) {
    await withDatabase(io.env, (handle) => handle.migrate());
    io.print(`マイグレーション完了 / migrations applied: ${describeDatabase(io.env)}`);
    return 0;
  },
};

const seedDemoCommand: Command = {
  usage: 'seed-demo',
  summary:
    '空のデータベースに福島県のデモデータを入れる / load the Fukushima demo data into an empty database',
  async run(_args, io) {
    return withDatabase(io.env, async (handle) => {
      await handle.migrate();
      if (!(await isDatabaseEmpty(handle.db))) {
        io.printError(
          'データベースが空ではないため、デモデータを入れませんでした。 / The database is not empty: demo data is only loaded into an empty database.',
        );
        return 1;
      }
      // The demo's year in progress is the one of today (the real clock, read here at the entry).
      await seedDemo(handle.db, { now: new Date() });
      io.print(`デモデータを登録しました / demo data loaded: ${describeDatabase(io.env)}`);
      return 0;
    });
  },
};

const createUser: Command = {
  usage:
    'create-user --email ADDRESS --name NAME --organization-id UUID --roles role1,role2 [--password PASSWORD]',
  summary: '利用者を登録する（パスワード省略時は一時パスワードを表示） / create a user',
  async run(args, io) {
    const values = parseOptions(
      args,
      ['email', 'name', 'organization-id', 'roles', 'password'],
      io,
      this.usage,
    );
    if (!values) return 2;
    return withDatabase(io.env, async (handle) => {
      await handle.migrate();
      return createUserCommand(
        handle.db,
        {
          email: values.email,
          name: values.name,
          organizationId: values['organization-id'],
          roles: values.roles,
          password: values.password,
        },
        io,
      );
    });
  },
};

const createPrefecture: Command = {
  usage:
    'create-prefecture --code NN --name 名称 --name-en Name --admin-email ADDRESS --admin-name NAME [--organization-name 組織名 --organization-name-en Name]',
  summary:
    '都道府県・管理組織・最初の管理者（招待リンクを表示）を登録する / onboard a prefecture: its administration organization and first administrator (invitation link printed)',
  async run(args, io) {
    const values = parseOptions(
      args,
      ['code', 'name', 'name-en', 'organization-name', 'organization-name-en', 'admin-email', 'admin-name'],
      io,
      this.usage,
    );
    if (!values) return 2;
    return withDatabase(io.env, async (handle) => {
      await handle.migrate();
      return createPrefectureCommand(
        handle.db,
        {
          code: values.code,
          name: values.name,
          nameEn: values['name-en'],
          organizationName: values['organization-name'],
          organizationNameEn: values['organization-name-en'],
          adminEmail: values['admin-email'],
          adminName: values['admin-name'],
        },
        io,
        io.env.PUBLIC_URL,
      );
    });
  },
};

const backup: Command = {
  usage: 'backup --out FILE.tar.gz',
  summary:
    'データベースと添付ファイルを1ファイルに保存する（PGlite / PostgreSQL、サーバー稼働中も可） / back up the database (PGlite or PostgreSQL) and uploaded files, also while the server runs',
  async run(args, io) {
    const values = parseOptions(args, ['out'], io, this.usage);
    if (!values) return 2;
    const out = values.out;
    if (!out) {
      io.printError(`--out を指定してください / --out is required\n使い方 / usage: kakehashi ${this.usage}`);
      return 2;
    }
    if (fs.existsSync(out)) {
      io.printError(
        `${out} は既にあります。上書きしません。 / ${out} already exists; it is not overwritten.`,
      );
      return 1;
    }
    if (io.env.DATABASE_URL) {
      // pg_dump reads one consistent snapshot while the servers keep running; uploaded files are
      // written once under new names and never changed, so copying them after it loses nothing
      // the dump refers to.
      let dump: Buffer;
      try {
        dump = await dumpPostgres(io.env.DATABASE_URL);
      } catch (err) {
        io.printError(`バックアップできませんでした / backup failed: ${(err as Error).message}`);
        return 1;
      }
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(out, buildBackupArchive({ engine: 'postgres', dump }, io.env.uploadsDir), {
        flag: 'wx',
      });
      io.print(
        `バックアップを保存しました / backup written: ${out} (${fs.statSync(out).size} bytes, PostgreSQL database and uploaded files)`,
      );
      return 0;
    }
    if (isEmptyDirectory(io.env.dbDir)) {
      io.printError(`データベースがありません / no database at ${io.env.dbDir}`);
      return 1;
    }
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    if (await isDataDirLocked(io.env.dataDir)) {
      // Copying the files of a database another process writes gives an archive that
      // cannot be restored: the running server takes the snapshot itself instead.
      try {
        const size = await requestOnlineBackup(io.env.dataDir, out);
        io.print(
          `稼働中のサーバーからバックアップを保存しました / backup taken by the running server: ${out} (${size} bytes, database and uploaded files)`,
        );
        return 0;
      } catch (err) {
        io.printError(`${inUseMessage(io.env.dataDir)} (${(err as Error).message})`);
        return 1;
      }
    }
    await withDataDirLock(io.env, async () => {
      // Opened directly, not through openDatabase: a backup must not migrate the data it copies.
      const pglite = new PGlite({ dataDir: io.env.dbDir });
      try {
        await pglite.waitReady;
        const dump = new Uint8Array(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
        fs.writeFileSync(out, buildBackupArchive(dump, io.env.uploadsDir), { flag: 'wx' });
      } finally {
        await pglite.close();
      }
    });
    io.print(
      `バックアップを保存しました / backup written: ${out} (${fs.statSync(out).size} bytes, database and uploaded files)`,
    );
    return 0;
  },
};

const restore: Command = {
  usage: 'restore --in FILE.tar.gz',
  summary:
    'バックアップ（データベースと添付ファイル）を空の DATA_DIR（PostgreSQL では空のデータベース）に戻す / restore a backup (database and uploaded files) into an empty DATA_DIR (with PostgreSQL, an empty database)',
  async run(args, io) {
    const values = parseOptions(args, ['in'], io, this.usage);
    if (!values) return 2;
    const input = values.in;
    if (!input) {
      io.printError(`--in を指定してください / --in is required\n使い方 / usage: kakehashi ${this.usage}`);
      return 2;
    }
    if (!fs.existsSync(input)) {
      io.printError(`${input} がありません / ${input} does not exist`);
      return 1;
    }
    const contents = readBackupArchive(new Uint8Array(fs.readFileSync(input)));
    const targetEngine = io.env.DATABASE_URL ? 'postgres' : 'pglite';
    if (contents.database.engine !== targetEngine) {
      io.printError(
        `このバックアップは ${contents.database.engine} のもので、${targetEngine} には戻せません。 / This backup is of ${contents.database.engine} and cannot be restored into ${targetEngine}.`,
      );
      return 1;
    }
    if (io.env.DATABASE_URL) return restoreIntoPostgres(io, io.env.DATABASE_URL, contents);
    for (const dir of [io.env.dbDir, io.env.uploadsDir]) {
      if (!isEmptyDirectory(dir)) {
        io.printError(
          `${dir} は空ではありません。空の DATA_DIR を指定してください。 / ${dir} is not empty: restore into an empty DATA_DIR.`,
        );
        return 1;
      }
    }
    return withDataDirLock(io.env, async () => {
      const pglite = new PGlite({
        dataDir: io.env.dbDir,
        loadDataDir: new Blob([new Uint8Array(contents.database.dump)]),
      });
      try {
        await pglite.waitReady;
        // Reading a table proves the archive held a usable Kakehashi database.
        const result = await pglite.query<{ count: number }>('select count(*)::int as count from users');
        writeUploads(io.env.uploadsDir, contents.uploads);
        const users = result.rows[0]?.count ?? 0;
        io.print(
          `復元しました / restored into ${io.env.dataDir}: 利用者 ${users} 名, 添付ファイル ${contents.uploads.size} 件 / ${users} users, ${contents.uploads.size} uploaded files`,
        );
      } finally {
        await pglite.close();
      }
      // PGlite wrote the restored files without syncing them: flush them (as initdb does) before
      // the server starts acknowledging writes on top of them (ADR 009).
      syncDirectoryTree(io.env.dbDir);
      return 0;
    });
  },
};

/** Restores a PostgreSQL backup into an empty database and an empty uploads directory. */
async function restoreIntoPostgres(
  io: CliIo,
  databaseUrl: string,
  contents: BackupContents,
): Promise<number> {
  if (!isEmptyDirectory(io.env.uploadsDir)) {
    io.printError(
      `${io.env.uploadsDir} は空ではありません。空の添付ファイル置き場を指定してください。 / ${io.env.uploadsDir} is not empty: restore into an empty uploads directory.`,
    );
    return 1;
  }
  if (!(await isEmptyPostgres(databaseUrl))) {
    io.printError(
      'データベースにテーブルがあります。空のデータベースを指定してください。 / The database already has tables: restore into an empty database.',
    );
    return 1;
  }
  try {
    await restorePostgres(databaseUrl, contents.database.dump);
  } catch (err) {
    io.printError(
      `復元できませんでした（データベースは元のまま） / restore failed, the database is unchanged: ${(err as Error).message}`,
    );
    return 1;
  }
  writeUploads(io.env.uploadsDir, contents.uploads);
  const database = await openDatabase({ databaseUrl, maxConnections: 1 });
  try {
    const rows = await database.db.execute<{ count: number }>(sql`select count(*)::int as count from users`);
    const count = Number(
      (Array.isArray(rows) ? rows : (rows as { rows: { count: number }[] }).rows)[0]?.count ?? 0,
    );
    io.print(
      `復元しました / restored into PostgreSQL: 利用者 ${count} 名, 添付ファイル ${contents.uploads.size} 件 / ${count} users, ${contents.uploads.size} uploaded files`,
    );
  } finally {
    await database.close();
  }
  return 0;
}

function writeUploads(uploadsDir: string, uploads: Map<string, Uint8Array>): void {
  for (const [relative, data] of uploads) {
    const target = path.join(uploadsDir, relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, data);
  }
  // As the server does for each upload: on the disk before the restore reports success.
  if (fs.existsSync(uploadsDir)) syncDirectoryTree(uploadsDir);
}

const help: Command = {
  usage: 'help',
  summary: 'このヘルプ / this help',
  async run(_args, io) {
    io.print(helpText());
    return 0;
  },
};

const importMunicipalities: Command = {
  usage:
    'import-municipalities FILE --prefecture-code NN [--prefecture-name 名称 --prefecture-name-en Name] [--dry-run]',
  summary:
    '市町村マスタ（CSV/xlsx）を取り込む / import a municipality master list (all rows valid or nothing)',
  async run(args, io) {
    let parsed: ReturnType<typeof parseArgs<{ options: typeof importOptions; allowPositionals: true }>>;
    try {
      parsed = parseArgs({ args, options: importOptions, allowPositionals: true, strict: true });
    } catch (err) {
      io.printError(`${(err as Error).message}\n使い方 / usage: kakehashi ${this.usage}`);
      return 2;
    }
    const [file] = parsed.positionals;
    const prefectureCode = parsed.values['prefecture-code'];
    if (!file || !prefectureCode || parsed.positionals.length > 1) {
      io.printError(`使い方 / usage: kakehashi ${this.usage}`);
      return 2;
    }
    if (!fs.existsSync(file)) {
      io.printError(`ファイルがありません / no such file: ${file}`);
      return 2;
    }
    io.print(`取り込み先 / database: ${describeDatabase(io.env)}`);
    return withDatabase(io.env, async (handle) => {
      await handle.migrate();
      return importMunicipalitiesCommand(
        handle.db,
        {
          file,
          prefectureCode,
          prefectureName: parsed.values['prefecture-name'],
          prefectureNameEn: parsed.values['prefecture-name-en'],
          dryRun: parsed.values['dry-run'] === true,
        },
        io.print,
      );
    });
  },
};

const importOptions = {
  'prefecture-code': { type: 'string' },
  'prefecture-name': { type: 'string' },
  'prefecture-name-en': { type: 'string' },
  'dry-run': { type: 'boolean' },
} as const;

/** Every command, by the name typed after `kakehashi`. */
export const commands: Record<string, Command> = {
  migrate,
  'seed-demo': seedDemoCommand,
  'create-user': createUser,
  'create-prefecture': createPrefecture,
  backup,
  restore,
  'import-municipalities': importMunicipalities,
  help,
};

export function helpText(): string {
  const lines = [
    'kakehashi <command> [options]   (npm run kakehashi -- <command> / node dist/server/cli.js <command>)',
    '',
    '環境変数 / environment: DATA_DIR (PGlite), DATABASE_URL (PostgreSQL) — see README',
    '',
  ];
  for (const command of Object.values(commands)) {
    lines.push(`  ${command.usage}`, `      ${command.summary}`);
  }
  return lines.join('\n');
}

/** Runs one command line; returns the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name = 'help', ...args] = argv;
  const command = commands[name === '--help' || name === '-h' ? 'help' : name];
  if (!command) {
    io.printError(`不明なコマンド / unknown command: ${name}\n\n${helpText()}`);
    return 2;
  }
  return command.run(args, io);
}
