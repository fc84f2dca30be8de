import { parseListeningInodes, parseProcStat } from './proc-files';

describe('parseProcStat', () => {
  it('reads the CPU time and start time even when the command name has spaces and parentheses', () => {
    const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
    fields[14 - 3] = '120'; // utime
    fields[15 - 3] = '30'; // stime
    fields[16 - 3] = '999'; // cutime: children's time, not counted
    fields[4 - 3] = '77'; // ppid
    fields[22 - 3] = '4242'; // starttime
    const stat = parseProcStat(`1234 (postgres: 15/main: (x) y) ${fields.join(' ')}`);
    expect(stat).toEqual({ pid: 1234, ppid: 77, cpuMs: 1500, startTime: 4242 });
  });

  it('gives nothing for text without a command name', () => {
    expect(parseProcStat('garbage')).toBeUndefined();
  });
});

describe('parseListeningInodes', () => {
  const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
  const row = (local: string, state: string, inode: string) =>
    `   0: ${local} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000   105        0 ${inode} 1 0 100 0 0 10 0`;

  it('finds listeners on loopback and on every address, not on other addresses or in other states', () => {
    const text = [
      header,
      row('0100007F:1538', '0A', '111'), // 127.0.0.1:5432 listening
      row('00000000:1538', '0A', '222'), // 0.0.0.0:5432 listening
      row('01D5DC0A:1538', '0A', '333'), // 10.220.213.1:5432: a forwarder on a veth address
      row('0100007F:1538', '01', '444'), // an established connection
      row('0100007F:18EB', '0A', '555'), // another port
    ].join('\n');
    expect(parseListeningInodes(text, 5432)).toEqual(['111', '222']);
  });
});
