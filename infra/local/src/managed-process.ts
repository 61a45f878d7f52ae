import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { constants as osConstants } from 'node:os';
import { dirname, join } from 'node:path';

export interface ManagedProcess {
  name: string;
  pid: number;
  logFile: string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (128 + n when killed by signal n). */
  stop(graceMs?: number): Promise<number | null>;
  exited: Promise<number | null>;
}

export interface StartOptions extends Pick<SpawnOptions, 'cwd' | 'env'> {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  /** Remembered so a later start can kill what a crashed run left behind. */
  pidFile?: string;
}

/** Starts a child whose output goes to a log file and that can be stopped cleanly. */
export function startProcess(options: StartOptions): ManagedProcess {
  mkdirSync(dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: a Ctrl-C in the terminal reaches only the launcher,
    // which stops services before the broker and database they drain into.
    detached: true,
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (!child.pid) throw new Error(`${options.name}: could not start ${options.command}`);
  if (options.pidFile) {
    mkdirSync(dirname(options.pidFile), { recursive: true });
    writeFileSync(options.pidFile, String(child.pid));
  }
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => {
      if (options.pidFile) rmSync(options.pidFile, { force: true });
      resolve(code ?? (signal ? 128 + (osConstants.signals[signal] ?? 0) : null));
    });
  });
  return {
    name: options.name,
    pid: child.pid,
    logFile: options.logFile,
    exited,
    // Longer than a service's own shutdown timeout (20 s), so it can finish draining.
    async stop(graceMs = 25_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/**
 * Kills what an earlier run that died without cleaning up left running (its pid
 * file still exists), and waits until it is gone. Only a process whose command
 * line still contains `command` is touched: a pid may have been reused.
 */
export async function stopLeftover(pidFile: string, command: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8'));
    if (!(pid > 0) || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(command)) return;
  } catch {
    return; // no pid file, or no such process
  }
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && existsSync(`/proc/${pid}`); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  rmSync(pidFile, { force: true });
}

export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` until it is true; fails with the last log lines of `process` if given. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs = 60_000, process }: { timeoutMs?: number; process?: ManagedProcess } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void process?.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (await check()) return;
    if (exitCode !== undefined) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const tail = process ? `\n--- ${process.logFile} ---\n${readTail(process.logFile)}` : '';
  throw new Error(
    `${what} did not become ready${exitCode !== undefined ? ` (exited ${exitCode})` : ''}${tail}`,
  );
}

function readTail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Runs a command to completion, failing with its output. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(
            new Error(`${command} ${args.join(' ')} failed (${code}):\n${output.slice(-4000)}`),
          ),
    );
  });
}

export interface LocalServerOptions extends Omit<StartOptions, 'pidFile'> {
  /** The TCP port it serves; ready when it accepts connections. */
  port: number;
  /** A piece of its command line, to recognise a leftover of an earlier run. */
  commandMatch: string;
  /** Which variable points at an existing server instead, for the "port taken" error. */
  insteadVariable: string;
  timeoutMs: number;
}

/**
 * Starts one of our local servers: reclaims what a crashed earlier run left
 * running, refuses a port someone else holds (naming the variable to use
 * that server instead), starts it and waits until it accepts connections.
 */
export async function startLocalServer(options: LocalServerOptions): Promise<ManagedProcess> {
  const pidFile = join(dirname(options.logFile), `${options.name}.pid`);
  await stopLeftover(pidFile, options.commandMatch);
  if (await portAnswers(options.port)) {
    throw new Error(
      `port ${options.port} is taken; set ${options.insteadVariable} to use the server there`,
    );
  }
  const server = startProcess({ ...options, pidFile });
  await waitUntil(options.name, () => portAnswers(options.port), {
    process: server,
    timeoutMs: options.timeoutMs,
  });
  return server;
}
