import type { Plugin } from 'esbuild';

export const noIconv: Plugin;
export const mimeSubset: Plugin;
export const builtinsByRequire: Plugin;
