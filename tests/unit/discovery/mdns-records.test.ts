import { describe, expect, it } from 'vitest';
import { instanceFromFqdn, parseTxt, reportFromService, type ResolvedService } from '../../../main/services/discovery/mdns-records';

const txt = (...items: string[]) => items.map((s) => Buffer.from(s, 'utf8'));

function service(over: Partial<ResolvedService>): ResolvedService {
  return {
    type: 'googlecast',
    instance: 'Chromecast-abc',
    fqdn: 'Chromecast-abc._googlecast._tcp.local',
    host: 'abc.local',
    port: 8009,
    addresses: ['10.0.0.20'],
    txt: new Map(),
    ...over,
  };
}

describe('parseTxt', () => {
  it('reads key=value pairs, case-insensitive keys, first occurrence wins (RFC 6763)', () => {
    const t = parseTxt(txt('FN=Salle 12', 'fn=ignored', 'md=Chromecast', 'flag', 'empty='));
    expect(t.get('fn')).toBe('Salle 12');
    expect(t.get('md')).toBe('Chromecast');
    expect(t.get('flag')).toBe(true);
    expect(t.get('empty')).toBe('');
  });

  it('keeps values with "=" and line breaks whole (bonjour-service cuts them)', () => {
    const t = parseTxt(txt('fn=a=b', 'md=line1\nline2'));
    expect(t.get('fn')).toBe('a=b');
    expect(t.get('md')).toBe('line1\nline2');
  });

  it('survives junk: empty strings, non-ASCII keys, huge records, wrong types', () => {
    const many = Array.from({ length: 500 }, (_, i) => `k${i}=v`);
    const t = parseTxt([...txt('', '=novalue', 'ké=1', `big=${'x'.repeat(10_000)}`, ...many), 42, null, { a: 1 }]);
    expect(t.has('ké')).toBe(false);
    expect((t.get('big') as string).length).toBe(512);
    expect(t.size).toBeLessThanOrEqual(64);
    expect(parseTxt(undefined).size).toBe(0);
    expect(parseTxt('fn=x').get('fn')).toBe('x');
  });

  it('does not let a "__proto__" key pollute anything', () => {
    const t = parseTxt(txt('__proto__=x', 'constructor=y'));
    expect(t.get('__proto__')).toBe('x');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('instanceFromFqdn', () => {
  it('keeps dots and UTF-8 inside instance names', () => {
    expect(instanceFromFqdn('Salle 12. Écran._googlecast._tcp.local', 'googlecast')).toBe('Salle 12. Écran');
    expect(instanceFromFqdn('odd-name', 'googlecast')).toBe('odd-name');
  });
});

describe('reportFromService', () => {
  it('Cast: id, friendly name, model, busy state, port', () => {
    const r = reportFromService(service({ txt: parseTxt(txt('id=0123456789abcdef0123456789abcdef', 'fn=Écran salle 12', 'md=BRAVIA', 'st=1', 'ca=4101')) }))!;
    expect(r.enrichOnly).toBe(false);
    expect(r.report).toMatchObject({
      source: 'mdns',
      key: 'mdns:_googlecast._tcp:chromecast-abc._googlecast._tcp.local',
      identity: { castId: '0123456789abcdef0123456789abcdef', host: 'abc.local', addresses: ['10.0.0.20'] },
      name: 'Écran salle 12',
      model: 'BRAVIA',
      capabilities: ['googlecast'],
      endpoints: { googlecast: { port: 8009, castId: '0123456789abcdef0123456789abcdef', busy: true } },
      alive: true,
    });
  });

  it('Cast: falls back to the instance name and `mn`; skips groups and audio-only receivers', () => {
    const r = reportFromService(service({ txt: parseTxt(txt('mn=Some TV')) }))!;
    expect(r.report.name).toBe('Chromecast-abc');
    expect(r.report.model).toBe('Some TV');
    expect(reportFromService(service({ txt: parseTxt(txt('md=Google Cast Group')) }))).toBeNull();
    expect(reportFromService(service({ txt: parseTxt(txt('ca=2052')) }))).toBeNull();
  });

  it('AirPlay: device id, model, maker for Apple TV', () => {
    const r = reportFromService(service({ type: 'airplay', instance: 'Salle 12', fqdn: 'Salle 12._airplay._tcp.local', port: 7000, txt: parseTxt(txt('deviceid=AA:BB:CC:DD:EE:FF', 'model=AppleTV6,2', 'features=0x5A7FFFF7,0x1E')) }))!;
    expect(r.report).toMatchObject({ identity: { airplayId: 'AA:BB:CC:DD:EE:FF' }, name: 'Salle 12', model: 'AppleTV6,2', maker: 'Apple', capabilities: ['airplay'], endpoints: { airplay: { port: 7000 } } });
  });

  it('RAOP: MAC@Name instance, enrich only', () => {
    const r = reportFromService(service({ type: 'raop', instance: 'AABBCCDDEEFF@Salle 12', fqdn: 'AABBCCDDEEFF@Salle 12._raop._tcp.local', txt: parseTxt(txt('am=AppleTV6,2')) }))!;
    expect(r.enrichOnly).toBe(true);
    expect(r.report).toMatchObject({ identity: { airplayId: 'aa:bb:cc:dd:ee:ff' }, name: 'Salle 12', model: 'AppleTV6,2' });
    const odd = reportFromService(service({ type: 'raop', instance: 'no-at-sign', fqdn: 'no-at-sign._raop._tcp.local' }))!;
    expect(odd.report.identity.airplayId).toBeNull();
  });

  it('Miracast (_display._tcp) and PJLink (_pjlink._tcp with class)', () => {
    expect(reportFromService(service({ type: 'display', instance: 'Écran', fqdn: 'Écran._display._tcp.local', port: 7250 }))!.report).toMatchObject({
      capabilities: ['miracast'],
      endpoints: { miracast: { port: 7250 } },
    });
    expect(reportFromService(service({ type: 'pjlink', port: 4352, txt: parseTxt(txt('class=2')) }))!.report.endpoints).toEqual({ pjlink: { port: 4352, class: 2, authRequired: null } });
    expect(reportFromService(service({ type: 'pjlink', port: 4352, txt: parseTxt(txt('class=<b>')) }))!.report.endpoints).toEqual({ pjlink: { port: 4352, class: null, authRequired: null } });
  });

  it('HTTP only enriches, and a goodbye is a report with alive false', () => {
    expect(reportFromService(service({ type: 'http', txt: parseTxt(txt('model=EB-695Wi')) }))).toMatchObject({ enrichOnly: true, report: { model: 'EB-695Wi', name: null } });
    expect(reportFromService(service({}), false)!.report.alive).toBe(false);
  });

  it('drops an invalid port instead of passing it on', () => {
    expect(reportFromService(service({ port: 0 }))!.report.endpoints).toEqual({});
  });
});
