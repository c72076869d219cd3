import { readFileSync } from "node:fs";

/** CPU time spent since the meter started, by this process and by the database's JVM. */
export interface CpuSpent {
  readonly nodeMs: number;
  /** Undefined where the JVM's CPU time cannot be read (no /proc). */
  readonly jvmMs: number | undefined;
}

// Linux reports a process's CPU time in clock ticks of 1/100 s (USER_HZ) on every architecture Node runs on.
const MS_PER_TICK = 10;

/** utime + stime of a process from /proc/<pid>/stat (fields 14 and 15, counted after the command name). */
function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return undefined;
  }
}

/**
 * Starts measuring the CPU both sides of the benchmark spend: on this machine Node and DynamoDB Local's
 * JVM share the cores, so what one order costs in CPU bounds how many orders per second any concurrency
 * can reach.
 */
export function startCpuMeter(jvmPid: number | undefined): () => CpuSpent {
  const node = process.cpuUsage();
  const jvm = jvmPid === undefined ? undefined : processCpuMs(jvmPid);
  return () => {
    const spent = process.cpuUsage(node);
    const jvmNow = jvmPid === undefined ? undefined : processCpuMs(jvmPid);
    return {
      nodeMs: (spent.user + spent.system) / 1000,
      jvmMs: jvm === undefined || jvmNow === undefined ? undefined : jvmNow - jvm,
    };
  };
}
