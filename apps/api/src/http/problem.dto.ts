import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({
    description: 'Path of the offending field, e.g. `fullName` or `contacts[0].email`.',
  })
  field: string;
  @ApiProperty({ description: 'Why the value was refused.' })
  message: string;
}

/** RFC 9457 problem details (served as application/problem+json). */
export class ProblemDto {
  @ApiProperty({ description: 'URN identifying the kind of problem, or about:blank.' })
  type: string;
  @ApiProperty({ description: 'Short summary of the kind of problem.' })
  title: string;
  @ApiProperty({ description: 'HTTP status code.' })
  status: number;
  @ApiProperty({ description: 'What went wrong with this request, for a person.' })
  detail: string;
  @ApiPropertyOptional({ description: 'The path of the request.' })
  instance?: string;
  @ApiProperty({ description: 'Request id, also in the X-Request-Id header and the logs.' })
  requestId: string;
  @ApiPropertyOptional({
    description: 'For validation problems: each bad field and why.',
    type: [FieldErrorDto],
  })
  errors?: FieldErrorDto[];
}
