import { Injectable, Logger } from '@nestjs/common';
import {
  AuditService,
  ConflictError,
  ForbiddenError,
  ValidationFailedError,
  type FieldError,
} from '@witness/platform';
import type { EntityManager } from 'typeorm';
import { caseVisibleSql, seesAllCases, DefenderAssignee } from '../access';
import { Defender } from '../defenders';
import { DetentionEvent } from '../detention';
import { EscalationDefender } from '../escalations';
import type { Actor } from '../shared/actor';
import { documentVisibleSql, seesConfidentialDocuments } from './document-access';
import type { PreparedFile } from './document-intake';
import { Document, DocumentVersion } from './document.entity';
import type { DocumentInput } from './document.types';

/**
 * What an upload or a change of a document must pass, and who may see a confidential one:
 * need-to-know for the case, the confidential mark, links to the case's events and
 * escalations, and the same file twice on a case.
 */
@Injectable()
export class DocumentChecks {
  private readonly logger = new Logger('documents');

  constructor(private readonly audit: AuditService) {}

  /** Need-to-know for the case, checked in SQL without recording anything. */
  async caseVisible(m: EntityManager, defenderId: string, actor: Actor): Promise<boolean> {
    const visible = caseVisibleSql(actor, 'd');
    const n = await m
      .createQueryBuilder(Defender, 'd')
      .where('d.id = :defenderId AND d.archived_at IS NULL', { defenderId })
      .andWhere(visible.where, visible.params)
      .getCount();
    return n > 0;
  }

  async seesConfidential(m: EntityManager, actor: Actor, defenderId: string): Promise<boolean> {
    if (seesAllCases(actor)) return true;
    if (actor.role !== 'caseworker' || !actor.userId) return false;
    const assigned = (await m.countBy(DefenderAssignee, { defenderId, userId: actor.userId })) > 0;
    return seesConfidentialDocuments(actor, assigned);
  }

  async mustSeeConfidential(
    m: EntityManager,
    actor: Actor,
    defenderId: string,
    field: string,
  ): Promise<void> {
    if (!(await this.seesConfidential(m, actor, defenderId)))
      throw new ForbiddenError(
        `Only the caseworkers assigned to this case, coordinators and admins may mark a document confidential (${field}): you would no longer see it yourself.`,
      );
  }

  /** An attempt on a confidential document the actor may not see: recorded, answered 404. */
  async recordDenial(m: EntityManager, actor: Actor, doc: Document): Promise<void> {
    const entry = {
      action: 'access.denied',
      entityType: 'document',
      entityId: doc.id,
      subjectId: doc.defenderId,
      changes: { reason: 'confidential document' },
    };
    // As AccessService does: never a second pool connection while holding a transaction's.
    if (m.queryRunner?.isTransactionActive) {
      this.audit
        .record(null, actor, entry)
        .catch((err: unknown) => this.logger.error({ err }, 'could not record an access denial'));
    } else {
      await this.audit.record(null, actor, entry);
    }
  }

  /**
   * A linked event must be on this case's timeline; a linked escalation must concern this
   * case, and every case it concerns must be visible to the actor.
   */
  async checkLinks(
    m: EntityManager,
    defenderId: string,
    links: Pick<DocumentInput, 'eventId' | 'escalationId'>,
    actor: Actor,
  ): Promise<void> {
    const errors: FieldError[] = [];
    if (links.eventId) {
      const found = await m.countBy(DetentionEvent, { id: links.eventId, defenderId });
      if (!found)
        errors.push({ field: 'eventId', message: "is not an event on this case's timeline" });
    }
    if (links.escalationId) {
      const linked = await m.countBy(EscalationDefender, {
        escalationId: links.escalationId,
        defenderId,
      });
      const visible = caseVisibleSql(actor, 'd');
      const hidden = linked
        ? await m
            .createQueryBuilder()
            .from(EscalationDefender, 'ed')
            .innerJoin('defenders', 'd', 'd.id = ed.defender_id')
            .where('ed.escalation_id = :eid', { eid: links.escalationId })
            .andWhere(`NOT (${visible.where})`, visible.params)
            .getCount()
        : 0;
      if (!linked || hidden)
        errors.push({ field: 'escalationId', message: 'is not an escalation of this case' });
    }
    if (errors.length) throw new ValidationFailedError(errors);
  }

  /**
   * The same file (by the SHA-256 of what was received) already on this case, in a document
   * the actor can see: 409 naming it, unless `allowDuplicate` was sent.
   */
  async assertNoDuplicate(
    m: EntityManager,
    defenderId: string,
    prepared: PreparedFile,
    actor: Actor,
  ): Promise<void> {
    const visible = documentVisibleSql(actor, 'doc');
    const found = await m
      .createQueryBuilder(DocumentVersion, 'v')
      .innerJoin(Document, 'doc', 'doc.id = v.document_id')
      .select(['v.documentId AS "documentId"', 'v.versionNo AS "versionNo"', 'doc.title AS title'])
      .where('doc.defender_id = :defenderId AND v.sha256 = :sha', {
        defenderId,
        sha: prepared.sha256,
      })
      .andWhere(visible.where, visible.params)
      .orderBy('v.created_at', 'ASC')
      .limit(1)
      .getRawOne<{ documentId: string; versionNo: number; title: string }>();
    if (found) {
      throw new ConflictError(
        `This file is already on the case: version ${found.versionNo} of "${found.title}" (document ${found.documentId}). Open that document, or send allowDuplicate=true to keep a second copy.`,
        {
          duplicateOf: {
            documentId: found.documentId,
            versionNo: Number(found.versionNo),
            title: found.title,
          },
        },
      );
    }
  }
}
