import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { AuditService } from '@witness/platform';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Roles } from '../auth/policy.decorators';
import { ApiProblems } from '../http/api-problems.decorator';
import { PageQueryDto } from '../cases/history.dto';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Entity type, e.g. defender, event, user, consent.',
    maxLength: 40,
  })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'must be an entity type such as defender' })
  entityType?: string;

  @ApiPropertyOptional({ description: 'Entity id.', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional({ description: 'Acting user id.', format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a uuid' })
  actorId?: string;

  @ApiPropertyOptional({ description: 'From (inclusive), ISO 8601.', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'To (exclusive), ISO 8601.', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time' })
  to?: string;
}

export class AuditEventResponse {
  @ApiProperty({ description: 'Event id.' }) id: string;
  @ApiProperty({ description: 'When (UTC).', format: 'date-time' }) at: string;
  @ApiProperty({ description: 'Acting user, null for the system.', nullable: true, type: String })
  actorId: string | null;
  @ApiProperty({ description: 'Role of the actor at the time.' }) actorRole: string;
  @ApiProperty({ description: 'What was done, e.g. defender.update, auth.login_failed.' })
  action: string;
  @ApiProperty({ description: 'Kind of record.' }) entityType: string;
  @ApiProperty({ description: 'Record id.', nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ description: 'Defender concerned, if any.', nullable: true, type: String })
  subjectId: string | null;
  @ApiProperty({
    description:
      'Changed fields {field: {from, to}}, or the facts of the action (a reason, a count); sensitive values redacted.',
    nullable: true,
    type: 'object',
    additionalProperties: true,
  })
  changes: Record<string, unknown> | null;
  @ApiProperty({ description: 'Request id.', nullable: true, type: String }) requestId:
    string | null;
  @ApiProperty({ description: 'Client IP.', nullable: true, type: String }) ip: string | null;
  @ApiProperty({ description: 'Hash of this row in the tamper-evident chain.' }) hash: string;
}

export class AuditPageResponse {
  @ApiProperty({ description: 'Events, newest first.', type: [AuditEventResponse] })
  data: AuditEventResponse[];
  @ApiProperty({
    description: 'Cursor for the next page; null on the last.',
    nullable: true,
    type: String,
  })
  nextCursor: string | null;
}

@ApiTags('audit')
@Controller('api/v1/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary: 'The audit trail (admin)',
    description: 'Every change, sign-in, denial and read of a restricted case; newest first.',
  })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiProblems(400, 401, 403)
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
