/**
 * The one place zod is configured. Every schema module imports `z` from here
 * (`import * as z from '../internal/z.js'`), so `jitless` is set before any schema
 * is built: zod would otherwise probe `new Function`, which a strict
 * Content-Security-Policy reports. Re-exporting the bindings (not the namespace
 * object) keeps zod tree-shakeable. Never re-export zod from the package itself.
 */
import { config } from 'zod/mini';
import { describeIssue } from './messages.js';

config({ jitless: true, localeError: describeIssue });

export * from 'zod/mini';
