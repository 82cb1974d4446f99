/**
 * electron-builder.yml is validated with electron-builder's own schema (building installers needs the
 * internet, so the configuration is what we can test here) and checked for what IT relies on.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const require = createRequire(join(ROOT, 'package.json'));
const yaml = require('js-yaml') as { load(s: string): Record<string, unknown> };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('electron-builder.yml', () => {
  it('is valid for electron-builder', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAnOption: 1 }, new DebugLogger(false))).rejects.toThrow();
  }, 60_000);

  it('names the product and app id', () => {
    expect(config.productName).toBe('Classe numérique');
    expect(config.appId).toBe('fr.herault.tne.classe-numerique');
  });

  it('hardens the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('builds NSIS (with a per-machine choice, not one-click), MSI, deb, AppImage and dmg', () => {
    const targets = (t: { target: string }[] | string[]) => t.map((x) => (typeof x === 'string' ? x : x.target));
    expect(targets(config.win.target)).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.msi).toMatchObject({ perMachine: true });
    expect(targets(config.linux.target)).toEqual(['deb', 'AppImage']);
    expect(targets(config.mac.target)).toEqual(['dmg']);
  });

  it('uses the generated icons', () => {
    expect(existsSync(join(ROOT, config.win.icon))).toBe(true);
    for (const size of [16, 32, 48, 64, 128, 256, 512]) expect(existsSync(join(ROOT, 'build', 'icons', `${size}x${size}.png`))).toBe(true);
    const png = readFileSync(join(ROOT, 'build', 'icon.png'));
    expect(png.readUInt32BE(16)).toBe(1024); // IHDR width
  });
});

describe('package.json scripts', () => {
  it('only run files that exist (npm start, npm run web, npm test, npm run bench…)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; bin: Record<string, string> };
    for (const [name, command] of Object.entries(pkg.scripts)) {
      for (const m of command.matchAll(/\bnode\s+(?:--[\w-]+(?:\s+\S+)?\s+)*([\w./-]+\.(?:m?js|ts))/g)) {
        expect(existsSync(join(ROOT, m[1]!)), `script "${name}" runs ${m[1]}`).toBe(true);
      }
    }
    for (const file of Object.values(pkg.bin)) expect(existsSync(join(ROOT, file))).toBe(true);
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['build', 'start', 'dev', 'web', 'test', 'bench', 'lint', 'typecheck']));
  });
});
