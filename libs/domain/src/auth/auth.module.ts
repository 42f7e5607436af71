import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../users';
import { AuthService } from './auth.service';
import { PasswordVerifier } from './password-verifier';
import { LoginFailure, Session } from './session.entity';

@Module({
  imports: [TypeOrmModule.forFeature([User, Session, LoginFailure])],
  providers: [AuthService, PasswordVerifier],
  exports: [AuthService, PasswordVerifier],
})
export class AuthModule {}
