/** A host on loopback for integration tests: temporary user data, no managed profile of the machine. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHost, type Host, type HostOptions, type HostEvents } from '../../main/host';
import { MemorySettingsStore } from '../../main/services/settings/store';
import { LogBook } from '../../main/services/core/logger';

export async function testHost(overrides: Partial<HostOptions> = {}): Promise<Host> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'classe-host-'));
  return createHost({
    runtime: 'web',
    version: '0.0.0-test',
    locale: 'fr-FR',
    settingsStore: new MemorySettingsStore(),
    logBook: new LogBook(1000),
    userDataDir,
    profilePath: join(userDataDir, 'no-managed-profile.json'),
    env: {},
    // Tests never send packets to the machine's real networks (only loopback and lab namespaces).
    devices: { networkDiscovery: false, notifications: false, demoTimeScale: 0.02 },
    ...overrides,
  });
}

/** Resolves with the first event payload that matches. */
export function nextEvent<E extends keyof HostEvents>(host: Host, event: E, match: (p: HostEvents[E]) => boolean = () => true, timeoutMs = 15_000): Promise<HostEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ${String(event)} within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = host.events.on(event, (p) => {
      if (!match(p)) return;
      clearTimeout(timer);
      off();
      resolve(p);
    });
  });
}

export async function call<T = unknown>(host: Host, channel: string, input?: unknown): Promise<T> {
  const r = await host.dispatcher.dispatch(channel, input, { transport: 'web' });
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}
