import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DefendersModule } from '../defenders';
import { DetentionEvent } from './detention-event.entity';
import { DetentionService } from './detention.service';

@Module({
  imports: [TypeOrmModule.forFeature([DetentionEvent]), DefendersModule],
  providers: [DetentionService],
  exports: [DetentionService],
})
export class DetentionModule {}
