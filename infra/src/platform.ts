/**
 * Node.js runtime every function runs on: the latest Lambda offers, so functions get runtime security fixes
 * longest (what cdk-nag's AwsSolutions-L1 checks).
 */
export const LAMBDA_RUNTIME = "nodejs24.x";

/** Graviton: cheaper per GB-second than x86 for the same bundles. */
export const LAMBDA_ARCHITECTURE = "arm64";

/**
 * Container tasks run on Graviton too, like the functions: the image is built for `linux/arm64` and the task
 * definition asks Fargate for ARM64. The two must match or the task fails with `exec format error`.
 */
export const CONTAINER_IMAGE_PLATFORM = "linux/arm64";
export const CONTAINER_CPU_ARCHITECTURE = "ARM64";

/** Memory (MiB) from `min` to `max` in steps of `step`. */
function memorySteps(min: number, max: number, step: number): number[] {
  return Array.from({ length: (max - min) / step + 1 }, (_, i) => min + i * step);
}

/** Fargate's CPU units and the memory sizes (MiB) each allows (Linux tasks). */
const FARGATE_MEMORY_BY_CPU: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: memorySteps(1024, 4096, 1024),
  1024: memorySteps(2048, 8192, 1024),
  2048: memorySteps(4096, 16384, 1024),
  4096: memorySteps(8192, 30720, 1024),
  8192: memorySteps(16384, 61440, 4096),
  16384: memorySteps(32768, 122880, 8192),
};

/**
 * Why Fargate would refuse a task size, or undefined when it accepts it. Checked before deploying, because
 * Fargate only says so when the task definition is registered.
 */
export function fargateSizeProblem(cpu: number, memoryMb: number): string | undefined {
  const allowed = FARGATE_MEMORY_BY_CPU[cpu];
  if (allowed === undefined) {
    return `cpu ${cpu} is not a Fargate size; use one of ${Object.keys(FARGATE_MEMORY_BY_CPU).join(", ")}`;
  }
  if (!allowed.includes(memoryMb)) {
    const shown =
      allowed.length > 4
        ? `${allowed[0]} to ${allowed.at(-1)} MiB in steps of ${
            (allowed[1] as number) - (allowed[0] as number)
          }`
        : `${allowed.join(", ")} MiB`;
    return `memory ${memoryMb} MiB does not fit cpu ${cpu}; Fargate allows ${shown}`;
  }
  return undefined;
}

/**
 * The uid:gid the container runs as, set in the task definition as well as the image: a non-root user even
 * if an image forgets its `USER` line. The root filesystem is read-only, so it needs no home directory.
 */
export const CONTAINER_USER = "1000:1000";
