import { describe, expect, it } from 'vitest';
import { buildMSearch, parseSsdpMessage, toAnnouncement } from '../../../main/services/cast/ssdp';

// As sent by gmediarender (libupnp 1.8) in the lab.
const RESPONSE = [
  'HTTP/1.1 200 OK',
  'CACHE-CONTROL: max-age=1800',
  'DATE: Sat, 28 Nov 2026 19:02:03 GMT',
  'EXT:',
  'LOCATION: http://10.163.246.10:49494/description.xml',
  'SERVER: Linux/6.1, UPnP/1.0, Portable SDK for UPnP devices/1.8.4',
  'X-User-Agent: redsonic',
  'ST: urn:schemas-upnp-org:device:MediaRenderer:1',
  'USN: uuid:GMediaRender-1_0-000-000-002::urn:schemas-upnp-org:device:MediaRenderer:1',
  '',
  '',
].join('\r\n');

const NOTIFY_ALIVE = [
  'NOTIFY * HTTP/1.1',
  'HOST: 239.255.255.250:1900',
  'CACHE-CONTROL: max-age=100',
  'LOCATION: http://10.0.0.9:49494/description.xml',
  'NT: urn:schemas-upnp-org:device:MediaRenderer:1',
  'NTS: ssdp:alive',
  'USN: uuid:abc::urn:schemas-upnp-org:device:MediaRenderer:1',
  '',
  '',
].join('\r\n');

describe('SSDP messages', () => {
  it('builds an M-SEARCH for renderers', () => {
    const m = buildMSearch('urn:schemas-upnp-org:device:MediaRenderer:1', 2);
    expect(m).toBe(
      'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: "ssdp:discover"\r\nMX: 2\r\nST: urn:schemas-upnp-org:device:MediaRenderer:1\r\nUSER-AGENT: Node/20 UPnP/1.1 ClasseNumerique/1\r\n\r\n',
    );
    expect(buildMSearch('ssdp:all', 60)).toContain('MX: 5\r\n');
    expect(parseSsdpMessage(m)).toMatchObject({ kind: 'search', headers: { man: '"ssdp:discover"' } });
  });

  it('parses a search response into an announcement', () => {
    const msg = parseSsdpMessage(Buffer.from(RESPONSE));
    expect(msg?.kind).toBe('response');
    expect(toAnnouncement(msg!, '10.163.246.10')).toEqual({
      type: 'response',
      target: 'urn:schemas-upnp-org:device:MediaRenderer:1',
      usn: 'uuid:GMediaRender-1_0-000-000-002::urn:schemas-upnp-org:device:MediaRenderer:1',
      udn: 'uuid:GMediaRender-1_0-000-000-002',
      location: 'http://10.163.246.10:49494/description.xml',
      maxAge: 1800,
      server: 'Linux/6.1, UPnP/1.0, Portable SDK for UPnP devices/1.8.4',
      from: '10.163.246.10',
    });
  });

  it('parses alive and byebye notifications (LF-only lines and lower-case names too)', () => {
    expect(toAnnouncement(parseSsdpMessage(NOTIFY_ALIVE)!, '10.0.0.9')).toMatchObject({ type: 'alive', udn: 'uuid:abc', maxAge: 100 });
    const byebye = 'NOTIFY * HTTP/1.1\nhost: 239.255.255.250:1900\nnt: upnp:rootdevice\nnts: ssdp:byebye\nusn: uuid:abc::upnp:rootdevice\n\n';
    expect(toAnnouncement(parseSsdpMessage(byebye)!, '10.0.0.9')).toMatchObject({ type: 'byebye', udn: 'uuid:abc', location: null, target: 'upnp:rootdevice' });
  });

  it('ignores other traffic and malformed announcements', () => {
    expect(parseSsdpMessage('GET / HTTP/1.1\r\n\r\n')).toBeNull();
    expect(parseSsdpMessage(Buffer.from([0xff, 0xfe, 0x00]))).toBeNull();
    const search = parseSsdpMessage(buildMSearch('ssdp:all'))!;
    expect(toAnnouncement(search, '10.0.0.1')).toBeNull();
    // No USN, or a LOCATION that is not http(s): useless or hostile.
    expect(toAnnouncement(parseSsdpMessage(RESPONSE.replace(/USN:.*\r\n/, ''))!, 'x')).toBeNull();
    expect(toAnnouncement(parseSsdpMessage(RESPONSE.replace('http://10.163.246.10:49494', 'file://'))!, 'x')).toBeNull();
    expect(toAnnouncement(parseSsdpMessage(NOTIFY_ALIVE.replace('ssdp:alive', 'ssdp:update'))!, 'x')).toBeNull();
  });

  it('bounds header count and sizes', () => {
    const many = ['HTTP/1.1 200 OK', ...Array.from({ length: 200 }, (_, i) => `X-${i}: ${'v'.repeat(2000)}`), '', ''].join('\r\n');
    const msg = parseSsdpMessage(many)!;
    expect(Object.keys(msg.headers).length).toBeLessThanOrEqual(40);
    for (const v of Object.values(msg.headers)) expect(v.length).toBeLessThanOrEqual(1024);
  });
});
