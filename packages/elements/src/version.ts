/**
 * This package's version; `define()` compares it with an already registered element's. Kept equal to package.json by a
 * test.
 */
export const VERSION = '0.1.0';
