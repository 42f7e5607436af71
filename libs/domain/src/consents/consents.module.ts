import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DefendersModule } from '../defenders/defenders.module';
import { MilestoneSyncModule } from '../milestones/milestone-sync.module';
import { PublicationWithdrawalModule } from '../publication/publication-withdrawal';
import { Consent } from './consent.entity';
import { ConsentsService } from './consents.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Consent]),
    DefendersModule,
    MilestoneSyncModule,
    PublicationWithdrawalModule,
  ],
  providers: [ConsentsService],
  exports: [ConsentsService],
})
export class ConsentsModule {}
