import { describe, expect, it } from 'vitest';
import { channels, events, CHANNEL_NAMES, EVENT_NAMES, buildClasseApi, type Transport } from '../../../preload/contract';
import { LIMITS, type ChannelDef } from '../../../preload/contract/common';
import * as names from '../../../preload/contract/names';
import { SETTING_KEYS } from '../../../preload/contract/settings';

/** Longer than every bound of the contract (the largest is a whole file, LIMITS.file). */
const HUGE = 'x'.repeat(LIMITS.file + 1);

/** Derives malformed inputs from a valid sample: wrong type, extra key, each field wrong/huge. */
function mutations(sample: unknown): { why: string; value: unknown }[] {
  const out: { why: string; value: unknown }[] = [
    { why: 'a number instead of the input', value: 42 },
    { why: 'an array instead of the input', value: [sample] },
    { why: 'a huge string instead of the input', value: HUGE },
  ];
  if (sample === undefined) {
    out.push({ why: 'an object where no input is expected', value: { extra: true } });
    return out;
  }
  if (sample && typeof sample === 'object' && !Array.isArray(sample)) {
    out.push({ why: 'an extra key', value: { ...sample, unexpected: 1 } });
    const rest = JSON.stringify(sample).slice(1, -1);
    out.push({ why: 'a __proto__ key', value: JSON.parse(`{"__proto__": {"polluted": true}${rest ? `, ${rest}` : ''}}`) });
    out.push({ why: 'null', value: null });
    for (const [key, v] of Object.entries(sample)) {
      out.push({ why: `${key}: wrong type`, value: { ...sample, [key]: typeof v === 'number' ? 'NaN' : 12345 } });
      if (typeof v === 'string') out.push({ why: `${key}: huge string`, value: { ...sample, [key]: HUGE } });
      if (v && typeof v === 'object') {
        for (const [k2, v2] of Object.entries(v)) {
          out.push({ why: `${key}.${k2}: wrong type`, value: { ...sample, [key]: { ...v, [k2]: typeof v2 === 'number' ? 'NaN' : { nested: HUGE } } } });
          if (typeof v2 === 'string') out.push({ why: `${key}.${k2}: huge string`, value: { ...sample, [key]: { ...v, [k2]: HUGE } } });
        }
        out.push({ why: `${key}: extra nested key`, value: { ...sample, [key]: Array.isArray(v) ? v : { ...v, unexpected: 1 } } });
      }
    }
  }
  return out;
}

describe('the contract', () => {
  it('names channels "<namespace>.<method>" and events likewise', () => {
    for (const name of [...CHANNEL_NAMES, ...EVENT_NAMES]) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    expect(CHANNEL_NAMES.length).toBeGreaterThan(0);
    expect(EVENT_NAMES.length).toBeGreaterThan(0);
  });

  describe.each(CHANNEL_NAMES)('channel %s', (name) => {
    const def = channels[name] as ChannelDef;
    it('has valid samples that its input schema accepts', () => {
      expect(def.samples.length).toBeGreaterThan(0);
      for (const sample of def.samples) expect(def.input.safeParse(sample).success).toBe(true);
    });
    it('rejects malformed input (wrong types, extra keys, huge strings)', () => {
      for (const sample of def.samples) {
        for (const m of mutations(sample)) {
          const parsed = def.input.safeParse(m.value);
          expect(parsed.success, `${name} accepted ${m.why}`).toBe(false);
        }
      }
    });
  });

  it('ships the generated zod-free name lists equal to the contract (preload and renderer build on them)', () => {
    expect([...names.CHANNEL_NAMES]).toEqual(Object.keys(channels));
    expect([...names.EVENT_NAMES]).toEqual(Object.keys(events));
    expect([...names.SETTING_NAMES]).toEqual([...SETTING_KEYS]);
  });

  it('builds one function per channel and an `on` that checks event names', () => {
    const calls: string[] = [];
    const transport: Transport = {
      invoke: async (channel) => {
        calls.push(channel);
        return { ok: true, value: null };
      },
      subscribe: () => () => {},
    };
    const api = buildClasseApi(transport) as unknown as Record<string, Record<string, (i?: unknown) => Promise<unknown>>> & { on: (e: string, cb: unknown) => unknown };
    for (const name of CHANNEL_NAMES) {
      const [ns, method] = name.split('.') as [string, string];
      expect(typeof api[ns]![method]).toBe('function');
      void api[ns]![method]!();
    }
    expect(calls).toEqual(CHANNEL_NAMES);
    expect(() => api.on('not.anEvent', () => {})).toThrow();
    expect(() => api.on(EVENT_NAMES[0]!, 'not a function')).toThrow();
    expect(Object.keys(api).sort()).toEqual([...new Set(CHANNEL_NAMES.map((n) => n.split('.')[0]!)), 'on'].sort());
  });

  it('has a schema for every event', () => {
    for (const name of EVENT_NAMES) expect(typeof events[name].safeParse).toBe('function');
  });
});
