import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redirectHtml, writeRedirectPage } from './redirect-page';

const SIGNIN = 'https://signin.aws.amazon.com/federation?Action=login&Issuer=RoleTray&Destination=https%3A%2F%2Fconsole.aws.amazon.com%2F&SigninToken=a"b<c>\'d';

describe('redirectHtml', () => {
  it('refreshes to the URL at once, escaped for an attribute, and sends no referrer', () => {
    const html = redirectHtml(SIGNIN);
    const escaped = SIGNIN.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${escaped}">`);
    expect(html).toContain(`<a href="${escaped}">`);
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).not.toContain('SigninToken=a"');
  });
});

describe('writeRedirectPage', () => {
  it('writes it readable by this user only, in a directory of its own that remove() deletes', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'roletray-redirect-'));
    const page = await writeRedirectPage(SIGNIN, parent);
    expect(dirname(dirname(page.path))).toBe(parent);
    expect(readFileSync(page.path, 'utf8')).toBe(redirectHtml(SIGNIN));
    if (process.platform !== 'win32') {
      expect(statSync(page.path).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(page.path)).mode & 0o777).toBe(0o700);
    }
    await page.remove();
    expect(existsSync(dirname(page.path))).toBe(false);
  });
});
