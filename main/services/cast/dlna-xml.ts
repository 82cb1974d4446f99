/**
 * UPnP AV as pure functions: device descriptions, SOAP envelopes and faults, DIDL-Lite metadata,
 * time strings. XML goes through fast-xml-parser (parsing and building, with escaping), never through
 * string concatenation of untrusted text. Everything here is unit-tested without a network.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { sanitizeName, sanitizeText } from '../core/sanitize';
import { upnpClassFor, type MediaKind } from './media-types';

export const MEDIA_RENDERER_TYPE = 'urn:schemas-upnp-org:device:MediaRenderer:1';
export const AV_TRANSPORT_TYPE = 'urn:schemas-upnp-org:service:AVTransport:1';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // Numeric character references (&#201;cran) are common in friendly names; named HTML entities stay as text.
  htmlEntities: true,
  // Lists that may have one element must always be arrays.
  isArray: (name) => name === 'device' || name === 'service',
});

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  processEntities: true,
});

type XmlNode = Record<string, unknown>;

function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Text content of an element that may carry attributes. */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (isNode(v) && typeof v['#text'] === 'string') return v['#text'];
  return '';
}

function parseXml(xml: string): XmlNode {
  const doc: unknown = parser.parse(xml);
  if (!isNode(doc)) throw new Error('not an XML document');
  return doc;
}

// ---------------------------------------------------------------------------------------------------
// Device description

export interface UpnpService {
  serviceType: string;
  serviceId: string;
  controlURL: string;
  eventSubURL: string;
  SCPDURL: string;
}

export interface RendererDescription {
  udn: string;
  friendlyName: string;
  manufacturer: string | null;
  modelName: string | null;
  deviceType: string;
  /** Absolute URL of the AVTransport control endpoint. */
  avTransportControlUrl: string;
  avTransportType: string;
  /** Absolute URL of RenderingControl (volume), when present. */
  renderingControlUrl: string | null;
}

