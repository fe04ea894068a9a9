import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config).toMatchObject({ appId: 'dev.roletray.app', productName: 'RoleTray', asar: true });
  });

  it('turns off run-as-node and NODE_OPTIONS and turns on asar integrity', async () => {
    const config = await getConfig(ROOT, 'electron-builder.yml', null);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.mac?.extendInfo).toMatchObject({ LSUIElement: true });
  });

  it('packages files that the build produces: main, preload, renderer and the icons', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string };
    for (const file of [pkg.main, 'dist/preload.cjs', 'dist/renderer/index.html', 'assets/icon.png', 'assets/tray/idle.png', 'assets/tray/idleTemplate@2x.png']) {
      expect(existsSync(join(ROOT, file)), file).toBe(true);
    }
  });
});
