import type { OptionSpecs } from './options.ts';

// Browser-safe (type imports only): src/cli/problemFlags.ts, which the experiments reuse in
// the browser, builds its option specs with this.

/** Option specs for flags that map onto config fields. */
export function configOptionSpecs(descriptions: Record<string, [string, string?]>): OptionSpecs {
  return Object.fromEntries(
    Object.entries(descriptions).map(([flag, [description, hint]]) => [
      flag,
      hint === 'boolean'
        ? { type: 'boolean' as const, description }
        : { type: 'string' as const, description, ...(hint ? { valueHint: hint } : {}) },
    ]),
  );
}
