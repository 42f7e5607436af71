import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOCUMENT_KINDS, FILE_TYPES, MAX_ANNEXES } from '@witness/domain';
import { ArrayMaxSize, IsArray, IsBoolean, IsUUID } from 'class-validator';
import { IsOptionalNotNull } from '../http/validators';

export class PutAnnexesDto {
  @ApiProperty({
    description: `The documents that go with the escalation, in the order they are numbered (Annex 1, 2...): at most ${MAX_ANNEXES}, each once, each a document (not deleted) of one of the escalation's defenders that you may see. An empty list removes them all. Annexes you may not see (confidential documents of a case you are not assigned to) keep their place.`,
    type: [String],
    format: 'uuid',
    maxItems: MAX_ANNEXES,
  })
  @IsArray()
  @ArrayMaxSize(MAX_ANNEXES)
  @IsUUID('all', { each: true, message: 'each must be a uuid' })
  documentIds: string[];

  @ApiPropertyOptional({
    description:
      'Pin the latest version of every listed document. Otherwise a document already chosen keeps the version pinned when it was chosen (what was reviewed is what goes), and a newly chosen one is pinned at its latest version.',
    default: false,
  })
  @IsOptionalNotNull()
  @IsBoolean()
  refreshVersions?: boolean;
}

export class AnnexResponse {
  @ApiProperty({ description: 'Its number among the annexes you see (Annex 1, 2...).' })
  number: number;
  @ApiProperty({ description: 'The document.', format: 'uuid' }) documentId: string;
  @ApiProperty({ description: 'The case it belongs to.', format: 'uuid' }) defenderId: string;
  @ApiProperty({ description: 'Title.' }) title: string;
  @ApiProperty({ description: 'Kind.', enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ description: 'Language (BCP 47).', nullable: true, type: String })
  language: string | null;
  @ApiProperty({ description: 'The date it bears.', nullable: true, type: String, format: 'date' })
  date: string | null;
  @ApiProperty({ description: 'Confidential (only assigned caseworkers, coordinators, admins).' })
  confidential: boolean;
  @ApiProperty({ description: 'The pinned version: what goes with the dossier.' })
  versionNo: number;
  @ApiProperty({ description: 'The latest version (greater when a newer one was uploaded).' })
  latestVersionNo: number;
  @ApiProperty({ description: 'File name of the pinned version.' }) fileName: string;
  @ApiProperty({ description: 'Its type.', enum: Object.keys(FILE_TYPES) }) fileType: string;
  @ApiProperty({ description: 'Its Content-Type.' }) contentType: string;
  @ApiProperty({ description: 'Its size in bytes.' }) sizeBytes: number;
  @ApiProperty({
    description: 'Who chose it (or pinned this version).',
    nullable: true,
    type: String,
  })
  chosenBy: string | null;
  @ApiProperty({ description: 'When.', nullable: true, type: String, format: 'date-time' })
  chosenAt: string | null;
}

export class AnnexSetResponse {
  @ApiProperty({ description: 'The escalation.', format: 'uuid' }) escalationId: string;
  @ApiProperty({ description: "The escalation's version (also the ETag) for If-Match." })
  version: number;
  @ApiProperty({ type: [AnnexResponse], description: 'The annexes you may see, in order.' })
  annexes: AnnexResponse[];
}
