import { spawn } from 'node:child_process';

/**
 * The text of a PDF, extracted by poppler's `pdftotext` (Debian package poppler-utils): the PDF
 * goes in on stdin, UTF-8 text comes out on stdout, pages separated by form feeds. For tests
 * and checks of generated dossiers; not meant for untrusted PDFs on a hot path.
 *
 * `raw` keeps the text in the order the PDF draws it (a table's label, then its value) rather
 * than reconstructing the reading order, which can interleave the lines of two cells.
 */
export function extractPdfText(
  pdf: Buffer,
  timeoutMs = 20_000,
  options: { raw?: boolean } = {},
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const args = ['-enc', 'UTF-8', ...(options.raw ? ['-raw'] : []), '-', '-'];
    const child = spawn('pdftotext', args, {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    const finish = (error: Error | null, text?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(text ?? '');
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new Error(`pdftotext took longer than ${timeoutMs} ms`));
    }, timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(
        error.code === 'ENOENT'
          ? new Error('pdftotext was not found: install the Debian package poppler-utils')
          : error,
      );
    });
    child.on('close', (code, signal) => {
      if (code === 0) finish(null, Buffer.concat(out).toString('utf8'));
      else {
        const stderr = Buffer.concat(err).toString('utf8').trim();
        finish(
          new Error(`pdftotext failed (${signal ?? `exit ${code}`}): ${stderr || 'no output'}`),
        );
      }
    });
    // A PDF pdftotext rejects early may close stdin under us: the exit code reports it.
    child.stdin.on('error', () => undefined);
    child.stdin.end(pdf);
  });
}
