/**
 * The one place zod is configured. Every schema module imports `z` from here, so
 * `jitless` is set before any schema is built: zod would otherwise probe
 * `new Function`, which a strict Content-Security-Policy reports as a violation.
 * Never re-export `z` from the package: hosts must not depend on our zod.
 */
import * as z from 'zod/mini';
import { describeIssue } from './messages.js';

z.config({ jitless: true, localeError: describeIssue });

export { z };
