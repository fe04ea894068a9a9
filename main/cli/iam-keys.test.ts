import { describe, expect, it } from 'vitest';
import { ctrlC, recordingIo, scriptedTerminal } from './cli-test-io';
import { keyInArguments, parsePipedKey, readAccessKey } from './iam-keys';

const ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PIPE = 'aws iam create-access-key --user-name NAME | roletray iam add NAME';
const SHAPES = 'two lines (the access key id, then the secret access key) or the JSON of `aws iam create-access-key`';

describe('keyInArguments', () => {
  it.each(['--secret-access-key', '--secret-access-key=abc', '--aws-secret-access-key', '--access-key-id', '--secret', '-secret', '--SESSION-TOKEN', '--key-id=AKIA'])('refuses %s, saying to pipe the key', (flag) => {
    expect(keyInArguments(['alice', flag, 'x'])).toBe(
      `${flag.split('=')[0]} is not taken: keys are never read from arguments (every process listing and your shell history show them); pipe them in (${PIPE}), or run roletray iam add NAME on a terminal to be asked`,
    );
  });

  it('lets the flags of iam add through', () => {
    expect(keyInArguments(['alice', '--mfa-serial', 'arn:aws:iam::111111111111:mfa/alice', '--region', 'eu-west-1', '--json'])).toBeUndefined();
  });
});

describe('parsePipedKey', () => {
  it('reads two lines, with CRLF, blank lines and spaces around them forgiven', () => {
    expect(parsePipedKey(`${ID}\n${SECRET}\n`)).toEqual({ accessKeyId: ID, secretAccessKey: SECRET });
    expect(parsePipedKey(`  ${ID}\r\n\r\n${SECRET}  \r\n\n`)).toEqual({ accessKeyId: ID, secretAccessKey: SECRET });
  });

  it('reads the JSON of aws iam create-access-key', () => {
    const json = JSON.stringify({ AccessKey: { UserName: 'alice', AccessKeyId: ID, Status: 'Active', SecretAccessKey: SECRET, CreateDate: '2026-12-01T12:00:00+00:00' } }, null, 4);
    expect(parsePipedKey(json)).toEqual({ accessKeyId: ID, secretAccessKey: SECRET });
  });

  it.each([
    ['', `no access key on standard input: pipe ${SHAPES} (${PIPE})`],
    [' \n\n', `no access key on standard input: pipe ${SHAPES} (${PIPE})`],
    [`${ID} ${SECRET}`, `standard input holds 1 line; pipe ${SHAPES}`],
    [`${ID}\n${SECRET}\nextra`, `standard input holds 3 lines; pipe ${SHAPES}`],
    [`${ID}\n${SECRET} extra`, 'an access key id or secret access key holds no spaces: pipe the id on the first line and the secret on the second, nothing else'],
    ['{"AccessKey": {', 'standard input starts like JSON but is not valid JSON'],
    [JSON.stringify({ AccessKeyId: ID, SecretAccessKey: SECRET }), 'the JSON on standard input has no AccessKey.AccessKeyId and AccessKey.SecretAccessKey (the shape `aws iam create-access-key` prints)'],
    [JSON.stringify({ AccessKey: { AccessKeyId: ID } }), 'the JSON on standard input has no AccessKey.AccessKeyId and AccessKey.SecretAccessKey (the shape `aws iam create-access-key` prints)'],
    [JSON.stringify({ AccessKey: { AccessKeyId: ID, SecretAccessKey: '' } }), 'the JSON on standard input has no AccessKey.AccessKeyId and AccessKey.SecretAccessKey (the shape `aws iam create-access-key` prints)'],
  ])('refuses %j', (text, message) => {
    expect(() => parsePipedKey(text)).toThrow(message);
  });
});

describe('readAccessKey', () => {
  it('on a terminal asks for the id, then the secret without echo', async () => {
    const terminal = scriptedTerminal([ID, SECRET]);
    expect(await readAccessKey(recordingIo({}, 'not read', terminal))).toEqual({ accessKeyId: ID, secretAccessKey: SECRET });
    expect(terminal.asked.map((a) => [a.question, a.hidden])).toEqual([
      ['Access key ID: ', false],
      ['Secret access key: ', true],
    ]);
  });

  it('piped, reads standard input', async () => {
    expect(await readAccessKey(recordingIo({}, `${ID}\n${SECRET}\n`))).toEqual({ accessKeyId: ID, secretAccessKey: SECRET });
  });

  it.each([
    [[''], 'no access key id was entered', 1],
    [[ID, ''], 'no secret access key was entered', 1],
    [[ID, ctrlC], 'cancelled: no IAM user was added', 130],
    [[ID], 'cancelled: no IAM user was added', 130],
  ] as const)('refuses %j on a terminal', async (replies, message, exitCode) => {
    await expect(readAccessKey(recordingIo({}, '', scriptedTerminal([...replies])))).rejects.toMatchObject({ message, exitCode });
  });
});
