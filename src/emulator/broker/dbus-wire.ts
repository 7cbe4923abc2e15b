/**
 * Just enough of the D-Bus wire protocol to serve the broker double: connect to a bus over a unix
 * socket (SASL EXTERNAL), say Hello, own a name, answer method calls whose arguments and results
 * are strings, and make the few calls on the bus daemon the double needs (NameHasOwner).
 *
 * Why not a library: the pure-JS one (dbus-next) pulls in an optional native part whose build
 * chain (node-gyp 7) gets hoisted over the one keytar's source build needs, breaking installs
 * where keytar has no prebuilt binary. The double needs basic types only: s, o, g, u, b.
 */
import { createConnection, type Socket } from 'node:net';

const METHOD_CALL = 1;
const METHOD_RETURN = 2;
const ERROR = 3;
const NO_REPLY_EXPECTED = 0x1;

const Field = { PATH: 1, INTERFACE: 2, MEMBER: 3, ERROR_NAME: 4, REPLY_SERIAL: 5, DESTINATION: 6, SENDER: 7, SIGNATURE: 8 } as const;

export type WireValue = string | number | boolean;

export interface DBusMessage {
  type: number;
  flags: number;
  serial: number;
  path?: string;
  interface?: string;
  member?: string;
  errorName?: string;
  replySerial?: number;
  destination?: string;
  sender?: string;
  signature: string;
  body: WireValue[];
}

/** Writes little-endian D-Bus values with alignment counted from the start of the message. */
class Writer {
  private buf = Buffer.alloc(256);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  align(n: number): void {
    const pad = (n - (this.length % n)) % n;
    this.ensure(pad);
    this.buf.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  byte(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v;
  }

  uint32(v: number): void {
    this.align(4);
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.length);
    this.length += 4;
  }

  string(v: string): void {
    const bytes = Buffer.from(v, 'utf8');
    this.uint32(bytes.length);
    this.ensure(bytes.length + 1);
    bytes.copy(this.buf, this.length);
    this.length += bytes.length;
    this.buf[this.length++] = 0;
  }

  signature(v: string): void {
    this.byte(v.length);
    this.ensure(v.length + 1);
    this.buf.write(v, this.length, 'ascii');
    this.length += v.length;
    this.buf[this.length++] = 0;
  }

  value(type: string, v: WireValue): void {
    switch (type) {
      case 's':
      case 'o':
        return this.string(String(v));
      case 'g':
        return this.signature(String(v));
      case 'u':
        return this.uint32(Number(v));
      case 'b':
        return this.uint32(v ? 1 : 0);
      default:
        throw new Error(`D-Bus type ${type} is not supported here`);
    }
  }

  patchUint32(at: number, v: number): void {
    this.buf.writeUInt32LE(v, at);
  }

  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}

/** Reads D-Bus values of either byte order. */
class Reader {
  constructor(
    private readonly buf: Buffer,
    private readonly little: boolean,
    public pos = 0,
  ) {}

  align(n: number): void {
    this.pos += (n - (this.pos % n)) % n;
  }

  byte(): number {
    return this.buf[this.pos++];
  }

