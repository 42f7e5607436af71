import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({
    description: 'Account email (case-insensitive).',
    example: 'caseworker@example.org',
    maxLength: 254,
  })
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'must be an email address' })
  email: string;

  @ApiProperty({ description: 'Password.', minLength: 1, maxLength: 256, format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({
    description:
      'Current 6-digit TOTP code, or a recovery code, when the account has a second factor.',
    maxLength: 20,
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  totp?: string;
}

export class LoginResponse {
  @ApiProperty({
    description: 'Opaque bearer token (256 random bits). Send as Authorization: Bearer <token>.',
  })
  token: string;
  @ApiProperty({
    description: 'Absolute end of the session (it also ends after the idle timeout).',
    format: 'date-time',
  })
  expiresAt: string;
  @ApiProperty({
    description: 'True when the account must enrol a second factor before anything else.',
  })
  mfaEnrolmentRequired: boolean;
}

export class TotpDto {
  @ApiProperty({
    description: 'The 6-digit code shown by the authenticator app.',
    example: '123456',
  })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'must be the 6-digit code from your authenticator app' })
  totp: string;
}

export class MfaEnrolResponse {
  @ApiProperty({ description: 'Base32 secret to type into an authenticator app (shown once).' })
  secret: string;
  @ApiProperty({ description: 'otpauth:// URI (render it as a QR code).' })
  otpauthUri: string;
}

export class MfaConfirmResponse {
  @ApiProperty({
    description: 'Single-use recovery codes, shown once: store them safely.',
    type: [String],
  })
  recoveryCodes: string[];
}
