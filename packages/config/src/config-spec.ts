import type { z } from 'zod';

/** One environment variable: its name and the schema that validates it and converts its text. */
export interface Variable<S extends z.ZodType = z.ZodType> {
  readonly kind: 'variable';
  readonly env: string;
  readonly schema: S;
}

/** Reads a validated variable's converted value. */
export type Read = <S extends z.ZodType>(variable: Variable<S>) => z.output<S>;

/**
 * A setting computed from several variables (a default that depends on another, an optional
 * group that must be complete), with the problems their combination can have.
 */
export interface Derived<T> {
  readonly kind: 'derived';
  readonly inputs: readonly Variable[];
  readonly build: (read: Read) => T;
  readonly check: (read: Read) => string[];
}

/** A tree of settings whose leaves are variables or settings derived from them. */
export interface Spec {
  readonly [key: string]: Variable | Derived<unknown> | Spec;
}

/** The value a spec describes: each variable replaced by its converted value. */
export type ValueOf<N> =
  N extends Variable<infer S>
    ? z.output<S>
    : N extends Derived<infer T>
      ? T
      : { [K in keyof N]: ValueOf<N[K]> };

export const variable = <S extends z.ZodType>(env: string, schema: S): Variable<S> => ({
  kind: 'variable',
  env,
  schema,
});

export const derived = <T>(
  inputs: readonly Variable[],
  build: (read: Read) => T,
  check: (read: Read) => string[] = () => [],
): Derived<T> => ({ kind: 'derived', inputs, build, check });

const isVariable = (node: Spec[string]): node is Variable => node.kind === 'variable';
const isDerived = (node: Spec[string]): node is Derived<unknown> => node.kind === 'derived';

/** Every variable of the tree, in declaration order, each once (derived settings share inputs). */
export function variablesOf(spec: Spec): Variable[] {
  const found = new Map<string, Variable>();
  const visit = (node: Spec): void => {
    for (const child of Object.values(node)) {
      if (isVariable(child)) found.set(child.env, child);
      else if (isDerived(child)) for (const input of child.inputs) found.set(input.env, input);
      else visit(child);
    }
  };
  visit(spec);
  return [...found.values()];
}

/** The cross-variable problems of the tree's derived settings. */
export function problemsOf(spec: Spec, read: Read): string[] {
  return Object.values(spec).flatMap((child) =>
    isVariable(child) ? [] : isDerived(child) ? child.check(read) : problemsOf(child, read),
  );
}

/** The tree's value, built from validated variables. */
export function valueOf(spec: Spec, read: Read): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(spec).map(([key, child]) => [
      key,
      isVariable(child) ? read(child) : isDerived(child) ? child.build(read) : valueOf(child, read),
    ]),
  );
}