  uint32(): number {
    this.align(4);
    const v = this.little ? this.buf.readUInt32LE(this.pos) : this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  string(): string {
    const len = this.uint32();
    const v = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len + 1;
    return v;
  }

  signature(): string {
    const len = this.byte();
    const v = this.buf.toString('ascii', this.pos, this.pos + len);
    this.pos += len + 1;
    return v;
  }

  value(type: string): WireValue {
    switch (type) {
      case 's':
      case 'o':
        return this.string();
      case 'g':
        return this.signature();
      case 'u':
        return this.uint32();
      case 'b':
        return this.uint32() !== 0;
      case 'y':
        return this.byte();
      default:
        throw new Error(`D-Bus type ${type} is not supported here`);
    }
  }
}

function encode(m: Omit<DBusMessage, 'body' | 'signature'> & { signature?: string; body?: WireValue[] }): Buffer {
  const w = new Writer();
  w.byte('l'.charCodeAt(0));
  w.byte(m.type);
  w.byte(m.flags);
  w.byte(1);
  w.uint32(0); // body length, patched below
  w.uint32(m.serial);
  const fields: [number, string, WireValue][] = [];
  if (m.path) fields.push([Field.PATH, 'o', m.path]);
  if (m.interface) fields.push([Field.INTERFACE, 's', m.interface]);
  if (m.member) fields.push([Field.MEMBER, 's', m.member]);
  if (m.errorName) fields.push([Field.ERROR_NAME, 's', m.errorName]);
  if (m.replySerial !== undefined) fields.push([Field.REPLY_SERIAL, 'u', m.replySerial]);
  if (m.destination) fields.push([Field.DESTINATION, 's', m.destination]);
  if (m.signature) fields.push([Field.SIGNATURE, 'g', m.signature]);
  w.uint32(0); // header fields array length, patched below
  const start = w.length; // already 8-aligned (offset 16)
  for (const [code, type, value] of fields) {
    w.align(8);
    w.byte(code);
    w.signature(type);
    w.value(type, value);
  }
  w.patchUint32(12, w.length - start);
  w.align(8);
  const bodyStart = w.length;
  const types = m.signature ?? '';
  (m.body ?? []).forEach((v, i) => w.value(types[i], v));
  w.patchUint32(4, w.length - bodyStart);
  return Buffer.from(w.bytes());
}

/** One whole message at the front of buf, or null when more bytes are needed. */
function decode(buf: Buffer): { message: DBusMessage; size: number } | null {
  if (buf.length < 16) return null;
  const little = buf[0] === 'l'.charCodeAt(0);
  const r = new Reader(buf, little, 4);
  const bodyLength = r.uint32();
  const serial = r.uint32();
  const fieldsLength = r.uint32();
  const headerEnd = 16 + fieldsLength;
  const bodyStart = headerEnd + ((8 - (headerEnd % 8)) % 8);
  const size = bodyStart + bodyLength;
  if (buf.length < size) return null;
  const m: DBusMessage = { type: buf[1], flags: buf[2], serial, signature: '', body: [] };
  while (r.pos < headerEnd) {
    r.align(8);
    const code = r.byte();
    const type = r.signature();
    const value = r.value(type);
    if (code === Field.PATH) m.path = String(value);
    else if (code === Field.INTERFACE) m.interface = String(value);
    else if (code === Field.MEMBER) m.member = String(value);
    else if (code === Field.ERROR_NAME) m.errorName = String(value);
    else if (code === Field.REPLY_SERIAL) m.replySerial = Number(value);
    else if (code === Field.DESTINATION) m.destination = String(value);
    else if (code === Field.SENDER) m.sender = String(value);
    else if (code === Field.SIGNATURE) m.signature = String(value);
  }
  const body = new Reader(buf.subarray(0, size), little, bodyStart);
  try {
    for (const type of m.signature) m.body.push(body.value(type));
  } catch {
    m.body = []; // a signature we do not read (not one the broker interface uses)
  }
  return { message: m, size };
}

export type MethodHandler = (args: WireValue[], message: DBusMessage) => Promise<{ signature: string; body: WireValue[] }>;

export class DBusError extends Error {
  constructor(
    /** The D-Bus error name, e.g. org.freedesktop.DBus.Error.Failed. */
    readonly errorName: string,
    message: string,
  ) {
    super(message);
  }
}

/** A connection to one bus: calls out, and method handlers per object path and interface. */
export class DBusConnection {
  private serial = 0;
  private pending = new Map<number, { resolve: (m: DBusMessage) => void; reject: (e: Error) => void }>();
  private handlers = new Map<string, MethodHandler>();
  private input: Buffer = Buffer.alloc(0);
  private closed = false;
  uniqueName = '';

  private constructor(private readonly socket: Socket) {}

