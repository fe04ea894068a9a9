import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Vitest global setup: the CLI tests run the real bundle, so build it from the current sources first. */
export default function setup(): void {
  execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
}
