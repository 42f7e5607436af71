// `COPY ... FROM STDIN` over node-postgres without another dependency: a submittable query
// that streams text-format rows through the connection's CopyData messages.
'use strict';

const { Buffer } = require('node:buffer');

const CHUNK_BYTES = 1 << 20;

class CopyIn {
  /**
   * @param {string} text the COPY statement (FROM STDIN, text format)
   * @param {Iterable<string>} lines rows already escaped with copyRow(), each ending in \n
   */
  constructor(text, lines) {
    this.text = text;
    this.lines = lines;
    this.rowCount = 0;
    this.error = null;
    this.finished = false;
    this.callback = () => undefined;
  }

  finish(err) {
    if (this.finished) return;
    this.finished = true;
    this.callback(err, this.rowCount);
  }

  submit(connection) {
    connection.query(this.text);
  }

  handleCopyInResponse(connection) {
    const iterator = this.lines[Symbol.iterator]();
    const pump = () => {
      try {
        while (!this.finished) {
          let buf = '';
          let done = false;
          while (buf.length < CHUNK_BYTES) {
            const next = iterator.next();
            if (next.done) {
              done = true;
              break;
            }
            buf += next.value;
          }
          if (buf) connection.sendCopyFromChunk(Buffer.from(buf, 'utf8'));
          if (done) {
            connection.endCopyFrom();
            return;
          }
          if (connection.stream.writableNeedDrain) {
            connection.stream.once('drain', pump);
            return;
          }
        }
      } catch (err) {
        this.error = err;
        connection.sendCopyFail(String(err && err.message ? err.message : err));
      }
    };
    pump();
  }

  handleCommandComplete(msg) {
    const m = /COPY (\d+)/.exec(msg.text || '');
    if (m) this.rowCount = Number(m[1]);
  }

  handleReadyForQuery() {
    this.finish(this.error);
  }

  // node-postgres drops the active query on an error and expects it to finish then (the
  // server has left copy mode: whatever is still sent is ignored).
  handleError(err) {
    this.error = this.error || err;
    this.finish(this.error);
  }

  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Run a COPY FROM STDIN on a connected pg Client; resolves to the number of rows copied. */
function copyInto(client, table, columns, lines) {
  const sql = `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`;
  return new Promise((resolve, reject) => {
    const q = new CopyIn(sql, lines);
    q.callback = (err, n) => (err ? reject(err) : resolve(n));
    client.query(q);
  });
}

/** One value in COPY text format: \N for null, arrays as {..}, backslash escapes. */
function copyValue(v) {
  if (v === null || v === undefined) return '\\N';
  if (Array.isArray(v)) return escapeText(pgArray(v));
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return escapeText(JSON.stringify(v));
  return escapeText(String(v));
}

function escapeText(s) {
  return s.replace(/[\\\n\r\t]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t',
  );
}

/** A PostgreSQL array literal of text (every element quoted). */
function pgArray(values) {
  return `{${values.map((x) => `"${String(x).replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function copyRow(values) {
  return `${values.map(copyValue).join('\t')}\n`;
}

module.exports = { copyInto, copyRow };
