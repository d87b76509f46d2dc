// A minimal POSIX ustar archive writer: Framework extracts `departments/<code>/projects.arrow` and the
// like from a loader's .tar output.

/** One member: 512-byte header, the bytes, zero padding to a 512-byte boundary. */
function tarEntry(name: string, data: Uint8Array): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar member name too long: ${name}`);
  const header = Buffer.alloc(512);
  const field = (text: string, offset: number, length: number) => header.write(text, offset, length, "ascii");
  header.write(name, 0, 100, "utf8");
  field("0000644\0", 100, 8);
  field("0000000\0", 108, 8);
  field("0000000\0", 116, 8);
  field(data.length.toString(8).padStart(11, "0") + "\0", 124, 12);
  field("00000000000\0", 136, 12);
  field("        ", 148, 8);
  field("0", 156, 1);
  field("ustar\0" + "00", 257, 8);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  field(checksum.toString(8).padStart(6, "0") + "\0 ", 148, 8);
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

/** The members in order, then the two zero blocks that end an archive. */
export function tarArchive(members: [name: string, data: Uint8Array][]): Uint8Array {
  return Buffer.concat([...members.map(([name, data]) => tarEntry(name, data)), Buffer.alloc(1024)]);
}
