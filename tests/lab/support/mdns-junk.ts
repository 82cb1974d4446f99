/**
 * Sends malformed mDNS packets to 224.0.0.251:5353 from the lab's room namespace: random bytes, a
 * truncated header, a response whose record lengths lie, a compression loop, a huge TXT. Discovery in
 * the teacher namespace must shrug them off.
 *   node --import tsx tests/lab/support/mdns-junk.ts <room address>
 */
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

const address = process.argv[2]!;
const socket = createSocket({ type: 'udp4', reuseAddr: true });

function header(an: number): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(0x8400, 2); // response, authoritative
  h.writeUInt16BE(an, 6);
  return h;
}

const name = (labels: string[]) => Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])), Buffer.from([0])]);

const packets: Buffer[] = [
  randomBytes(200),
  Buffer.from([0, 0, 0x84]),
  // One answer announced, a PTR whose rdlength is far beyond the packet.
  Buffer.concat([header(1), name(['_googlecast', '_tcp', 'local']), Buffer.from([0, 12, 0, 1, 0, 0, 0x11, 0x94, 0xff, 0xff])]),
  // A name that points at itself (compression loop).
  Buffer.concat([header(1), Buffer.from([0xc0, 12]), Buffer.from([0, 12, 0, 1, 0, 0, 0, 10, 0, 2, 0xc0, 12])]),
  // 40 answers announced, none present.
  header(40),
];
// A "valid" PTR to an instance whose SRV and TXT never come, with control characters in its name.
const instance = ['Bad\u0000\u001b[2J name', '_googlecast', '_tcp', 'local'];
const ptrData = name(instance);
const ptrLen = Buffer.alloc(2);
ptrLen.writeUInt16BE(ptrData.length);
packets.push(Buffer.concat([header(1), name(['_googlecast', '_tcp', 'local']), Buffer.from([0, 12, 0, 1, 0, 0, 0, 120]), ptrLen, ptrData]));

socket.bind(0, address, () => {
  socket.setMulticastInterface(address);
  let left = packets.length * 5;
  for (let round = 0; round < 5; round++) {
    for (const p of packets) {
      socket.send(p, 5353, '224.0.0.251', () => {
        if (--left === 0) socket.close();
      });
    }
  }
});
