import { describe, expect, it } from 'vitest';
import {
  decodeClass,
  decodeDatagram,
  decodeErrors,
  decodeFreeze,
  decodeHours,
  decodeInput,
  decodeInputList,
  decodeLamps,
  decodeMac,
  decodeMute,
  decodePower,
  decodeResolution,
  decodeText,
  decodeUdpLine,
  describeInput,
  encodeErrors,
  ERROR_TOKENS,
  formatRequest,
  hasProblem,
  inputNeedsClass2,
  LineSplitter,
  parseLine,
  query,
  searchDatagram,
  set,
} from '../../../main/services/pjlink/codec';
import { ServiceError } from '../../../main/services/core/errors';

describe('request lines', () => {
  it('builds class 1 and class 2 queries and sets', () => {
    expect(formatRequest(query('POWR'))).toBe('%1POWR ?');
    expect(formatRequest(set('POWR', '1'))).toBe('%1POWR 1');
    expect(formatRequest(set('AVMT', '31'))).toBe('%1AVMT 31');
    expect(formatRequest(query('INNM', 2, '31'))).toBe('%2INNM ?31');
    expect(formatRequest(set('FREZ', '1', 2))).toBe('%2FREZ 1');
    expect(formatRequest(set('INPT', '3A', 2))).toBe('%2INPT 3A');
    expect(searchDatagram()).toBe('%2SRCH\r');
  });

  it('refuses parameters that would break the framing or the 128-byte limit', () => {
    expect(() => formatRequest(set('NAME', 'a\rb'))).toThrow(ServiceError);
    expect(() => formatRequest(set('NAME', 'x'.repeat(129)))).toThrow(/invalid_request/);
    expect(() => formatRequest({ cls: 3 as 1, command: 'POWR', parameter: '?' })).toThrow(ServiceError);
    expect(() => formatRequest({ cls: 1, command: 'PO' as 'POWR', parameter: '?' })).toThrow(ServiceError);
    expect(formatRequest(set('NAME', 'x'.repeat(128)))).toHaveLength(7 + 128);
  });
});

describe('reply lines', () => {
  it('reads a plain reply and an OK', () => {
    expect(parseLine('%1POWR=1')).toEqual({ kind: 'reply', cls: 1, command: 'POWR', data: '1', error: null });
    expect(parseLine('%1AVMT=OK')).toMatchObject({ command: 'AVMT', data: 'OK', error: null });
  });

  it('maps ERR1–ERR4 and ERRA, in any case', () => {
    expect(parseLine('%1INPT=ERR3')).toMatchObject({ kind: 'reply', error: 'ERR3' });
    expect(parseLine('%1inpt=err2')).toMatchObject({ kind: 'reply', command: 'INPT', error: 'ERR2' });
    expect(parseLine('%1POWR=ERR4')).toMatchObject({ error: 'ERR4' });
    expect(parseLine('%2FREZ=ERR1')).toMatchObject({ error: 'ERR1' });
    expect(parseLine('%1POWR=ERRA')).toMatchObject({ error: 'ERRA' });
    expect(ERROR_TOKENS.ERR3.code).toBe('pjlink.unavailable');
    expect(ERROR_TOKENS.ERRA.code).toBe('pjlink.auth_failed');
  });

  it('tolerates lower case, trailing junk and junk before the header', () => {
    expect(parseLine('%1powr=1')).toMatchObject({ command: 'POWR', data: '1' });
    expect(parseLine('%1POWR=1 \u0000\u0000  ')).toMatchObject({ command: 'POWR', data: '1' });
    expect(parseLine('\u0000\u0000%1POWR=0')).toMatchObject({ command: 'POWR', data: '0' });
    expect(parseLine('xx%1ERST=000000')).toMatchObject({ command: 'ERST', data: '000000' });
    expect(parseLine('%1NAME=Salle 12 ')).toMatchObject({ data: 'Salle 12' });
  });

  it('keeps free text and empty values', () => {
    expect(parseLine('%1NAME=')).toMatchObject({ kind: 'reply', command: 'NAME', data: '' });
    expect(parseLine('%1INF2=EB-695Wi = 3LCD')).toMatchObject({ data: 'EB-695Wi = 3LCD' });
  });

  it('reads greetings with and without authentication, and the auth error', () => {
    expect(parseLine('PJLINK 0')).toEqual({ kind: 'greeting', authRequired: false });
    expect(parseLine('PJLINK 1 498e4a67')).toEqual({ kind: 'greeting', authRequired: true, random: '498e4a67' });
    expect(parseLine('pjlink 1 498e4a67 ')).toEqual({ kind: 'greeting', authRequired: true, random: '498e4a67' });
    expect(parseLine('PJLINK ERRA')).toEqual({ kind: 'auth-error' });
    expect(parseLine('PJLINK 1').kind).toBe('unknown');
    expect(parseLine('PJLINK 2 abc').kind).toBe('unknown');
  });

  it('classifies anything else as unknown, sanitized', () => {
    const line = parseLine('HTTP/1.1 400 Bad Request\u202e');
    expect(line.kind).toBe('unknown');
    if (line.kind === 'unknown') expect(line.raw).toBe('HTTP/1.1 400 Bad Request');
    expect(parseLine('%1PO=1').kind).toBe('unknown');
    expect(parseLine('').kind).toBe('unknown');
  });
});

