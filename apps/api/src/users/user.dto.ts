import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@witness/domain';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsOptionalNotNull, Trim } from '../http/validators';

export class CreateUserDto {
  @ApiProperty({ description: 'Email, unique regardless of case.', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email: string;

  @ApiProperty({ description: 'Display name (1-200 characters).', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ description: 'Role: admin, coordinator, caseworker or viewer.', enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    description: 'IANA time zone for reminders, e.g. Africa/Nairobi.',
    default: 'UTC',
    maxLength: 64,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiProperty({
    description: 'Initial password: 12-256 characters, not a common or guessable one.',
    minLength: 12,
    maxLength: 256,
    format: 'password',
  })
  @IsString()
  @Length(12, 256)
  password: string;
}

// Each may be left out but not nulled: the columns have no null (a null was a 500).
export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'Display name.', maxLength: 200 })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({
    description: "New role (takes effect at once: the user's sessions end).",
    enum: ROLES,
  })
  @IsOptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'IANA time zone.', maxLength: 64 })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  timeZone?: string;
}

export class UserIdParams {
  @ApiProperty({ description: 'User id (uuid).', format: 'uuid' })
  @IsUUID('all', { message: 'must be a uuid' })
  id: string;
}

export class UserResponse {
  @ApiProperty({ description: 'Identifier.', format: 'uuid' })
  id: string;
  @ApiProperty({ description: 'Email (lower-cased).' })
  email: string;
  @ApiProperty({ description: 'Display name.' })
  name: string;
  @ApiProperty({ description: 'Role.', enum: ROLES })
  role: Role;
  @ApiProperty({ description: 'IANA time zone.' })
  timeZone: string;
  @ApiProperty({ description: 'False once deactivated.' })
  active: boolean;
  @ApiProperty({ description: 'Whether a TOTP second factor is active.' })
  mfaEnabled: boolean;
  @ApiProperty({ description: 'Record version.' })
  version: number;
  @ApiProperty({ description: 'Created at.', format: 'date-time' })
  createdAt: string;
  @ApiProperty({ description: 'Last changed at.', format: 'date-time' })
  updatedAt: string;
}
