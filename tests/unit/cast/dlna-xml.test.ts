import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { soapFaultToError } from '../../../main/services/cast/dlna';
import {
  AV_TRANSPORT_TYPE,
  buildDidlLite,
  buildSoapEnvelope,
  formatUpnpTime,
  parsePositionInfo,
  parseRendererDescription,
  parseSoapFault,
  parseSoapResponse,
  parseTransportInfo,
  parseUpnpTime,
  protocolInfo,
  soapActionHeader,
} from '../../../main/services/cast/dlna-xml';

const UPNP = join(import.meta.dirname, '..', '..', 'fixtures', 'cast', 'upnp');
const fixture = (name: string) => readFileSync(join(UPNP, name), 'utf8');
// An independent parser (no entity tricks) to check what the builders produced.
const check = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, htmlEntities: true });

describe('DIDL-Lite', () => {
  const url = 'http://10.1.2.2:41234/cast/TOKEN/La%20%22mare%22.webm';

  it('describes a video with its MIME type, size and class', () => {
    const xml = buildDidlLite({ title: 'La mare', url, mime: 'video/webm', kind: 'video', size: 45632 });
    const item = check.parse(xml)['DIDL-Lite'].item;
    expect(check.parse(xml)['DIDL-Lite']['@xmlns']).toBe('urn:schemas-upnp-org:metadata-1-0/DIDL-Lite/');
    expect(item['upnp:class']).toBe('object.item.videoItem');
    expect(item.res['#text']).toBe(url);
    expect(item.res['@protocolInfo']).toBe('http-get:*:video/webm:DLNA.ORG_OP=01;DLNA.ORG_CI=0');
    expect(item.res['@size']).toBe('45632');
  });

  it('escapes a title with quotes, markup, ampersands and emoji', () => {
    const title = `<b>Leçon</b> "n°1" & 'l’été' 🎬`;
    const xml = buildDidlLite({ title, url: 'http://h/x?a=1&b=2', mime: 'audio/mpeg', kind: 'audio' });
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('&lt;b&gt;Leçon&lt;/b&gt;');
    const item = check.parse(xml)['DIDL-Lite'].item;
    expect(item['dc:title']).toBe(title);
    expect(item.res['#text']).toBe('http://h/x?a=1&b=2');
    expect(item['upnp:class']).toBe('object.item.audioItem.musicTrack');
  });

  it('uses the photo class for images and PDF pages, and adds a duration when known', () => {
    expect(buildDidlLite({ title: 'p', url, mime: 'image/png', kind: 'pdf' })).toContain('<upnp:class>object.item.imageItem.photo</upnp:class>');
    expect(buildDidlLite({ title: 'v', url, mime: 'video/mp4', kind: 'video', duration: 3725 })).toContain('duration="1:02:05"');
  });

  it('protocolInfo carries the MIME type', () => {
    expect(protocolInfo('audio/mp4')).toBe('http-get:*:audio/mp4:DLNA.ORG_OP=01;DLNA.ORG_CI=0');
  });
});