describe('line framing', () => {
  it('splits on CR, LF and CRLF across chunks', () => {
    const s = new LineSplitter();
    expect(s.push('PJLINK 0\r%1POW')).toEqual(['PJLINK 0']);
    expect(s.push('R=1\r\n%1INPT=31\n')).toEqual(['%1POWR=1', '%1INPT=31']);
    expect(s.push('\r\n\r')).toEqual([]);
  });

  it('returns the last line when the stream ends without CR', () => {
    const s = new LineSplitter();
    expect(s.push('%1POWR=1\r%1INPT=31')).toEqual(['%1POWR=1']);
    expect(s.end()).toBe('%1INPT=31');
    expect(s.end()).toBeNull();
  });

  it('caps a line at 136 bytes and drops the rest until the next terminator', () => {
    const s = new LineSplitter();
    const lines = s.push('%1NAME=' + 'a'.repeat(300) + '\r%1POWR=1\r');
    expect(lines).toHaveLength(2);
    expect(Buffer.byteLength(lines[0]!)).toBe(136);
    expect(lines[1]).toBe('%1POWR=1');
    const t = new LineSplitter();
    t.push('x'.repeat(500));
    t.push('y'.repeat(500));
    expect(t.push('\r%1POWR=0\r')).toEqual(['%1POWR=0']);
  });

  it('decodes UTF-8 names', () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from('%2NAME=Salle de démonstration\r', 'utf8'))).toEqual(['%2NAME=Salle de démonstration']);
  });
});

