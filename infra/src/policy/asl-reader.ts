/** A Lambda Task state of a rendered definition, as far as infra checks care. */
export interface LambdaTaskState {
  readonly state: string;
  /** `Parameters.FunctionName`: the (qualified) function ARN the state invokes. */
  readonly functionArn: string;
  readonly timeoutSeconds: number | undefined;
}

const LAMBDA_INVOKE = /^arn:aws[\w-]*:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** Every Lambda Task in the definition, including those inside Parallel branches and Map processors. */
export function lambdaTaskStates(definition: unknown): LambdaTaskState[] {
  const found: LambdaTaskState[] = [];
  const visit = (machine: unknown) => {
    const states = (machine as { States?: Record<string, Record<string, unknown>> } | null)?.States ?? {};
    for (const [state, body] of Object.entries(states)) {
      if (body.Type === "Task" && typeof body.Resource === "string" && LAMBDA_INVOKE.test(body.Resource)) {
        const parameters = (body.Parameters ?? {}) as Record<string, unknown>;
        found.push({
          state,
          functionArn: String(parameters.FunctionName ?? ""),
          timeoutSeconds: typeof body.TimeoutSeconds === "number" ? body.TimeoutSeconds : undefined,
        });
      }
      for (const branch of (body.Branches as unknown[] | undefined) ?? []) visit(branch);
      if (body.ItemProcessor) visit(body.ItemProcessor);
      if (body.Iterator) visit(body.Iterator);
    }
  };
  visit(definition);
  return found;
}

/** `arn:aws:lambda:r:a:function:name:3` → `arn:aws:lambda:r:a:function:name`. */
export function unqualified(functionArn: string): string {
  const parts = functionArn.split(":");
  return parts.length > 7 ? parts.slice(0, 7).join(":") : functionArn;
}
