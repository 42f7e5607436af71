import { buffer } from 'node:stream/consumers';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';

/** Every entry of a ZIP, in order, with its bytes (read with yauzl, CRCs checked). */
export async function unzip(bytes: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(bytes, { lazyEntries: true, strictFileNames: true }, (err, z) =>
      err ? reject(err) : resolve(z),
    ),
  );
  const out: { name: string; data: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        buffer(stream).then((data) => {
          out.push({ name: entry.fileName, data });
          zip.readEntry();
        }, reject);
      });
    });
    zip.readEntry();
  });
  return out;
}