  /** Connects to a `unix:path=...` or `unix:abstract=...` address and says Hello. */
  static async connect(address: string): Promise<DBusConnection> {
    const params = new Map((address.split(';')[0].replace(/^unix:/, '').split(',') as string[]).map((kv) => kv.split('=') as [string, string]));
    const path = params.get('path') ?? (params.has('abstract') ? `\0${params.get('abstract')}` : undefined);
    if (!path) throw new Error(`Unsupported D-Bus address: ${address.split(',')[0]}`);
    const socket = createConnection(path);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const uid = String(process.getuid?.() ?? 0);
    // SASL: a NUL byte, then EXTERNAL with our uid in hex; the daemon checks it against the socket's credentials.
    socket.write(`\0AUTH EXTERNAL ${Buffer.from(uid).toString('hex')}\r\n`);
    const reply = await new Promise<string>((resolve, reject) => {
      let text = '';
      const onData = (chunk: Buffer): void => {
        text += chunk.toString('latin1');
        if (text.includes('\r\n')) {
          socket.off('data', onData);
          resolve(text);
        }
      };
      socket.on('data', onData).once('error', reject);
    });
    if (!reply.startsWith('OK ')) {
      socket.destroy();
      throw new Error(`D-Bus authentication failed: ${reply.trim()}`);
    }
    socket.write('BEGIN\r\n');
    const connection = new DBusConnection(socket);
    socket.on('data', (chunk: Buffer) => connection.receive(chunk));
    socket.on('close', () => connection.fail(new Error('The D-Bus connection closed.')));
    socket.on('error', (error) => connection.fail(error));
    const hello = await connection.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'Hello');
    connection.uniqueName = String(hello[0]);
    return connection;
  }

  /** Answers `interface.member` calls on `path`; a handler's DBusError becomes a D-Bus error reply. */
  handle(path: string, iface: string, member: string, handler: MethodHandler): void {
    this.handlers.set(`${path}\n${iface}\n${member}`, handler);
  }

  call(destination: string, path: string, iface: string, member: string, signature = '', body: WireValue[] = []): Promise<WireValue[]> {
    const serial = ++this.serial;
    return new Promise((resolve, reject) => {
      this.pending.set(serial, {
        resolve: (m) => (m.type === ERROR ? reject(new DBusError(m.errorName ?? 'org.freedesktop.DBus.Error.Failed', String(m.body[0] ?? m.errorName))) : resolve(m.body)),
        reject,
      });
      this.send({ type: METHOD_CALL, flags: 0, serial, destination, path, interface: iface, member, signature, body });
    });
  }

  async requestName(name: string): Promise<boolean> {
    // Flags 4 = DO_NOT_QUEUE; reply 1 = PRIMARY_OWNER.
    const [reply] = await this.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'RequestName', 'su', [name, 4]);
    return reply === 1;
  }

  async nameHasOwner(name: string): Promise<boolean> {
    const [owned] = await this.call('org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'NameHasOwner', 's', [name]);
    return owned === true;
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private send(m: Parameters<typeof encode>[0]): void {
    if (!this.closed) this.socket.write(encode(m));
  }

  private fail(error: Error): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private receive(chunk: Buffer): void {
    this.input = this.input.length ? Buffer.concat([this.input, chunk]) : chunk;
    for (;;) {
      const decoded = decode(this.input);
      if (!decoded) return;
      this.input = this.input.subarray(decoded.size);
      this.dispatch(decoded.message);
    }
  }

  private dispatch(m: DBusMessage): void {
    if ((m.type === METHOD_RETURN || m.type === ERROR) && m.replySerial !== undefined) {
      const p = this.pending.get(m.replySerial);
      this.pending.delete(m.replySerial);
      p?.resolve(m);
      return;
    }
    if (m.type !== METHOD_CALL) return; // signals (NameAcquired, ...) need no answer
    const reply = (r: { type: number; errorName?: string; signature: string; body: WireValue[] }): void => {
      if (m.flags & NO_REPLY_EXPECTED) return;
      this.send({ ...r, flags: NO_REPLY_EXPECTED, serial: ++this.serial, replySerial: m.serial, destination: m.sender });
    };
    if (m.interface === 'org.freedesktop.DBus.Peer' && m.member === 'Ping') return reply({ type: METHOD_RETURN, signature: '', body: [] });
    const handler = this.handlers.get(`${m.path}\n${m.interface}\n${m.member}`);
    if (!handler) {
      return reply({ type: ERROR, errorName: 'org.freedesktop.DBus.Error.UnknownMethod', signature: 's', body: [`No method ${m.interface}.${m.member} on ${m.path}`] });
    }
    handler(m.body, m).then(
      (result) => reply({ type: METHOD_RETURN, ...result }),
      (error: unknown) => {
        const e = error instanceof DBusError ? error : new DBusError('org.freedesktop.DBus.Error.Failed', 'The method failed.');
        reply({ type: ERROR, errorName: e.errorName, signature: 's', body: [e.message] });
      },
    );
  }
}
