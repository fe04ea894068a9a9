// Keeps the README's "Headless use" section true: every command and flag it shows is one the built
// `roletray` takes, and the words it quotes are the ones a person sees. Its other claims each have
// their test: serve + CLI as one system, a second owner refused and changes applied at once in
// e2e/cli-owner.test.ts; the owner refreshing what `load -p` loaded in e2e/serve-sso.test.ts; the
// app as the owner and one kind of secrets per directory in e2e/app-and-cli.test.ts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isolatedAwsEnv } from '../test-support/aws-env';
import { roletray } from '../test-support/roletray-cli';

const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
const section = README.slice(README.indexOf('### Headless use'), README.indexOf('### Try it without AWS'));

/** The example lines: `roletray <command> ...`, each alternative of `a | b` on its own, comments dropped. */
function examples(): { command: string; flags: string[] }[] {
  const lines = section
    .split('\n')
    .filter((l) => l.startsWith('    roletray '))
    .map((l) => l.replace(/\s+#.*$/, '').trim());
  return lines.flatMap((line) => {
    const [, command, rest = ''] = /^roletray (\S+)(.*)$/.exec(line)!;
    const flags = [...rest.matchAll(/(?:^|[\s[|])(--?[a-zA-Z][\w-]*)/g)].map((m) => m[1]!);
    // `list | profile | unload [--slot NAME | --all]`: three commands, the flags the last one's.
    if (command === 'list') return [{ command: 'list', flags: [] }, { command: 'profile', flags: [] }, { command: 'unload', flags }];
    return [{ command: command!, flags }];
  });
}

describe("the README's headless section", () => {
  it('shows only commands and flags that roletray takes', async () => {
    const shown = examples();
    expect(shown.length).toBeGreaterThan(14);
    for (const { command, flags } of shown) {
      const help = await roletray([command, '--help']);
      expect(help.code, command).toBe(0);
      for (const flag of flags) expect(help.stdout, `roletray ${command} ${flag}`).toContain(flag);
    }
  });

  it('quotes the words a person sees when nothing runs, and the JSON a failure becomes', async () => {
    const env = { ...isolatedAwsEnv(), ROLETRAY_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'roletray-readme-')) };
    const text = await roletray(['list'], env);
    const quoted = /say "(RoleTray is not running: [^"]+)"/.exec(section.replace(/\s+/g, ' '))![1]!;
    expect(text.stderr).toContain(quoted);
    const json = await roletray(['exec', '--json', '--', 'true'], env);
    expect(json.code).toBe(1);
    expect(Object.keys(JSON.parse(json.stderr))).toEqual(['error']);
  });
});