describe('value decoders', () => {
  it('POWR', () => {
    expect(['0', '1', '2', '3'].map(decodePower)).toEqual(['standby', 'on', 'cooling', 'warming']);
    expect(decodePower('4')).toBeNull();
    expect(decodePower('OK')).toBeNull();
  });

  it('INPT and input codes', () => {
    expect(decodeInput('31')).toBe('31');
    expect(decodeInput('3a')).toBe('3A');
    expect(decodeInput('70')).toBeNull();
    expect(decodeInput('30')).toBeNull();
    expect(inputNeedsClass2('3A')).toBe(true);
    expect(inputNeedsClass2('61')).toBe(true);
    expect(inputNeedsClass2('31')).toBe(false);
  });

  it('describes inputs by type for the default names', () => {
    expect(describeInput('11')).toEqual({ code: '11', type: 'rgb', number: '1', typeKey: 'input_type.rgb' });
    expect(describeInput('32')).toMatchObject({ type: 'digital', number: '2', typeKey: 'input_type.digital' });
    expect(describeInput('21')?.type).toBe('video');
    expect(describeInput('41')?.type).toBe('storage');
    expect(describeInput('57')).toMatchObject({ type: 'network', number: '7' });
    expect(describeInput('61')?.type).toBe('internal');
    expect(describeInput('99')).toBeNull();
  });

  it('INST lists, including Epson-like interactive inputs', () => {
    expect(decodeInputList('11 12 31 32 52')).toEqual(['11', '12', '31', '32', '52']);
    expect(decodeInputList('32 53 55 57')).toEqual(['32', '53', '55', '57']);
    expect(decodeInputList(' 31  31 xx 3a 99 ')).toEqual(['31', '3A']);
    expect(decodeInputList('')).toEqual([]);
  });

  it('AVMT', () => {
    expect(decodeMute('31')).toEqual({ video: true, audio: true });
    expect(decodeMute('30')).toEqual({ video: false, audio: false });
    expect(decodeMute('11')).toEqual({ video: true, audio: false });
    expect(decodeMute('21')).toEqual({ video: false, audio: true });
    expect(decodeMute('41')).toBeNull();
  });

  it('ERST per component', () => {
    expect(decodeErrors('000000')).toEqual({ fan: 'ok', lamp: 'ok', temperature: 'ok', cover: 'ok', filter: 'ok', other: 'ok' });
    expect(decodeErrors('012012')).toEqual({ fan: 'ok', lamp: 'warning', temperature: 'error', cover: 'ok', filter: 'warning', other: 'error' });
    expect(decodeErrors('200000')?.fan).toBe('error');
    expect(decodeErrors('000100')?.cover).toBe('warning');
    expect(decodeErrors('00000')).toBeNull();
    expect(decodeErrors('0000003')).toBeNull();
    expect(decodeErrors('003000')).toBeNull();
    expect(encodeErrors({ lamp: 'error', filter: 'warning' })).toBe('020010');
    expect(hasProblem(decodeErrors('000010')!)).toBe(true);
    expect(hasProblem(decodeErrors('000010')!, 'error')).toBe(false);
  });

  it('LAMP pairs (1 to 8 lamps)', () => {
    expect(decodeLamps('1234 1')).toEqual([{ hours: 1234, on: true }]);
    expect(decodeLamps('10 0 20 1')).toEqual([{ hours: 10, on: false }, { hours: 20, on: true }]);
    expect(decodeLamps(Array.from({ length: 8 }, () => '5 1').join(' '))).toHaveLength(8);
    expect(decodeLamps(Array.from({ length: 9 }, () => '5 1').join(' '))).toBeNull();
    expect(decodeLamps('1234')).toBeNull();
    expect(decodeLamps('12 2')).toBeNull();
    expect(decodeLamps('abc 1')).toBeNull();
  });

  it('IRES / RRES', () => {
    expect(decodeResolution('1920x1080')).toEqual({ width: 1920, height: 1080 });
    expect(decodeResolution('1280X800')).toEqual({ width: 1280, height: 800 });
    expect(decodeResolution('-')).toBe('no-signal');
    expect(decodeResolution('*')).toBe('unknown');
    expect(decodeResolution('big')).toBeNull();
  });

  it('FILT, FREZ', () => {
    expect(decodeHours('0')).toBe(0);
    expect(decodeHours('4500')).toBe(4500);
    expect(decodeHours('-1')).toBeNull();
    expect(decodeFreeze('1')).toBe(true);
    expect(decodeFreeze('0')).toBe(false);
    expect(decodeFreeze('2')).toBeNull();
  });

  it('CLSS and its field variants', () => {
    expect(decodeClass('1')).toBe(1);
    expect(decodeClass('2')).toBe(2);
    expect(decodeClass('Class 1')).toBe(1);
    expect(decodeClass('Version1')).toBe(1);
    expect(decodeClass('class2')).toBe(2);
    expect(decodeClass('3')).toBeNull();
    expect(decodeClass('12')).toBeNull();
  });

  it('MAC addresses and free text', () => {
    expect(decodeMac('00:0A:95:9D:68:16')).toBe('00:0a:95:9d:68:16');
    expect(decodeMac('00-0a-95-9d-68-16')).toBe('00:0a:95:9d:68:16');
    expect(decodeMac('00:0a:95:9d:68')).toBeNull();
    expect(decodeText('Salle\u0007 12\u202e')).toBe('Salle 12');
  });
});

describe('UDP: search replies and notifications', () => {
  it('reads ACKN, LKUP, POWR, ERST, INPT, AVMT', () => {
    expect(decodeUdpLine('%2ACKN=00:11:22:aa:bb:cc')).toEqual({ kind: 'search-reply', mac: '00:11:22:aa:bb:cc' });
    expect(decodeUdpLine('%2LKUP=00:11:22:AA:BB:CC')).toEqual({ kind: 'notification', notification: { type: 'link-up', mac: '00:11:22:aa:bb:cc' } });
    expect(decodeUdpLine('%2POWR=2')).toEqual({ kind: 'notification', notification: { type: 'power', power: 'cooling' } });
    expect(decodeUdpLine('%2ERST=020000')).toMatchObject({ notification: { type: 'errors', errors: { lamp: 'error' } } });
    expect(decodeUdpLine('%2INPT=32')).toEqual({ kind: 'notification', notification: { type: 'input', input: '32' } });
    expect(decodeUdpLine('%2AVMT=31')).toEqual({ kind: 'notification', notification: { type: 'mute', mute: { video: true, audio: true } } });
    expect(decodeUdpLine('%2SRCH')).toEqual({ kind: 'search' });
  });

  it('ignores malformed or unrelated lines', () => {
    expect(decodeUdpLine('%2ACKN=nonsense')).toBeNull();
    expect(decodeUdpLine('%2POWR=ERR3')).toBeNull();
    expect(decodeUdpLine('%1NAME=x')).toBeNull();
    expect(decodeUdpLine('hello')).toBeNull();
  });

  it('reads several lines in one datagram, and a last line without CR', () => {
    const messages = decodeDatagram(Buffer.from('%2POWR=1\r%2INPT=31'));
    expect(messages.map((m) => m.kind)).toEqual(['notification', 'notification']);
    expect(decodeDatagram(Buffer.alloc(5000, 0x25))).toEqual([]);
  });
});
