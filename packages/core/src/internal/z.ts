/**
 * The one place zod is configured. Every schema module imports `z` from here
 * (`import * as z from '../internal/z.js'`), so `jitless` is set before any schema
 * is built: zod would otherwise probe `new Function`, which a strict
 * Content-Security-Policy reports.
 *
 * The builders are this module's own bindings, not `export * from 'zod/mini'`: @odkit/core
 * is `"sideEffects": false`, and a bundler may resolve a pure re-export straight to zod and
 * drop this module, `config()` call and all. A schema using `z.strictObject` uses a binding
 * declared here, so this module (and its `config()`) is always bundled with the schemas.
 * Binding names one by one (not the namespace object) keeps zod tree-shakeable; never
 * re-export zod from the package itself. Add a builder here before using it in a schema.
 */
import * as zod from 'zod/mini';

// Only jitless is global (it is what a strict CSP needs, and it changes no result); the
// kit's readable messages are passed with each parse (internal/fast-parse.ts).
zod.config({ jitless: true });

export const array = zod.array;
export const boolean = zod.boolean;
export const discriminatedUnion = zod.discriminatedUnion;
const _enum = zod.enum;
export { _enum as enum };
export const gte = zod.gte;
export const int = zod.int;
export const literal = zod.literal;
export const lte = zod.lte;
export const maxLength = zod.maxLength;
export const minLength = zod.minLength;
const _null = zod.null;
export { _null as null };
export const number = zod.number;
export const optional = zod.optional;
export const record = zod.record;
export const refine = zod.refine;
export const regex = zod.regex;
export const strictObject = zod.strictObject;
export const string = zod.string;
export const superRefine = zod.superRefine;
export const trim = zod.trim;
export const union = zod.union;
export type { infer, ZodMiniType } from 'zod/mini';
