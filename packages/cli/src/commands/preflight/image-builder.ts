import { firstErrorLine, type ProgramResult, type RunProgram } from "../run-program";
import { type CheckResult, fail, pass } from "./check-result";

const CHECK = "image-builder";
const START_DOCKER =
  "start a Docker engine with BuildKit (Docker Desktop, or dockerd with the buildx plugin; Docker 23+ has both)";

/** A container task's image is built by `pulumi up`: the Docker daemon and BuildKit must answer. */
export async function checkImageBuilder(
  containerTasks: readonly string[],
  run: RunProgram,
  cwd: string,
): Promise<CheckResult> {
  if (containerTasks.length === 0) return pass(CHECK, "no container tasks: no image to build");
  const needed = `to build the image of ${containerTasks.join(", ")}`;
  let daemon: ProgramResult;
  let buildx: ProgramResult;
  try {
    daemon = await run("docker", ["info", "--format", "{{.ServerVersion}}"], { cwd });
    buildx = await run("docker", ["buildx", "version"], { cwd });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return fail(CHECK, "docker is not installed", `install Docker ${needed}; ${START_DOCKER}`);
  }
  if (daemon.exitCode !== 0)
    return fail(CHECK, `the Docker daemon does not answer: ${firstErrorLine(daemon)}`, START_DOCKER);
  if (buildx.exitCode !== 0) return fail(CHECK, `no BuildKit: ${firstErrorLine(buildx)}`, START_DOCKER);
  const version = buildx.stdout.trim().split("\n")[0] ?? "";
  return pass(CHECK, `Docker ${daemon.stdout.trim()}, ${version}`);
}
