import type { ServerView } from '../../preload/api';
import { configDirFor } from '../config-dir';
import { envLines, type TokenHint } from '../server/env-lines';

/**
 * The command that prints the token of the RoleTray owning `configDir`: `roletray auth --show`,
 * naming the directory when it is not the one a bare `roletray` finds.
 */
export function authShowCommand(configDir: string, env: NodeJS.ProcessEnv): string[] {
  const { ROLETRAY_CONFIG_DIR: _ignored, ...plain } = env;
  return ['roletray', 'auth', '--show', ...(configDirFor(undefined, plain) === configDir ? [] : ['--config-dir', configDir])];
}

/** How the printed lines get the owner's token: its file when it keeps one, else the command that prints it; never a placeholder. */
export function pasteableToken(server: Pick<ServerView, 'auth' | 'tokenFile'>, configDir: string, env: NodeJS.ProcessEnv): TokenHint | undefined {
  if (!server.auth) return undefined;
  return server.tokenFile ? { file: server.tokenFile } : { command: authShowCommand(configDir, env) };
}

/** The shell lines that give a client the token, as `roletray auth` prints them. */
export function tokenExportLines(tokenFile: string | null, configDir: string, env: NodeJS.ProcessEnv): string[] {
  const token = pasteableToken({ auth: true, tokenFile }, configDir, env);
  return envLines('sh', { url: '', token }).filter((line) => line.includes('AWS_CONTAINER_AUTHORIZATION_TOKEN'));
}
