import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ToInt } from '../http/validators';

/** `limit` and `cursor`, shared by every keyset-paginated list. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Page size, 1-200.', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'Cursor from the previous page.', maxLength: 512 })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class HistoryQueryDto extends PageQueryDto {}
