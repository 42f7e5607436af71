import { ApiProperty } from '@nestjs/swagger';

/** A dossier: one rendering of an escalation's questionnaire, in one language and edition. */
export class DossierResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Escalation.', format: 'uuid' }) escalationId: string;
  @ApiProperty({ description: 'Version number within the escalation (one per request).' })
  versionNo: number;
  @ApiProperty({ description: 'Language.', enum: ['en', 'fr', 'es'] }) language: string;
  @ApiProperty({ description: 'Format.', enum: ['pdf', 'html'] }) format: string;
  @ApiProperty({ description: 'Edition.', enum: ['submission', 'public'] }) edition: string;
  @ApiProperty({ description: 'queued, rendering, ready or failed.' }) state: string;
  @ApiProperty({ description: 'Why rendering failed.', nullable: true, type: String })
  failureReason: string | null;
  @ApiProperty({ description: 'Template version it was made with.', nullable: true, type: String })
  templateVersion: string | null;
  @ApiProperty({ description: 'SHA-256 of the file.', nullable: true, type: String }) sha256:
    string | null;
  @ApiProperty({ description: 'Size in bytes.', nullable: true, type: Number }) sizeBytes:
    number | null;
  @ApiProperty({
    description:
      'File name, fixed when the version was requested and never changed after, e.g. WIT-2026-0042-wgad-en-v2.pdf (the download uses it).',
  })
  fileName: string;
  @ApiProperty({
    description: "Generated although the mechanism's required answers were not all there.",
  })
  incomplete: boolean;
  @ApiProperty({ description: 'Requested at.', format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Rendered at.', nullable: true, type: String }) renderedAt:
    string | null;
  @ApiProperty({
    description: 'True when the case changed after this dossier was made.',
    required: false,
  })
  stale?: boolean;
}
