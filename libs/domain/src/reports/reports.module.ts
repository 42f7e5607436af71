import { Module } from '@nestjs/common';
import { AccessModule } from '../access';
import { ReportsService } from './reports.service';

@Module({
  imports: [AccessModule],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
