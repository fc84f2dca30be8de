import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Linux reports CPU times in clock ticks of USER_HZ, which is 100 on every architecture Node runs on. */
export const MS_PER_TICK = 10;

export interface ProcStat {
  pid: number;
  ppid: number;
  /** CPU time of the process itself (all its threads), user + system, in ms. */
  cpuMs: number;
  /** Ticks since boot at which it started: with the pid, it identifies a process across pid reuse. */
  startTime: number;
}

/** Parses /proc/<pid>/stat; the command name may contain spaces and parentheses, so fields count from its end. */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number(text.slice(0, text.indexOf(' ')));
  // After ") ": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17) ... starttime(22).
  const fields = text.slice(close + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  return { pid, ppid: at(4), cpuMs: (at(14) + at(15)) * MS_PER_TICK, startTime: at(22) };
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process is gone
  }
}

export function readProcStat(pid: number): ProcStat | undefined {
  const text = readOrUndefined(`/proc/${pid}/stat`);
  return text === undefined ? undefined : parseProcStat(text);
}

/** The process title as `ps` shows it (PostgreSQL rewrites it to say what each backend is). */
export function readCmdline(pid: number): string {
  return (readOrUndefined(`/proc/${pid}/cmdline`) ?? '').replace(/\0+$/, '').replace(/\0/g, ' ');
}

export function childPids(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  return tasks.flatMap((tid) =>
    (readOrUndefined(`/proc/${pid}/task/${tid}/children`) ?? '').split(' ').filter(Boolean).map(Number),
  );
}

/** A process and all its descendants. */
export function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childPids(all[i] as number));
  return all;
}

function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  const kb = new RegExp(`${field}:\\s+(\\d+)`).exec(readOrUndefined(`/proc/${pid}/status`) ?? '')?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

/** Resident set size in MB now, undefined once the process is gone. */
export const residentMb = (pid: number) => statusMb(pid, 'VmRSS');

/** The highest resident set size the process ever had (its high-water mark), in MB. */
export const peakResidentMb = (pid: number) => statusMb(pid, 'VmHWM');

/** Busy CPU time of the whole machine (every core; user, nice, system, irq, softirq, steal) in ms. */
export function machineBusyMs(): number {
  const line = (readOrUndefined('/proc/stat') ?? '').split('\n')[0] ?? '';
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * MS_PER_TICK;
}

// Local addresses of a loopback or wildcard listener, as /proc/net/tcp{,6} print them (little-endian hex).
const LOOPBACK_OR_ANY = /^(0100007F|00000000|0{32}|0{24}01000000|0{16}FFFF00000100007F|0{16}FFFF000000000000)$/;

/**
 * Socket inodes listening on `port` on loopback or every address, from /proc/net/tcp or tcp6 text. A
 * listener on another address (the horizontal bench's forwarder on a veth address) is not the service.
 */
export function parseListeningInodes(procNetTcp: string, port: number): string[] {
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  return procNetTcp
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => {
      const [address, localPort] = (cols[1] ?? '').split(':');
      return localPort === portHex && LOOPBACK_OR_ANY.test(address ?? '') && cols[3] === '0A';
    })
    .map((cols) => cols[9] ?? '')
    .filter(Boolean);
}

/** The pid of the process listening on a local TCP port (e.g. the postmaster, redis-server), if visible. */
export function listenerPid(port: number): number | undefined {
  const inodes = new Set(
    ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((file) => parseListeningInodes(readOrUndefined(file) ?? '', port)),
  );
  if (inodes.size === 0) return undefined;
  const holders: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    const holds = fds.some((fd) => {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        return match !== null && inodes.has(match[1] as string);
      } catch {
        return false; // closed meanwhile
      }
    });
    if (holds) holders.push(Number(entry));
  }
  // A child may have inherited the socket: the listener is the holder whose parent does not hold it.
  return holders.find((pid) => !holders.includes(readProcStat(pid)?.ppid ?? -1)) ?? holders[0];
}
