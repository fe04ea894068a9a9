import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEGIN_MARKER, END_MARKER, planProfiles, profileNameProblem, profileNames, type ProfileEntry } from './aws-config-block';

const FILE = '/home/me/.aws/config';
const entry = (name: string, region?: string): ProfileEntry => ({
  name,
  settings: [['credential_process', `/opt/roletray credential-process --profile ${name}`], ...(region ? [['region', region] as const] : [])],
});
const plan = (text: string, wanted: ProfileEntry[], prune = false, taken?: Set<string>) => planProfiles(text, wanted, { prune, file: FILE, ...(taken ? { taken } : {}) });
/** The file with RoleTray's block taken out: what must not change. */
const outside = (text: string) => text.replace(/# BEGIN ROLETRAY[\s\S]*# END ROLETRAY\r?\n?/, '');

const HAND_WRITTEN = [
  '# my profiles; keep them',
  '[default]',
  'region = eu-west-1',
  '',
  '[sso-session work]',
  'sso_start_url = https://my.awsapps.com/start#/',
  'sso_region = eu-west-1',
  '',
  '[profile dev]   ; a comment after the header',
  'sso_session = work',
  '',
].join('\r\n');

describe('planProfiles', () => {
  it('appends the block to a file without one, keeping the rest byte for byte, CRLF and all', () => {
    const p = plan(HAND_WRITTEN, [entry('b:Admin', 'us-east-1'), entry('a:Admin')]);
    expect(p.changed).toBe(true);
    expect(p.added).toEqual(['b:Admin', 'a:Admin']);
    expect(p.text.startsWith(HAND_WRITTEN)).toBe(true);
    expect(outside(p.text)).toBe(HAND_WRITTEN);
    expect(p.text.slice(HAND_WRITTEN.length)).toBe(
      [
        BEGIN_MARKER,
        '# Written by `roletray setup profiles`; lines between these markers are replaced each time it runs.',
        '[profile a:Admin]',
        'credential_process = /opt/roletray credential-process --profile a:Admin',
        '',
        '[profile b:Admin]',
        'credential_process = /opt/roletray credential-process --profile b:Admin',
        'region = us-east-1',
        END_MARKER,
        '',
      ].join('\r\n'),
    );
  });

  it('ends a last line that had no line ending before adding the block', () => {
    const p = plan('[profile x]\nregion = eu-west-1', [entry('y')]);
    expect(p.text.startsWith('[profile x]\nregion = eu-west-1\n# BEGIN ROLETRAY\n')).toBe(true);
  });

  it('changes nothing when run again with the same roles', () => {
    const first = plan(HAND_WRITTEN, [entry('a:Admin'), entry('b:Admin')]);
    const second = plan(first.text, [entry('b:Admin'), entry('a:Admin')]);
    expect(second).toMatchObject({ changed: false, text: first.text, unchanged: ['b:Admin', 'a:Admin'], added: [], updated: [] });
  });

  it('replaces the block in place, wherever it is, with text after it kept', () => {
    const first = plan('[profile top]\nregion = x\n', [entry('a')]).text;
    const withTail = `${first}\n[profile bottom]\nregion = y\n`;
    const next = plan(withTail, [entry('a', 'eu-west-2'), entry('c')]);
    expect(next.updated).toEqual(['a']);
    expect(next.added).toEqual(['c']);
    expect(outside(next.text)).toBe(outside(withTail));
    expect(next.text.endsWith('# END ROLETRAY\n\n[profile bottom]\nregion = y\n')).toBe(true);
  });

  it('never writes a name a profile outside the block has, and reports it', () => {
    const p = plan(HAND_WRITTEN, [entry('dev'), entry('default'), entry('ok')]);
    expect(p.collisions).toEqual(['dev', 'default']);
    expect(p.added).toEqual(['ok']);
    expect(p.text).not.toContain('[profile dev]\r\ncredential_process');
    const credentialsTaken = plan('', [entry('keys')], false, new Set(['keys']));
    expect(credentialsTaken).toMatchObject({ collisions: ['keys'], changed: false, text: '' });
  });

  it('keeps profiles of roles that are gone, and drops only those with prune', () => {
    const first = plan(HAND_WRITTEN, [entry('a'), entry('gone')]).text;
    const kept = plan(first, [entry('a')]);
    expect(kept).toMatchObject({ changed: false, stale: ['gone'], removed: [] });
    const pruned = plan(first, [entry('a')], true);
    expect(pruned).toMatchObject({ changed: true, removed: ['gone'], stale: [] });
    expect(pruned.text).not.toContain('gone');
    expect(outside(pruned.text)).toBe(HAND_WRITTEN);
  });

  it('drops a block profile whose name is now used outside it: a section twice is a file botocore refuses', () => {
    const first = plan('', [entry('dev')]).text;
    const handAdded = `${first}[profile dev]\nregion = x\n`;
    const p = plan(handAdded, []);
    expect(p.removed).toEqual(['dev']);
    expect(p.text.match(/\[profile dev\]/g)).toHaveLength(1);
  });

  it('writes nothing into a file with no block when there is nothing to write', () => {
    expect(plan(HAND_WRITTEN, [])).toMatchObject({ changed: false, text: HAND_WRITTEN });
  });

  it.each([
    [`${BEGIN_MARKER}\n[profile a]\n`, 'has a "# BEGIN ROLETRAY" line without its pair'],
    [`[profile a]\n${END_MARKER}\n`, 'has a "# END ROLETRAY" line without its pair'],
    [`${END_MARKER}\n${BEGIN_MARKER}\n`, 'has a "# END ROLETRAY" line without its pair'],
    [`${BEGIN_MARKER}\n${END_MARKER}\n${BEGIN_MARKER}\n${END_MARKER}\n`, 'has more than one'],
  ])('refuses a file whose markers do not pair up (%j) rather than guess', (text, problem) => {
    expect(() => plan(text, [entry('a')])).toThrow(`${FILE} ${problem}`);
  });

  it('keeps any text around a block it rewrites, whatever that text is', () => {
    const line = fc.string({ unit: fc.constantFrom('a', ' ', '[', ']', '#', '=', '\r', 'p', 'x') }).filter((s) => !s.includes('ROLETRAY'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.array(line, { maxLength: 8 }), (head, tail) => {
        const text = `${head.join('\n')}\n${BEGIN_MARKER}\n${END_MARKER}\n${tail.join('\n')}`;
        const p = plan(text, [entry('zz-roletray')]);
        expect(p.text.slice(0, p.text.indexOf(BEGIN_MARKER))).toBe(`${head.join('\n')}\n`);
        expect(p.text.slice(p.text.indexOf(END_MARKER) + END_MARKER.length).replace(/^\r?\n/, '')).toBe(tail.join('\n'));
      }),
    );
  });
});

describe('profile names', () => {
  it('reads the names a config or credentials file declares', () => {
    expect([...profileNames(HAND_WRITTEN, 'config')]).toEqual(['default', 'dev']);
    expect([...profileNames('[default]\naws_access_key_id = x\n[work]\n', 'credentials')]).toEqual(['default', 'work']);
  });

  it.each([
    ['', 'may not be empty'],
    [' lead', 'may not be empty or start or end with a space'],
    ['a]b', 'may not contain "[", "]"'],
    ['default', 'does not write the default profile'],
  ])('refuses %j as a section name', (name, problem) => {
    expect(profileNameProblem(name)).toContain(problem);
  });
});
