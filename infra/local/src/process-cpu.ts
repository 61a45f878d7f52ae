import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (user + system) a process has used, in ms, from /proc (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The machine's busy share (all cores, 0 to 1) over one second, from /proc/stat. */
async function machineBusy(): Promise<number> {
  const read = () => {
    const ticks = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idle = ticks[3]! + ticks[4]!; // idle + iowait
    return { idle, total: ticks.reduce((sum, n) => sum + n, 0) };
  };
  const before = read();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const after = read();
  return 1 - (after.idle - before.idle) / (after.total - before.total);
}

/**
 * Waits (up to a minute) until the machine is nearly idle, so a benchmark
 * does not measure the tail of its own setup (events still being handled).
 */
export async function settle(): Promise<void> {
  for (let second = 0; second < 60; second++) if ((await machineBusy()) < 0.1) return;
  console.log('the machine did not settle within a minute; measuring anyway');
}

/** What a process is, for a benchmark's CPU breakdown, from its command line. */
function roleOf(pid: number, commandLine: string): string {
  if (pid === process.pid) return 'benchmark (client, SMTP sink)';
  const service = /(services\/\w+|gateway)\/src\/main\.ts/.exec(commandLine);
  if (service) return service[1]!.replace('services/', '');
  const peer = /peer-gateway\.ts ([\w-]+)/.exec(commandLine);
  if (peer) return `peer ${peer[1]}`;
  if (commandLine.includes('chromium')) return 'chromium';
  if (commandLine.includes('ferretdb')) return 'ferretdb';
  if (commandLine.includes('kafka.Kafka')) return 'kafka';
  return 'other';
}

/** CPU ms used so far by each running process, with its role (see roleOf). */
function everyProcess(): Map<number, { role: string; cpu: number }> {
  const processes = new Map<number, { role: string; cpu: number }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      processes.set(pid, { role: roleOf(pid, commandLine), cpu: cpuMs(pid) });
    } catch {
      // The process ended while it was read.
    }
  }
  return processes;
}

/**
 * Starts counting the machine's CPU time by role (service, ferretdb, kafka,
 * chromium, this benchmark); the function returned stops and gives the ms
 * each role used since. Every process is looked at each second, so one that
 * ends in between (a retired browser) counts up to its last look.
 */
export function startCpuCount(): () => Map<string, number> {
  const before = everyProcess();
  const last = new Map(before);
  const look = () => {
    for (const [pid, seen] of everyProcess()) last.set(pid, seen);
  };
  const timer = setInterval(look, 1_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    look();
    const byRole = new Map<string, number>();
    for (const [pid, { role, cpu }] of last)
      byRole.set(role, (byRole.get(role) ?? 0) + cpu - (before.get(pid)?.cpu ?? 0));
    return byRole;
  };
}