function resolveUrl(relative: string, base: string): string | null {
  try {
    const url = new URL(relative, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function devicesOf(node: XmlNode): XmlNode[] {
  const out: XmlNode[] = [];
  const visit = (d: XmlNode, depth: number) => {
    if (depth > 4) return;
    out.push(d);
    const list = d['deviceList'];
    if (isNode(list) && Array.isArray(list['device'])) for (const child of list['device']) if (isNode(child)) visit(child, depth + 1);
  };
  const root = node['device'];
  if (Array.isArray(root)) for (const d of root) if (isNode(d)) visit(d, 0);
  return out;
}

function servicesOf(device: XmlNode): UpnpService[] {
  const list = device['serviceList'];
  if (!isNode(list) || !Array.isArray(list['service'])) return [];
  return list['service'].filter(isNode).map((s) => ({
    serviceType: text(s['serviceType']),
    serviceId: text(s['serviceId']),
    controlURL: text(s['controlURL']),
    eventSubURL: text(s['eventSubURL']),
    SCPDURL: text(s['SCPDURL']),
  }));
}

/**
 * Parses a UPnP device description and finds the MediaRenderer (the root device or an embedded one)
 * with its AVTransport service. URLs are resolved against <URLBase> when present (UPnP 1.0), else
 * against the description's own location. Names are untrusted: sanitized here.
 */
export function parseRendererDescription(xml: string, location: string): RendererDescription {
  const doc = parseXml(xml);
  const root = doc['root'];
  if (!isNode(root)) throw new Error('no <root> in device description');
  const urlBase = text(root['URLBase']);
  const base = (urlBase && resolveUrl(urlBase, location)) || location;
  for (const device of devicesOf(root)) {
    const deviceType = text(device['deviceType']);
    const avt = servicesOf(device).find((s) => s.serviceType.startsWith('urn:schemas-upnp-org:service:AVTransport:'));
    if (!avt || !/^urn:schemas-upnp-org:device:MediaRenderer:\d+$/.test(deviceType)) continue;
    const control = resolveUrl(avt.controlURL, base);
    if (!control) throw new Error('AVTransport controlURL is not an http URL');
    const rc = servicesOf(device).find((s) => s.serviceType.startsWith('urn:schemas-upnp-org:service:RenderingControl:'));
    const udn = sanitizeText(text(device['UDN']), 128);
    if (!udn) throw new Error('MediaRenderer without UDN');
    return {
      udn,
      friendlyName: sanitizeName(text(device['friendlyName'])) || sanitizeName(text(device['modelName'])) || 'DLNA',
      manufacturer: sanitizeName(text(device['manufacturer'])) || null,
      modelName: sanitizeName(text(device['modelName'])) || null,
      deviceType,
      avTransportControlUrl: control,
      avTransportType: avt.serviceType,
      renderingControlUrl: rc ? resolveUrl(rc.controlURL, base) : null,
    };
  }
  throw new Error('no MediaRenderer with AVTransport in device description');
}

// ---------------------------------------------------------------------------------------------------
// SOAP

/** `SOAPACTION` header value: quoted, as libupnp and most TVs require. */
export function soapActionHeader(serviceType: string, action: string): string {
  return `"${serviceType}#${action}"`;
}

/** A SOAP 1.1 request envelope for a UPnP action; arguments are written in the given order. */
export function buildSoapEnvelope(serviceType: string, action: string, args: ReadonlyArray<readonly [string, string | number]>): string {
  const body: XmlNode = { '@_xmlns:u': serviceType };
  for (const [name, value] of args) body[name] = String(value);
  const envelope = {
    's:Envelope': {
      '@_xmlns:s': 'http://schemas.xmlsoap.org/soap/envelope/',
      '@_s:encodingStyle': 'http://schemas.xmlsoap.org/soap/encoding/',
      's:Body': { [`u:${action}`]: body },
    },
  };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(envelope) as string}`;
}

export interface SoapFault {
  faultCode: string;
  faultString: string;
  /** UPnPError/errorCode, e.g. 701; null when absent or not a number. */
  upnpErrorCode: number | null;
  upnpErrorDescription: string;
}

function bodyOf(xml: string): XmlNode {
  const doc = parseXml(xml);
  const env = doc['Envelope'];
  const body = isNode(env) ? env['Body'] : undefined;
  if (!isNode(body)) throw new Error('no SOAP Body');
  return body;
}

/** The fault in a SOAP response, or null when the body holds no Fault. Throws on non-SOAP input. */
export function parseSoapFault(xml: string): SoapFault | null {
  const fault = bodyOf(xml)['Fault'];
  if (!isNode(fault)) return null;
  const detail = fault['detail'];
  const upnp = isNode(detail) ? detail['UPnPError'] : undefined;
  const code = isNode(upnp) ? Number.parseInt(text(upnp['errorCode']), 10) : NaN;
  return {
    faultCode: sanitizeText(text(fault['faultcode']), 64),
    faultString: sanitizeText(text(fault['faultstring']), 128),
    upnpErrorCode: Number.isFinite(code) ? code : null,
    upnpErrorDescription: isNode(upnp) ? sanitizeText(text(upnp['errorDescription']), 256) : '',
  };
}

/** The output arguments of `<u:{action}Response>` (string values). Throws when absent. */
export function parseSoapResponse(xml: string, action: string): Record<string, string> {
  const response = bodyOf(xml)[`${action}Response`];
  if (response === '') return {}; // an empty element (<u:PlayResponse/>) parses as ''
  if (!isNode(response)) throw new Error(`no ${action}Response in SOAP body`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(response)) if (!k.startsWith('@_')) out[k] = text(v);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// DIDL-Lite

/** protocolInfo of a <res>: HTTP GET, any network, the MIME type, and DLNA flags (byte seek supported). */
export function protocolInfo(mime: string): string {
  return `http-get:*:${mime}:DLNA.ORG_OP=01;DLNA.ORG_CI=0`;
}

export interface DidlItem {
  title: string;
  url: string;
  mime: string;
  kind: MediaKind;
  size?: number;
  /** Seconds, when known. */
  duration?: number;
}

/**
 * DIDL-Lite metadata for SetAVTransportURI. Many TVs refuse a URI without it, or pick the wrong
 * player without the MIME type in protocolInfo and the right upnp:class.
 */
export function buildDidlLite(item: DidlItem): string {
  const res: XmlNode = { '@_protocolInfo': protocolInfo(item.mime), '#text': item.url };
  if (item.size !== undefined) res['@_size'] = String(item.size);
  if (item.duration !== undefined) res['@_duration'] = formatUpnpTime(item.duration);
  return builder.build({
    'DIDL-Lite': {
      '@_xmlns': 'urn:schemas-upnp-org:metadata-1-0/DIDL-Lite/',
      '@_xmlns:dc': 'http://purl.org/dc/elements/1.1/',
      '@_xmlns:upnp': 'urn:schemas-upnp-org:metadata-1-0/upnp/',
      item: {
        '@_id': '0',
        '@_parentID': '-1',
        '@_restricted': '1',
        'dc:title': item.title,
        'upnp:class': upnpClassFor(item.kind),
        res,
      },
    },
  }) as string;
}

// ---------------------------------------------------------------------------------------------------
// Time strings (H+:MM:SS[.F+])

export function formatUpnpTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Seconds, or null for NOT_IMPLEMENTED, empty or malformed values. */
export function parseUpnpTime(value: string): number | null {
  const m = /^\s*(\d+):([0-5]?\d):([0-5]?\d)(?:\.(\d+)(?:\/(\d+))?)?\s*$/.exec(value);
  if (!m) return null;
  const [, h, mm, ss, frac, den] = m;
  let seconds = Number(h) * 3600 + Number(mm) * 60 + Number(ss);
  if (frac) seconds += den ? Number(frac) / Number(den) : Number(`0.${frac}`);
  return seconds;
}

// ---------------------------------------------------------------------------------------------------
// AVTransport replies

export type TransportState = 'STOPPED' | 'PLAYING' | 'PAUSED_PLAYBACK' | 'TRANSITIONING' | 'NO_MEDIA_PRESENT' | 'RECORDING' | 'PAUSED_RECORDING' | 'UNKNOWN';

const KNOWN_STATES = new Set<TransportState>(['STOPPED', 'PLAYING', 'PAUSED_PLAYBACK', 'TRANSITIONING', 'NO_MEDIA_PRESENT', 'RECORDING', 'PAUSED_RECORDING']);

export interface TransportInfo {
  state: TransportState;
  status: string;
  speed: string;
}

export function parseTransportInfo(out: Record<string, string>): TransportInfo {
  const raw = (out['CurrentTransportState'] ?? '').trim().toUpperCase() as TransportState;
  return {
    state: KNOWN_STATES.has(raw) ? raw : 'UNKNOWN',
    status: sanitizeText(out['CurrentTransportStatus'] ?? '', 64),
    speed: sanitizeText(out['CurrentSpeed'] ?? '', 16),
  };
}

export interface PositionInfo {
  track: number | null;
  duration: number | null;
  position: number | null;
  uri: string;
}

export function parsePositionInfo(out: Record<string, string>): PositionInfo {
  const track = Number.parseInt(out['Track'] ?? '', 10);
  return {
    track: Number.isFinite(track) ? track : null,
    duration: parseUpnpTime(out['TrackDuration'] ?? ''),
    position: parseUpnpTime(out['RelTime'] ?? ''),
    uri: sanitizeText(out['TrackURI'] ?? '', 2048),
  };
}
