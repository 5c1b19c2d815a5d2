import type { OptionSpecs } from './options.ts';

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
