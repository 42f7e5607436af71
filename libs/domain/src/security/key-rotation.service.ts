import { Injectable } from '@nestjs/common';
import { AuditService, FieldCipher, SYSTEM_ACTOR } from '@witness/platform';
import { DataSource } from 'typeorm';
import { ENCRYPTED_COLUMNS } from '../shared/encrypted-columns';

/**
 * Re-encrypt every sensitive value under the active key (after adding a new key in front of
 * WITNESS_ENCRYPTION_KEYS), column by column of the registry `ENCRYPTED_COLUMNS`. Batches of
 * rows, each batch in its own transaction (waiting for rows
 * another writer holds, so none is skipped); safe to run again after an interruption. Versions are not touched: the content did not change.
 */
@Injectable()
export class KeyRotationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
  ) {}

  async rotate(batch = 500): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const active = this.cipher.activeKeyId;
    for (const { table, column, context, idColumn: id } of ENCRYPTED_COLUMNS) {
      let n = 0;
      for (;;) {
        const done = await this.dataSource.transaction(async (tx) => {
          const rows: { id: string; value: string }[] = await tx.query(
            `SELECT ${id}::text AS id, ${column} AS value FROM ${table}
              WHERE ${column} IS NOT NULL AND split_part(${column}, '.', 2) <> $1
              ORDER BY ${id} LIMIT $2 FOR UPDATE`,
            [active, batch],
          );
          for (const r of rows) {
            const ctx = FieldCipher.context(table, context, r.id);
            const plain = this.cipher.decrypt(r.value, ctx);
            await tx.query(`UPDATE ${table} SET ${column} = $2 WHERE ${id} = $1`, [
              r.id,
              this.cipher.encrypt(plain, ctx),
            ]);
          }
          return rows.length;
        });
        n += done;
        if (done < batch) break;
      }
      counts[`${table}.${column}`] = n;
    }
    await this.audit.record(null, SYSTEM_ACTOR, {
      action: 'keys.rotate',
      entityType: 'keyring',
      entityId: active,
      changes: counts,
    });
    return counts;
  }
}
