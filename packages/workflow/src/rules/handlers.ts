import { type Catcher, type Retrier, STATES_ALL } from "../asl";

export const retriersOf = (state: { Retry?: Retrier[] }): Retrier[] =>
  Array.isArray(state.Retry) ? state.Retry : [];

export const catchersOf = (state: { Catch?: Catcher[] }): Catcher[] =>
  Array.isArray(state.Catch) ? state.Catch : [];

export const errorsOf = (handler: { ErrorEquals?: unknown }): string[] =>
  Array.isArray(handler.ErrorEquals) ? (handler.ErrorEquals as string[]) : [];

/** One retrier or catcher of a task, with where it stands in its list. */
export interface ErrorHandlerAt {
  readonly field: "Retry" | "Catch";
  readonly index: number;
  readonly errors: string[];
  readonly last: boolean;
}

/** Every retrier of `state`, then every catcher, each with its list, position and errors. */
export function errorHandlersOf(state: { Retry?: Retrier[]; Catch?: Catcher[] }): ErrorHandlerAt[] {
  return (
    [
      ["Retry", retriersOf(state)],
      ["Catch", catchersOf(state)],
    ] as const
  ).flatMap(([field, handlers]) =>
    handlers.map((handler, index) => ({
      field,
      index,
      errors: errorsOf(handler),
      last: index === handlers.length - 1,
    })),
  );
}

export const catchesAll = (catchers: readonly Catcher[]): boolean =>
  catchers.at(-1) !== undefined && errorsOf(catchers.at(-1) as Catcher).includes(STATES_ALL);
