import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;' };
const escapeHtml = (text: string) => text.replace(/[&"'<>]/g, (c) => HTML_ESCAPES[c]!);

/**
 * A page that sends the browser on to `url` at once (no script needed), keeping it out of the
 * referrer. A browser opened with this page's path never has the URL in its arguments.
 */
export function redirectHtml(url: string): string {
  const href = escapeHtml(url);
  return `<!doctype html>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${href}">
<title>Opening the AWS console</title>
<p><a href="${href}">Continue to the AWS console</a></p>
`;
}

export interface RedirectPage {
  /** The page's path, to hand to the browser. */
  path: string;
  remove(): Promise<void>;
}

/**
 * Writes the redirect page for a URL that must stay secret (a console sign-in URL works for
 * anyone who has it): mode 0600 in a new 0700 directory, so only this user can read it, in
 * contrast to a command's arguments, which every local user can.
 */
export async function writeRedirectPage(url: string, parent: string = tmpdir()): Promise<RedirectPage> {
  const dir = await mkdtemp(join(parent, 'roletray-console-'));
  const path = join(dir, 'console.html');
  await writeFile(path, redirectHtml(url), { mode: 0o600, flag: 'wx' });
  return { path, remove: () => rm(dir, { recursive: true, force: true }) };
}
