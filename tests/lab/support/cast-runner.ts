/**
 * The casting code as it runs on the teacher's laptop, driven by a lab test over JSON lines: it runs in
 * the TEACHER namespace (lab.spawnTs) and uses the same functions as the CLI (castCommand,
 * castStopCommand, targetFor) and the same services as the app (DlnaDiscovery, CastService).
 *
 * stdin:  {"id":1,"op":"cast","file":"…","to":"Écran salle 12"}
 * stdout: {"id":1,"ok":true,"value":…} | {"id":1,"ok":false,"error":{code,…}} | {"event":"status",…}
 *
 * Usage: cast-runner.ts <teacher IPv4>
 */
import { createInterface } from 'node:readline';
import Bonjour from 'bonjour-service';
import type { Device } from '../../../preload/contract/devices';
import { toErrorInfo } from '../../../main/services/core/errors';
import { LogBook } from '../../../main/services/core/logger';
import type { DeviceReport } from '../../../main/services/devices/report';
import { castCommand, castStopCommand, targetFor } from '../../../main/services/cast/cast-command';
import { CastService } from '../../../main/services/cast/cast-service';
import { DlnaDiscovery, DlnaRenderer, fetchRendererDescription } from '../../../main/services/cast/dlna';
import { MediaServerPool } from '../../../main/services/cast/media-server-pool';

const localAddress = process.argv[2];
if (!localAddress) throw new Error('usage: cast-runner.ts <teacher IPv4>');

const send = (payload: unknown) => process.stdout.write(`${JSON.stringify(payload)}\n`);
const logBook = new LogBook(500, (line) => process.stderr.write(`${line.level} ${line.scope}: ${line.message}\n`), 'debug');
const pool = new MediaServerPool({ logger: logBook.logger('media') });
const service = new CastService({ logger: logBook.logger('cast'), pool, dlnaPollMs: 200 });
const devices = new Map<string, Device>();
const requests: unknown[] = [];
let discovery: DlnaDiscovery | null = null;

pool.on('request', (r) => {
  requests.push(r);
  send({ event: 'request', record: r });
});
service.on('status', (status) => send({ event: 'status', status }));

/** The registry's job, reduced to what the test needs: one Device per report. */
function upsert(id: string, report: DeviceReport, extra: Partial<Device> = {}): Device {
  const device: Device = {
    id,
    name: report.name ?? id,
    kind: report.kind ?? 'screen',
    maker: report.maker ?? null,
    model: report.model ?? null,
    room: null,
    host: report.identity.host ?? null,
    addresses: report.identity.addresses ?? [],
    mac: null,
    capabilities: report.capabilities ?? [],
    sources: [report.source],
    reachability: 'online',
    lastSeen: Date.now(),
    inInventory: false,
    endpoints: { ...(devices.get(id)?.endpoints ?? {}), ...report.endpoints } as Device['endpoints'],
    ...extra,
  };
  devices.set(id, device);
  return device;
}

type Command = { id: number; op: string } & Record<string, unknown>;

