// CPU time per process of the local worker (wrangler dev: its Node process and two workerd
// processes), read from /proc, so the table can say where a request's time goes locally.
// Linux only; elsewhere it reports nothing rather than guessing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

interface Proc {
  pid: number;
  ppid: number;
  label: string;
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux

function readProc(pid: number): { ppid: number; cpuMs: number; cmdline: string } | undefined {
  try {
    // The command name in /proc/<pid>/stat may contain spaces: split after its closing parenthesis.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS, cmdline };
  } catch {
    return undefined; // gone meanwhile
  }
}

function describe(cmdline: string, workerPort: string): string {
  if (cmdline.includes('workerd')) {
    return cmdline.includes(`entry=127.0.0.1:${workerPort}`) ? "workerd: wrangler's proxy in front" : "workerd: the worker's own";
  }
  if (cmdline.includes('wrangler-dist/cli.js')) return "wrangler dev's Node process";
  if (cmdline.includes('.bin/wrangler')) return 'wrangler launcher';
  if (cmdline.includes('esbuild')) return "esbuild (wrangler's bundler)";
  return cmdline.slice(0, 40);
}

/** Processes started for the worker on this port: the wrangler launcher and all its descendants. */
export function workerProcesses(workerUrl: string): Proc[] {
  if (!existsSync('/proc/self/stat')) return [];
  const port = new URL(workerUrl).port;
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => ({ pid: Number(name), info: readProc(Number(name)) }))
    .filter((p): p is { pid: number; info: NonNullable<ReturnType<typeof readProc>> } => p.info !== undefined);
  const root = all.find((p) => /wrangler\s+dev\b/.test(p.info.cmdline) && p.info.cmdline.includes(`--port ${port} `));
  if (!root) return [];
  const mine = new Set([root.pid]);
  // Descendants: repeat until no new child is found (the tree is three levels deep).
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) if (!mine.has(p.pid) && mine.has(p.info.ppid)) (mine.add(p.pid), (grew = true));
  }
  return all
    .filter((p) => mine.has(p.pid))
    .map((p) => ({ pid: p.pid, ppid: p.info.ppid, label: describe(p.info.cmdline, port) }));
}

export interface CpuShare {
  label: string;
  cpuMs: number;
}

/** Runs `work` and returns the CPU each given process (and this one, which hosts the simulator) spent meanwhile. */
export async function cpuDuring<T>(processes: Proc[], work: () => Promise<T>): Promise<{ result: T; shares: CpuShare[] }> {
  const before = processes.map((p) => readProc(p.pid)?.cpuMs ?? 0);
  const self = process.cpuUsage();
  const result = await work();
  const shares = processes.map((p, i) => ({ label: p.label, cpuMs: (readProc(p.pid)?.cpuMs ?? 0) - before[i]! }));
  const own = process.cpuUsage(self);
  shares.push({ label: 'bench process (Popin simulator)', cpuMs: (own.user + own.system) / 1000 });
  return { result, shares };
}
