// Child process for secrets-crash.test.ts: rewrites every secret, round after round, until killed.
import { openHeadlessSecretStore } from '../main/secrets/headless-secret-store';

export const NAMES = Array.from({ length: 6 }, (_, i) => `secret-${i}`);

/**
 * A value whose every byte is checkable: a torn or mixed write cannot look like one. The first
 * secret is large (several write calls per file), so a non-atomic write would be caught torn.
 */
export function valueFor(round: number, name: string): string {
  const size = name === NAMES[0] ? 3_000_000 : 200;
  return `CANARY-${round}-${name}-${'x'.repeat(size + (round % 50))}-END`;
}

export function roundOf(value: string, name: string): number | undefined {
  const m = /^CANARY-(\d+)-/.exec(value);
  if (!m) return undefined;
  const round = Number(m[1]);
  return value === valueFor(round, name) ? round : undefined;
}

async function main(dir: string, start: number): Promise<void> {
  const store = await openHeadlessSecretStore(dir);
  for (let round = start; ; round++) {
    for (const name of NAMES) await store.set(name, valueFor(round, name));
    process.stdout.write(`${round}\n`);
  }
}

if (process.argv[2]) void main(process.argv[2], Number(process.argv[3] ?? 0));
