import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '../access';
import { DefendersModule } from '../defenders';
import {
  Partner,
  SolidarityAction,
  SolidarityActionDefender,
  SolidarityActionPartner,
} from './solidarity.entity';
import { SolidarityService } from './solidarity.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Partner,
      SolidarityAction,
      SolidarityActionDefender,
      SolidarityActionPartner,
    ]),
    AccessModule,
    DefendersModule,
  ],
  providers: [SolidarityService],
  exports: [SolidarityService],
})
export class SolidarityModule {}
