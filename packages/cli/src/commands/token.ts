import { DEFAULT_SCOPES, defaultStateDir, loadDevIssuer, localIssuer } from "@orderflow/local-cloud";
import { CliError, type Command } from "./command";
import { parsePort } from "./dev";
import { parseOptions } from "./parse-options";

const USAGE = "orderflow token --sub <customer id> [--scope <scope> …] [--expires-in <seconds>] [--port <n>]";

/**
 * `orderflow token`: an access token from the local cloud's development issuer for the orders API, e.g.
 * `curl -H "authorization: Bearer $(pnpm orderflow token --sub cus_ana)" http://127.0.0.1:4600/orders`.
 * The issuer names the port the local cloud listens on, so `--port` must match `orderflow dev --port`.
 */
export const tokenCommand: Command = {
  name: "token",
  summary: "print an access token of the local development issuer for the orders API",
  usage: USAGE,
  async run(args, { io }) {
    const values = parseOptions(
      args,
      {
        sub: { type: "string" },
        scope: { type: "string", multiple: true },
        "expires-in": { type: "string" },
        port: { type: "string" },
      },
      USAGE,
    );
    if (!values.sub) throw new CliError(`--sub <customer id> is required; usage: ${USAGE}`);
    const expiresIn = values["expires-in"] === undefined ? 3600 : Number(values["expires-in"]);
    if (!Number.isInteger(expiresIn))
      throw new CliError(`--expires-in must be a whole number of seconds; usage: ${USAGE}`);
    const scopes = values.scope?.flatMap((s) => s.split(/\s+/)).filter((s) => s !== "") ?? [
      ...DEFAULT_SCOPES,
    ];
    const port = parsePort(values.port, USAGE);
    const issuer = await loadDevIssuer(defaultStateDir(), localIssuer(`http://127.0.0.1:${port}`));
    io.stdout.write(`${await issuer.sign({ sub: values.sub, scopes, expiresInSeconds: expiresIn })}\n`);
    return 0;
  },
};
