/**
 * TEST ONLY — a minimal ProjectorInfoReader so discovery can be tested before the real PJLink client
 * (main/services/pjlink) is merged; the lead swaps in the real client's reader then. It reads the
 * greeting and asks NAME, INF1, INF2, CLSS, INST and, for class 2, INNM of each input; no password
 * support (a protected projector is reported as authRequired with nothing else).
 */
import { Socket } from 'node:net';
import type { ProjectorInfo, ProjectorInfoReader } from '../../main/services/discovery/projector-info';

export function createTestInfoReader(timeoutMs = 4_000): ProjectorInfoReader {
  return (host, port) =>
    new Promise<ProjectorInfo>((resolve, reject) => {
      const socket = new Socket();
      let buffer = '';
      const waiting: ((line: string) => void)[] = [];
      const timer = setTimeout(() => fail(new Error('timeout')), timeoutMs);
      const fail = (e: Error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(e);
      };
      socket.on('error', fail);
      socket.on('close', () => fail(new Error('closed')));
      socket.on('data', (chunk: Buffer) => {
        // PJLink class 2 names may be UTF-8.
        buffer += chunk.toString('utf8');
        let cr: number;
        while ((cr = buffer.indexOf('\r')) >= 0) {
          const line = buffer.slice(0, cr);
          buffer = buffer.slice(cr + 1);
          waiting.shift()?.(line);
        }
      });
      const nextLine = () => new Promise<string>((r) => waiting.push(r));
      const ask = async (cls: 1 | 2, cmd: string, param = '?'): Promise<string | null> => {
        const reply = nextLine();
        socket.write(`%${cls}${cmd} ${param}\r`);
        const line = await reply;
        const m = new RegExp(`^%${cls}${cmd}=(.*)$`, 'i').exec(line);
        if (!m || /^ERR[1-4A]$/i.test(m[1]!)) return null;
        return m[1]!;
      };
      void (async () => {
        const greeting = nextLine();
        socket.connect({ host, port });
        const hello = await greeting;
        if (/^PJLINK 1/i.test(hello)) {
          clearTimeout(timer);
          socket.removeAllListeners('close');
          socket.destroy();
          return resolve({ name: null, maker: null, model: null, pjlinkClass: null, authRequired: true });
        }
        if (!/^PJLINK 0/i.test(hello)) throw new Error(`not PJLink: ${hello.slice(0, 20)}`);
        const name = await ask(1, 'NAME');
        const maker = await ask(1, 'INF1');
        const model = await ask(1, 'INF2');
        const clss = await ask(1, 'CLSS');
        const inst = await ask(1, 'INST');
        const pjlinkClass = clss && /2/.test(clss) ? 2 : clss && /1/.test(clss) ? 1 : null;
        const codes = (inst ?? '').split(/\s+/).filter((c) => /^[1-6][0-9A-Z]$/i.test(c)).slice(0, 16);
        const inputs: { code: string; name: string | null }[] = [];
        for (const code of codes) inputs.push({ code, name: pjlinkClass === 2 ? await ask(2, 'INNM', `?${code}`) : null });
        clearTimeout(timer);
        socket.removeAllListeners('close');
        socket.end();
        resolve({ name, maker, model, pjlinkClass, authRequired: false, inputs });
      })().catch((e: Error) => fail(e));
    });
}
