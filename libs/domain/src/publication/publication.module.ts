import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DefendersModule } from '../defenders/defenders.module';
import { Publication } from './publication.entity';
import { PublicationService } from './publication.service';
import { PublicationWithdrawalModule } from './publication-withdrawal';

@Module({
  imports: [TypeOrmModule.forFeature([Publication]), DefendersModule, PublicationWithdrawalModule],
  providers: [PublicationService],
  exports: [PublicationService, PublicationWithdrawalModule],
})
export class PublicationModule {}
