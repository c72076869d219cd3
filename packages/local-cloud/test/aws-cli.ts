import { execFile, spawnSync } from "node:child_process";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Where an AWS CLI v2 may be: ORDERFLOW_AWS_CLI, every `aws` on PATH (v1 often comes first), the Debian path. */
function candidates(): string[] {
  const onPath = (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "aws"));
  return [process.env.ORDERFLOW_AWS_CLI, ...onPath, "/usr/bin/aws", "/usr/local/bin/aws"].filter(
    (path): path is string => path !== undefined && path !== "",
  );
}

/** The first AWS CLI v2 found; the test fails with what to install when there is none. */
export function awsCliV2(): string {
  for (const path of candidates()) {
    const probe = spawnSync(path, ["--version"], { encoding: "utf8" });
    if (probe.status === 0 && /^aws-cli\/2\./.test(`${probe.stdout}${probe.stderr}`)) return path;
  }
  throw new Error(
    "no AWS CLI v2 found (`aws --version` must say aws-cli/2): apt-get install awscli (Debian 12), or set ORDERFLOW_AWS_CLI",
  );
}

/**
 * Runs the AWS CLI against `endpoint` with made-up credentials and none of the user's configuration, and
 * parses its JSON answer.
 */
export async function aws(
  cli: string,
  endpoint: string,
  args: readonly string[],
): Promise<Record<string, unknown>> {
  const { stdout } = await run(cli, [...args, "--endpoint-url", endpoint, "--output", "json"], {
    env: {
      PATH: process.env.PATH ?? "",
      AWS_ACCESS_KEY_ID: "AKIDLOCALCLI",
      AWS_SECRET_ACCESS_KEY: "any",
      AWS_DEFAULT_REGION: "eu-central-1",
      AWS_CONFIG_FILE: "/nonexistent/aws-config",
      AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
      AWS_PAGER: "",
    },
  });
  return stdout.trim() === "" ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}