describe('SOAP envelopes', () => {
  it('builds a SetAVTransportURI envelope whose metadata is escaped once more inside', () => {
    const didl = buildDidlLite({ title: 'A & B', url: 'http://h/a', mime: 'video/mp4', kind: 'video' });
    const xml = buildSoapEnvelope(AV_TRANSPORT_TYPE, 'SetAVTransportURI', [
      ['InstanceID', 0],
      ['CurrentURI', 'http://h/a'],
      ['CurrentURIMetaData', didl],
    ]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<s:Envelope')).toBe(true);
    expect(xml).toContain('s:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"');
    expect(xml).toContain('<u:SetAVTransportURI xmlns:u="urn:schemas-upnp-org:service:AVTransport:1"><InstanceID>0</InstanceID><CurrentURI>');
    const action = check.parse(xml)['s:Envelope']['s:Body']['u:SetAVTransportURI'];
    // The receiver reads the metadata back as the exact DIDL-Lite document.
    expect(action.CurrentURIMetaData).toBe(didl);
    expect(action.CurrentURI).toBe('http://h/a');
  });

  it('keeps the argument order (renderers read them positionally)', () => {
    const xml = buildSoapEnvelope(AV_TRANSPORT_TYPE, 'Seek', [
      ['InstanceID', 0],
      ['Unit', 'REL_TIME'],
      ['Target', '0:00:10'],
    ]);
    expect(xml.indexOf('<InstanceID>')).toBeLessThan(xml.indexOf('<Unit>'));
    expect(xml.indexOf('<Unit>')).toBeLessThan(xml.indexOf('<Target>'));
  });

  it('quotes the SOAPACTION header', () => {
    expect(soapActionHeader(AV_TRANSPORT_TYPE, 'Play')).toBe('"urn:schemas-upnp-org:service:AVTransport:1#Play"');
  });

  it('parses gmediarender replies (captured), including empty responses', () => {
    expect(parseTransportInfo(parseSoapResponse(fixture('gmediarender-transport-info.xml'), 'GetTransportInfo'))).toEqual({ state: 'PLAYING', status: 'OK', speed: '1' });
    expect(parseSoapResponse(fixture('gmediarender-play-response.xml'), 'Play')).toEqual({});
    expect(parseSoapFault(fixture('gmediarender-play-response.xml'))).toBeNull();
  });

  it('throws when the expected response element is missing or the body is not SOAP', () => {
    expect(() => parseSoapResponse(fixture('gmediarender-play-response.xml'), 'Pause')).toThrow(/PauseResponse/);
    expect(() => parseSoapFault('<html><body>500</body></html>')).toThrow(/SOAP/);
    expect(() => parseSoapFault('not xml at all')).toThrow();
  });
});

describe('SOAP faults', () => {
  it('reads UPnPError code and description (gmediarender capture)', () => {
    expect(parseSoapFault(fixture('gmediarender-fault-pause.xml'))).toEqual({
      faultCode: 's:Client',
      faultString: 'UPnPError',
      upnpErrorCode: 501,
      upnpErrorDescription: 'Transition to PAUSE not allowed; allowed=PLAY',
    });
  });

  it('copes with a fault without UPnPError detail', () => {
    const xml = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>';
    expect(parseSoapFault(xml)).toEqual({ faultCode: 's:Server', faultString: 'boom', upnpErrorCode: null, upnpErrorDescription: '' });
  });

  const fault = (code: number | null, description = 'x') => ({ faultCode: 's:Client', faultString: 'UPnPError', upnpErrorCode: code, upnpErrorDescription: description });

  it.each([
    [701, 'Pause', 'cast.action_refused', 'guide:cast-failed'],
    [710, 'Seek', 'cast.seek_refused', 'guide:cast-failed'],
    [711, 'Seek', 'cast.seek_refused', 'guide:cast-failed'],
    [714, 'Play', 'cast.load_failed', 'guide:cast-failed'],
    [716, 'Play', 'cast.load_failed', 'guide:cast-failed'],
    [501, 'SetAVTransportURI', 'cast.load_failed', 'guide:cast-failed'],
    [501, 'Pause', 'cast.receiver_error', 'guide:cast-failed'],
    [402, 'Seek', 'cast.receiver_error', 'guide:cast-failed'],
    [null, 'Stop', 'cast.receiver_error', 'guide:cast-failed'],
  ] as const)('UPnP %s on %s → %s', (code, action, expected, guide) => {
    const error = soapFaultToError(fault(code, 'Transition not allowed'), action);
    expect(error.code).toBe(expected);
    expect(error.guide).toBe(guide);
    expect(error.params).toMatchObject({ code: code ?? 0, description: 'Transition not allowed' });
    expect(error.detail).toContain(action);
  });
});

describe('device descriptions', () => {
  it('parses gmediarender’s description (URLBase)', () => {
    const d = parseRendererDescription(fixture('gmediarender-description.xml'), 'http://10.163.246.10:49494/description.xml');
    expect(d).toEqual({
      udn: 'uuid:GMediaRender-1_0-000-000-002',
      friendlyName: 'Écran salle 12',
      manufacturer: 'Ivo Clarysse, Henner Zeller',
      modelName: 'gmediarender',
      deviceType: 'urn:schemas-upnp-org:device:MediaRenderer:1',
      avTransportControlUrl: 'http://10.163.246.10:49494/upnp/control/rendertransport1',
      avTransportType: 'urn:schemas-upnp-org:service:AVTransport:1',
      renderingControlUrl: 'http://10.163.246.10:49494/upnp/control/rendercontrol1',
    });
  });

  it('finds an embedded renderer and resolves relative URLs against the location when there is no URLBase', () => {
    const d = parseRendererDescription(fixture('tv-embedded-description.xml'), 'http://10.0.5.20:7676/smp_2_/desc.xml');
    expect(d.udn).toBe('uuid:0ca4-renderer');
    expect(d.friendlyName).toBe('[TV] Écran CM2 & CE1');
    expect(d.avTransportControlUrl).toBe('http://10.0.5.20:7676/smp_2_/AVTransport/control');
    expect(d.renderingControlUrl).toBe('http://10.0.5.20:7676/smp_2_/RenderingControl/control');
  });

  it('sanitizes hostile names and refuses non-http control URLs', () => {
    const xml = (name: string, control: string) =>
      `<root><device><deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType><friendlyName>${name}</friendlyName><UDN>uuid:x</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:AVTransport:1</serviceType><controlURL>${control}</controlURL></service></serviceList></device></root>`;
    const d = parseRendererDescription(xml('Écran&#x202E;lmth.exe&#x7;&#10;suite', '/c'), 'http://10.0.0.5/d.xml');
    expect(d.friendlyName).toBe('Écranlmth.exe suite');
    expect(() => parseRendererDescription(xml('x', 'file:///etc/passwd'), 'http://10.0.0.5/d.xml')).toThrow(/http/);
  });

  it('rejects descriptions without a renderer, an AVTransport or a UDN', () => {
    const noAvt = '<root><device><deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType><UDN>uuid:x</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:RenderingControl:1</serviceType><controlURL>/rc</controlURL></service></serviceList></device></root>';
    expect(() => parseRendererDescription(noAvt, 'http://h/')).toThrow(/MediaRenderer with AVTransport/);
    const server = noAvt.replace('MediaRenderer', 'MediaServer').replace('RenderingControl', 'AVTransport');
    expect(() => parseRendererDescription(server, 'http://h/')).toThrow(/MediaRenderer/);
    const noUdn = noAvt.replace('<UDN>uuid:x</UDN>', '').replace('RenderingControl', 'AVTransport');
    expect(() => parseRendererDescription(noUdn, 'http://h/')).toThrow(/UDN/);
    expect(() => parseRendererDescription('<html/>', 'http://h/')).toThrow(/root/);
  });

  it('does not expand entity bombs', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE root [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><root><device><deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType><friendlyName>&c;&c;&c;</friendlyName><UDN>uuid:x</UDN><serviceList><service><serviceType>urn:schemas-upnp-org:service:AVTransport:1</serviceType><controlURL>/c</controlURL></service></serviceList></device></root>`;
    let name = '';
    try {
      name = parseRendererDescription(bomb, 'http://h/').friendlyName;
    } catch {
      name = 'refused';
    }
    // Either refused or left unexpanded; never 3 × 1000 characters built from 30 bytes.
    expect(name === 'refused' || !name.includes('aaaaaaaaaaaaaaaaaaaa')).toBe(true);
    expect(name).toMatch(/^(refused|&c;&c;&c;)$/);
  });
});

describe('time strings', () => {
  it('formats H:MM:SS', () => {
    expect(formatUpnpTime(0)).toBe('0:00:00');
    expect(formatUpnpTime(10.9)).toBe('0:00:10');
    expect(formatUpnpTime(3725)).toBe('1:02:05');
    expect(formatUpnpTime(-3)).toBe('0:00:00');
  });

  it('parses H+:MM:SS[.F] and rejects NOT_IMPLEMENTED', () => {
    expect(parseUpnpTime('0:00:30')).toBe(30);
    expect(parseUpnpTime('01:02:05.500')).toBe(3725.5);
    expect(parseUpnpTime('0:00:01.1/4')).toBe(1.25);
    expect(parseUpnpTime('NOT_IMPLEMENTED')).toBeNull();
    expect(parseUpnpTime('')).toBeNull();
    expect(parseUpnpTime('0:61:00')).toBeNull();
  });

  it('reads position info and unknown transport states', () => {
    expect(parsePositionInfo({ Track: '1', TrackDuration: '0:00:30', RelTime: '0:00:12', TrackURI: 'http://h/a' })).toEqual({ track: 1, duration: 30, position: 12, uri: 'http://h/a' });
    expect(parsePositionInfo({})).toEqual({ track: null, duration: null, position: null, uri: '' });
    expect(parseTransportInfo({ CurrentTransportState: 'weird' }).state).toBe('UNKNOWN');
    expect(parseTransportInfo({ CurrentTransportState: 'paused_playback' }).state).toBe('PAUSED_PLAYBACK');
  });
});
