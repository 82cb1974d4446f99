import { describe, expect, it } from 'vitest';
import { profileOptionFromArgv, resolveManagedLocation } from '../../../main/services/profiles/managed-paths';

describe('managed profile location per OS', () => {
  it('Windows: %ProgramData%\\Classe numérique\\profile.json', () => {
    const loc = resolveManagedLocation({ platform: 'win32', env: { ProgramData: 'D:\\ProgramData' } });
    expect(loc.profile).toBe('D:\\ProgramData\\Classe numérique\\profile.json');
    expect(loc.signature).toBe('D:\\ProgramData\\Classe numérique\\profile.json.sig');
    expect(loc.trustedKeysDir).toBe('D:\\ProgramData\\Classe numérique\\trusted-keys');
    expect(loc.origin).toBe('default');
    expect(resolveManagedLocation({ platform: 'win32', env: {} }).profile).toBe('C:\\ProgramData\\Classe numérique\\profile.json');
  });

  it('macOS: /Library/Application Support/Classe numérique/profile.json', () => {
    expect(resolveManagedLocation({ platform: 'darwin', env: {} }).profile).toBe('/Library/Application Support/Classe numérique/profile.json');
  });

  it('Linux: /etc/classe-numerique/profile.json with trusted-keys next to it', () => {
    const loc = resolveManagedLocation({ platform: 'linux', env: {} });
    expect(loc.profile).toBe('/etc/classe-numerique/profile.json');
    expect(loc.trustedKeysDir).toBe('/etc/classe-numerique/trusted-keys');
  });

  it('CLASSE_PROFILE overrides the default, and --profile overrides both', () => {
    expect(resolveManagedLocation({ platform: 'linux', env: { CLASSE_PROFILE: '/tmp/p/profile.json' } })).toMatchObject({ profile: '/tmp/p/profile.json', origin: 'env', trustedKeysDir: '/tmp/p/trusted-keys' });
    expect(resolveManagedLocation({ platform: 'linux', env: { CLASSE_PROFILE: '/tmp/p/profile.json' }, profileOption: '/srv/x.json' })).toMatchObject({ profile: '/srv/x.json', origin: 'option', signature: '/srv/x.json.sig' });
  });

  it('reads the app\'s --profile FILE / --profile=FILE argument', () => {
    expect(profileOptionFromArgv(['/opt/app', '--profile', '/tmp/p.json'])).toBe('/tmp/p.json');
    expect(profileOptionFromArgv(['/opt/app', '--profile=/tmp/q.json', '--other'])).toBe('/tmp/q.json');
    expect(profileOptionFromArgv(['/opt/app', '--profile'])).toBeNull();
    expect(profileOptionFromArgv(['/opt/app', '--profile='])).toBeNull();
    expect(profileOptionFromArgv(['/opt/app', '--no-sandbox'])).toBeNull();
  });
});
