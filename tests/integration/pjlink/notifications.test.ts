/** Class 2 UDP: notifications from the simulator, degraded mode when the port is taken, SRCH/ACKN. */
import { afterEach, describe, expect, it } from 'vitest';
import { createSocket, type Socket } from 'node:dgram';
import { Rig, waitFor } from './helpers';
import { NotificationListener, connectNotifications, type NotificationEvents } from '../../../main/services/pjlink/notifications';
import { ProjectorPoller } from '../../../main/services/pjlink/poller';
import type { PjlinkNotification } from '../../../main/services/pjlink/codec';

const rig = new Rig();
const listeners: NotificationListener[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.stop()));
  for (const s of sockets.splice(0)) s.close();
  await rig.cleanup();
});

async function listener(port = 0): Promise<NotificationListener> {
  const l = new NotificationListener({ port, address: '127.0.0.1' });
  listeners.push(l);
  await l.start();
  return l;
}

describe('notifications', () => {
  it('receives LKUP on start, then POWR, ERST, INPT and AVMT changes', async () => {
    const l = await listener();
    const received: PjlinkNotification[] = [];
    l.on('notification', ({ notification, address }) => {
      expect(address).toBe('127.0.0.1');
      received.push(notification);
    });
    const sim = await rig.sim({ mac: '02:00:00:00:00:01', warmupMs: 50, notify: { host: '127.0.0.1', port: l.port! } });
    await waitFor(() => received.length >= 1);
    expect(received[0]).toEqual({ type: 'link-up', mac: '02:00:00:00:00:01' });
    const client = rig.client(sim);
    await client.setPower(true);
    await waitFor(() => received.some((n) => n.type === 'power' && n.power === 'on'));
    expect(received.filter((n) => n.type === 'power').map((n) => n.type === 'power' && n.power)).toEqual(['warming', 'on']);
    await client.setInput('32');
    await client.setMute('31');
    sim.setError('filter', 'warning');
    await waitFor(() => received.length >= 6);
    expect(received.slice(3)).toEqual([
      { type: 'input', input: '32' },
      { type: 'mute', mute: { video: true, audio: true } },
      { type: 'errors', errors: { fan: 'ok', lamp: 'ok', temperature: 'ok', cover: 'ok', filter: 'warning', other: 'ok' } },
    ]);
  });

  it('updates the poller status from notifications', async () => {
    const l = await listener();
    const sim = await rig.sim({ power: 'on', notify: { host: '127.0.0.1', port: l.port! } });
    const poller = new ProjectorPoller({ manager: rig.manager(), intervals: { fastMs: 60_000, normalMs: 60_000, idleMs: 60_000, offlineMs: 60_000 } });
    const off = connectNotifications(l, poller);
    try {
      poller.watch(sim.address);
      await poller.pollAll();
      sim.setError('temperature', 'error');
      await waitFor(() => poller.get(sim.address)?.errors?.temperature === 'error');
      // A temperature error shuts the lamp down: the power notification follows.
      await waitFor(() => poller.get(sim.address)?.power === 'cooling' || poller.get(sim.address)?.power === 'standby');
    } finally {
      off();
      await poller.dispose();
    }
  });

  it('degrades gracefully when the port is taken', async () => {
    const holder = createSocket('udp4');
    sockets.push(holder);
    await new Promise<void>((resolve) => holder.bind(0, '127.0.0.1', () => resolve()));
    const taken = holder.address().port;
    const l = new NotificationListener({ port: taken, address: '127.0.0.1' });
    listeners.push(l);
    const states: NotificationEvents['state'][] = [];
    l.on('state', (s) => states.push(s));
    expect(await l.start()).toBe(false);
    expect(l.listening).toBe(false);
    expect(states).toEqual([{ listening: false, port: null, reason: 'EADDRINUSE' }]);
  });

  it('ignores malformed datagrams', async () => {
    const l = await listener();
    const got: unknown[] = [];
    l.on('notification', (n) => got.push(n));
    const sender = createSocket('udp4');
    sockets.push(sender);
    for (const junk of ['hello', '%2POWR=9', '%2ERST=12', '\u0000\u0001', '%2LKUP=zz', '%2POWR=1']) {
      sender.send(junk, l.port!, '127.0.0.1');
    }
    await waitFor(() => got.length === 1);
    expect(got[0]).toMatchObject({ notification: { type: 'power', power: 'on' } });
  });
});

describe('SRCH / ACKN', () => {
  it('answers a search on the sender port', async () => {
    const l = await listener();
    const sim = await rig.sim({ mac: '02:00:00:00:00:0a', udp: { port: 0, replyTo: 'source' } });
    const replies: string[] = [];
    l.on('search-reply', ({ mac }) => replies.push(mac));
    await l.search('127.0.0.1', sim.address.udpPort!);
    await waitFor(() => replies.length === 1);
    expect(replies).toEqual(['02:00:00:00:00:0a']);
  });

  it('answers on the PJLink port when the device does so (and both when configured)', async () => {
    const l = await listener();
    const sim = await rig.sim({ mac: '02:00:00:00:00:0b', udp: { port: 0, replyTo: 'both', pjlinkPort: l.port! } });
    // Search from another socket: the reply reaches both that socket and the "4352" listener.
    const sender = createSocket('udp4');
    sockets.push(sender);
    await new Promise<void>((resolve) => sender.bind(0, '127.0.0.1', () => resolve()));
    const onSender: string[] = [];
    sender.on('message', (m) => onSender.push(m.toString()));
    const onListener: string[] = [];
    l.on('search-reply', ({ mac }) => onListener.push(mac));
    sender.send('%2SRCH\r', sim.address.udpPort!, '127.0.0.1');
    await waitFor(() => onSender.length === 1 && onListener.length === 1);
    expect(onSender[0]).toBe('%2ACKN=02:00:00:00:00:0b\r');
    expect(onListener).toEqual(['02:00:00:00:00:0b']);
  });

  it('stays silent on search when its network is unplugged, and class 1 has no UDP', async () => {
    const l = await listener();
    const sim = await rig.sim({ udp: { port: 0, replyTo: 'source' } });
    const class1 = await rig.sim({ pjlinkClass: 1, udp: { port: 0 } });
    expect(class1.address.udpPort).toBeNull();
    await sim.setNetwork(false);
    const replies: string[] = [];
    l.on('search-reply', ({ mac }) => replies.push(mac));
    await l.search('127.0.0.1', sim.address.udpPort!);
    await new Promise((r) => setTimeout(r, 150));
    expect(replies).toEqual([]);
  });
});
