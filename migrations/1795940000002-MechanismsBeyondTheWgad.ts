import { MigrationInterface, QueryRunner } from 'typeorm';

const q = (values: string[]) => values.map((v) => `'${v}'`).join(', ');
const MECHANISMS_BEFORE = ['wgad', 'special_procedures', 'unhrc', 'upr', 'achpr', 'iachr', 'other'];
const MECHANISMS_AFTER = [
  ...MECHANISMS_BEFORE,
  'wgeid',
  'ced',
  'hrcttee',
  'cat',
  'cedaw',
  'cerd',
  'cescr',
  'crc',
  'crpd',
  'cmw',
  'sg_reprisals',
  'ecthr',
  'african_court',
];
const KINDS_BEFORE = [
  'wgad_regular',
  'wgad_urgent_action',
  'sp_urgent_appeal',
  'sp_allegation_letter',
  'hrc_statement',
  'hrc_side_event',
  'upr_submission',
  'regional_communication',
];
const KINDS_AFTER = [
  ...KINDS_BEFORE,
  'wgeid_communication',
  'wgeid_urgent_action',
  'ced_urgent_action',
  'treaty_communication',
  'treaty_interim_measures',
  'reprisals_report',
  'iachr_precautionary_measures',
  'achpr_provisional_measures',
  'ecthr_rule_39',
  'african_court_provisional',
];

/**
 * The mechanisms beyond the WGAD and the Special Procedures (issue 21): the WGEID, the CED,
 * the treaty bodies, the Secretary-General's reprisals report, the regional courts; and the
 * kinds of escalation each takes, each with its own procedure table. Existing escalations keep
 * their mechanism and kind.
 */
export class MechanismsBeyondTheWgad1795940000002 implements MigrationInterface {
  name = 'MechanismsBeyondTheWgad1795940000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await this.checks(queryRunner, MECHANISMS_AFTER, KINDS_AFTER);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM escalations WHERE kind NOT IN (${q(KINDS_BEFORE)}) OR mechanism NOT IN (${q(MECHANISMS_BEFORE)})`,
    );
    await this.checks(queryRunner, MECHANISMS_BEFORE, KINDS_BEFORE);
  }

  private async checks(queryRunner: QueryRunner, mechanisms: string[], kinds: string[]) {
    await queryRunner.query(
      `ALTER TABLE "escalations" DROP CONSTRAINT "escalations_mechanism_check"`,
    );
    await queryRunner.query(
      `ALTER TABLE "escalations" ADD CONSTRAINT "escalations_mechanism_check" CHECK (mechanism IN (${q(mechanisms)}))`,
    );
    await queryRunner.query(`ALTER TABLE "escalations" DROP CONSTRAINT "escalations_kind_check"`);
    await queryRunner.query(
      `ALTER TABLE "escalations" ADD CONSTRAINT "escalations_kind_check" CHECK (kind IN (${q(kinds)}))`,
    );
  }
}
