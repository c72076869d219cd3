/** One SDK call a handler made, as sdk-recorder.mjs notes it. */
export interface RecordedCall {
  readonly client: { readonly module: string | null; readonly name: string };
  /** For a client built with `from(client, options)` (lib-dynamodb's document client): what it wraps. */
  readonly wraps?: {
    readonly client: { readonly module: string | null; readonly name: string };
    readonly options: unknown;
  };
  readonly command: { readonly module: string | null; readonly name: string };
  readonly input: unknown;
}

/** A call kind: which client class sends which command class. */
export interface CallKind {
  readonly client: string;
  readonly command: string;
}

const kindKey = (c: RecordedCall) =>
  `${c.wraps ? `${c.wraps.client.name}>` : ""}${c.client.name}.${c.command.name}`;

/** The first call of each kind, in the order the handler made them. */
export function firstCallOfEachKind(calls: readonly RecordedCall[]): RecordedCall[] {
  const seen = new Set<string>();
  return calls.filter((c) => {
    const key = kindKey(c);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The call kinds for the results: `DynamoDBDocumentClient>TransactWriteCommand` style names. */
export function callKinds(calls: readonly RecordedCall[]): CallKind[] {
  return firstCallOfEachKind(calls).map((c) => ({
    client: c.wraps ? `${c.client.name}(${c.wraps.client.name})` : c.client.name,
    command: c.command.name,
  }));
}

/**
 * An ES module, run with `--input-type=module -e` in the package's folder, that imports the `@aws-sdk/*`
 * modules the bundle imports, creates the clients the handler created and makes one call of each kind the
 * handler made, with the input it sent, against the same endpoints: the SDK part of a cold start no handler
 * can avoid, first-call setup (credentials, endpoint resolution, lazy modules, a connection) included.
 * A service error still paid for the round trip, so the floor counts it like an answer and carries on.
 */
export function floorModule(modules: readonly string[], calls: readonly RecordedCall[]): string {
  const replayed = firstCallOfEachKind(calls);
  for (const c of replayed) {
    for (const part of [c.client, c.command, c.wraps?.client]) {
      if (part && (part.module === null || !modules.includes(part.module))) {
        throw new Error(
          `the call ${kindKey(c)} uses ${part.name}, which no imported @aws-sdk module exports`,
        );
      }
    }
  }
  const imports = modules.map((m, i) => `import * as m${i} from ${JSON.stringify(m)};`).join("");
  const table = `const M={${modules.map((m, i) => `${JSON.stringify(m)}:m${i}`).join(",")}};`;
  const body = `const cls=(p)=>M[p.module][p.name];const clients=new Map();
for(const c of ${JSON.stringify(replayed)}){
  const key=JSON.stringify([c.client,c.wraps??null]);
  let client=clients.get(key);
  if(!client){
    client=c.wraps?cls(c.client).from(new (cls(c.wraps.client))({}),c.wraps.options??undefined):new (cls(c.client))({});
    clients.set(key,client);
  }
  try{await client.send(new (cls(c.command))(c.input));}catch(e){if(!e?.$metadata)throw e;}
}
process.exit(0);`;
  return imports + table + body;
}
