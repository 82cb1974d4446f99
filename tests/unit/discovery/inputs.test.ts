import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { isVirtualInterface, probeTargets, selectInterfaces } from '../../../main/services/discovery/interfaces';
import { parseManualAddress } from '../../../main/services/discovery/host-check';
import { parseSearchReply } from '../../../main/services/discovery/pjlink-search';
import { parseDuration } from '../../../main/cli/scan-runner';

const v4 = (address: string, netmask = '255.255.255.0', internal = false): NetworkInterfaceInfo => ({
  address,
  netmask,
  family: 'IPv4',
  mac: '02:00:00:00:00:01',
  internal,
  cidr: null,
});

const machine = () => ({
  lo: [v4('127.0.0.1', '255.0.0.0', true)],
  wlan0: [v4('192.168.1.20'), { ...v4('fe80::1'), family: 'IPv6' as const, scopeid: 2 }],
  eth0: [v4('10.12.3.40', '255.255.0.0')],
  docker0: [v4('172.17.0.1', '255.255.0.0')],
  vethab12cd: [v4('172.18.0.1')],
  vboxnet0: [v4('192.168.56.1')],
  'vEthernet (WSL)': [v4('172.20.0.1', '255.255.240.0')],
  utun3: [v4('10.8.0.2')],
  ct1a2b3c: [v4('10.143.27.2')],
  enx00: [v4('169.254.10.10', '255.255.0.0')],
});

describe('selectInterfaces', () => {
  it('keeps active IPv4 LAN interfaces (lab veths too), drops loopback, virtual adapters and link-local', () => {
    const list = selectInterfaces({}, machine);
    expect(list.map((i) => i.name)).toEqual(['ct1a2b3c', 'eth0', 'wlan0']);
    const eth0 = list.find((i) => i.name === 'eth0')!;
    expect(eth0).toMatchObject({ address: '10.12.3.40', prefix: 16, broadcast: '10.12.255.255' });
  });

  it('keeps virtual adapters and link-local when asked', () => {
    const names = selectInterfaces({ includeVirtual: true, includeLinkLocal: true }, machine).map((i) => i.name);
    expect(names).toContain('docker0');
    expect(names).toContain('enx00');
    expect(names).not.toContain('lo');
  });

  it('uses exactly the interfaces named (by name or address) when given a list', () => {
    expect(selectInterfaces({ only: ['docker0', '192.168.1.20'] }, machine).map((i) => i.name)).toEqual(['docker0', 'wlan0']);
  });

  it('returns no interface rather than throwing when the OS call fails', () => {
    expect(
      selectInterfaces({}, () => {
        throw new Error('boom');
      }),
    ).toEqual([]);
  });

  it('recognises virtual adapter names on every OS', () => {
    for (const name of ['docker0', 'br-0123456789ab', 'virbr0', 'vmnet8', 'utun2', 'tailscale0', 'VirtualBox Host-Only Network', 'bridge100', 'awdl0']) {
      expect(isVirtualInterface(name), name).toBe(true);
    }
    for (const name of ['eth0', 'wlan0', 'en0', 'Wi-Fi', 'Ethernet', 'enp3s0', 'wlp2s0', 'ct1a2b3c']) expect(isVirtualInterface(name), name).toBe(false);
  });
});

describe('probeTargets', () => {
  it('visits the /24 around the laptop, even on a wider subnet, without its own address', () => {
    const [eth0] = selectInterfaces({ only: ['eth0'] }, machine);
    const targets = probeTargets(eth0!);
    expect(targets).toHaveLength(253);
    expect(targets[0]).toBe('10.12.3.1');
    expect(targets.at(-1)).toBe('10.12.3.254');
    expect(targets).not.toContain('10.12.3.40');
  });

  it('stays inside a smaller subnet', () => {
    const [i] = selectInterfaces({ only: ['x'] }, () => ({ x: [v4('10.0.0.5', '255.255.255.248')] }));
    expect(probeTargets(i!)).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.6']);
  });
});

describe('parseManualAddress', () => {
  it('accepts IPs, host names, ports and forgives a pasted URL', () => {
    expect(parseManualAddress(' 10.0.0.12 ')).toEqual({ host: '10.0.0.12', port: null });
    expect(parseManualAddress('VP-Salle12.ecole.local')).toEqual({ host: 'vp-salle12.ecole.local', port: null });
    expect(parseManualAddress('vp-salle12:4352')).toEqual({ host: 'vp-salle12', port: 4352 });
    expect(parseManualAddress('http://10.0.0.12/index.html')).toEqual({ host: '10.0.0.12', port: null });
    expect(parseManualAddress('[fe80::1]:4352')).toEqual({ host: 'fe80::1', port: 4352 });
    expect(parseManualAddress('écran-12.local')).toEqual({ host: 'écran-12.local', port: null });
  });

  it('rejects what cannot be a device address', () => {
    for (const bad of ['', '   ', '10.0.0', '300.1.1.1', '0.0.0.0', '255.255.255.255', '224.0.0.251', 'a b', '<img src=x>', 'host:99999', 'x'.repeat(400), '-bad-.local', 'vp;rm -rf']) {
      expect(parseManualAddress(bad), bad).toBeNull();
    }
    expect(parseManualAddress(42)).toBeNull();
  });
});

describe('parseSearchReply', () => {
  const from = { address: '10.0.0.7', port: 4352 };
  it('reads ACKN and LKUP lines, tolerant of case and separators', () => {
    expect(parseSearchReply(Buffer.from('%2ACKN=00:11:22:AA:BB:CC\r'), from)).toEqual([{ mac: '00:11:22:aa:bb:cc', address: '10.0.0.7', port: 4352, kind: 'ACKN' }]);
    expect(parseSearchReply('%2lkup=00-11-22-aa-bb-cd\r', from)[0]).toMatchObject({ mac: '00:11:22:aa:bb:cd', kind: 'LKUP' });
  });

  it('ignores our own SRCH, junk, invalid MACs and oversized datagrams', () => {
    expect(parseSearchReply('%2SRCH\r', from)).toEqual([]);
    expect(parseSearchReply('%2ACKN=zz:zz:zz:zz:zz:zz\r', from)).toEqual([]);
    expect(parseSearchReply('%2ACKN=00:00:00:00:00:00\r', from)).toEqual([]);
    expect(parseSearchReply(Buffer.alloc(2000, 0x41), from)).toEqual([]);
    expect(parseSearchReply(Buffer.from([0xff, 0xfe, 0x00, 0x0d]), from)).toEqual([]);
    expect(parseSearchReply('%2ACKN=00:11:22:33:44:55\r', { address: 'not-an-ip', port: 1 })).toEqual([]);
  });
});

describe('parseDuration', () => {
  it('reads the --timeout forms', () => {
    expect(parseDuration('5s')).toBe(5_000);
    expect(parseDuration('1500ms')).toBe(1_500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('3')).toBe(3_000);
    expect(parseDuration(2)).toBe(2_000);
    expect(() => parseDuration('soon')).toThrow(RangeError);
    expect(() => parseDuration(-1)).toThrow(RangeError);
  });
});