async function handle(cmd: Command): Promise<unknown> {
  const str = (k: string) => String(cmd[k] ?? '');
  switch (cmd.op) {
    case 'discover-dlna': {
      if (!discovery) {
        discovery = new DlnaDiscovery({ localAddresses: [localAddress!], logger: logBook.logger('dlna'), searchIntervalMs: 2000 });
        discovery.on('report', (report) => {
          send({ event: 'report', report });
          if (report.identity.udn && report.alive !== false) upsert(`dlna:${report.identity.udn}`, report);
        });
        discovery.on('gone', (gone) => {
          send({ event: 'gone', gone });
          devices.delete(`dlna:${gone.udn}`);
          service.targetGone({ udn: gone.udn, key: `dlna:${gone.udn}` });
        });
        await discovery.start();
      }
      const name = str('name');
      const seen = await discovery.waitFor((r) => !name || r.description.friendlyName === name, Number(cmd['timeoutMs'] ?? 10_000));
      if (!seen) throw new Error(`no DLNA renderer ${name} found`);
      return { udn: seen.udn, location: seen.location, friendlyName: seen.description.friendlyName, control: seen.description.avTransportControlUrl, from: seen.address };
    }
    case 'discover-cast': {
      // mDNS browse on the teacher's interface, the way the discovery service does it.
      const bonjour = new Bonjour({ interface: localAddress, bind: '0.0.0.0' } as never, (e: Error) => process.stderr.write(`mdns: ${e.message}\n`));
      try {
        const found = await new Promise<Bonjour.Service | null>((resolve) => {
          const t = setTimeout(() => resolve(null), Number(cmd['timeoutMs'] ?? 10_000));
          bonjour.find({ type: 'googlecast' }, (s) => {
            if (cmd['name'] && s.txt?.fn !== cmd['name'] && s.name !== cmd['name']) return;
            clearTimeout(t);
            resolve(s);
          });
        });
        if (!found) throw new Error('no _googlecast._tcp receiver found');
        const txt = (found.txt ?? {}) as Record<string, string>;
        const host = (found.addresses ?? []).find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ?? found.host;
        const castId = txt['id'] ?? found.name;
        upsert(
          `cast:${castId}`,
          {
            source: 'mdns',
            identity: { castId, host, addresses: [host] },
            name: txt['fn'] ?? found.name,
            kind: 'cast-receiver',
            capabilities: ['googlecast'],
            endpoints: { googlecast: { port: found.port, castId, busy: txt['st'] === '1' } },
          },
        );
        return { name: txt['fn'] ?? found.name, host, port: found.port, castId, busy: txt['st'] === '1' };
      } finally {
        bonjour.destroy();
      }
    }
    case 'cast': {
      const lines: unknown[] = [];
      const code = await castCommand(
        { service, devices: () => [...devices.values()], write: (l) => lines.push(JSON.parse(l)) },
        { file: str('file'), to: str('to'), json: true, detach: true, takeOver: cmd['takeOver'] === true, page: typeof cmd['page'] === 'number' ? cmd['page'] : undefined },
      );
      return { code, lines };
    }
    case 'timed-cast': {
      // For the benchmark: "Projeter" → the screen accepted it → the renderer says PLAYING (polled
      // tightly here, independently of the service) → the service published "playing" (what the UI shows).
      const location = str('location');
      const renderer = DlnaRenderer.fromDescription(await fetchRendererDescription(location));
      const t0 = performance.now();
      let castId = '';
      const servicePlaying = new Promise<number>((resolve) => {
        const off = service.on('status', (s) => {
          if (!castId && s.state === 'loading') castId = s.castId;
          if (s.castId === castId && s.state === 'playing') {
            off();
            resolve(performance.now() - t0);
          }
        });
      });
      // The renderer has the media: the media server finished a response for it (any range).
      const fetched = new Promise<number>((resolve) => {
        const off = pool.on('request', (r) => {
          if (r.name !== null && r.status < 300) {
            off();
            resolve(performance.now() - t0);
          }
        });
      });
      const rendererPlaying = (async () => {
        for (;;) {
          if ((await renderer.transportInfo()).state === 'PLAYING' && castId) return performance.now() - t0;
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const code = await castCommand(
        { service, devices: () => [...devices.values()], write: () => {} },
        { file: str('file'), to: str('to'), json: true, detach: true },
      );
      const acceptedMs = performance.now() - t0;
      if (code !== 0) throw new Error(`cast failed (${code})`);
      return { acceptedMs, rendererPlayingMs: await rendererPlaying, servicePlayingMs: await servicePlaying, fetchedMs: await fetched };
    }
    case 'stop-remote': {
      const lines: unknown[] = [];
      const code = await castStopCommand({ service, devices: () => [...devices.values()], write: (l) => lines.push(JSON.parse(l)) }, { to: str('to'), json: true });
      return { code, lines };
    }
    case 'pause':
    case 'resume':
    case 'stop':
    case 'refresh':
    case 'next':
    case 'previous': {
      const key = targetFor(str('to'), [...devices.values()]).key;
      const op = cmd.op === 'next' ? 'nextPage' : cmd.op === 'previous' ? 'previousPage' : cmd.op;
      return (service[op as 'pause'] as (k: string) => Promise<unknown>).call(service, key);
    }
    case 'seek':
      return service.seek(targetFor(str('to'), [...devices.values()]).key, Number(cmd['seconds']));
    case 'sessions':
      return service.list();
    case 'transport': {
      const renderer = DlnaRenderer.fromDescription(await fetchRendererDescription(str('location')));
      return { info: await renderer.transportInfo(), position: await renderer.positionInfo() };
    }
    case 'soap': {
      const renderer = DlnaRenderer.fromDescription(await fetchRendererDescription(str('location')));
      return renderer.call(str('action'), (cmd['args'] as [string, string][] | undefined) ?? []);
    }
    case 'requests':
      return requests;
    case 'servers':
      return pool.running();
    default:
      throw new Error(`unknown op ${cmd.op}`);
  }
}

const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  let cmd: Command;
  try {
    cmd = JSON.parse(line) as Command;
  } catch {
    return;
  }
  handle(cmd).then(
    (value) => send({ id: cmd.id, ok: true, value }),
    (e: unknown) => send({ id: cmd.id, ok: false, error: toErrorInfo(e) }),
  );
});
rl.on('close', () => {
  discovery?.stop();
  void service.dispose().then(() => process.exit(0));
});
send({ event: 'ready', localAddress });
