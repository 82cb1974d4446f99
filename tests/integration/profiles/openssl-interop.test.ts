import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keygenCommand, signCommand, verifyCommand } from '../../../main/services/profiles/cli-ops';
import { SAMPLE_PROFILE_TEXT } from '../../unit/profiles/fixtures';

function openssl(args: string[], input?: Buffer): Buffer {
  try {
    return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error('This test needs the openssl command (Debian: apt-get install openssl).');
    throw new Error(`openssl ${args.join(' ')} failed: ${err.stderr?.toString() ?? err.message}`);
  }
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'classe-openssl-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('signatures interoperate with OpenSSL (IT may sign without the app)', () => {
  it('a signature made by openssl pkeyutl, base64-encoded, verifies with classe', async () => {
    const keys = (await keygenCommand({ out: join(dir, 'mairie'), lang: 'fr' })).json;
    const file = join(dir, 'profile.json');
    writeFileSync(file, SAMPLE_PROFILE_TEXT);
    const raw = openssl(['pkeyutl', '-sign', '-rawin', '-inkey', keys.privateKey, '-in', file]);
    expect(raw.length).toBe(64);
    writeFileSync(`${file}.sig`, raw.toString('base64') + '\n');
    const r = await verifyCommand({ file, keys: [keys.publicKey], keysDir: dir, lang: 'fr' });
    expect(r.json).toMatchObject({ ok: true, state: 'valid', keyId: keys.keyId });
  });

  it('a signature made by classe verifies with openssl pkeyutl', async () => {
    const keys = (await keygenCommand({ out: join(dir, 'mairie'), lang: 'fr' })).json;
    const file = join(dir, 'profile.json');
    writeFileSync(file, SAMPLE_PROFILE_TEXT);
    await signCommand({ file, key: keys.privateKey, lang: 'fr' });
    const sig = Buffer.from(readFileSync(`${file}.sig`, 'utf8').split('\n')[0] as string, 'base64');
    writeFileSync(join(dir, 'sig.bin'), sig);
    const out = openssl(['pkeyutl', '-verify', '-rawin', '-pubin', '-inkey', keys.publicKey, '-in', file, '-sigfile', join(dir, 'sig.bin')]).toString();
    expect(out).toContain('Signature Verified Successfully');
  });
});
