/**
 * The lab itself: two namespaces joined by a veth pair, reachable from each other and nowhere else,
 * torn down completely; a real avahi-daemon starts in the room and answers a multicast query.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLab } from './harness/lab';

const run = promisify(execFile);

describe('the lab harness', () => {
  it('creates two connected namespaces and removes them on close', async () => {
    const lab = await createLab();
    try {
      const { stdout: routes } = await lab.exec(lab.teacherNs, 'ip', ['-4', 'route']);
      expect(routes).toContain(`${lab.prefix}.0/24 dev ${lab.teacherIf}`);
      expect(routes).not.toContain('default');
      // A TCP listener in the room namespace is reachable from the teacher namespace.
      const server = lab.spawn(lab.roomNs, process.execPath, ['-e', `require('net').createServer(s=>s.end('salut')).listen(4352,'${lab.roomIp}',()=>console.log('ready'))`]);
      await new Promise<void>((resolve) => server.stdout!.once('data', () => resolve()));
      const { stdout } = await lab.exec(lab.teacherNs, process.execPath, ['-e', `require('net').connect(4352,'${lab.roomIp}').on('data',d=>{process.stdout.write(d);process.exit(0)})`]);
      expect(stdout).toBe('salut');
    } finally {
      await lab.close();
    }
    const { stdout } = await run('ip', ['netns', 'list']);
    expect(stdout).not.toContain(lab.teacherNs);
    expect(stdout).not.toContain(lab.roomNs);
  });

  it('runs a real avahi-daemon in the room that answers mDNS queries from the teacher', async () => {
    const lab = await createLab();
    try {
      await lab.startAvahi([{ name: 'Écran salle 12', type: '_googlecast._tcp', port: 8009, txt: ['fn=Écran salle 12'] }]);
      // A raw one-shot DNS-SD query with multicast-dns (bonjour-service's own transport), from the teacher side.
      const script = `
        const mdns = require('multicast-dns')({ interface: '${lab.teacherIp}', bind: '0.0.0.0' });
        mdns.on('response', (r) => {
          const ptr = r.answers.find((a) => a.type === 'PTR' && a.name === '_googlecast._tcp.local');
          if (ptr) { console.log(ptr.data); process.exit(0); }
        });
        mdns.query({ questions: [{ name: '_googlecast._tcp.local', type: 'PTR' }] });
        setTimeout(() => process.exit(3), 5000);`;
      const { stdout } = await lab.exec(lab.teacherNs, process.execPath, ['-e', script]);
      expect(stdout.trim()).toBe('Écran salle 12._googlecast._tcp.local');
    } finally {
      await lab.close();
    }
  });
});
