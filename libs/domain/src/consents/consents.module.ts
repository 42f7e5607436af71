import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DefendersModule } from '../defenders';
import { Consent } from './consent.entity';
import { ConsentsService } from './consents.service';

@Module({
  imports: [TypeOrmModule.forFeature([Consent]), DefendersModule],
  providers: [ConsentsService],
  exports: [ConsentsService],
})
export class ConsentsModule {}
