import { invalidMember } from "./errors";

/** A request's JSON body. */
export type Request = Readonly<Record<string, unknown>>;

/** One operation: its request in, its response body out (or an `SfnError`). */
export type Operation = (request: Request) => Promise<unknown> | unknown;

/** Timestamps in the AWS JSON protocol: epoch seconds. */
export const seconds = (date: Date) => date.getTime() / 1000;

export function required(request: Request, member: string): string {
  const value = request[member];
  if (typeof value !== "string" || value === "") throw invalidMember(member);
  return value;
}

export function optionalString(request: Request, member: string): string | undefined {
  const value = request[member];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidMember(member, "Member must be a string");
  return value;
}
