import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  CONSENT_DECISIONS,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  type ConsentDecision,
  type ConsentGiver,
  type ConsentMethod,
  type ConsentPurpose,
} from '@witness/domain';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsCalendarDate } from '../http/validators';

export class CreateConsentDto {
  @ApiProperty({ description: 'What the consent is for.', enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose: ConsentPurpose;

  @ApiProperty({
    description: 'given, refused, or revoked (a revocation takes effect at once).',
    enum: CONSENT_DECISIONS,
  })
  @IsIn(CONSENT_DECISIONS)
  decision: ConsentDecision;

  @ApiProperty({
    description: 'Who decided: the defender, a family member, a lawyer, or someone else.',
    enum: CONSENT_GIVERS,
  })
  @IsIn(CONSENT_GIVERS)
  givenBy: ConsentGiver;

  @ApiProperty({ description: 'How it was given.', enum: CONSENT_METHODS })
  @IsIn(CONSENT_METHODS)
  method: ConsentMethod;

  @ApiProperty({
    description: 'When the decision was made (YYYY-MM-DD, not in the future).',
    format: 'date',
  })
  @IsCalendarDate()
  decidedOn: string;

  @ApiPropertyOptional({
    type: String,
    description: 'When a given consent lapses (YYYY-MM-DD); a review is due before.',
    format: 'date',
    nullable: true,
  })
  @IsOptional()
  @IsCalendarDate()
  expiresOn?: string | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Conditions or context (up to 1,000 characters).',
    maxLength: 1000,
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string | null;
}

export class ConsentResponse extends CreateConsentDto {
  @ApiProperty({ description: 'Entry id.', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Defender.', format: 'uuid' }) defenderId: string;
  @ApiProperty({ description: 'Who recorded it.', nullable: true, type: String }) recordedBy:
    string | null;
  @ApiProperty({ description: 'When it was recorded.', format: 'date-time' }) recordedAt: string;
}

export class CurrentConsentResponse {
  @ApiProperty({ description: 'given, refused, revoked, expired or none.' }) state: string;
  @ApiProperty({ description: 'True only when given and not expired.' }) granted: boolean;
  @ApiProperty({ description: 'Date of the decision in force.', nullable: true, type: String })
  since: string | null;
  @ApiProperty({ description: 'Expiry of the consent in force.', nullable: true, type: String })
  expiresOn: string | null;
}

export class ConsentLedgerResponse {
  @ApiProperty({
    description: 'The consent in force per purpose.',
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(CurrentConsentResponse) },
  })
  current: Record<string, CurrentConsentResponse>;
  @ApiProperty({ description: 'Every entry, oldest first.', type: [ConsentResponse] })
  entries: ConsentResponse[];
}

export class AssignDto {
  @ApiProperty({ description: 'The caseworker (or coordinator) to assign.', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  userId: string;
}

export class AssigneeParams {
  @ApiProperty({ description: 'Defender id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;

  @ApiProperty({ description: 'Assigned user id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  userId: string;
}

export class AssigneeResponse {
  @ApiProperty({ description: 'User id.', format: 'uuid' }) userId: string;
  @ApiProperty({ description: 'Name.' }) name: string;
  @ApiProperty({ description: 'Email.' }) email: string;
  @ApiProperty({ description: 'Role.' }) role: string;
  @ApiProperty({ description: 'Assigned at.', format: 'date-time' }) assignedAt: string;
}
