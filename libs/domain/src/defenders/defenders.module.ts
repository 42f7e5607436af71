import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access/access.module';
import { MilestoneSyncModule } from '../milestones/milestone-sync.module';
import { PublicationWithdrawalModule } from '../publication/publication-withdrawal';
import { Defender } from './defender.entity';
import { DefendersService } from './defenders.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Defender]),
    AccessModule,
    MilestoneSyncModule,
    PublicationWithdrawalModule,
  ],
  providers: [DefendersService],
  exports: [DefendersService],
})
export class DefendersModule {}
