import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  DEFENDER_CSV_COLUMNS,
  type CsvProblem,
  type DefenderCsvRow,
  type DefenderImportRow,
  type DefenderInput,
} from '@witness/domain';
import { ValidationFailedError } from '@witness/platform';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ProblemDto } from '../http/problem.dto';
import { strictValidationPipe } from '../http/validation';
import { ToBoolean } from '../http/validators';
import { CreateDefenderDto, DefenderListQueryDto } from './defender.dto';

export class ImportQueryDto {
  @ApiPropertyOptional({
    description: 'Check every row and report every problem, but write nothing.',
    type: Boolean,
    default: false,
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  dryRun?: boolean;
}

export class ImportErrorDto {
  @ApiProperty({
    description: 'Physical line of the file (the header is line 1); null for the whole file.',
    nullable: true,
    type: Number,
  })
  line: number | null;

  @ApiProperty({
    description: 'The column (header name), or null when the problem is the row or the file.',
    nullable: true,
    type: String,
  })
  column: string | null;

  @ApiProperty({ description: 'The column again (or "file"), for clients that read `field`.' })
  field: string;

  @ApiProperty({ description: 'Why the value or the line was refused.' })
  message: string;
}

/** 422: the file has problems; nothing was written. */
export class ImportProblemDto extends OmitType(ProblemDto, ['errors']) {
  @ApiProperty({
    description: 'Each problem by line and column, sorted by line (at most 1,000).',
    type: [ImportErrorDto],
  })
  errors: ImportErrorDto[];

  @ApiProperty({ description: 'How many problems were found in all.' })
  errorCount: number;

  @ApiProperty({ description: 'True when more problems exist than are listed.' })
  moreErrors: boolean;
}

export class ImportDryRunResponse {
  @ApiProperty({ description: 'Always true: nothing was written.', enum: [true] })
  dryRun: true;

  @ApiProperty({ description: 'Data rows in the file.' })
  rows: number;

  @ApiProperty({
    description: 'Rows that would be imported (all of them: a dry run with problems answers 422).',
  })
  valid: number;

  @ApiProperty({ description: 'Always empty here (problems answer 422).', type: [ImportErrorDto] })
  errors: ImportErrorDto[];
}

export class ImportResultResponse {
  @ApiProperty({ description: 'Always false: the records were written.', enum: [false] })
  dryRun: false;

  @ApiProperty({ description: 'Data rows in the file.' })
  rows: number;

  @ApiProperty({ description: 'Records created (all rows, in one transaction).' })
  imported: number;

  @ApiProperty({
    description: "The new records' ids, in the order of the file's rows.",
    type: [String],
    format: 'uuid',
  })
  ids: string[];

  @ApiProperty({ description: 'SHA-256 of the file as received, also in the audit trail.' })
  sha256: string;
}

/** The list's filters (same names, same rules), without paging, plus the format. */
export class ExportQueryDto extends OmitType(DefenderListQueryDto, ['limit', 'cursor']) {
  @ApiPropertyOptional({
    description:
      'csv (spreadsheet-safe, UTF-8 with BOM) or json (an array). Without it, the Accept header decides; csv by default.',
    enum: ['csv', 'json'],
  })
  @IsOptional()
  @IsIn(['csv', 'json'])
  format?: 'csv' | 'json';
}

export const MAX_LISTED_ERRORS = 1000;

const REQUIRED = new Set(DEFENDER_CSV_COLUMNS.filter((c) => c.required).map((c) => c.name));

/** The validation pipe every JSON body goes through: the very same rules for every row. */
const pipe = strictValidationPipe();

/**
 * Check each row's values exactly as a POST /defenders body is checked (the strict validation
 * pipe and CreateDefenderDto), keeping the rows that pass and the problems of those that do not.
 */
export async function validateDefenderRows(
  rows: readonly DefenderCsvRow[],
): Promise<{ valid: DefenderImportRow[]; problems: CsvProblem[] }> {
  const valid: DefenderImportRow[] = [];
  const problems: CsvProblem[] = [];
  for (const { line, values } of rows) {
    try {
      const input = (await pipe.transform(values, {
        type: 'body',
        metatype: CreateDefenderDto,
      })) as DefenderInput;
      valid.push({ line, input });
    } catch (err) {
      if (!(err instanceof ValidationFailedError)) throw err;
      const empty = new Set(
        Object.keys(values).filter((k) => REQUIRED.has(k as never) && values[k] === ''),
      );
      for (const column of empty) problems.push({ line, column, message: 'is required' });
      for (const e of err.errors) {
        const column = e.field.split(/[.[]/)[0] || null;
        if (column && empty.has(column)) continue;
        problems.push({ line, column, message: e.message });
      }
    }
  }
  return { valid, problems };
}
